package dev.tickwire.perf.bench;

import dev.tickwire.archive.ArchiveExport;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.Side;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.IoUtil;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The archive measured: export rate and bytes per row for trades and for book deltas, against
 * DuckDB's own CSV → Parquet rate on the same trades, and the journal's bytes per message.
 * Journals are written directly (a random walk like a crypto trade tape, and L2 level updates),
 * one day each, so export does what the archiver does for a closed day.
 */
final class ArchiveBench
{
    static final long DAY0 = Timestamps.parse("2026-01-05T00:00:00Z");
    /** Not a source id the benchmarks' engines use (their checkpoints would skip our positions). */
    static final int SOURCE = 90;

    private ArchiveBench()
    {
    }

    /** One export measured. */
    record Export(double rowsPerSecond, double archiveBytesPerRow, double journalBytesPerMessage, long rows,
        double restoredPerSecond)
    {
    }

    static Export trades(final long n) throws Exception
    {
        return measure(n, true);
    }

    static Export bookDeltas(final long n) throws Exception
    {
        return measure(n, false);
    }

    private static Export measure(final long n, final boolean trades) throws Exception
    {
        final Path dir = Files.createTempDirectory("tickwire-bench-archive");
        try
        {
            final Path journalDir = dir.resolve("journal");
            write(journalDir, n, trades);
            final double journalBytes = diskBytes(journalDir) / (double)(n + 1);
            double best = 0;
            double bytesPerRow = 0;
            long rows = 0;
            double restore = 0;
            for (int run = 0; run < 3; run++) // the first run also warms up the JIT
            {
                final Path archive = dir.resolve("archive" + run);
                try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true)))
                {
                    final long t0 = System.nanoTime();
                    final ArchiveExport.Result result = ArchiveExport.run(journal, archive,
                        new ArchiveExport.Options().bars(List.of()));
                    final double seconds = (System.nanoTime() - t0) / 1e9;
                    best = Math.max(best, result.rows() / seconds);
                    rows = result.rows();
                }
                bytesPerRow = parquetBytes(archive.resolve(trades ? "trades" : "book_deltas")) / (double)n;
                restore = Math.max(restore, restoreRate(archive));
                IoUtil.delete(archive.toFile(), true);
            }
            return new Export(best, bytesPerRow, journalBytes, rows, restore);
        }
        finally
        {
            IoUtil.delete(dir.toFile(), true);
        }
    }

    /** Rebuilding the archived day's messages, as a query of a day the journal no longer holds does: rows/s. */
    private static double restoreRate(final Path archive)
    {
        try (dev.tickwire.archive.ParquetArchiveTier tier = new dev.tickwire.archive.ParquetArchiveTier(archive))
        {
            long n = 0;
            final long t0 = System.nanoTime();
            for (final dev.tickwire.journal.ArchiveTier.ArchivedDay day : tier.days())
            {
                final long[] count = {0};
                tier.restore(day, Long.MAX_VALUE, (buffer, offset, length, watermarkNs) -> count[0]++);
                n += count[0];
            }
            return n == 0 ? 0 : n * 1e9 / (System.nanoTime() - t0);
        }
    }

    /** DuckDB reading the same trades from CSV and writing zstd Parquet (what a user would script): rows/s. */
    static double duckDbCsvToParquet(final long n) throws Exception
    {
        final Path dir = Files.createTempDirectory("tickwire-bench-duckdb");
        try
        {
            final Path csv = dir.resolve("trades.csv");
            try (BufferedWriter out = Files.newBufferedWriter(csv))
            {
                out.write("ts,recv,seq,price,size,side,trade_id\n");
                final Walk walk = new Walk();
                final StringBuilder line = new StringBuilder(96);
                for (long i = 1; i <= n; i++)
                {
                    walk.next();
                    line.setLength(0);
                    line.append(walk.ts).append(',').append(walk.recv).append(',').append(i).append(',')
                        .append(walk.price / 100).append('.').append(pad2(walk.price % 100)).append(',')
                        .append(dev.tickwire.wire.FixedPoint.toDecimalString(walk.size, -6)).append(',')
                        .append(walk.buy ? "buy" : "sell").append(',').append(walk.tradeId).append('\n');
                    out.append(line);
                }
            }
            double best = 0;
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement())
            {
                for (int run = 0; run < 3; run++)
                {
                    final Path parquet = dir.resolve("trades" + run + ".parquet");
                    final long t0 = System.nanoTime();
                    s.execute("COPY (SELECT make_timestamp_ns(ts) AS ts, make_timestamp_ns(recv) AS recv, seq, " +
                        "CAST(price AS DECIMAL(18,2)) AS price, CAST(size AS DECIMAL(18,6)) AS size, side, trade_id " +
                        "FROM read_csv('" + csv + "', header = true)) TO '" + parquet + "' (FORMAT PARQUET, COMPRESSION ZSTD)");
                    best = Math.max(best, n * 1e9 / (System.nanoTime() - t0));
                }
            }
            return best;
        }
        finally
        {
            IoUtil.delete(dir.toFile(), true);
        }
    }

    private static String pad2(final long v)
    {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    /** A trade tape: a random walk in cents, sizes in micro-units, bursts of prints ~1 ms apart. */
    private static final class Walk
    {
        final SplittableRandom random = new SplittableRandom(42);
        long ts = DAY0 + 3_600_000_000_000L;
        long recv;
        long price = 6_200_000;
        long size;
        boolean buy;
        long tradeId = 1_000_000_000L;

        void next()
        {
            ts += random.nextInt(8) == 0 ? random.nextLong(1, 20_000_000) : random.nextLong(0, 200_000);
            recv = ts + 200_000 + random.nextLong(0, 3_000_000);
            price += random.nextInt(5) - 2;
            size = random.nextInt(4) == 0 ? random.nextLong(1, 5_000_000) : random.nextLong(1, 50_000) * 10;
            buy = random.nextBoolean();
            tradeId += 1 + (random.nextInt(50) == 0 ? random.nextInt(3) : 0);
        }
    }

    /**
     * Gives a latency run's engine an archiver with a closed day of {@code n} trades to export as it
     * starts: the archiver is busy during the run.
     */
    static java.util.function.Consumer<dev.tickwire.engine.config.TickwireConfig> busyArchiver(final long n)
    {
        return config ->
        {
            write(config.journalPath(), n, true);
            config.archive.dir = config.dataPath().resolve("archive").toString();
            config.archive.after = "0s";
            config.archive.checkEvery = "1s";
            config.archive.bars = List.of();
        };
    }

    static void write(final Path journalDir, final long n, final boolean trades)
    {
        write(journalDir, n, trades, false);
    }

    /**
     * @param hourlyCycles the journal's clock follows the event times, so its hourly cycle files hold the
     *                     hours they are named for and retention can delete the day's
     */
    static void write(final Path journalDir, final long n, final boolean trades, final boolean hourlyCycles)
    {
        final MessageWriter writer = new MessageWriter();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final long[] clockMs = {DAY0 / 1_000_000};
        final Journal.Context context = new Journal.Context().dir(journalDir);
        if (hourlyCycles)
        {
            context.timeProvider(() -> clockMs[0]);
        }
        try (Journal journal = Journal.open(context); JournalWriter out = journal.writer())
        {
            final Instrument btc = journal.instruments().register("BTC-USDT", "BINANCE", -2, -6, 1);
            final Walk walk = new Walk();
            final SplittableRandom random = new SplittableRandom(7);
            for (long i = 1; i <= n; i++)
            {
                walk.next();
                clockMs[0] = walk.ts / 1_000_000;
                final int length;
                if (trades)
                {
                    length = writer.trade(buffer, 0, SOURCE, i, btc.id(), walk.ts, walk.recv, walk.price, walk.size,
                        walk.buy ? Side.BUY : Side.SELL, walk.tradeId, Values.NONE, Values.NONE);
                }
                else
                {
                    final boolean bid = random.nextBoolean();
                    final long level = walk.price + (bid ? -1 : 1) * random.nextLong(1, 60);
                    final int kind = random.nextInt(10);
                    length = writer.bookDelta(buffer, 0, SOURCE, i, btc.id(), walk.ts, walk.recv,
                        kind < 6 ? BookAction.MODIFY : kind < 8 ? BookAction.ADD : BookAction.DELETE,
                        bid ? BookSide.BID : BookSide.ASK, level, kind >= 8 ? 0 : walk.size, 1 + random.nextInt(4),
                        random.nextInt(3) == 0 ? 0 : DeltaFlagBits.END_OF_BATCH);
                }
                Envelope.sequence(buffer, 0, i);
                out.append(buffer, 0, length);
            }
            // a trade of the next day: the journal has moved past the day, which is complete as the archiver finds it
            final long next = DAY0 + 86_400_000_000_000L + 1;
            clockMs[0] = next / 1_000_000;
            final int length = writer.trade(buffer, 0, SOURCE, n + 1, btc.id(), next, next, walk.price, 1, Side.BUY, 0,
                Values.NONE, Values.NONE);
            Envelope.sequence(buffer, 0, n + 1);
            out.append(buffer, 0, length);
        }
    }

    private static long parquetBytes(final Path dir) throws IOException
    {
        try (Stream<Path> s = Files.walk(dir))
        {
            return s.filter(p -> p.toString().endsWith(".parquet")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Bytes the journal's files take on disk (Chronicle preallocates; du counts what is written). */
    private static long diskBytes(final Path dir) throws Exception
    {
        final Process du = new ProcessBuilder("du", "-sk", dir.toString()).start();
        final String out = new String(du.getInputStream().readAllBytes()).trim();
        du.waitFor();
        return Long.parseLong(out.split("\\s+")[0]) * 1024;
    }
}
