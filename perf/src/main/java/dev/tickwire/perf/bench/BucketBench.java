package dev.tickwire.perf.bench;

import dev.tickwire.archive.ArchiveExport;
import dev.tickwire.archive.ArchiveSync;
import dev.tickwire.archive.Archiver;
import dev.tickwire.archive.BucketArchive;
import dev.tickwire.archive.LocalObjectStore;
import dev.tickwire.archive.ObjectStore;
import dev.tickwire.archive.ObjectStores;
import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.bars.JournalBars;
import dev.tickwire.journal.Journal;
import dev.tickwire.s3.S3Server;
import org.agrona.IoUtil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The archive in a bucket measured against a real S3 API server on loopback (S3Proxy, its filesystem
 * store): the local archive's write rate, the upload rate of a day and of many 1 MiB files, and a
 * one-hour and a one-day query of a day the journal no longer holds, from a folder archive and from
 * the bucket with a cold and a warm cache.
 */
final class BucketBench
{
    private static final long HOUR_NS = 3_600_000_000_000L;

    private BucketBench()
    {
    }

    /** Medians in ms of {@code runs} queries each. */
    record Queries(double local, double cold, double warm)
    {
    }

    record Result(long trades, double localRowsPerSecond, double localMegabytesPerSecond, double dayMegabytesPerSecond,
        double smallMegabytesPerSecond, double smallFilesPerSecond, long dayBytes, Queries hour, Queries day)
    {
    }

    static Result run(final long n, final int runs) throws Exception
    {
        final Path dir = Files.createTempDirectory("tickwire-bench-bucket");
        try (S3Server server = S3Server.start(Files.createDirectories(dir.resolve("s3"))))
        {
            server.createBucket("bench");
            final Map<String, String> settings = server.settings();
            final Path local = dir.resolve("local");
            final Path remote = dir.resolve("remote");
            ArchiveBench.write(local.resolve("journal"), n, true, true);
            ArchiveBench.write(remote.resolve("journal"), n, true, true);
            final long nowMs = (ArchiveBench.DAY0 + 2 * 86_400_000_000_000L) / 1_000_000;

            // the folder archive: export, verify, retention (what the archiver does for a closed day)
            final Path folder = local.resolve("archive");
            try (Journal journal = Journal.open(new Journal.Context().dir(local.resolve("journal")).readOnly(true)))
            {
                // warm-up (the JIT), into a scratch folder
                ArchiveExport.run(journal, dir.resolve("scratch"), new ArchiveExport.Options().bars(List.of()));
            }
            final long t0 = System.nanoTime();
            try (Journal journal = Journal.open(new Journal.Context().dir(local.resolve("journal"))))
            {
                Archiver.run(journal, folder, Duration.ofHours(1), nowMs, new ArchiveExport.Options().bars(List.of()));
            }
            final double localSeconds = (System.nanoTime() - t0) / 1e9;
            final long dayBytes = bytes(folder);

            // the same day sent to the bucket, as the archiver's publish does
            final ArchiveSync.Result up;
            try (ObjectStore s3 = ObjectStores.open("s3://bench/day", "bench", settings, "bench"))
            {
                up = ArchiveSync.run(new LocalObjectStore(folder), s3, Instant.now(), ArchiveSync.Progress.NONE);
            }
            final double[] small = smallFiles(dir, settings);

            // the second journal archived into the bucket: its day now answers from there
            final Path cache = remote.resolve("archive-cache");
            try (Journal journal = Journal.open(new Journal.Context().dir(remote.resolve("journal")));
                BucketArchive bucket = BucketArchive.open(BucketArchive.link("s3://bench/day", settings, cache, 1L << 32),
                    "bench"))
            {
                Archiver.run(journal, bucket, Duration.ofHours(1), nowMs, new ArchiveExport.Options().bars(List.of()));
            }
            final long from = ArchiveBench.DAY0 + HOUR_NS;
            final Queries hour = queries(local, remote, cache, from, from + HOUR_NS - 1, runs);
            final Queries day = queries(local, remote, cache, ArchiveBench.DAY0, ArchiveBench.DAY0 + 24 * HOUR_NS - 1, runs);
            return new Result(n, n / localSeconds, dayBytes / 1e6 / localSeconds, up.megabytesPerSecond(), small[0],
                small[1], dayBytes, hour, day);
        }
        finally
        {
            IoUtil.delete(dir.toFile(), true);
        }
    }

    /** 64 files of 1 MiB of random bytes (an archive of many instruments): MB/s and files/s. */
    private static double[] smallFiles(final Path dir, final Map<String, String> settings) throws IOException
    {
        final Path files = Files.createDirectories(dir.resolve("small"));
        final SplittableRandom random = new SplittableRandom(3);
        final byte[] bytes = new byte[1 << 20];
        for (int i = 0; i < 64; i++)
        {
            for (int b = 0; b < bytes.length; b++)
            {
                bytes[b] = (byte)random.nextInt();
            }
            Files.write(files.resolve("f" + i + ".parquet"), bytes);
        }
        try (ObjectStore s3 = ObjectStores.open("s3://bench/small", "bench", settings, "bench"))
        {
            final long t0 = System.nanoTime();
            for (int i = 0; i < 64; i++)
            {
                s3.put(files.resolve("f" + i + ".parquet"), "f" + i + ".parquet", null);
            }
            final double seconds = (System.nanoTime() - t0) / 1e9;
            return new double[] {64 * (double)bytes.length / 1e6 / seconds, 64 / seconds};
        }
    }

    private static Queries queries(final Path local, final Path remote, final Path cache, final long from, final long to,
        final int runs) throws IOException
    {
        final double[] l = new double[runs];
        final double[] c = new double[runs];
        final double[] w = new double[runs];
        query(local, from, to); // warm-up: the JIT and the page cache
        for (int i = 0; i < runs; i++)
        {
            l[i] = query(local, from, to);
            emptyData(cache);
            c[i] = query(remote, from, to);
            w[i] = query(remote, from, to);
        }
        return new Queries(median(l), median(c), median(w));
    }

    /** 1-minute bars of the window (every trade in it read): ms. */
    private static double query(final Path root, final long from, final long to)
    {
        final long[] bars = {0};
        final long t0 = System.nanoTime();
        JournalBars.run(root.resolve("journal"), "BTC-USDT", BarSpec.parse("1m"), false, from, to, b -> bars[0]++);
        final double ms = (System.nanoTime() - t0) / 1e6;
        if (bars[0] == 0)
        {
            throw new IllegalStateException("no bars from " + root);
        }
        return ms;
    }

    private static void emptyData(final Path cache) throws IOException
    {
        try (Stream<Path> s = Files.walk(cache))
        {
            for (final Path p : s.filter(p -> p.toString().endsWith(".parquet")).toList())
            {
                Files.delete(p);
            }
        }
    }

    private static long bytes(final Path dir) throws IOException
    {
        try (Stream<Path> s = Files.walk(dir))
        {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
