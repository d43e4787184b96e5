package dev.tickwire.s3;

import dev.tickwire.archive.ArchiveException;
import dev.tickwire.archive.ArchiveExport;
import dev.tickwire.archive.ArchiveSync;
import dev.tickwire.archive.Archiver;
import dev.tickwire.archive.BucketArchive;
import dev.tickwire.archive.HistoryAnswers;
import dev.tickwire.archive.LocalObjectStore;
import dev.tickwire.archive.ObjectStore;
import dev.tickwire.archive.ObjectStores;
import dev.tickwire.archive.ThreeDays;
import dev.tickwire.journal.ArchiveLink;
import dev.tickwire.journal.Journal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The archive in a bucket, against a real S3 API server (S3Proxy): the archiver writes each day into
 * the cache and sends it up, retention deletes journal cycles only once the bucket holds their days
 * whole, and every query reads the days the journal no longer holds from the bucket, through a cache
 * that keeps to its bound, with the answers of a folder archive, byte for byte.
 */
class BucketArchiveTest
{
    private static final String BUCKET = "history";
    private static final String LOCATION = "s3://" + BUCKET + "/tickwire";
    private static final long NOW_MS = (ThreeDays.DAY0 + 3 * ThreeDays.DAY_NS) / 1_000_000;

    @TempDir
    Path dir;
    private S3Server server;

    @BeforeEach
    void startServer() throws Exception
    {
        server = S3Server.start(Files.createDirectories(dir.resolve("s3")));
        server.createBucket(BUCKET);
    }

    @AfterEach
    void stopServer()
    {
        server.close();
    }

    private ArchiveLink link(final Map<String, String> settings, final long cacheBytes)
    {
        return BucketArchive.link(LOCATION, settings, dir.resolve("archive-cache"), cacheBytes);
    }

    @Test
    void theArchiverSendsItsDaysUpAndEveryQueryReadsThemFromTheBucketAsFromAFolder() throws Exception
    {
        final ThreeDays inFolder = new ThreeDays(dir.resolve("folder/journal"));
        inFolder.write(0, 3);
        final ThreeDays inBucket = new ThreeDays(dir.resolve("bucket/journal"));
        inBucket.write(0, 3);
        final List<String> before = HistoryAnswers.of(inBucket);
        final Path folder = dir.resolve("folder/archive");
        try (Journal journal = Journal.open(inFolder.context()))
        {
            Archiver.run(journal, folder, Duration.ofHours(1), NOW_MS, new ArchiveExport.Options());
        }
        try (Journal journal = Journal.open(inBucket.context());
            BucketArchive bucket = BucketArchive.open(link(server.settings(), 1L << 30), "archive.dir"))
        {
            final int cycles = journal.cycles().size();
            final Archiver.Pass pass = Archiver.run(journal, bucket, Duration.ofHours(1), NOW_MS, new ArchiveExport.Options());
            assertThat(pass.daysArchived()).containsExactly("2024-03-04", "2024-03-05");
            assertThat(pass.cyclesDeleted()).isNotEmpty();
            assertThat(journal.cycles()).hasSize(cycles - pass.cyclesDeleted().size());
            assertThat(journal.firstSequence()).isGreaterThan(1);
            assertThat(bucket.verify()).isEmpty();
        }

        // the bucket holds the folder archive's objects, byte for byte
        try (ObjectStore s3 = ObjectStores.open(LOCATION, "archive.dir", server.settings(), "archive.s3"))
        {
            final LocalObjectStore local = new LocalObjectStore(folder);
            final List<ObjectStore.Entry> objects = local.list("");
            assertThat(objects).hasSizeGreaterThan(20).anyMatch(e -> e.key().equals("manifests/2024-03-05.json"));
            assertThat(s3.list("")).isEqualTo(objects);
            for (final ObjectStore.Entry e : objects)
            {
                final Path back = dir.resolve("read").resolve(e.key());
                s3.get(e.key(), back);
                assertThat(Files.readAllBytes(back)).as(e.key()).isEqualTo(Files.readAllBytes(folder.resolve(e.key())));
            }
        }

        // the journal links to the bucket (how to reach it, never a secret); every query answers as before,
        // and as over the folder archive
        final ArchiveLink linked = ArchiveLink.read(inBucket.journalDir);
        assertThat(linked.location()).isEqualTo(LOCATION);
        assertThat(Files.readString(inBucket.journalDir.resolve(Journal.Context.ARCHIVE_LINK)))
            .contains("s3.endpoint=" + server.endpoint()).doesNotContain(server.secret());
        HistoryAnswers.assertSame(HistoryAnswers.of(inBucket), before);
        HistoryAnswers.assertSame(HistoryAnswers.of(inFolder), before);

        // a cold cache: the days come from the bucket again
        deleteTree(dir.resolve("archive-cache"));
        HistoryAnswers.assertSame(HistoryAnswers.of(inBucket), before);
        assertThat(dataFiles(dir.resolve("archive-cache"))).isNotEmpty();
    }

