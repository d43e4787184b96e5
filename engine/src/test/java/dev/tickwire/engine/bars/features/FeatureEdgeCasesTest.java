package dev.tickwire.engine.bars.features;

import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The cases the issue names, small enough to compute by hand: a bar with no book yet, empty bars in a gap, a gap
 * inside a bar, a crossed book, a bar that spans a CLEAR, time stepping back, the price impact and the microprice.
 * Prices at exponent −2 (100 = 1.00), sizes at 0; 1 s time bars from START.
 */
class FeatureEdgeCasesTest
{
    private static final long S = Tape.START;
    private static final long MS = 1_000_000L;

    private static Tape.Event trade(final long ms, final long price, final long size, final Side side)
    {
        return Tape.Event.trade(S + ms * MS, price, size, side);
    }

    private static Tape.Event quote(final long ms, final long bp, final long bs, final long ap, final long as)
    {
        return Tape.Event.quote(S + ms * MS, bp, bs, ap, as);
    }

    private static Tape.Event batch(final long ms, final Tape.Delta... deltas)
    {
        return Tape.Event.batch(S + ms * MS, List.of(deltas));
    }

    private static Tape.Delta bid(final long price, final long size)
    {
        return new Tape.Delta(BookAction.MODIFY, L2Book.BID, price, size);
    }

    private static Tape.Delta ask(final long price, final long size)
    {
        return new Tape.Delta(BookAction.MODIFY, L2Book.ASK, price, size);
    }

    private static final Tape.Delta CLEAR = new Tape.Delta(BookAction.CLEAR, L2Book.BID, 0, 0);

    private static List<Driver.Emitted> bars(final String spec, final boolean emitEmpty, final Tape.Event... events)
    {
        final List<BarSpec> specs = List.of(BarSpec.parse(spec));
        final List<Tape.Event> list = List.of(events);
        final Driver driver = new Driver(specs, emitEmpty, 5, -2, 0).run(list);
        FeatureCheck.check(list, specs, driver, new FeatureCheck.Coverage(), "edge case"); // and the reference agrees
        return driver.bars.get(0);
    }

    @Test
    void aBarWithNoBookYet()
    {
        final FeatureBar f = bars("1s", false,
            trade(100, 10_000, 3, Side.BUY), trade(500, 10_100, 5, Side.SELL), trade(1_200, 10_000, 1, Side.NONE))
            .get(0).features();
        assertThat(f.longValue(FeatureColumn.EMPTY_SIDE_NS)).isEqualTo(1_000 * MS);
        assertThat(f.longValue(FeatureColumn.BOOK_UPDATES)).isZero();
        for (final FeatureColumn c : new FeatureColumn[] {FeatureColumn.SPREAD_TWA, FeatureColumn.SPREAD_BPS_TWA,
            FeatureColumn.SPREAD_MIN, FeatureColumn.MID_OPEN, FeatureColumn.MID_CLOSE, FeatureColumn.MICROPRICE_CLOSE,
            FeatureColumn.RV_MID, FeatureColumn.IMBALANCE_L1_TWA, FeatureColumn.IMBALANCE_TOPN_TWA,
            FeatureColumn.PRICE_IMPACT})
        {
            assertThat(f.isNull(c)).as(c.columnName()).isTrue();
        }
        assertThat(f.longValue(FeatureColumn.OFI_L1)).isZero();
        // the trades: 3 @ 100.00 and 5 @ 101.00
        assertThat(f.longValue(FeatureColumn.NOTIONAL)).isEqualTo(3 * 10_000 + 5 * 10_100);
        assertThat(f.doubleValue(FeatureColumn.AVG_TRADE_SIZE)).isEqualTo(4.0);
        assertThat(f.longValue(FeatureColumn.MAX_TRADE_SIZE)).isEqualTo(5);
        assertThat(f.longValue(FeatureColumn.BUY_TRADES)).isEqualTo(1);
        assertThat(f.longValue(FeatureColumn.SELL_TRADES)).isEqualTo(1);
        assertThat(f.doubleValue(FeatureColumn.RV_TRADE)).isCloseTo(Math.pow(Math.log(1.01), 2), offset(1e-18));
        // close 101.00, vwap (30,000 + 50,500) / 8 = 10,062.5 → 10,063 (half up)
        assertThat(f.doubleValue(FeatureColumn.VWAP_DEVIATION)).isEqualTo((10_100 - 10_063) / 10_063.0);
    }

