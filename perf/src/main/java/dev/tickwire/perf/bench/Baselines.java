package dev.tickwire.perf.bench;

import dev.tickwire.engine.book.L2Book;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.Side;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import org.HdrHistogram.Histogram;
import org.agrona.IoUtil;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/** The designs tickwire replaces, doing the same work on the same ticks. */
final class Baselines
{
    /** A tick as a conventional design passes it between threads: one object per tick. */
    record Tick(int instrument, long timeNs, long price, long size, boolean buy)
    {
    }

    private Baselines()
    {
    }

    /**
     * Producer → ArrayBlockingQueue → consumer that validates, journals (the same Chronicle journal),
     * keeps a book and publishes over Aeron: ticks/s.
     */
    static double arrayBlockingQueue(final MediaDriver driver, final long n) throws Exception
    {
        final Path dir = Files.createTempDirectory("tickwire-bench-abq");
        final ArrayBlockingQueue<Tick> queue = new ArrayBlockingQueue<>(65_536);
        try (Journal journal = Journal.open(new Journal.Context().dir(dir));
             Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
             ExclusivePublication pub = aeron.addExclusivePublication("aeron:ipc", 9003);
             Subscription sub = aeron.addSubscription("aeron:ipc", 9003);
             L2Book book = new L2Book(1, 64))
        {
            final AtomicLong drained = new AtomicLong();
            final Thread drainer = new Thread(() ->
            {
                final IdleStrategy idle = PipelineBench.subscriberIdle();
                while (drained.get() < n)
                {
                    idle.idle(sub.poll((b, o, l, h) -> drained.lazySet(drained.get() + 1), 256));
                }
            }, "bench-abq-subscriber");
            drainer.start();
            while (!pub.isConnected())
            {
                Thread.onSpinWait();
            }
            final JournalWriter writer = journal.writer();
            final Thread consumer = new Thread(() ->
            {
                final MessageWriter encode = new MessageWriter();
                final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
                try
                {
                    for (long i = 0; i < n; i++)
                    {
                        final Tick t = queue.take();
                        if (t.price() <= 0 || t.price() % 25 != 0)
                        {
                            continue;
                        }
                        final int length = encode.trade(buffer, 0, 1, i + 1, t.instrument(), t.timeNs(), t.timeNs(),
                            t.price(), t.size(), t.buy() ? Side.BUY : Side.SELL, i, t.price() - 25, t.price());
                        writer.append(buffer, 0, length);
                        book.set(t.buy() ? L2Book.ASK : L2Book.BID, t.price(), t.size(), 1);
                        while (pub.offer(buffer, 0, length) < 0)
                        {
                            Thread.onSpinWait();
                        }
                    }
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }, "bench-abq-consumer");
            final long t0 = System.nanoTime();
            consumer.start();
            for (long i = 0; i < n; i++)
            {
                queue.put(new Tick(1, i, 500_000 + (i & 7) * 25, 1 + (i & 3), (i & 1) == 0));
            }
            consumer.join();
            drainer.join();
            return n * 1e9 / (System.nanoTime() - t0);
        }
        finally
        {
            IoUtil.delete(dir.toFile(), true);
        }
    }

    /** What the SQLite design measured: its ingest rate and how long a tick takes to become visible to a poller. */
    record SqliteRun(double rowsPerSecond, Histogram visibility)
    {
    }

    /**
     * The classic design: parse text ticks and batch-insert them into SQLite (WAL, 5,000-row
     * transactions, an index on instrument + time); a consumer polls the table every 10 ms. Visibility
     * = from a tick's arrival (parse) to the moment the polling consumer first sees it.
     */
    static SqliteRun sqlite(final long n) throws Exception
    {
        final Path dir = Files.createTempDirectory("tickwire-bench-sqlite");
        final String url = "jdbc:sqlite:" + dir.resolve("ticks.db");
        final long[] arrivedAt = new long[(int)n + 1];
        final Histogram visibility = new Histogram(60_000_000_000L, 3);
        try (Connection db = DriverManager.getConnection(url))
        {
            try (Statement s = db.createStatement())
            {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("CREATE TABLE ticks (seq INTEGER PRIMARY KEY, instrument TEXT, ts INTEGER, price REAL, size REAL, side TEXT)");
                s.execute("CREATE INDEX ticks_instrument_ts ON ticks (instrument, ts)");
            }
            final AtomicLong committed = new AtomicLong();
            final Thread poller = new Thread(() ->
            {
                long seen = 0;
                try (Connection reader = DriverManager.getConnection(url);
                     PreparedStatement max = reader.prepareStatement("SELECT max(seq) FROM ticks"))
                {
                    while (seen < n)
                    {
                        try (ResultSet rs = max.executeQuery())
                        {
                            final long top = rs.next() ? rs.getLong(1) : 0;
                            final long now = System.nanoTime();
                            for (long k = seen + 1; k <= top; k += 97) // a sample of the rows that just appeared
                            {
                                visibility.recordValue(Math.max(0, now - arrivedAt[(int)k]));
                            }
                            seen = Math.max(seen, top);
                        }
                        Thread.sleep(10);
                    }
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException(ex);
                }
            }, "bench-sqlite-poller");
            poller.setDaemon(true);
            poller.start();
            db.setAutoCommit(false);
            final long t0 = System.nanoTime();
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO ticks VALUES (?, ?, ?, ?, ?, ?)"))
            {
                for (long i = 1; i <= n; i++)
                {
                    final String line = "ESZ6," + (1_767_364_200_000_000L + i) + "," + (5000.0 + (i & 7) * 0.25) + "," +
                        (1 + (i & 3)) + "," + ((i & 1) == 0 ? "buy" : "sell");
                    arrivedAt[(int)i] = System.nanoTime();
                    final String[] f = line.split(",");
                    insert.setLong(1, i);
                    insert.setString(2, f[0]);
                    insert.setLong(3, Long.parseLong(f[1]));
                    insert.setDouble(4, Double.parseDouble(f[2]));
                    insert.setDouble(5, Double.parseDouble(f[3]));
                    insert.setString(6, f[4]);
                    insert.addBatch();
                    if (i % 5_000 == 0 || i == n)
                    {
                        insert.executeBatch();
                        db.commit();
                        committed.set(i);
                    }
                }
            }
            final double rate = n * 1e9 / (System.nanoTime() - t0);
            poller.join(10_000);
            return new SqliteRun(rate, visibility);
        }
        finally
        {
            IoUtil.delete(dir.toFile(), true);
        }
    }
}
