package dev.tickwire.engine.bars;

import dev.tickwire.wire.sbe.Side;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BarBuilder against an independent computation: plain loops over the list of trades, in BigDecimal
 * and BigInteger, written from the definitions (a time bar is emitted once an event at or after its
 * end exists; a threshold bar closes at the first trade whose running total reaches the threshold).
 * Random, time-ordered streams of trades and quotes, with trades on bar edges, long gaps (empty
 * intervals), zero sizes, aggressor NONE, and notionals far beyond 2^63.
 */
class BarBuilderReferenceTest
{
    private static final long START = 1_767_364_200_000_000_000L; // 2026-01-02T14:30:00Z
    private static final long SECOND = 1_000_000_000L;

    record Ev(long t, boolean trade, long price, long size, Side side, long seq)
    {
    }

    @ParameterizedTest(name = "{0} origin {1} emitEmpty {2} pe {3} se {4} huge {5}")
    @CsvSource({
        "1s, 00:00, false, -2, 0, false",
        "1s, 00:00, true, -2, 0, false",
        "7s, 13:30, true, -2, 0, false",
        "7s, 13:30, false, -2, 0, false",
        "250ms, 00:00, true, -2, -3, false",
        "1m, 13:30:15, true, -2, 0, false",
        "3s, 00:00, true, -2, -8, true",
        "ticks:1, 00:00, false, -2, 0, false",
        "ticks:5, 00:00, false, -2, 0, false",
        "ticks:17, 00:00, false, -2, -8, true",
        "volume:37, 00:00, false, -2, 0, false",
        "volume:2.5, 00:00, false, -2, -1, false",
        "volume:0.0005, 00:00, false, -2, -4, false",
        "volume:20000.5, 00:00, false, -2, -8, true",
        "value:1000000, 00:00, false, -2, 0, false",
        "value:123456.789, 00:00, false, -2, -1, false",
        "value:200000000000, 00:00, false, -2, -8, true",
        "value:3, 00:00, false, -2, 0, false",
    })
    void matchesTheReference(
        final String specText, final String origin, final boolean emitEmpty, final int pe, final int se, final boolean huge)
    {
        final BarSpec spec = BarSpec.parse(specText, BarSpec.parseOrigin(origin));
        for (long seed = 1; seed <= 20; seed++)
        {
            final List<Ev> events = events(new Random(seed * 31 + specText.hashCode()), 3_000, huge);
            final List<String> actual = new ArrayList<>();
            final BarBuilder builder = new BarBuilder(spec, 5, pe, se, emitEmpty, bar ->
            {
                assertThat(bar.instrumentId()).isEqualTo(5);
                assertThat(bar.kind()).isEqualTo(spec.kind());
                actual.add(B.of(bar).values());
            });
            for (final Ev e : events)
            {
                if (e.trade)
                {
                    builder.onTrade(e.t, e.t + 1000, e.seq, e.price, e.size, e.side);
                }
                else
                {
                    builder.onEvent(e.t);
                }
            }
            final List<String> expected;
            switch (spec.kind())
            {
                case TIME:
                    expected = timeBars(events, spec.intervalNs(), spec.originNs(), emitEmpty, pe, se);
                    break;
                default:
                    expected = thresholdBars(events, specText, pe, se);
                    break;
            }
            assertThat(actual).as("seed %d", seed).containsExactlyElementsOf(expected);
            assertThat(actual).as("seed %d produces bars", seed).hasSizeGreaterThan(3);
        }
    }

    /** Time-ordered trades and quotes: gaps of 0..300 ms, jumps onto whole seconds, gaps of a few seconds. */
    static List<Ev> events(final Random random, final int n, final boolean huge)
    {
        final List<Ev> events = new ArrayList<>(n);
        long t = START + random.nextInt(1000) * 1_000_000L;
        long price = huge ? 500_000_000L : 500_000;
        for (int i = 0; i < n; i++)
        {
            final int gap = random.nextInt(100);
            if (gap < 10)
            {
                t = (t / SECOND + 1) * SECOND; // exactly on a whole second: the edge of many bars
            }
            else if (gap < 12)
            {
                t += (2 + random.nextInt(20)) * SECOND; // long enough for empty bars
            }
            else if (gap > 20)
            {
                t += random.nextInt(300_000_000);
            }
            price = Math.max(1, price + random.nextInt(21) - 10);
            final boolean trade = random.nextInt(10) < 6;
            final long size = huge ? 1 + (long)(random.nextDouble() * 1e12) : (random.nextInt(20) == 0 ? 0 : random.nextInt(20));
            final Side side = switch (random.nextInt(7))
            {
                case 0 -> Side.NONE;
                case 1, 2, 3 -> Side.BUY;
                default -> Side.SELL;
            };
            events.add(new Ev(t, trade, price, size, side, 1000 + i));
        }
        return events;
    }