    @Test
    void emptyBarsInAGapCarryTheBookInForce()
    {
        final List<Driver.Emitted> bars = bars("1s", true,
            quote(100, 10_000, 10, 10_002, 30), trade(200, 10_001, 2, Side.BUY), trade(3_500, 10_001, 2, Side.BUY),
            trade(4_100, 10_001, 1, Side.BUY));
        assertThat(bars).hasSize(4);
        final FeatureBar first = bars.get(0).features();
        // the quote at 100 ms: 100 ms without a book, then 900 ms of a 0.02 spread, imbalance (10 − 30) / 40
        assertThat(first.longValue(FeatureColumn.EMPTY_SIDE_NS)).isEqualTo(100 * MS);
        assertThat(first.doubleValue(FeatureColumn.SPREAD_TWA)).isEqualTo(0.02);
        assertThat(first.doubleValue(FeatureColumn.IMBALANCE_L1_TWA)).isEqualTo(-0.5);
        assertThat(first.doubleValue(FeatureColumn.SPREAD_BPS_TWA)).isCloseTo(20_000.0 * 2 / 20_002, offset(1e-12));
        // the first quote against an empty book: +10 bid − 30 ask
        assertThat(first.longValue(FeatureColumn.OFI_L1)).isEqualTo(-20);
        assertThat(first.longValue(FeatureColumn.BOOK_UPDATES)).isEqualTo(1);
        // microprice (100.00 × 30 + 100.02 × 10) / 40 = 100.005
        assertThat(first.doubleValue(FeatureColumn.MICROPRICE_CLOSE)).isCloseTo(100.005, offset(1e-12));
        for (final Driver.Emitted empty : bars.subList(1, 3))
        {
            assertThat(empty.empty()).isTrue();
            final FeatureBar f = empty.features();
            assertThat(f.longValue(FeatureColumn.SPAN_END_NS) - f.longValue(FeatureColumn.SPAN_START_NS))
                .isEqualTo(1_000 * MS);
            assertThat(f.doubleValue(FeatureColumn.SPREAD_TWA)).isEqualTo(0.02);
            assertThat(f.doubleValue(FeatureColumn.IMBALANCE_L1_TWA)).isEqualTo(-0.5);
            assertThat(f.longValue(FeatureColumn.MID_OPEN)).isEqualTo(100_010); // 100.010 at exponent −3
            assertThat(f.longValue(FeatureColumn.MID_CLOSE)).isEqualTo(100_010);
            assertThat(f.doubleValue(FeatureColumn.RV_MID)).isZero();
            assertThat(f.longValue(FeatureColumn.BOOK_UPDATES)).isZero();
            assertThat(f.longValue(FeatureColumn.OFI_L1)).isZero();
            assertThat(f.longValue(FeatureColumn.EMPTY_SIDE_NS)).isZero();
            assertThat(f.longValue(FeatureColumn.NOTIONAL)).isZero();
            assertThat(f.longValue(FeatureColumn.BUY_TRADES)).isZero();
            assertThat(f.isNull(FeatureColumn.AVG_TRADE_SIZE)).isTrue();
            assertThat(f.isNull(FeatureColumn.MAX_TRADE_SIZE)).isTrue();
            assertThat(f.isNull(FeatureColumn.RV_TRADE)).isTrue();
            assertThat(f.isNull(FeatureColumn.VWAP_DEVIATION)).isTrue();
            assertThat(f.doubleValue(FeatureColumn.LOG_RETURN)).isZero(); // the empty bar's close is the previous close
        }
        // without empty bars the gap is in no bar: the bar after it starts at 3 s
        final List<Driver.Emitted> skipped = bars("1s", false,
            quote(100, 10_000, 10, 10_002, 30), trade(200, 10_001, 2, Side.BUY), trade(3_500, 10_001, 2, Side.BUY),
            trade(4_100, 10_001, 1, Side.BUY));
        assertThat(skipped).hasSize(2);
        assertThat(skipped.get(1).features().longValue(FeatureColumn.SPAN_START_NS)).isEqualTo(S + 3_000 * MS);
        assertThat(skipped.get(1).features().doubleValue(FeatureColumn.SPREAD_TWA)).isEqualTo(0.02);
    }

    @Test
    void aGapInsideABarWeighsTheStateInForce()
    {
        final FeatureBar f = bars("1s", false,
            quote(0, 10_000, 5, 10_002, 5), trade(10, 10_001, 1, Side.BUY), quote(900, 10_000, 5, 10_004, 5),
            trade(1_000, 10_001, 1, Side.BUY)).get(0).features();
        // 0.02 for 900 ms, 0.04 for 100 ms
        assertThat(f.doubleValue(FeatureColumn.SPREAD_TWA)).isCloseTo(0.022, offset(1e-15));
        assertThat(f.longValue(FeatureColumn.SPREAD_MIN)).isEqualTo(2);
        assertThat(f.longValue(FeatureColumn.SPREAD_MAX)).isEqualTo(4);
        assertThat(f.longValue(FeatureColumn.SPREAD_LAST)).isEqualTo(4);
        assertThat(f.longValue(FeatureColumn.MID_HIGH)).isEqualTo(100_020);
        assertThat(f.longValue(FeatureColumn.MID_LOW)).isEqualTo(100_010);
        assertThat(f.doubleValue(FeatureColumn.RV_MID))
            .isCloseTo(Math.pow(Math.log(20_004.0 / 20_002), 2), offset(1e-20));
        assertThat(f.longValue(FeatureColumn.EMPTY_SIDE_NS)).isZero();
    }