    @Test
    void theCacheKeepsToItsBoundAndAnswersTheSame() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal"));
        days.write(0, 3);
        final List<String> before = HistoryAnswers.of(days);
        long largestDay = 0;
        try (Journal journal = Journal.open(days.context());
            BucketArchive big = BucketArchive.open(link(server.settings(), 1L << 30), "archive.dir"))
        {
            Archiver.run(journal, big, null, NOW_MS, new ArchiveExport.Options());
            for (final var m : big.days())
            {
                largestDay = Math.max(largestDay, m.files().stream().mapToLong(f -> f.bytes()).sum());
            }
        }
        // a bound of one day: the journal's link carries it to every reader
        final long bound = largestDay + 1;
        try (Journal journal = Journal.open(days.context());
            BucketArchive small = BucketArchive.open(link(server.settings(), bound), "archive.dir"))
        {
            final Archiver.Pass pass = Archiver.run(journal, small, Duration.ofHours(1), NOW_MS, new ArchiveExport.Options());
            assertThat(pass.cyclesDeleted()).isNotEmpty();
        }
        assertThat(bytes(dataFiles(dir.resolve("archive-cache")))).as("trimmed once the days were sent").isLessThanOrEqualTo(bound);
        HistoryAnswers.assertSame(HistoryAnswers.of(days), before);
        final List<Path> cached = dataFiles(dir.resolve("archive-cache"));
        assertThat(bytes(cached)).as("reading two days through a one-day cache").isLessThanOrEqualTo(bound).isPositive();
        System.out.printf("cache bound %d bytes: %d files, %d bytes after the queries%n", bound, cached.size(), bytes(cached));
    }

    @Test
    void retentionWithTheBucketUnreachableDeletesNothingAndTheDaysWaitInTheCache() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal"));
        days.write(0, 3);
        final Map<String, String> settings = new HashMap<>(server.settings());
        settings.put("retries", "1");
        server.stop();
        try (Journal journal = Journal.open(days.context());
            BucketArchive bucket = BucketArchive.open(link(settings, 1L << 30), "archive.dir"))
        {
            final int cycles = journal.cycles().size();
            assertThatThrownBy(() -> Archiver.run(journal, bucket, Duration.ofHours(1), NOW_MS, new ArchiveExport.Options()))
                .isInstanceOf(ArchiveException.class)
                .hasMessageContaining(LOCATION)
                .satisfies(ex -> assertThat(ex.getMessage()).doesNotContain(server.secret()));
            assertThat(journal.cycles()).as("nothing deleted").hasSize(cycles);
            assertThat(journal.firstSequence()).isEqualTo(1);
            assertThat(dir.resolve("archive-cache/manifests/2024-03-05.json")).as("written, waiting to be sent").exists();

            server.restart();
            final Archiver.Pass pass = Archiver.run(journal, bucket, Duration.ofHours(1), NOW_MS, new ArchiveExport.Options());
            assertThat(pass.daysArchived()).as("already in the cache").isEmpty();
            assertThat(pass.cyclesDeleted()).isNotEmpty();
            assertThat(bucket.days()).extracting(m -> m.day()).containsExactly("2024-03-04", "2024-03-05");
            assertThat(bucket.verify()).isEmpty();
        }
    }

    @Test
    void aServerStoppedMidUploadIsWaitedForAndNoDayIsEverVisibleHalfSent() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal"));
        days.write(0, 3);
        final Map<String, String> settings = new HashMap<>(server.settings());
        settings.put("retries", "10");
        final AtomicInteger puts = new AtomicInteger();
        final List<String> checks = new ArrayList<>();
        try (ObjectStore observer = ObjectStores.open(LOCATION, "observer", server.settings(), "observer");
            ObjectStore s3 = ObjectStores.open(LOCATION, "archive.dir", settings, "archive.s3");
            Journal journal = Journal.open(days.context());
            BucketArchive bucket = BucketArchive.over(new Stopping(s3, observer, puts, checks), link(settings, 1L << 30),
                "archive.dir"))
        {
            final Archiver.Pass pass = Archiver.run(journal, bucket, Duration.ofHours(1), NOW_MS, new ArchiveExport.Options());
            assertThat(pass.cyclesDeleted()).isNotEmpty();
            assertThat(puts.get()).isGreaterThan(20);
            assertThat(checks).as("a reader's view before each put").hasSize(puts.get())
                .allSatisfy(c -> assertThat(c).endsWith(": every listed day whole"));
            assertThat(bucket.verify()).isEmpty();
            assertThat(observer.list("manifests/")).hasSize(2);
        }
    }

    /** Stops the server just before the 7th put and brings it back 1 s later; checks what a reader sees before each put. */
    private final class Stopping extends ForwardingStore
    {
        private final ObjectStore observer;
        private final AtomicInteger puts;
        private final List<String> checks;

        Stopping(final ObjectStore s3, final ObjectStore observer, final AtomicInteger puts, final List<String> checks)
        {
            super(s3);
            this.observer = observer;
            this.puts = puts;
            this.checks = checks;
        }

        @Override
        public void put(final Path file, final String key, final String sha256) throws IOException
        {
            final int n = puts.incrementAndGet();
            // what a reader trusts: each day whose manifest it lists has every file the manifest names
            final List<String> problems = new ArrayList<>();
            for (final ObjectStore.Entry m : observer.list("manifests/"))
            {
                problems.addAll(ArchiveSync.problemsIn(observer, readManifest(observer.read(m.key()))));
            }
            checks.add("put " + n + " " + key + (problems.isEmpty() ? ": every listed day whole" : ": " + problems));
            if (n == 7)
            {
                server.outage(1_000);
            }
            store.put(file, key, sha256); // refused while the server is down, retried with backoff
        }
    }

    private static dev.tickwire.archive.DayManifest readManifest(final byte[] bytes) throws IOException
    {
        return com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .propertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE).build()
            .readValue(bytes, dev.tickwire.archive.DayManifest.class);
    }

    private static List<Path> dataFiles(final Path cache) throws IOException
    {
        if (!Files.isDirectory(cache))
        {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(cache))
        {
            return s.filter(p -> p.toString().endsWith(".parquet") && !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static long bytes(final List<Path> files) throws IOException
    {
        long n = 0;
        for (final Path f : files)
        {
            n += Files.size(f);
        }
        return n;
    }

    private static void deleteTree(final Path root) throws IOException
    {
        try (Stream<Path> s = Files.walk(root))
        {
            for (final Path p : s.sorted(java.util.Comparator.reverseOrder()).toList())
            {
                Files.delete(p);
            }
        }
    }
}
