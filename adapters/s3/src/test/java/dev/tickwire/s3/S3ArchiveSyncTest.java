package dev.tickwire.s3;

import dev.tickwire.archive.Archive;
import dev.tickwire.archive.ArchiveExport;
import dev.tickwire.archive.ArchiveSync;
import dev.tickwire.archive.LocalObjectStore;
import dev.tickwire.archive.ObjectStore;
import dev.tickwire.archive.ObjectStores;
import dev.tickwire.archive.ThreeDays;
import dev.tickwire.journal.Journal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code archive sync} between a folder and a real S3 API server (S3Proxy on loopback), both ways. */
class S3ArchiveSyncTest
{
    private static final String BUCKET = "tickwire-test";
    private static final String LOCATION = "s3://" + BUCKET + "/archive/eu";

    @TempDir
    Path dir;
    private S3Server server;
    private Path archive;

    @BeforeEach
    void archiveAndServer() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal"));
        days.write(0, 3);
        archive = dir.resolve("archive");
        try (Journal journal = Journal.open(days.context()))
        {
            ArchiveExport.run(journal, archive, new ArchiveExport.Options());
        }
        server = S3Server.start(Files.createDirectories(dir.resolve("s3")));
        server.createBucket(BUCKET);
    }

    @AfterEach
    void stop() throws Exception
    {
        if (server != null)
        {
            server.close();
        }
    }

    private ObjectStore bucket() throws IOException
    {
        return ObjectStores.open(LOCATION, "--to", server.settings(), "--s3"); // through the ServiceLoader
    }

    @Test
    void anArchiveGoesToTheBucketAndComesBackByteForByteAndVerifies() throws Exception
    {
        final LocalObjectStore local = new LocalObjectStore(archive);
        final List<ObjectStore.Entry> files = local.list("");
        assertThat(files).hasSizeGreaterThan(20).anyMatch(e -> e.key().equals("manifests/2024-03-06.json"));
        try (ObjectStore s3 = bucket())
        {
            assertThat(s3).isInstanceOf(S3ObjectStore.class);
            final ArchiveSync.Result up = ArchiveSync.run(local, s3, Instant.now(), ArchiveSync.Progress.NONE);
            assertThat(up.days()).isEqualTo(3);
            assertThat(up.filesSent()).isEqualTo(files.size());
            assertThat(up.bytesSent()).isEqualTo(files.stream().mapToLong(ObjectStore.Entry::size).sum());
            // the bucket lists the same objects, sizes and checksums; each reads back byte for byte
            assertThat(s3.list("")).containsExactlyInAnyOrderElementsOf(files);
            for (final ObjectStore.Entry e : files)
            {
                final Path back = dir.resolve("read").resolve(e.key());
                s3.get(e.key(), back);
                assertThat(Files.readAllBytes(back)).as(e.key()).isEqualTo(Files.readAllBytes(archive.resolve(e.key())));
                assertThat(s3.sha256(e.key())).isEqualTo(local.sha256(e.key()));
            }
            System.out.printf("sync to S3Proxy: %d files, %d bytes in %.1f ms: %.1f MB/s%n", up.filesSent(), up.bytesSent(),
                up.elapsedNs() / 1e6, up.megabytesPerSecond());

            // again: nothing to send
            final ArchiveSync.Result again = ArchiveSync.run(local, s3, Instant.now(), ArchiveSync.Progress.NONE);
            assertThat(again.filesSent()).isZero();
            assertThat(again.daysUpToDate()).isEqualTo(3);

            // and back to an empty folder: the existing verify passes, the days are the same
            final Path restored = dir.resolve("restored");
            final ArchiveSync.Result down = ArchiveSync.run(s3, new LocalObjectStore(restored), null, ArchiveSync.Progress.NONE);
            assertThat(down.filesSent()).isEqualTo(files.size());
            assertThat(Archive.at(restored).verify()).isEmpty();
            assertThat(Archive.at(restored).days()).isEqualTo(Archive.at(archive).days()).hasSize(3);
            assertThat(new LocalObjectStore(restored).list("")).isEqualTo(files);
        }
    }

    @Test
    void wrongCredentialsAreOneClearErrorNamingTheLocationAndNoSecret() throws Exception
    {
        final String wrong = "wrong-secret-" + System.nanoTime();
        try (ObjectStore s3 = ObjectStores.open(LOCATION, "--to", server.settings(wrong), "--s3"))
        {
            final long start = System.nanoTime();
            assertThatThrownBy(() -> ArchiveSync.run(new LocalObjectStore(archive), s3, Instant.now(), ArchiveSync.Progress.NONE))
                .isInstanceOf(S3StoreException.class)
                .hasMessageStartingWith(LOCATION + ": access denied (403")
                .hasMessageContaining("check the credentials")
                .satisfies(ex -> assertThat(ex.getMessage()).doesNotContain(wrong).doesNotContain(server.secret()));
            assertThat(System.nanoTime() - start).as("a refusal is not retried").isLessThan(5_000_000_000L);
        }
        try (ObjectStore s3 = bucket())
        {
            assertThat(s3.list("")).isEmpty();
        }
    }

    @Test
    void aRerunAfterAnInterruptedSyncSendsOnlyWhatWasMissing() throws Exception
    {
        final LocalObjectStore local = new LocalObjectStore(archive);
        final int total = local.list("").size();
        final int before = 17; // the 18th put fails: a stop in the middle of the second day
        try (ObjectStore s3 = bucket())
        {
            assertThatThrownBy(() -> ArchiveSync.run(local, new StopsAfter(s3, before), Instant.now(), ArchiveSync.Progress.NONE))
                .hasMessageContaining("stopped");
            // a reader of the bucket sees only whole days: every manifest there names files that are there
            final List<ObjectStore.Entry> partial = s3.list("");
            assertThat(partial).hasSize(before);
            assertThat(partial).filteredOn(e -> e.key().startsWith("manifests/")).extracting(ObjectStore.Entry::key)
                .containsExactly("manifests/2024-03-04.json");

            final ArchiveSync.Result rerun = ArchiveSync.run(local, s3, Instant.now(), ArchiveSync.Progress.NONE);
            assertThat(rerun.filesSent()).isEqualTo(total - before);
            assertThat(rerun.filesUpToDate()).isEqualTo(before);
            assertThat(s3.list("")).containsExactlyInAnyOrderElementsOf(local.list(""));

            final Path restored = dir.resolve("restored");
            ArchiveSync.run(s3, new LocalObjectStore(restored), null, ArchiveSync.Progress.NONE);
            assertThat(Archive.at(restored).verify()).isEmpty();
            assertThat(Archive.at(restored).days()).hasSize(3);
        }
    }

    @Test
    void aSyncKilledWithSigkillIsCompletedByTheNextRun() throws Exception
    {
        final LocalObjectStore local = new LocalObjectStore(archive);
        final List<ObjectStore.Entry> files = local.list("");
        final List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("--add-") || a.startsWith("-D")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SyncMain.class.getName(), archive.toString(),
            LOCATION));
        server.settings().forEach((k, v) -> command.add(k + "=" + v));
        final Path log = dir.resolve("child.log");
        final Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (ObjectStore s3 = bucket())
        {
            final long deadline = System.currentTimeMillis() + 30_000;
            while (s3.list("").size() < 15)
            {
                assertThat(child.isAlive()).as("still syncing when killed: %s", Files.readString(log)).isTrue();
                assertThat(System.currentTimeMillis()).isLessThan(deadline);
                Thread.sleep(5);
            }
            child.destroyForcibly(); // SIGKILL
            child.waitFor();
            final List<ObjectStore.Entry> left = s3.list("");
            assertThat(left.size()).as("killed mid-way").isBetween(15, files.size() - 1);
            assertThat(Files.readString(log)).doesNotContain("done");
            // whatever a reader of the bucket finds now: every manifest there names files that are there, whole
            for (final ObjectStore.Entry m : left)
            {
                if (m.key().startsWith("manifests/"))
                {
                    for (final dev.tickwire.archive.DayManifest.FileEntry f : com.fasterxml.jackson.databind.json.JsonMapper
                        .builder().propertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                        .build().readValue(s3.read(m.key()), dev.tickwire.archive.DayManifest.class).files())
                    {
                        assertThat(left).contains(new ObjectStore.Entry(f.path(), f.bytes()));
                    }
                }
            }

            final ArchiveSync.Result rerun = ArchiveSync.run(local, s3, Instant.now(), ArchiveSync.Progress.NONE);
            assertThat(rerun.filesSent()).isEqualTo(files.size() - left.size());
            assertThat(s3.list("")).containsExactlyInAnyOrderElementsOf(files);
            final Path restored = dir.resolve("restored");
            ArchiveSync.run(s3, new LocalObjectStore(restored), null, ArchiveSync.Progress.NONE);
            assertThat(Archive.at(restored).verify()).isEmpty();
            assertThat(Archive.at(restored).days()).isEqualTo(Archive.at(archive).days());
        }
        finally
        {
            child.destroyForcibly();
        }
    }

    /** A target that stops (as a killed process would) after some puts. */
    private static final class StopsAfter extends ForwardingStore
    {
        private final AtomicInteger puts;

        StopsAfter(final ObjectStore store, final int puts)
        {
            super(store);
            this.puts = new AtomicInteger(puts);
        }

        @Override
        public void put(final Path file, final String key, final String sha256) throws IOException
        {
            if (puts.getAndDecrement() <= 0)
            {
                throw new IOException("stopped before " + key);
            }
            store.put(file, key, sha256);
        }
    }
}
