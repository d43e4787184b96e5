package dev.tickwire.engine.synthetic;

import dev.tickwire.engine.adapter.AdapterContext;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.ring.BookBatch;
import dev.tickwire.engine.ring.TickPublisher;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.Side;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A deterministic market: trades, quotes and depth batches for a set of instruments at a given rate,
 * from a seed. Used by the demo, the tests and the benchmarks.
 *
 * <p>Each message is one source record; its position is the record number (from 1). On restart the
 * generator replays from the seed and publishes only records after the journal's checkpoint, so a
 * restart journals each record exactly once.
 */
public final class SyntheticAdapter implements FeedAdapter
{
    private static final int BURST = 256;

    private final SyntheticConfig config;
    private final XorShiftRandom random;
    private final MessageWriter writer = new MessageWriter();
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[256]);
    private final SyntheticBook[] books;
    private final long[] tickSize;
    private final int[] instrumentIds;
    private final int totalWeight;
    private final long intervalNs;
    private final long startTimeNs;

    private final Deltas deltas = new Deltas();
    private TickPublisher publisher;
    private BookBatch batch;
    private EpochNanoClock clock;
    private long resumePosition;
    private long position;
    private long tradeCount;
    private long depthCount;
    private long firstWorkNs = -1;
    private boolean[] seeded;

    public SyntheticAdapter(final SyntheticConfig config)
    {
        this.config = config;
        this.random = new XorShiftRandom(config.seed);
        final int n = config.instruments.size();
        books = new SyntheticBook[n];
        tickSize = new long[n];
        instrumentIds = new int[n];
        seeded = new boolean[n];
        for (int i = 0; i < n; i++)
        {
            final SyntheticConfig.Instrument instrument = config.instruments.get(i);
            tickSize[i] = FixedPoint.parse(instrument.tickSize, instrument.priceExponent);
            final long start = FixedPoint.parse(instrument.startPrice, instrument.priceExponent);
            books[i] = new SyntheticBook(config.depthLevels, start / tickSize[i]);
        }
        totalWeight = config.mix.trades + config.mix.quotes + config.mix.depth;
        intervalNs = config.rate > 0 ? Math.max(1, 1_000_000_000L / config.rate) : 0;
        startTimeNs = config.startTime == null ? Values.NONE : Timestamps.parse(config.startTime);
    }

    @Override
    public int sourceId()
    {
        return config.id;
    }

    @Override
    public String roleName()
    {
        return config.name;
    }

    @Override
    public void start(final AdapterContext context)
    {
        publisher = context.publisher();
        clock = context.clock();
        // positions start at 1, so "nothing journaled yet" is 0 (keeps the skip arithmetic overflow-free)
        resumePosition = Math.max(0, context.resumePosition());
        batch = new BookBatch(publisher, config.id, config.name).resumeAfter(resumePosition);
        for (int i = 0; i < books.length; i++)
        {
            final SyntheticConfig.Instrument instrument = config.instruments.get(i);
            instrumentIds[i] = context.defineInstrument(instrument.symbol, instrument.venue,
                instrument.priceExponent, instrument.sizeExponent, tickSize[i]);
        }
    }

    @Override
    public int doWork()
    {
        if (isDone())
        {
            return 0;
        }
        final long now = clock.nanoTime();
        if (firstWorkNs < 0)
        {
            firstWorkNs = now;
        }
        long budget = BURST;
        if (intervalNs > 0)
        {
            // publish what is due by now (records after the checkpoint replay at full speed)
            final long due = resumePosition + (now - firstWorkNs) / intervalNs + 1;
            budget = Math.min(BURST, due - position);
        }
        int work = 0;
        while (work < budget && !isDone())
        {
            work += step();
        }
        return work;
    }

    @Override
    public boolean isDone()
    {
        return config.count > 0 && position >= config.count;
    }

    /** Generates the next event (one record, or a batch of records); returns records generated. */
    private int step()
    {
        final int i = random.nextInt(books.length);
        if (!seeded[i] || config.mix.trades + config.mix.quotes == 0 ||
            config.mix.depth > 0 && random.nextInt(totalWeight) < config.mix.depth)
        {
            return depth(i);
        }
        return random.nextInt(config.mix.trades + config.mix.quotes) < config.mix.trades ? trade(i) : quote(i);
    }

    private int trade(final int i)
    {
        final SyntheticBook book = books[i];
        final boolean buy = random.nextInt(2) == 0;
        final long bid = book.bidTicks(0) * tickSize[i];
        final long ask = book.askTicks(0) * tickSize[i];
        long price = buy ? ask : bid;
        tradeCount++;
        if (config.offGridEvery > 0 && tradeCount % config.offGridEvery == 0)
        {
            price += 1; // deliberately off the tick grid when the tick is larger than one unit
        }
        final long size = 1 + random.nextInt(10);
        final long pos = ++position;
        final long sequence = pos > resumePosition ? publisher.claim() : -1;
        final UnsafeBuffer target = sequence >= 0 ? publisher.slot(sequence).buffer() : scratch;
        final int length = writer.trade(target, 0, config.id, pos, instrumentIds[i], eventTime(pos), clock.nanoTime(),
            price, size, buy ? Side.BUY : Side.SELL, tradeCount, bid, ask);
        commit(sequence, length);
        return 1;
    }

    private int quote(final int i)
    {
        final SyntheticBook book = books[i];
        final long pos = ++position;
        final long sequence = pos > resumePosition ? publisher.claim() : -1;
        final UnsafeBuffer target = sequence >= 0 ? publisher.slot(sequence).buffer() : scratch;
        final int length = writer.quote(target, 0, config.id, pos, instrumentIds[i], eventTime(pos), clock.nanoTime(),
            book.bidTicks(0) * tickSize[i], book.bidSize[0], book.askTicks(0) * tickSize[i], book.askSize[0]);
        commit(sequence, length);
        return 1;
    }

    /** One depth change, published as one batch: a snapshot, a one-tick move, or a size change. */
    private int depth(final int i)
    {
        final SyntheticBook book = books[i];
        final int levels = book.levels();
        depthCount++;
        final int kind;
        final int n;
        if (!seeded[i] || depthCount % config.snapshotEvery == 0)
        {
            kind = 0;
            n = 1 + 2 * levels;
        }
        else
        {
            kind = random.nextInt(5) == 0 ? 1 : 2;
            n = kind == 1 ? 4 : 1;
        }
        if (config.count > 0 && position + n > config.count)
        {
            return quote(i); // a bounded run ends on exactly `count` records; batches are never cut
        }

        if (kind == 0)
        {
            seeded[i] = true;
            for (int k = 0; k < levels; k++)
            {
                book.bidSize[k] = 1 + random.nextInt(100);
                book.askSize[k] = 1 + random.nextInt(100);
            }
        }
        final long first = position + 1;
        position += n;
        batch.begin(instrumentIds[i]);
        final Deltas deltas = this.deltas.reset(i, first);

        if (kind == 0)
        {
            deltas.add(BookAction.CLEAR, BookSide.BID, 0, 0, DeltaFlagBits.SNAPSHOT);
            for (int k = 0; k < levels; k++)
            {
                deltas.add(BookAction.ADD, BookSide.BID, book.bidTicks(k), book.bidSize[k], DeltaFlagBits.SNAPSHOT);
            }
            for (int k = 0; k < levels; k++)
            {
                deltas.add(BookAction.ADD, BookSide.ASK, book.askTicks(k), book.askSize[k], DeltaFlagBits.SNAPSHOT);
            }
        }
        else if (kind == 1)
        {
            final long newNear = 1 + random.nextInt(100);
            final long newFar = 1 + random.nextInt(100);
            if (random.nextInt(2) == 0)
            {
                final long oldAsk = book.askTicks(0);
                final long oldDeepBid = book.bidTicks(levels - 1);
                book.shiftUp(newNear, newFar);
                deltas.add(BookAction.DELETE, BookSide.ASK, oldAsk, 0, 0);
                deltas.add(BookAction.ADD, BookSide.BID, book.bidTicks(0), newNear, 0);
                deltas.add(BookAction.DELETE, BookSide.BID, oldDeepBid, 0, 0);
                deltas.add(BookAction.ADD, BookSide.ASK, book.askTicks(levels - 1), newFar, 0);
            }
            else
            {
                final long oldBid = book.bidTicks(0);
                final long oldDeepAsk = book.askTicks(levels - 1);
                book.shiftDown(newNear, newFar);
                deltas.add(BookAction.DELETE, BookSide.BID, oldBid, 0, 0);
                deltas.add(BookAction.ADD, BookSide.ASK, book.askTicks(0), newNear, 0);
                deltas.add(BookAction.DELETE, BookSide.ASK, oldDeepAsk, 0, 0);
                deltas.add(BookAction.ADD, BookSide.BID, book.bidTicks(levels - 1), newFar, 0);
            }
        }
        else
        {
            final int k = random.nextInt(levels);
            final boolean bid = random.nextInt(2) == 0;
            final long size = 1 + random.nextInt(100);
            if (bid)
            {
                book.bidSize[k] = size;
                deltas.add(BookAction.MODIFY, BookSide.BID, book.bidTicks(k), size, 0);
            }
            else
            {
                book.askSize[k] = size;
                deltas.add(BookAction.MODIFY, BookSide.ASK, book.askTicks(k), size, 0);
            }
        }
        batch.publish(true); // END_OF_BATCH on the last; records before the checkpoint are skipped there
        return n;
    }

    /** Adds the records of one depth batch, numbering their positions from the batch's first. */
    private final class Deltas
    {
        private int instrument;
        private long nextPosition;

        Deltas reset(final int instrument, final long firstPosition)
        {
            this.instrument = instrument;
            this.nextPosition = firstPosition;
            return this;
        }

        void add(final BookAction action, final BookSide side, final long priceTicks, final long size, final int flags)
        {
            final long pos = nextPosition++;
            batch.add(pos, eventTime(pos), clock.nanoTime(), action, side, priceTicks * tickSize[instrument], size,
                size > 0 ? 1 + (int)(size % 7) : 0, flags);
        }
    }

    private void commit(final long sequence, final int length)
    {
        if (sequence >= 0)
        {
            publisher.slot(sequence).length(length);
            publisher.publish(sequence);
        }
    }

    private long eventTime(final long pos)
    {
        return startTimeNs != Values.NONE ? startTimeNs + (pos - 1) * Math.max(intervalNs, 1000) : clock.nanoTime();
    }
}
