package dev.tickwire.engine.validate;

import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.OptionType;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.tickwire.engine.validate.ValidateHarness.ACCEPTED;
import static dev.tickwire.engine.validate.ValidateHarness.INSTRUMENT;
import static dev.tickwire.engine.validate.ValidateHarness.SOURCE;
import static dev.tickwire.engine.validate.ValidateHarness.T;
import static dev.tickwire.wire.sbe.RejectReason.DUPLICATE_POSITION;
import static dev.tickwire.wire.sbe.RejectReason.MALFORMED;
import static dev.tickwire.wire.sbe.RejectReason.PRICE_NOT_FINITE;
import static dev.tickwire.wire.sbe.RejectReason.PRICE_NOT_POSITIVE;
import static dev.tickwire.wire.sbe.RejectReason.PRICE_OFF_TICK;
import static dev.tickwire.wire.sbe.RejectReason.SIZE_NEGATIVE;
import static dev.tickwire.wire.sbe.RejectReason.TIME_BACKWARDS;
import static dev.tickwire.wire.sbe.RejectReason.UNKNOWN_INSTRUMENT;
import static org.assertj.core.api.Assertions.assertThat;

/** Verdicts of reference data: candles, derivative tickers, liquidations and option summaries. */
class ValidateReferenceDataTest
{
    private static final long MINUTE = 60_000_000_000L;
    private static final long N = Values.NONE;

    @TempDir
    Path dir;

    private ValidateHarness h;
    private final MessageWriter w = new MessageWriter();
    private long position;

    @BeforeEach
    void start()
    {
        h = new ValidateHarness(dir, new ValidationLimits(0, MINUTE, 0));
        h.define(INSTRUMENT, 5); // tick 5
    }

    @AfterEach
    void close()
    {
        h.close();
    }

    private RejectReason candle(final long start, final long o, final long hi, final long lo, final long c,
        final long volume, final long buy)
    {
        final long pos = ++position;
        return h.verdict(h.sendEncoded(slot -> w.candle(slot.buffer(), 0, SOURCE, pos, INSTRUMENT, start, MINUTE,
            start + MINUTE, o, hi, lo, c, volume, buy, 3)));
    }

    @Test
    void candlesAreHeldToTheTickAndTheirShape()
    {
        assertThat(candle(T, 100, 110, 95, 105, 7, 3)).isEqualTo(ACCEPTED);
        assertThat(candle(T + MINUTE, 100, 111, 95, 105, 7, 3)).isEqualTo(PRICE_OFF_TICK);
        assertThat(candle(T + 2 * MINUTE, 100, 105, 95, 110, 7, 3)).as("close above high").isEqualTo(MALFORMED);
        assertThat(candle(T + 3 * MINUTE, 100, 110, 100, 95, 7, 3)).as("close below low").isEqualTo(MALFORMED);
        assertThat(candle(T + 4 * MINUTE, 100, 110, 95, 105, -1, N)).isEqualTo(SIZE_NEGATIVE);
        assertThat(candle(T + 5 * MINUTE, 100, 110, 95, 105, 7, 8)).as("buy volume above volume").isEqualTo(MALFORMED);
        assertThat(candle(T + 6 * MINUTE, 0, 110, 0, 105, 7, N)).isEqualTo(PRICE_NOT_POSITIVE);
        assertThat(candle(T + 7 * MINUTE, 100, 110, 95, 105, 0, N)).as("no trades, no buy volume").isEqualTo(ACCEPTED);
        assertThat(candle(T, 100, 110, 95, 105, 7, 3)).as("an earlier bar of the same source").isEqualTo(TIME_BACKWARDS);
    }

    @Test
    void aRepolledValueAtAJournaledPositionIsADuplicate()
    {
        position = 10;
        assertThat(candle(T, 100, 110, 95, 105, 7, 3)).isEqualTo(ACCEPTED);
        position = 9;
        assertThat(candle(T + MINUTE, 100, 110, 95, 105, 7, 3)).isEqualTo(DUPLICATE_POSITION);
    }

