package dev.tickwire.adapters.sierra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Plays Sierra Chart for the demo: writes a live Data folder for two futures (ES and NQ): .scid
 * files with trades and bid/ask updates, and a .depth file per UTC day with batches and periodic
 * snapshots, buffered and flushed in chunks every {@code flushMillis} as Sierra Chart does.
 */
public final class SierraDemoMarket implements Runnable, AutoCloseable
{
    public static final String[] SYMBOLS = {"ESZ26_FUT_CME", "NQZ26_FUT_CME"};
    public static final String TICK_SIZE = "0.25";
    private static final float TICK = 0.25f;
    private static final long[] START_TICKS = {20_000, 80_000}; // 5000.00 and 20000.00
    private static final int LEVELS = 10;
    private static final int SNAPSHOT_EVERY = 200;
    private static final Logger LOG = LoggerFactory.getLogger(SierraDemoMarket.class);

    private final Path dataDir;
    private final int eventsPerSecond;
    private final long flushMillis;
    private final SplittableRandom random;
    private final Contract[] contracts = new Contract[SYMBOLS.length];
    private volatile boolean running = true;
    private Thread thread;

    public SierraDemoMarket(final Path dataDir, final long seed, final int eventsPerSecond, final long flushMillis)
    {
        this.dataDir = dataDir;
        this.eventsPerSecond = eventsPerSecond;
        this.flushMillis = flushMillis;
        this.random = new SplittableRandom(seed);
    }