    @Test
    void aCrossedBookIsTimedAndLeftOutOfTheSpread()
    {
        final FeatureBar f = bars("1s", false,
            batch(0, bid(10_000, 5), ask(10_002, 5)), trade(10, 10_001, 1, Side.BUY),
            batch(200, bid(10_003, 5)), batch(500, new Tape.Delta(BookAction.DELETE, L2Book.BID, 10_003, 0)),
            batch(800, new Tape.Delta(BookAction.DELETE, L2Book.ASK, 10_002, 0)),
            trade(1_000, 10_001, 1, Side.BUY)).get(0).features();
        assertThat(f.longValue(FeatureColumn.CROSSED_NS)).isEqualTo(300 * MS);
        assertThat(f.longValue(FeatureColumn.EMPTY_SIDE_NS)).isEqualTo(200 * MS);
        assertThat(f.doubleValue(FeatureColumn.SPREAD_TWA)).isEqualTo(0.02); // only the valid 500 ms
        assertThat(f.longValue(FeatureColumn.SPREAD_MAX)).isEqualTo(2);
        // the top N is crossed when its best levels are: valid for the same 500 ms, each of (5 − 5) / 10
        assertThat(f.doubleValue(FeatureColumn.IMBALANCE_TOPN_TWA)).isZero();
        assertThat(f.longValue(FeatureColumn.BOOK_UPDATES)).isEqualTo(5);
    }

    @Test
    void aBarThatSpansAClear()
    {
        final FeatureBar f = bars("1s", false,
            batch(200, bid(10_000, 10), ask(10_100, 4)), trade(300, 10_050, 1, Side.BUY),
            batch(500, CLEAR, bid(9_900, 7), ask(10_300, 3)), batch(700, bid(9_900, 9)),
            trade(1_000, 10_001, 1, Side.BUY)).get(0).features();
        // flow: +10 − 4 from the first batch, nothing from the snapshot, +2 from the bid growing 7 → 9
        assertThat(f.longValue(FeatureColumn.OFI_L1)).isEqualTo(8);
        assertThat(f.longValue(FeatureColumn.OFI_TOPN)).isEqualTo(8);
        // the mid moved 100.50 → 101.00 across the snapshot: that return counts
        assertThat(f.doubleValue(FeatureColumn.RV_MID))
            .isCloseTo(Math.pow(Math.log(20_200.0 / 20_100), 2), offset(1e-20));
        assertThat(f.longValue(FeatureColumn.BOOK_UPDATES)).isEqualTo(2 + 3 + 1);
        assertThat(f.longValue(FeatureColumn.MID_OPEN)).isEqualTo(100_500);
        assertThat(f.longValue(FeatureColumn.MID_CLOSE)).isEqualTo(101_000);
        // 200 ms empty, 300 ms of 1.00, 500 ms of 4.00
        assertThat(f.doubleValue(FeatureColumn.SPREAD_TWA)).isCloseTo((1.0 * 300 + 4.0 * 500) / 800, offset(1e-15));
    }

    @Test
    void timeNeverStepsBack()
    {
        final List<Tape.Event> events = List.of(quote(100, 10_000, 1, 10_002, 1), trade(150, 10_001, 1, Side.BUY),
            quote(500, 10_000, 1, 10_004, 1), quote(400, 10_000, 1, 10_006, 1), trade(1_000, 10_001, 1, Side.BUY));
        final Driver driver = new Driver(List.of(BarSpec.parse("1s")), false, 5, -2, 0).run(events);
        final FeatureBar f = driver.bars.get(0).get(0).features();
        // 0.02 from 100 to 500 ms; the quote stamped 400 ms arrives after the one at 500: its 0.06 counts from 500 ms
        assertThat(f.doubleValue(FeatureColumn.SPREAD_TWA)).isCloseTo((0.02 * 400 + 0.06 * 500) / 900, offset(1e-15));
        assertThat(f.longValue(FeatureColumn.EMPTY_SIDE_NS)).isEqualTo(100 * MS);
        assertThat(f.longValue(FeatureColumn.SPREAD_MAX)).isEqualTo(6);
        assertThat(f.longValue(FeatureColumn.BOOK_UPDATES)).isEqualTo(3);
    }