    @Test
    void tickersKeepTheirOwnExponentsAndNeedOneValue()
    {
        final long t = T;
        assertThat(h.verdict(h.sendEncoded(s -> {
            w.derivativeTicker(s.buffer(), 0, SOURCE, 1, INSTRUMENT, t, t, -8, -3, -12)
                .markPrice(4_352_112_345_678L).fundingRate(-12_345).fundingTimeNs(t + MINUTE).openInterest(0);
            return MessageWriter.DERIVATIVE_TICKER_LENGTH;
        }))).as("a mark price off the instrument's tick, a negative rate: fine").isEqualTo(ACCEPTED);
        assertThat(h.verdict(h.sendEncoded(s -> {
            w.derivativeTicker(s.buffer(), 0, SOURCE, 2, INSTRUMENT, t, t, -8, -3, -12);
            return MessageWriter.DERIVATIVE_TICKER_LENGTH;
        }))).as("nothing in it").isEqualTo(MALFORMED);
        assertThat(h.verdict(h.sendEncoded(s -> {
            w.derivativeTicker(s.buffer(), 0, SOURCE, 3, INSTRUMENT, t, t, -8, -3, -12).indexPrice(-1);
            return MessageWriter.DERIVATIVE_TICKER_LENGTH;
        }))).isEqualTo(PRICE_NOT_POSITIVE);
        assertThat(h.verdict(h.sendEncoded(s -> {
            w.derivativeTicker(s.buffer(), 0, SOURCE, 4, INSTRUMENT, t, t, -8, -3, -12).openInterest(-5);
            return MessageWriter.DERIVATIVE_TICKER_LENGTH;
        }))).isEqualTo(SIZE_NEGATIVE);
        assertThat(h.verdict(h.sendEncoded(s -> {
            w.derivativeTicker(s.buffer(), 0, SOURCE, 5, INSTRUMENT, t, t, -8, -3, -12).fundingRate(FixedPoint.NOT_FINITE);
            return MessageWriter.DERIVATIVE_TICKER_LENGTH;
        }))).isEqualTo(PRICE_NOT_FINITE);
        assertThat(h.verdict(h.sendEncoded(s -> {
            w.derivativeTicker(s.buffer(), 0, SOURCE, 6, INSTRUMENT, t, t, -19, -3, -12).markPrice(1);
            return MessageWriter.DERIVATIVE_TICKER_LENGTH;
        }))).as("exponent out of range").isEqualTo(MALFORMED);
        assertThat(h.verdict(h.sendEncoded(s -> {
            w.derivativeTicker(s.buffer(), 0, SOURCE, 7, INSTRUMENT, t, t, -8, 1, -12).openInterest(1);
            return MessageWriter.DERIVATIVE_TICKER_LENGTH;
        }))).as("a positive exponent: the value fits a long at 0").isEqualTo(MALFORMED);
        assertThat(h.verdict(h.sendEncoded(s -> {
            w.derivativeTicker(s.buffer(), 0, SOURCE, 8, INSTRUMENT + 1, t, t, -8, -3, -12).markPrice(1);
            return MessageWriter.DERIVATIVE_TICKER_LENGTH;
        }))).isEqualTo(UNKNOWN_INSTRUMENT);
    }

    @Test
    void liquidationsNeedASideAPriceAndASize()
    {
        assertThat(h.verdict(h.sendEncoded(s -> w.liquidation(s.buffer(), 0, SOURCE, 1, INSTRUMENT, T, T, 4_352_112, 3,
            Side.BUY, N)))).as("off the tick: a bankruptcy price may be").isEqualTo(ACCEPTED);
        assertThat(h.verdict(h.sendEncoded(s -> w.liquidation(s.buffer(), 0, SOURCE, 2, INSTRUMENT, T, T, 100, 3,
            Side.NONE, 1)))).isEqualTo(MALFORMED);
        assertThat(h.verdict(h.sendEncoded(s -> w.liquidation(s.buffer(), 0, SOURCE, 3, INSTRUMENT, T, T, 100, -3,
            Side.SELL, 1)))).isEqualTo(SIZE_NEGATIVE);
        assertThat(h.verdict(h.sendEncoded(s -> w.liquidation(s.buffer(), 0, SOURCE, 4, INSTRUMENT, T, T, 0, 3,
            Side.SELL, 1)))).isEqualTo(PRICE_NOT_POSITIVE);
    }

    @Test
    void optionSummariesAreCheckedValueByValue()
    {
        final long expiry = T + 30 * 24 * 60 * MINUTE;
        assertThat(option(1, OptionType.CALL, 20_000, expiry, 0, 650_000, -512_345)).isEqualTo(ACCEPTED);
        assertThat(option(2, OptionType.PUT, 0, expiry, 5, 650_000, 1)).as("strike").isEqualTo(PRICE_NOT_POSITIVE);
        assertThat(option(3, OptionType.PUT, 20_000, expiry, -5, 650_000, 1)).isEqualTo(SIZE_NEGATIVE);
        assertThat(option(4, OptionType.PUT, 20_000, expiry, 5, -1, 1)).as("negative iv").isEqualTo(MALFORMED);
        assertThat(option(5, OptionType.PUT, 20_000, expiry, 5, 1, FixedPoint.NOT_FINITE)).isEqualTo(PRICE_NOT_FINITE);
        assertThat(option(6, OptionType.NULL_VAL, 20_000, expiry, 5, 1, 1)).isEqualTo(MALFORMED);
        assertThat(option(7, OptionType.CALL, 20_000, 0, 5, 1, 1)).as("no expiry").isEqualTo(MALFORMED);
        assertThat(h.counters.rejectedCount(MALFORMED)).isEqualTo(3);
    }

    private RejectReason option(final long pos, final OptionType type, final long strike, final long expiry,
        final long mark, final long iv, final long delta)
    {
        return h.verdict(h.sendEncoded(s -> {
            w.optionSummary(s.buffer(), 0, SOURCE, pos, INSTRUMENT, T, T, type, strike, expiry, -4, 0, -1, -6)
                .markPrice(mark).markIv(iv).delta(delta).underlyingPrice(41_000);
            return MessageWriter.OPTION_SUMMARY_LENGTH;
        }));
    }
}
