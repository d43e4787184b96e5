package dev.tickwire.archive;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.Journal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archiver inside a running engine: it archives the days the journal has left and deletes their
 * cycles; when the archive's disk is full or read-only it says so once, keeps retrying, deletes
 * nothing, and the engine journals every tick meanwhile; when the disk is back it catches up.
 * The archive lives on a small tmpfs the test mounts (the tests run as root, as CI does).
 */
class ArchiverEngineTest
{
    private static final int SYNTHETIC = 3_000;

    @TempDir
    Path dir;
    private Path mount;

    @AfterEach
    void unmount() throws Exception
    {
        if (mount != null)
        {
            run("umount", mount.toString());
        }
    }

    @Test
    void archivesTheClosedDaysAndRetainsWhileTheEngineRuns() throws Exception
    {
        final TickwireConfig config = config(dir.resolve("archive"));
        final long before = new ThreeDays(config.journalPath()).write(0, 2);
        try (Engine engine = Engine.launch(config, Sources.create(config)))
        {
            await(engine::adaptersDone, "the synthetic source to finish");
            await(() -> Files.exists(dir.resolve("archive/manifests/2024-03-05.json")), "both closed days archived");
            await(() -> firstSequence() > 1, "retention to delete the archived days' cycles");
            assertThat(Files.readString(dir.resolve("archive/manifests/2024-03-04.json"))).contains("\"complete\" : true");
            assertThat(Files.readString(dir.resolve("archive/manifests/2024-03-05.json"))).contains("\"complete\" : true");
        }
        try (Journal journal = Journal.open(new Journal.Context().dir(config.journalPath()).readOnly(true)))
        {
            assertThat(journal.lastSequence()).isEqualTo(before + SYNTHETIC + 2); // and the 2 definitions
            assertThat(Archive.verifyJournal(journal, dir.resolve("archive"))).isEmpty();
            assertThat(Archive.at(dir.resolve("archive")).verify()).isEmpty();
        }
    }

    @Test
    void aFullDiskThenAReadOnlyOneAreReportedNothingIsDeletedAndTheArchiverCatchesUp() throws Exception
    {
        mount = dir.resolve("small");
        Files.createDirectories(mount);
        run("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", mount.toString());
        final Path archive = mount.resolve("archive");
        final TickwireConfig config = config(archive);
        final long before = new ThreeDays(config.journalPath()).write(0, 2);
        final ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        final Logger logger = (Logger)LoggerFactory.getLogger(ArchiverAgent.class);
        logger.addAppender(log);
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        try (Engine engine = Engine.launch(config, Sources.create(config)))
        {
            await(engine::adaptersDone, "the synthetic source to finish");
            await(() -> messages(log).stream().anyMatch(m -> m.contains("No space left on device")),
                () -> "the disk-full report; logged so far: " + messages(log));
            assertThat(firstSequence()).as("nothing deleted").isEqualTo(1);

            run("mount", "-o", "remount,ro", mount.toString());
            Thread.sleep(3_000); // at least one more attempt against the read-only disk
            assertThat(firstSequence()).as("nothing deleted").isEqualTo(1);

            run("mount", "-o", "remount,rw,size=64m", mount.toString());
            await(() -> firstSequence() > 1, "the archiver to catch up and retain once the disk has room");
        }
        finally
        {
            logger.detachAppender(log);
        }
        final List<String> said = messages(log);
        assertThat(said.stream().filter(m -> m.contains("archiver: ") && m.contains("retrying")).count())
            .as("reported once, then counted: %s", said).isEqualTo(1);
        assertThat(said).anyMatch(m -> m.contains("writable again"));
        assertThat(said.stream().filter(m -> m.contains("No space left on device")).findFirst().orElseThrow())
            .as("a clear message: the archive, the day and the reason").contains(archive.toString(), "day 2024-03-04")
            .hasSizeLessThan(400);
        try (Journal journal = Journal.open(new Journal.Context().dir(config.journalPath()).readOnly(true)))
        {
            assertThat(journal.lastSequence()).as("every tick journaled meanwhile").isEqualTo(before + SYNTHETIC + 2); // and the 2 definitions
            assertThat(Archive.at(archive).verify()).isEmpty();
            assertThat(Archive.verifyJournal(journal, archive)).isEmpty();
        }
    }

    private TickwireConfig config(final Path archive)
    {
        final TickwireConfig config = new TickwireConfig();
        config.dataDir = dir.resolve("data").toString();
        config.aeron.publish = false;
        config.archive.dir = archive.toString();
        config.archive.checkEvery = "1s";
        config.journal.retain = "1h";
        // the archiver alone against a full disk: a book checkpointer reading the journal while retention deletes
        // its cycles once sent the archiver's Chronicle tailer into a StackOverflowError (a known issue, in the note)
        config.checkpoints.enabled = false;
        final ObjectNode source = JsonNodeFactory.instance.objectNode();
        // the third day (after the two ThreeDays wrote), so the journal moves past both
        source.put("type", "synthetic").put("id", 7).put("rate", 0).put("count", SYNTHETIC)
            .put("startTime", "2024-03-06T05:00:00Z");
        config.sources.add(source);
        return config;
    }

    private long firstSequence()
    {
        try (Journal journal = Journal.open(new Journal.Context().dir(dir.resolve("data").resolve("journal")).readOnly(true)))
        {
            return journal.firstSequence();
        }
    }

    private static List<String> messages(final ListAppender<ILoggingEvent> log)
    {
        synchronized (log.list)
        {
            return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private static void await(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        await(condition, () -> what);
    }

    private static void await(final BooleanSupplier condition, final java.util.function.Supplier<String> what)
        throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("waited 60 s for " + what.get());
            }
            Thread.sleep(50);
        }
    }

    private static void run(final String... command) throws IOException, InterruptedException
    {
        final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    }
}
