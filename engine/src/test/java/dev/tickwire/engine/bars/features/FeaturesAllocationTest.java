package dev.tickwire.engine.bars.features;

import dev.tickwire.engine.bars.BarBuilder;
import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.wire.sbe.Side;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No allocation per event with every feature on: seven time frames and four other bar kinds of one instrument,
 * fed trades, quotes and book batches in the documented order, measured with the JVM's per-thread allocation
 * counter after a warm-up pass (no timing).
 */
class FeaturesAllocationTest
{
    private static final String[] SPECS = {"15s", "1m", "5m", "15m", "1h", "4h", "1d", "ticks:50", "volume:500",
        "tib:ewma=20,t0=100", "drb:ewma=20,t0=100"};

    private final InstrumentState state = new InstrumentState(5);
    private final L2Book book = new L2Book(1, 64);
    private final BookTop top = new BookTop(5);
    private final BarBuilder[] builders = new BarBuilder[SPECS.length];
    private final Random random = new Random(1);
    private long bars;
    private long t = Tape.START;
    private long mid = 500_000;
    private boolean snapshot;

    @Test
    void nothingIsAllocatedPerEvent()
    {
        for (int i = 0; i < SPECS.length; i++)
        {
            builders[i] = new BarBuilder(BarSpec.parse(SPECS[i]), 1, -2, 0, true, bar -> bars++, state);
        }
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long id = Thread.currentThread().getId();
        run(400_000); // warm-up: JIT, the book's growth
        final long barsBefore = bars;
        final long before = threads.getThreadAllocatedBytes(id);
        final int events = 1_000_000;
        run(events);
        final long allocated = threads.getThreadAllocatedBytes(id) - before;
        System.out.printf("features allocation: %d bytes over %d events and %d bars%n", allocated, events,
            bars - barsBefore);
        assertThat(bars - barsBefore).isGreaterThan(10_000);
        // one object per event would be >= 16 bytes an event
        assertThat(allocated).as("bytes over %d events", events).isLessThan(events / 100);
    }

    private void run(final int events)
    {
        for (int i = 0; i < events; i++)
        {
            t += random.nextInt(10_000_000);
            if (random.nextInt(8) == 0)
            {
                mid += random.nextInt(3) - 1;
            }
            final int what = random.nextInt(10);
            if (what < 3)
            {
                final long price = mid + random.nextInt(3) - 1;
                final long size = 1 + random.nextInt(20);
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                state.onTrade(price, size, side);
                for (final BarBuilder b : builders)
                {
                    b.onTrade(t, t, i, price, size, side);
                }
            }
            else if (what < 5)
            {
                state.onQuote(mid - 1, 1 + random.nextInt(50), mid + 1, 1 + random.nextInt(50));
                for (final BarBuilder b : builders)
                {
                    b.onBookEvent(t);
                }
            }
            else
            {
                final boolean clear = random.nextInt(1000) == 0;
                if (clear)
                {
                    book.clear();
                    snapshot = true;
                }
                final int side = random.nextInt(2);
                final long price = side == L2Book.BID ? mid - random.nextInt(8) : mid + 1 + random.nextInt(8);
                book.set(side, price, random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(100), 1);
                for (final BarBuilder b : builders)
                {
                    b.onBookEvent(t); // a delta that does not end its batch
                }
                if (random.nextInt(3) == 0)
                {
                    state.onBook(top.fill(book), snapshot);
                    snapshot = false;
                    for (final BarBuilder b : builders)
                    {
                        b.onBookEvent(t); // the delta that ends it
                    }
                }
            }
        }
    }
}
