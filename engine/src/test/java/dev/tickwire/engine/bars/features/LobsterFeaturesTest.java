package dev.tickwire.engine.bars.features;

import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.Side;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real data: the LOBSTER sample (AAPL, NASDAQ, 2012-06-21, 10 levels, the first 500 events; see the README beside
 * it in the test resources). Trades are its executions (types 4 and 5; the aggressor is the side opposite the
 * executed order), the book is LOBSTER's own order book file (row k is the book after message k), fed as the
 * deltas between rows, as quotes of its best level, or both. Every within-bar column of every bar is checked
 * against the {@link Reference}, and a few against values read off the file by hand.
 */
class LobsterFeaturesTest
{
    private static final long MIDNIGHT_NEW_YORK =
        Instant.parse("2012-06-21T04:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final int PRICE_EXPONENT = -4;
    private static final List<BarSpec> SPECS = Stream.of("1s", "250ms", "ticks:5", "volume:500", "value:100000",
        "tib:ewma=5,t0=10", "trb:ewma=5,t0=10", "vib:ewma=5,t0=10,sign=aggressor").map(BarSpec::parse).toList();

    @ParameterizedTest
    @EnumSource(Tape.Mode.class)
    void everyColumnOfEveryBarMatchesTheReference(final Tape.Mode mode)
    {
        final List<Tape.Event> events = events(mode);
        assertThat(events.stream().filter(e -> e.kind() == Tape.Kind.TRADE)).hasSize(88);
        for (final boolean emitEmpty : new boolean[] {false, true})
        {
            for (final int depth : new int[] {1, 5, 10})
            {
                final Driver driver = new Driver(SPECS, emitEmpty, depth, PRICE_EXPONENT, 0).run(events);
                final FeatureCheck.Coverage coverage = FeatureCheck.check(events, SPECS, driver,
                    new FeatureCheck.Coverage(), "LOBSTER " + mode + " N=" + depth);
                assertThat(coverage.bars).as(coverage.toString()).isGreaterThan(60);
                assertThat(coverage.midMoves).as(coverage.toString()).isPositive();
                assertThat(coverage.ofi).as(coverage.toString()).isPositive();
                assertThat(coverage.impact).as(coverage.toString()).isPositive();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Tape.Mode.class, names = {"BOOK", "BOTH"})
    void theFirstSecondReadOffTheFile(final Tape.Mode mode)
    {
        final Driver driver = new Driver(List.of(BarSpec.parse("1s")), false, 5, PRICE_EXPONENT, 0).run(events(mode));
        final Driver.Emitted first = driver.bars.get(0).get(0);
        final FeatureBar f = first.features();
        assertThat(first.start()).isEqualTo(MIDNIGHT_NEW_YORK + 34_200L * 1_000_000_000L); // 09:30:00 New York
        // before the first row there is no book; the first message comes 4.24 ms into the bar
        assertThat(f.longValue(FeatureColumn.EMPTY_SIDE_NS)).isEqualTo(4_241_176L);
        assertThat(f.longValue(FeatureColumn.CROSSED_NS)).isZero();
        // row 1: ask 585.94 x 200, bid 585.33 x 18: a spread of 0.61, the first valid mid 585.635; the 104 rows of the
        // first second (read off the file with a script) span spreads 0.01 .. 0.61 and mids 585.62 .. 585.85
        assertThat(f.longValue(FeatureColumn.MID_OPEN)).isEqualTo(585_635_00L);
        assertThat(f.longValue(FeatureColumn.MID_HIGH)).isEqualTo(585_850_00L);
        assertThat(f.longValue(FeatureColumn.MID_LOW)).isEqualTo(585_620_00L);
        assertThat(f.longValue(FeatureColumn.MID_CLOSE)).isEqualTo(585_805_00L);
        assertThat(f.longValue(FeatureColumn.SPREAD_MIN)).isEqualTo(100);
        assertThat(f.longValue(FeatureColumn.SPREAD_MAX)).isEqualTo(6_100);
        assertThat(f.longValue(FeatureColumn.SPREAD_LAST)).isEqualTo(1_300);
        // 28 executions, 20 against resting sells (buyer-initiated), 8 against resting buys, the largest 300 shares
        assertThat(first.trades()).isEqualTo(28);
        assertThat(f.longValue(FeatureColumn.BUY_TRADES)).isEqualTo(20);
        assertThat(f.longValue(FeatureColumn.SELL_TRADES)).isEqualTo(8);
        assertThat(f.longValue(FeatureColumn.MAX_TRADE_SIZE)).isEqualTo(300);
        assertThat(f.doubleValue(FeatureColumn.SPREAD_TWA)).isBetween(0.01, 0.61);
    }

    /** The sample as tape events: each message's trade (if it is an execution), then the book after it. */
    static List<Tape.Event> events(final Tape.Mode mode)
    {
        final List<String> messages = lines("AAPL_2012-06-21_34200000_57600000_message_10.part1.csv");
        final List<String> rows = lines("AAPL_2012-06-21_34200000_57600000_orderbook_10.part1.csv");
        final List<Tape.Event> events = new ArrayList<>();
        TreeMap<Long, Long> bids = new TreeMap<>();
        TreeMap<Long, Long> asks = new TreeMap<>();
        long[] lastQuote = null;
        for (int k = 0; k < messages.size(); k++)
        {
            final String[] m = messages.get(k).split(",");
            final long t = MIDNIGHT_NEW_YORK + new BigDecimal(m[0]).movePointRight(9).longValueExact();
            final int type = Integer.parseInt(m[1]);
            if (type == 4 || type == 5)
            {
                final Side aggressor = Integer.parseInt(m[5]) == 1 ? Side.SELL : Side.BUY;
                events.add(Tape.Event.trade(t, Long.parseLong(m[4]), Long.parseLong(m[3]), aggressor));
            }
            final String[] row = rows.get(k).split(",");
            final TreeMap<Long, Long> newBids = new TreeMap<>();
            final TreeMap<Long, Long> newAsks = new TreeMap<>();
            for (int level = 0; level < row.length / 4; level++)
            {
                final long askPrice = Long.parseLong(row[4 * level]);
                final long askSize = Long.parseLong(row[4 * level + 1]);
                final long bidPrice = Long.parseLong(row[4 * level + 2]);
                final long bidSize = Long.parseLong(row[4 * level + 3]);
                if (askSize > 0 && askPrice != 9_999_999_999L)
                {
                    newAsks.put(askPrice, askSize);
                }
                if (bidSize > 0 && bidPrice != -9_999_999_999L)
                {
                    newBids.put(bidPrice, bidSize);
                }
            }
            if (mode != Tape.Mode.BOOK)
            {
                final long[] quote = {newBids.lastKey(), newBids.lastEntry().getValue(), newAsks.firstKey(),
                    newAsks.firstEntry().getValue()};
                if (lastQuote == null || !Arrays.equals(quote, lastQuote))
                {
                    events.add(Tape.Event.quote(t, quote[0], quote[1], quote[2], quote[3]));
                    lastQuote = quote;
                }
            }
            if (mode != Tape.Mode.QUOTES)
            {
                final List<Tape.Delta> deltas = new ArrayList<>();
                if (k == 0)
                {
                    deltas.add(new Tape.Delta(BookAction.CLEAR, L2Book.BID, 0, 0)); // the seed: a snapshot
                    bids = new TreeMap<>();
                    asks = new TreeMap<>();
                }
                diff(bids, newBids, L2Book.BID, deltas);
                diff(asks, newAsks, L2Book.ASK, deltas);
                if (!deltas.isEmpty())
                {
                    events.add(Tape.Event.batch(t, deltas));
                }
                bids = newBids;
                asks = newAsks;
            }
        }
        return events;
    }

    private static void diff(
        final TreeMap<Long, Long> before, final TreeMap<Long, Long> after, final int side, final List<Tape.Delta> out)
    {
        for (final Long price : before.keySet())
        {
            if (!after.containsKey(price))
            {
                out.add(new Tape.Delta(BookAction.DELETE, side, price, 0));
            }
        }
        for (final Map.Entry<Long, Long> level : after.entrySet())
        {
            if (!level.getValue().equals(before.get(level.getKey())))
            {
                out.add(new Tape.Delta(before.containsKey(level.getKey()) ? BookAction.MODIFY : BookAction.ADD, side,
                    level.getKey(), level.getValue()));
            }
        }
    }

    private static List<String> lines(final String name)
    {
        try
        {
            final Path path = Path.of(LobsterFeaturesTest.class.getResource("/lobster/" + name).toURI());
            return Files.readAllLines(path).stream().filter(l -> !l.isBlank()).toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