    static List<String> timeBars(
        final List<Ev> events, final long interval, final long origin, final boolean emitEmpty, final int pe, final int se)
    {
        final List<Ev> trades = events.stream().filter(Ev::trade).toList();
        final List<String> bars = new ArrayList<>();
        if (trades.isEmpty())
        {
            return bars;
        }
        final long lastEventTime = events.get(events.size() - 1).t;
        long start = origin + (trades.get(0).t - origin) / interval * interval; // every time here is after the origin
        Long previousClose = null;
        for (; start + interval <= lastEventTime; start += interval)
        {
            final long s = start;
            final List<Ev> in = trades.stream().filter(e -> e.t >= s && e.t < s + interval).toList();
            if (!in.isEmpty())
            {
                bars.add(bar(in, s, s + interval, pe, se));
                previousClose = in.get(in.size() - 1).price;
            }
            else if (emitEmpty && previousClose != null)
            {
                final long c = previousClose;
                bars.add("[" + s + "," + (s + interval) + ") o=" + c + " h=" + c + " l=" + c + " c=" + c +
                    " v=0 buy=0 sell=0 n=0 vwap=" + c + " first=0 last=0 empty=true seq=0");
            }
        }
        return bars;
    }

    static List<String> thresholdBars(final List<Ev> events, final String specText, final int pe, final int se)
    {
        final String kind = specText.substring(0, specText.indexOf(':'));
        final BigDecimal threshold = new BigDecimal(specText.substring(specText.indexOf(':') + 1));
        final List<String> bars = new ArrayList<>();
        final List<Ev> current = new ArrayList<>();
        for (final Ev e : events)
        {
            if (!e.trade)
            {
                continue;
            }
            current.add(e);
            BigDecimal total = BigDecimal.ZERO;
            for (final Ev c : current)
            {
                total = total.add(switch (kind)
                {
                    case "ticks" -> BigDecimal.ONE;
                    case "volume" -> BigDecimal.valueOf(c.size, -se);
                    default -> BigDecimal.valueOf(c.price, -pe).multiply(BigDecimal.valueOf(c.size, -se));
                });
            }
            if (total.compareTo(threshold) >= 0)
            {
                bars.add(bar(current, current.get(0).t, e.t, pe, se));
                current.clear();
            }
        }
        return bars;
    }

    static String bar(final List<Ev> trades, final long start, final long end, final int pe, final int se)
    {
        long high = Long.MIN_VALUE;
        long low = Long.MAX_VALUE;
        long buy = 0;
        long sell = 0;
        BigInteger volume = BigInteger.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        for (final Ev e : trades)
        {
            high = Math.max(high, e.price);
            low = Math.min(low, e.price);
            volume = volume.add(BigInteger.valueOf(e.size));
            buy += e.side == Side.BUY ? e.size : 0;
            sell += e.side == Side.SELL ? e.size : 0;
            notional = notional.add(BigDecimal.valueOf(e.price, -pe).multiply(BigDecimal.valueOf(e.size, -se)));
        }
        final Ev first = trades.get(0);
        final Ev last = trades.get(trades.size() - 1);
        final long vwap = volume.signum() == 0 ? last.price :
            notional.divide(new BigDecimal(volume, -se), -pe, RoundingMode.HALF_UP).movePointRight(-pe).longValueExact();
        return "[" + start + "," + end + ") o=" + first.price + " h=" + high + " l=" + low + " c=" + last.price +
            " v=" + volume.longValueExact() + " buy=" + buy + " sell=" + sell + " n=" + trades.size() + " vwap=" + vwap +
            " first=" + first.t + " last=" + last.t + " empty=false seq=" + last.seq;
    }
}