    @Test
    void priceImpactIsKylesLambdaOverTheL1Updates()
    {
        final FeatureBar f = bars("1s", false,
            quote(100, 9_900, 5, 10_100, 5), trade(200, 10_000, 10, Side.BUY), quote(300, 10_000, 5, 10_200, 5),
            trade(400, 10_100, 5, Side.SELL), trade(450, 10_100, 7, Side.NONE), quote(500, 9_900, 5, 10_100, 5),
            trade(1_000, 10_001, 1, Side.BUY)).get(0).features();
        // Δmid +1.00 after +10, −1.00 after −5 (the unsigned trade does not count): λ = (10 + 5) / (100 + 25)
        assertThat(f.doubleValue(FeatureColumn.PRICE_IMPACT)).isCloseTo(15.0 / 125, offset(1e-15));
        assertThat(f.longValue(FeatureColumn.MID_HIGH)).isEqualTo(101_000);
    }

    @Test
    void thresholdBarsWeighFromThePreviousClose()
    {
        final List<Driver.Emitted> bars = bars("ticks:2", false,
            quote(0, 10_000, 1, 10_002, 1), trade(100, 10_001, 1, Side.BUY), trade(300, 10_001, 1, Side.BUY),
            quote(400, 10_000, 1, 10_004, 1), trade(500, 10_001, 1, Side.BUY), trade(700, 10_001, 1, Side.BUY));
        assertThat(bars).hasSize(2);
        final FeatureBar first = bars.get(0).features();
        assertThat(first.longValue(FeatureColumn.SPAN_START_NS)).isEqualTo(S); // the first event
        assertThat(first.longValue(FeatureColumn.SPAN_END_NS)).isEqualTo(S + 300 * MS);
        assertThat(first.doubleValue(FeatureColumn.SPREAD_TWA)).isEqualTo(0.02);
        final FeatureBar second = bars.get(1).features();
        assertThat(second.longValue(FeatureColumn.SPAN_START_NS)).isEqualTo(S + 300 * MS);
        assertThat(second.longValue(FeatureColumn.SPAN_END_NS)).isEqualTo(S + 700 * MS);
        assertThat(second.doubleValue(FeatureColumn.SPREAD_TWA))
            .isCloseTo((0.02 * 100 + 0.04 * 300) / 400, offset(1e-15));
        assertThat(second.longValue(FeatureColumn.BOOK_UPDATES)).isEqualTo(1);
        // a tick bar of trades at one nanosecond has no time to weigh: null, not a made-up value
        final List<Driver.Emitted> instant = bars("ticks:1", false,
            quote(0, 10_000, 1, 10_002, 1), trade(100, 10_001, 1, Side.BUY), trade(100, 10_001, 1, Side.BUY));
        assertThat(instant.get(1).features().isNull(FeatureColumn.SPREAD_TWA)).isTrue();
        assertThat(instant.get(1).features().longValue(FeatureColumn.SPREAD_LAST)).isEqualTo(2);
    }

    @Test
    void flatClosesLeaveRsiAndBollingerUndefinedButNotTheVolatility()
    {
        final RollingFeatures rolling = new RollingFeatures(-2);
        final FeatureBar out = new FeatureBar();
        for (int t = 0; t < 40; t++)
        {
            rolling.onBar(10_000, 0, out);
        }
        assertThat(out.isNull(FeatureColumn.RSI_14)).isTrue();
        assertThat(out.isNull(FeatureColumn.BOLLINGER_POSITION)).isTrue();
        assertThat(out.isNull(FeatureColumn.VOLUME_RATIO)).isTrue();
        assertThat(out.doubleValue(FeatureColumn.VOLATILITY_10)).isZero();
        assertThat(out.doubleValue(FeatureColumn.SMA_20)).isEqualTo(100.0);
        assertThat(out.doubleValue(FeatureColumn.MACD)).isZero();
        assertThat(out.longValue(FeatureColumn.MOMENTUM_5)).isZero();
        rolling.onBar(10_100, 5, out);
        assertThat(out.doubleValue(FeatureColumn.RSI_14)).isEqualTo(100.0);
        assertThat(out.longValue(FeatureColumn.MOMENTUM_3)).isEqualTo(100);
        assertThat(out.isNull(FeatureColumn.VOLUME_RATIO)).isFalse();
        assertThat(out.longValue(FeatureColumn.NOTIONAL)).as("never written by the rolling features")
            .isEqualTo(Values.NONE);
    }
}
