package dev.tickwire.s3;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.archive.BucketArchive;
import dev.tickwire.archive.ObjectStore;
import dev.tickwire.archive.ObjectStores;
import dev.tickwire.archive.ThreeDays;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.ArchiveLink;
import dev.tickwire.journal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine with {@code archive.dir: s3://…}: a bucket out of reach from the start is reported once
 * and counted, the engine journals every tick and nothing is deleted; once the bucket answers, the
 * waiting days go up and retention trims the journal.
 */
class BucketArchiverEngineTest
{
    private static final int SYNTHETIC = 3_000;
    private static final String LOCATION = "s3://history/engine";

    @TempDir
    Path dir;

    @Test
    void anUnreachableBucketIsReportedOnceNothingIsDeletedAndTheArchiverCatchesUp() throws Exception
    {
        try (S3Server server = S3Server.start(Files.createDirectories(dir.resolve("s3"))))
        {
            server.createBucket("history");
            final Map<String, String> settings = new java.util.HashMap<>(server.settings());
            settings.put("retries", "1");
            final TickwireConfig config = config(settings);
            final long before = new ThreeDays(config.journalPath()).write(0, 2);
            server.stop();
            final ListAppender<ILoggingEvent> log = new ListAppender<>();
            log.start();
            final Logger logger = (Logger)LoggerFactory.getLogger("dev.tickwire.archive.ArchiverAgent");
            logger.addAppender(log);
            logger.setLevel(ch.qos.logback.classic.Level.INFO);
            try (Engine engine = Engine.launch(config, Sources.create(config)))
            {
                await(engine::adaptersDone, () -> "the synthetic source to finish");
                await(() -> messages(log).stream().anyMatch(m -> m.contains(LOCATION)),
                    () -> "the unreachable bucket's report; logged so far: " + messages(log));
                Thread.sleep(2_500); // at least one more attempt
                assertThat(firstSequence(config)).as("nothing deleted").isEqualTo(1);
                assertThat(config.archiveCachePath().resolve("manifests/2024-03-05.json"))
                    .as("the day waits in the cache").exists();

                server.restart();
                await(() -> firstSequence(config) > 1, () -> "the archiver to send the days and retain");
            }
            finally
            {
                logger.detachAppender(log);
            }
            final List<String> said = messages(log);
            assertThat(said.stream().filter(m -> m.contains("retrying")).count()).as("reported once: %s", said).isEqualTo(1);
            assertThat(said).anyMatch(m -> m.contains(LOCATION + " is reachable again"))
                .noneMatch(m -> m.contains(server.secret()));
            try (Journal journal = Journal.open(new Journal.Context().dir(config.journalPath()).readOnly(true));
                BucketArchive bucket = BucketArchive.open(ArchiveLink.read(config.journalPath()), "archive.link");
                ObjectStore s3 = ObjectStores.open(LOCATION, "archive.dir", server.settings(), "archive.s3"))
            {
                assertThat(journal.lastSequence()).as("every tick journaled meanwhile").isEqualTo(before + SYNTHETIC + 2);
                assertThat(bucket.verify()).isEmpty();
                assertThat(bucket.verifyJournal(journal)).isEmpty();
                assertThat(s3.list("manifests/")).extracting(ObjectStore.Entry::key)
                    .containsExactly("manifests/2024-03-04.json", "manifests/2024-03-05.json");
            }
        }
    }

    @Test
    void badBucketSettingsFailAtStartNamingTheKey()
    {
        final TickwireConfig config = config(Map.of("endpoint", "ftp://nowhere"));
        assertThatThrownBy(() -> Engine.launch(config, Sources.create(config)).close())
            .isInstanceOf(ConfigException.class).hasMessageContaining("archive.s3.endpoint");
        config.archive.s3 = Map.of();
        config.archive.cache = "ten gigabytes";
        assertThatThrownBy(config::conclude).isInstanceOf(ConfigException.class).hasMessageContaining("archive.cache");
    }

    @Test
    void theBucketSettingsReadFromYaml()
    {
        final TickwireConfig config = dev.tickwire.engine.config.ConfigLoader.parse("""
            archive:
              dir: s3://history/tickwire
              s3: {endpoint: "http://minio.lan:9000", pathStyle: true, retries: 3, accessKeyIdEnv: MINIO_KEY,
                   secretAccessKeyEnv: MINIO_SECRET}
              cache: 512mb
            """);
        assertThat(config.archiveLocation()).isEqualTo("s3://history/tickwire");
        assertThat(config.archive.s3).containsEntry("pathStyle", "true").containsEntry("retries", "3")
            .containsEntry("endpoint", "http://minio.lan:9000");
        assertThat(config.archiveCacheBytes()).isEqualTo(512L << 20);
        assertThat(config.archiveCachePath()).isEqualTo(config.journalPath().toAbsolutePath().normalize()
            .resolveSibling("archive-cache"));
    }

    private TickwireConfig config(final Map<String, String> settings)
    {
        final TickwireConfig config = new TickwireConfig();
        config.dataDir = dir.resolve("data").toString();
        config.aeron.publish = false;
        config.archive.dir = LOCATION;
        config.archive.s3 = settings;
        config.archive.cache = "64m";
        config.archive.checkEvery = "1s";
        config.journal.retain = "1h";
        config.checkpoints.enabled = false;
        final ObjectNode source = JsonNodeFactory.instance.objectNode();
        // the third day (after the two ThreeDays wrote), so the journal moves past both
        source.put("type", "synthetic").put("id", 7).put("rate", 0).put("count", SYNTHETIC)
            .put("startTime", "2024-03-06T05:00:00Z");
        config.sources.add(source);
        return config;
    }

    private static long firstSequence(final TickwireConfig config)
    {
        try (Journal journal = Journal.open(new Journal.Context().dir(config.journalPath()).readOnly(true)))
        {
            return journal.firstSequence();
        }
    }

    private static void await(final BooleanSupplier condition, final Supplier<String> what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            Thread.sleep(50);
        }
    }

    private static List<String> messages(final ListAppender<ILoggingEvent> log)
    {
        synchronized (log.list)
        {
            return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