    /** Starts writing on a daemon thread. */
    public SierraDemoMarket start()
    {
        thread = new Thread(this, "sierra-demo-market");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    @Override
    public void run()
    {
        try
        {
            Files.createDirectories(DepthFormat.depthDir(dataDir));
            for (int i = 0; i < SYMBOLS.length; i++)
            {
                contracts[i] = new Contract(SYMBOLS[i], START_TICKS[i]);
            }
            final long intervalNs = TimeUnit.SECONDS.toNanos(1) / Math.max(1, eventsPerSecond);
            long nextFlush = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(flushMillis);
            long next = System.nanoTime();
            while (running)
            {
                final long now = System.nanoTime();
                while (next <= now && running)
                {
                    step(contracts[random.nextInt(contracts.length)]);
                    next += intervalNs;
                }
                if (now >= nextFlush)
                {
                    for (final Contract c : contracts)
                    {
                        c.flush();
                    }
                    nextFlush = now + TimeUnit.MILLISECONDS.toNanos(flushMillis);
                }
                Thread.sleep(1);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final IOException ex)
        {
            LOG.error("demo market stopped: {}", ex.toString());
        }
        finally
        {
            for (final Contract c : contracts)
            {
                if (c != null)
                {
                    c.closeQuietly();
                }
            }
        }
    }

    private void step(final Contract c) throws IOException
    {
        final long now = System.currentTimeMillis() * 1_000_000L;
        c.rollDay(now);
        final int roll = random.nextInt(100);
        if (roll < 25)
        {
            final boolean buy = random.nextBoolean();
            final float bid = c.bidPrice(0);
            final float ask = c.askPrice(0);
            c.scid.trade(now, buy ? ask : bid, bid, ask, 1 + random.nextInt(10), buy ? 1 : -1, ScidFormat.SINGLE_TRADE);
        }
        else if (roll < 45)
        {
            c.scid.quote(now, c.bidPrice(0), c.askPrice(0), c.bidSize[0], c.askSize[0]);
        }
        else if (++c.batches % SNAPSHOT_EVERY == 0)
        {
            c.snapshot(now);
        }
        else if (random.nextInt(5) == 0)
        {
            c.move(now, random.nextBoolean());
        }
        else
        {
            final int k = random.nextInt(LEVELS);
            final long size = 1 + random.nextInt(200);
            if (random.nextBoolean())
            {
                c.bidSize[k] = size;
                c.depth.record(now, DepthFormat.MODIFY_BID_LEVEL, DepthFormat.FLAG_END_OF_BATCH, orders(size), c.bidPrice(k), size);
            }
            else
            {
                c.askSize[k] = size;
                c.depth.record(now, DepthFormat.MODIFY_ASK_LEVEL, DepthFormat.FLAG_END_OF_BATCH, orders(size), c.askPrice(k), size);
            }
        }
    }

    private static int orders(final long size)
    {
        return 1 + (int)(size % 9);
    }

    @Override
    public void close() throws InterruptedException
    {
        running = false;
        if (thread != null)
        {
            thread.join(5_000);
        }
    }

    /** One contract's ladder (best bid at {@code mid}, best ask one tick above) and its files. */
    private final class Contract
    {
        final String symbol;
        final long[] bidSize = new long[LEVELS];
        final long[] askSize = new long[LEVELS];
        final ScidFileWriter scid;
        DepthFileWriter depth;
        LocalDate day;
        long mid;
        long batches;

        Contract(final String symbol, final long mid) throws IOException
        {
            this.symbol = symbol;
            this.mid = mid;
            this.scid = new ScidFileWriter(dataDir.resolve(symbol + ".scid"));
            for (int k = 0; k < LEVELS; k++)
            {
                bidSize[k] = 1 + random.nextInt(200);
                askSize[k] = 1 + random.nextInt(200);
            }
        }

        float bidPrice(final int k)
        {
            return (mid - k) * TICK;
        }

        float askPrice(final int k)
        {
            return (mid + 1 + k) * TICK;
        }

        /** A new UTC day gets a new depth file, which starts with a full snapshot. */
        void rollDay(final long nowNs) throws IOException
        {
            final LocalDate today = LocalDate.ofEpochDay(Math.floorDiv(nowNs, 86_400_000_000_000L));
            if (!today.equals(day))
            {
                if (depth != null)
                {
                    depth.close();
                }
                day = today;
                depth = new DepthFileWriter(DepthFormat.depthDir(dataDir).resolve(DepthFormat.fileName(symbol, today)));
                snapshot(nowNs);
            }
        }

        void snapshot(final long now)
        {
            depth.clearBook(now);
            for (int k = 0; k < LEVELS; k++)
            {
                depth.record(now, DepthFormat.ADD_BID_LEVEL, 0, orders(bidSize[k]), bidPrice(k), bidSize[k]);
            }
            for (int k = 0; k < LEVELS; k++)
            {
                depth.record(now, DepthFormat.ADD_ASK_LEVEL, k == LEVELS - 1 ? DepthFormat.FLAG_END_OF_BATCH : 0,
                    orders(askSize[k]), askPrice(k), askSize[k]);
            }
        }

        /** The market moves one tick: one batch of four changes. */
        void move(final long now, final boolean up)
        {
            final long near = 1 + random.nextInt(200);
            final long far = 1 + random.nextInt(200);
            if (up)
            {
                depth.record(now, DepthFormat.DELETE_ASK_LEVEL, 0, 0, askPrice(0), 0);
                depth.record(now, DepthFormat.DELETE_BID_LEVEL, 0, 0, bidPrice(LEVELS - 1), 0);
                System.arraycopy(bidSize, 0, bidSize, 1, LEVELS - 1);
                System.arraycopy(askSize, 1, askSize, 0, LEVELS - 1);
                mid++;
                bidSize[0] = near;
                askSize[LEVELS - 1] = far;
                depth.record(now, DepthFormat.ADD_BID_LEVEL, 0, orders(near), bidPrice(0), near);
                depth.record(now, DepthFormat.ADD_ASK_LEVEL, DepthFormat.FLAG_END_OF_BATCH, orders(far), askPrice(LEVELS - 1), far);
            }
            else
            {
                depth.record(now, DepthFormat.DELETE_BID_LEVEL, 0, 0, bidPrice(0), 0);
                depth.record(now, DepthFormat.DELETE_ASK_LEVEL, 0, 0, askPrice(LEVELS - 1), 0);
                System.arraycopy(askSize, 0, askSize, 1, LEVELS - 1);
                System.arraycopy(bidSize, 1, bidSize, 0, LEVELS - 1);
                mid--;
                askSize[0] = near;
                bidSize[LEVELS - 1] = far;
                depth.record(now, DepthFormat.ADD_ASK_LEVEL, 0, orders(near), askPrice(0), near);
                depth.record(now, DepthFormat.ADD_BID_LEVEL, DepthFormat.FLAG_END_OF_BATCH, orders(far), bidPrice(LEVELS - 1), far);
            }
        }

        void flush() throws IOException
        {
            scid.flush();
            if (depth != null)
            {
                depth.flush();
            }
        }

        void closeQuietly()
        {
            try
            {
                scid.close();
                if (depth != null)
                {
                    depth.close();
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
