package dev.tickwire.engine.bars.features;

import dev.tickwire.engine.book.L2Book;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.Side;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * A test's market events for one instrument, in engine order: trades, quotes and book batches (a list of deltas
 * whose last one ends the batch), and random streams of them with the cases the features must survive: events at
 * the same nanosecond, gaps of many bars, empty and crossed sides, identical quotes, snapshots (CLEAR).
 */
final class Tape
{
    static final long START = 1_767_364_200_000_000_000L; // 2026-01-02T14:30:00Z
    static final long SECOND = 1_000_000_000L;

    enum Kind
    {
        TRADE, QUOTE, BATCH
    }

    record Delta(BookAction action, int side, long price, long size)
    {
    }

    record Event(
        Kind kind, long t, long price, long size, Side side, long bp, long bs, long ap, long as, List<Delta> deltas)
    {
        static Event trade(final long t, final long price, final long size, final Side side)
        {
            return new Event(Kind.TRADE, t, price, size, side, 0, 0, 0, 0, List.of());
        }

        static Event quote(final long t, final long bp, final long bs, final long ap, final long as)
        {
            return new Event(Kind.QUOTE, t, 0, 0, Side.NONE, bp, bs, ap, as, List.of());
        }

        static Event batch(final long t, final List<Delta> deltas)
        {
            return new Event(Kind.BATCH, t, 0, 0, Side.NONE, 0, 0, 0, 0, List.copyOf(deltas));
        }

        boolean snapshot()
        {
            return deltas.stream().anyMatch(d -> d.action == BookAction.CLEAR);
        }
    }

    enum Mode
    {
        QUOTES, BOOK, BOTH
    }

    private Tape()
    {
    }

    /** Time-ordered (non-decreasing) random events. */
    static List<Event> random(final Random random, final int n, final Mode mode)
    {
        final List<Event> events = new ArrayList<>(n);
        final TreeMap<Long, Long> bids = new TreeMap<>();
        final TreeMap<Long, Long> asks = new TreeMap<>();
        long t = START + random.nextInt(1000) * 1_000_000L;
        long mid = 500_000;
        Event lastQuote = null;
        for (int i = 0; i < n; i++)
        {
            final int gap = random.nextInt(100);
            if (gap < 25)
            {
                t += 0; // the same nanosecond
            }
            else if (gap < 33)
            {
                t = (t / SECOND + 1) * SECOND; // onto a bar edge
            }
            else if (gap < 36)
            {
                t += (2 + random.nextInt(15)) * SECOND; // a gap in the feed, bars long
            }
            else if (gap < 45)
            {
                t += random.nextInt(5_000_000);
            }
            else
            {
                t += random.nextInt(300_000_000);
            }
            if (random.nextInt(4) == 0)
            {
                mid += random.nextInt(5) - 2;
            }
            final int what = random.nextInt(100);
            final boolean quotes = mode != Mode.BOOK;
            final boolean book = mode != Mode.QUOTES;
            if (what < 40 || !quotes && !book)
            {
                final long size = random.nextInt(30) == 0 ? 0 : 1 + random.nextInt(25);
                final Side side = switch (random.nextInt(6))
                {
                    case 0 -> Side.NONE;
                    case 1, 2, 3 -> Side.BUY;
                    default -> Side.SELL;
                };
                events.add(Event.trade(t, Math.max(1, mid + random.nextInt(7) - 3), size, side));
            }
            else if (quotes && (what < 65 || !book))
            {
                final int shape = random.nextInt(40);
                if (shape == 0 && lastQuote != null)
                {
                    events.add(Event.quote(t, lastQuote.bp, lastQuote.bs, lastQuote.ap, lastQuote.as)); // no change
                    continue;
                }
                long bp = mid - random.nextInt(3);
                long ap = mid + 1 + random.nextInt(3);
                if (shape == 1)
                {
                    final long swap = bp;
                    bp = ap + 1;
                    ap = swap; // crossed
                }
                else if (shape == 2)
                {
                    ap = bp; // locked
                }
                final long bs = shape == 3 ? 0 : 1 + random.nextInt(40);
                final long as = shape == 4 ? 0 : 1 + random.nextInt(40);
                lastQuote = Event.quote(t, bp, bs, ap, as);
                events.add(lastQuote);
            }
            else
            {
                final List<Delta> deltas = new ArrayList<>();
                if (random.nextInt(25) == 0)
                {
                    deltas.add(new Delta(BookAction.CLEAR, L2Book.BID, 0, 0));
                    bids.clear();
                    asks.clear();
                    final int levels = random.nextInt(6);
                    for (int k = 0; k < levels; k++)
                    {
                        deltas.add(set(bids, L2Book.BID, mid - k, 1 + random.nextInt(50)));
                        deltas.add(set(asks, L2Book.ASK, mid + 1 + k, 1 + random.nextInt(50)));
                    }
                }
                else
                {
                    final int count = 1 + random.nextInt(4);
                    for (int k = 0; k < count; k++)
                    {
                        final int side = random.nextInt(2);
                        final TreeMap<Long, Long> levels = side == L2Book.BID ? bids : asks;
                        final int op = random.nextInt(10);
                        if (op < 3 && !levels.isEmpty())
                        {
                            final long price = random.nextBoolean() ? levels.firstKey() : levels.lastKey();
                            levels.remove(price);
                            deltas.add(new Delta(BookAction.DELETE, side, price, 0));
                        }
                        else if (op == 3)
                        {
                            deltas.add(new Delta(BookAction.DELETE, side, mid + 100, 0)); // a missing level: no-op
                        }
                        else
                        {
                            final long price = side == L2Book.BID ? mid - random.nextInt(6) + (op == 4 ? 2 : 0) :
                                mid + 1 + random.nextInt(6) - (op == 5 ? 2 : 0);
                            final long size = random.nextInt(12) == 0 ? 0 : 1 + random.nextInt(60);
                            deltas.add(set(levels, side, price, size));
                        }
                    }
                }
                if (deltas.isEmpty())
                {
                    deltas.add(new Delta(BookAction.DELETE, L2Book.ASK, mid + 100, 0));
                }
                events.add(Event.batch(t, deltas));
            }
        }
        return events;
    }

    private static Delta set(final TreeMap<Long, Long> levels, final int side, final long price, final long size)
    {
        final BookAction action = levels.containsKey(price) || size <= 0 ? BookAction.MODIFY : BookAction.ADD;
        if (size <= 0)
        {
            levels.remove(price);
        }
        else
        {
            levels.put(price, size);
        }
        return new Delta(action, side, price, size);
    }
}
