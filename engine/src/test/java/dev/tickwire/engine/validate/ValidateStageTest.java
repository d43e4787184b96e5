package dev.tickwire.engine.validate;

import com.lmax.disruptor.dsl.ProducerType;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.StatusCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static dev.tickwire.engine.validate.ValidateHarness.ACCEPTED;
import static dev.tickwire.engine.validate.ValidateHarness.INSTRUMENT;
import static dev.tickwire.engine.validate.ValidateHarness.SOURCE;
import static dev.tickwire.engine.validate.ValidateHarness.T;
import static dev.tickwire.wire.sbe.RejectReason.CROSSED_BOOK;
import static dev.tickwire.wire.sbe.RejectReason.DUPLICATE_POSITION;
import static dev.tickwire.wire.sbe.RejectReason.MALFORMED;
import static dev.tickwire.wire.sbe.RejectReason.PRICE_BAND;
import static dev.tickwire.wire.sbe.RejectReason.PRICE_NOT_FINITE;
import static dev.tickwire.wire.sbe.RejectReason.PRICE_NOT_POSITIVE;
import static dev.tickwire.wire.sbe.RejectReason.PRICE_OFF_TICK;
import static dev.tickwire.wire.sbe.RejectReason.SIZE_NEGATIVE;
import static dev.tickwire.wire.sbe.RejectReason.TIME_BACKWARDS;
import static dev.tickwire.wire.sbe.RejectReason.TIME_IN_FUTURE;
import static dev.tickwire.wire.sbe.RejectReason.UNKNOWN_INSTRUMENT;
import static org.assertj.core.api.Assertions.assertThat;

/** Verdicts of single ticks (trades, quotes, one-delta batches), source state, resume and counters. */
class ValidateStageTest
{
    private static final long MINUTE = 60_000_000_000L;
    /** No time tolerance, 1 minute of future allowed, no price band: only the check under test fires. */
    private static final ValidationLimits PLAIN = new ValidationLimits(0, MINUTE, 0);

    @TempDir
    Path dir;

    private ValidateHarness h;

    private ValidateHarness harness(final ValidationLimits limits)
    {
        h = new ValidateHarness(dir, limits);
        return h;
    }

    @AfterEach
    void close()
    {
        if (h != null)
        {
            h.close();
        }
    }

    @Nested
    class Instruments
    {
        @Test
        void tickOfAnUndefinedInstrumentIsRejected()
        {
            final ValidateHarness h = harness(PLAIN);

            assertThat(h.verdict(h.send(h.trade(100)))).isEqualTo(UNKNOWN_INSTRUMENT);
            assertThat(h.verdict(h.send(h.quote(100, 1, 101, 1)))).isEqualTo(UNKNOWN_INSTRUMENT);
            assertThat(h.verdicts(h.batch(h.add(BookSide.BID, 100, 1)))).containsExactly(UNKNOWN_INSTRUMENT);
            assertThat(h.counters.rejectedCount(UNKNOWN_INSTRUMENT)).isEqualTo(3);
        }

        @Test
        void definitionRegistersTheInstrumentAndIsAccepted()
        {
            final ValidateHarness h = harness(PLAIN);

            assertThat(h.verdict(h.define(INSTRUMENT, 1))).isEqualTo(ACCEPTED);

            assertThat(h.verdict(h.send(h.trade(100)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(100).instrument(INSTRUMENT + 1)))).isEqualTo(UNKNOWN_INSTRUMENT);
        }

        @Test
        void definitionWithoutPositiveTickSizeIsMalformedAndRegistersNothing()
        {
            final ValidateHarness h = harness(PLAIN);

            assertThat(h.verdict(h.define(INSTRUMENT, 0))).isEqualTo(MALFORMED);
            assertThat(h.verdict(h.send(h.trade(100)))).isEqualTo(UNKNOWN_INSTRUMENT);
        }

        @Test
        void instrumentIdsBeyondTheInitialTablesAreRegistered()
        {
            final ValidateHarness h = harness(PLAIN);

            h.define(1000, 5);

            assertThat(h.verdict(h.send(h.trade(105).instrument(1000)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(106).instrument(1000)))).isEqualTo(PRICE_OFF_TICK);
        }
    }

    @Nested
    class Prices
    {
        @Test
        void notFinitePriceIsRejected()
        {
            final ValidateHarness h = harness(PLAIN);
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.trade(FixedPoint.NOT_FINITE)))).isEqualTo(PRICE_NOT_FINITE);
            assertThat(h.verdict(h.send(h.trade(100).bidAsk(FixedPoint.NOT_FINITE, 101)))).isEqualTo(PRICE_NOT_FINITE);
            assertThat(h.verdict(h.send(h.trade(100).bidAsk(99, FixedPoint.NOT_FINITE)))).isEqualTo(PRICE_NOT_FINITE);
            assertThat(h.verdict(h.send(h.quote(FixedPoint.NOT_FINITE, 1, 101, 1)))).isEqualTo(PRICE_NOT_FINITE);
            assertThat(h.verdict(h.send(h.quote(100, 1, FixedPoint.NOT_FINITE, 1)))).isEqualTo(PRICE_NOT_FINITE);
            assertThat(h.verdicts(h.batch(h.add(BookSide.ASK, FixedPoint.NOT_FINITE, 1))))
                .containsExactly(PRICE_NOT_FINITE);
            assertThat(h.counters.rejectedCount(PRICE_NOT_FINITE)).isEqualTo(6);
        }

        @Test
        void zeroAndNegativePricesAreRejected()
        {
            final ValidateHarness h = harness(PLAIN);
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.trade(0)))).isEqualTo(PRICE_NOT_POSITIVE);
            assertThat(h.verdict(h.send(h.trade(-100)))).isEqualTo(PRICE_NOT_POSITIVE);
            assertThat(h.verdict(h.send(h.trade(100).bidAsk(0, 101)))).isEqualTo(PRICE_NOT_POSITIVE);
            assertThat(h.verdict(h.send(h.quote(-100, 1, 101, 1)))).isEqualTo(PRICE_NOT_POSITIVE);
            assertThat(h.verdict(h.send(h.quote(0, 5, 101, 1)))).as("price 0 with a size is not an empty side")
                .isEqualTo(PRICE_NOT_POSITIVE);
            assertThat(h.verdicts(h.batch(h.add(BookSide.BID, 0, 1)))).containsExactly(PRICE_NOT_POSITIVE);
            assertThat(h.verdicts(h.batch(h.add(BookSide.BID, -5, 1)))).containsExactly(PRICE_NOT_POSITIVE);
            assertThat(h.counters.rejectedCount(PRICE_NOT_POSITIVE)).isEqualTo(7);
        }

        @Test
        void priceOffTheTickGridIsRejected()
        {
            final ValidateHarness h = harness(PLAIN);
            h.define(INSTRUMENT, 25);

            assertThat(h.verdict(h.send(h.trade(500010)))).isEqualTo(PRICE_OFF_TICK);
            assertThat(h.verdict(h.send(h.trade(500025)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(500025).bidAsk(500010, 500050)))).isEqualTo(PRICE_OFF_TICK);
            assertThat(h.verdict(h.send(h.quote(500000, 1, 500030, 1)))).isEqualTo(PRICE_OFF_TICK);
            assertThat(h.verdicts(h.batch(h.add(BookSide.BID, 500001, 1)))).containsExactly(PRICE_OFF_TICK);
            assertThat(h.verdicts(h.batch(h.add(BookSide.BID, 500000, 1)))).containsExactly(ACCEPTED);
        }

        @Test
        void tradeWithoutBidAndAskIsAccepted()
        {
            final ValidateHarness h = harness(PLAIN);
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.trade(100).bidAsk(Values.NONE, Values.NONE)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(100).bidAsk(Values.NONE, 101)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(100).bidAsk(99, Values.NONE)))).isEqualTo(ACCEPTED);
        }

        @Test
        void tradeOutsideItsOwnBidAndAskIsAccepted()
        {
            final ValidateHarness h = harness(PLAIN);
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.trade(110).bidAsk(99, 101)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(90).bidAsk(99, 101)))).isEqualTo(ACCEPTED);
        }
    }

    @Nested
    class Sizes
    {
        @Test
        void negativeSizesAreRejected()
        {
            final ValidateHarness h = harness(PLAIN);
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.trade(100).size(-1)))).isEqualTo(SIZE_NEGATIVE);
            assertThat(h.verdict(h.send(h.quote(100, -1, 101, 5)))).isEqualTo(SIZE_NEGATIVE);
            assertThat(h.verdict(h.send(h.quote(100, 5, 101, -1)))).isEqualTo(SIZE_NEGATIVE);
            assertThat(h.verdicts(h.batch(h.add(BookSide.BID, 100, -1)))).containsExactly(SIZE_NEGATIVE);
            assertThat(h.verdicts(h.batch(h.modify(BookSide.ASK, 101, -7)))).containsExactly(SIZE_NEGATIVE);
            assertThat(h.counters.rejectedCount(SIZE_NEGATIVE)).isEqualTo(5);
        }

        @Test
        void zeroSizesAreAccepted()
        {
            final ValidateHarness h = harness(PLAIN);
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.trade(100).size(0)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.quote(100, 0, 101, 5)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.quote(0, 0, 101, 5)))).as("price and size 0: empty bid side")
                .isEqualTo(ACCEPTED);
        }
    }

    @Nested
    class Quotes
    {
        @Test
        void crossedQuoteIsRejected()
        {
            final ValidateHarness h = harness(PLAIN);
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.quote(102, 1, 101, 1)))).isEqualTo(CROSSED_BOOK);
            assertThat(h.counters.rejectedCount(CROSSED_BOOK)).isEqualTo(1);
        }

        @Test
        void lockedQuoteIsAccepted()
        {
            final ValidateHarness h = harness(PLAIN);
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.quote(101, 1, 101, 1)))).isEqualTo(ACCEPTED);
        }

        @Test
        void oneSidedQuotesAreAccepted()
        {
            final ValidateHarness h = harness(PLAIN);
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.quote(0, 0, 101, 1)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.quote(200, 1, 0, 0)))).isEqualTo(ACCEPTED);
        }
    }

    @Nested
    class Time
    {
        @Test
        void eventTimeBeforeTheSourcesLastAcceptedIsRejected()
        {
            final ValidateHarness h = harness(PLAIN);
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.trade(100).at(T + 2_000)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(100).at(T + 1_999)))).isEqualTo(TIME_BACKWARDS);
            assertThat(h.verdict(h.send(h.quote(100, 1, 101, 1).at(T + 1_000)))).isEqualTo(TIME_BACKWARDS);
            assertThat(h.verdicts(h.batch(h.add(BookSide.BID, 100, 1).at(T + 1_000)))).containsExactly(TIME_BACKWARDS);
            assertThat(h.counters.rejectedCount(TIME_BACKWARDS)).isEqualTo(3);
        }

        @Test
        void equalTimestampsAreAccepted()
        {
            final ValidateHarness h = harness(PLAIN);
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.trade(100).at(T + 5)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(100).at(T + 5)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.quote(100, 1, 101, 1).at(T + 5)))).isEqualTo(ACCEPTED);
            assertThat(h.verdicts(h.batch(h.add(BookSide.BID, 100, 1).at(T + 5)))).containsExactly(ACCEPTED);
        }

        @Test
        void timeGoingBackWithinTheToleranceIsAccepted()
        {
            final ValidateHarness h = harness(new ValidationLimits(500, MINUTE, 0));
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.trade(100).at(T + 2_000)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(100).at(T + 1_500)))).as("exactly the tolerance back")
                .isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(100).at(T + 1_499)))).as("measured from the latest time, 2000")
                .isEqualTo(TIME_BACKWARDS);
            assertThat(h.verdict(h.send(h.trade(100).at(T + 1_800)))).isEqualTo(ACCEPTED);
        }

        @Test
        void timeIsTrackedPerSource()
        {
            final ValidateHarness h = harness(PLAIN);
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.trade(100).source(1).at(T + 2_000)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(100).source(2).at(T + 1_000)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(100).source(2).at(T + 999)))).isEqualTo(TIME_BACKWARDS);
        }

        @Test
        void rejectedTickDoesNotMoveTheSourceClock()
        {
            final ValidateHarness h = harness(PLAIN);
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.trade(100).at(T + 1_000)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(-1).at(T + 9_000)))).isEqualTo(PRICE_NOT_POSITIVE);
            assertThat(h.verdict(h.send(h.trade(100).at(T + 5_000)))).isEqualTo(ACCEPTED);
        }

        @Test
        void eventTimeTooFarAfterTheReceiveTimeIsRejected()
        {
            final ValidateHarness h = harness(new ValidationLimits(0, 1_000, 0));
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.trade(100).at(T + 10_000).received(T + 8_999)))).isEqualTo(TIME_IN_FUTURE);
            assertThat(h.verdict(h.send(h.trade(100).at(T + 10_000).received(T + 9_000)))).as("exactly maxFuture")
                .isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.quote(100, 1, 101, 1).at(T + 20_000).received(T + 10_000))))
                .isEqualTo(TIME_IN_FUTURE);
            assertThat(h.verdicts(h.batch(h.add(BookSide.BID, 100, 1).at(T + 20_000).received(T + 10_000))))
                .containsExactly(TIME_IN_FUTURE);
            assertThat(h.counters.rejectedCount(TIME_IN_FUTURE)).isEqualTo(3);
        }

        @Test
        void futureTickDoesNotPoisonTheSourceClock()
        {
            final ValidateHarness h = harness(new ValidationLimits(0, 1_000, 0));
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.trade(100).at(T + 1_000_000_000).received(T)))).isEqualTo(TIME_IN_FUTURE);
            assertThat(h.verdict(h.send(h.trade(100).at(T + 1_000).received(T + 1_000)))).isEqualTo(ACCEPTED);
        }
    }

    @Nested
    class Positions
    {
        @Test
        void sameOrLowerPositionOfTheSameSourceIsDuplicate()
        {
            final ValidateHarness h = harness(PLAIN);
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.trade(100).position(10)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(100).position(10)))).isEqualTo(DUPLICATE_POSITION);
            assertThat(h.verdict(h.send(h.trade(100).position(9)))).isEqualTo(DUPLICATE_POSITION);
            assertThat(h.verdict(h.send(h.quote(100, 1, 101, 1).position(10)))).isEqualTo(DUPLICATE_POSITION);
            assertThat(h.verdicts(h.batch(h.add(BookSide.BID, 100, 1).position(3)))).containsExactly(DUPLICATE_POSITION);
            assertThat(h.verdict(h.send(h.trade(100).position(11)))).isEqualTo(ACCEPTED);
            assertThat(h.counters.rejectedCount(DUPLICATE_POSITION)).isEqualTo(4);
        }

        @Test
        void positionsArePerSource()
        {
            final ValidateHarness h = harness(PLAIN);
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.trade(100).source(1).position(10)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(100).source(2).position(10)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(100).source(3).position(1)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(100).source(2).position(10)))).isEqualTo(DUPLICATE_POSITION);
        }

        @Test
        void rejectedTickStillConsumesItsPosition()
        {
            final ValidateHarness h = harness(PLAIN);
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.trade(0).position(10)))).isEqualTo(PRICE_NOT_POSITIVE);
            assertThat(h.verdict(h.send(h.trade(100).position(10)))).isEqualTo(DUPLICATE_POSITION);
            assertThat(h.verdict(h.send(h.trade(100).position(11).instrument(99)))).isEqualTo(UNKNOWN_INSTRUMENT);
            assertThat(h.verdict(h.send(h.trade(100).position(11)))).isEqualTo(DUPLICATE_POSITION);
            assertThat(h.verdict(h.send(h.trade(100).position(12)))).isEqualTo(ACCEPTED);
        }

        @Test
        void resumeMapRejectsJournaledPositionsAndEarlierTimesAfterARestart()
        {
            h = new ValidateHarness(dir, PLAIN, Map.of(SOURCE, new dev.tickwire.journal.Checkpoint(SOURCE, 100, 0, T + 5_000, 0)), ProducerType.SINGLE);
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.trade(100).position(100).at(T + 6_000)))).isEqualTo(DUPLICATE_POSITION);
            assertThat(h.verdict(h.send(h.trade(100).position(42).at(T + 6_000)))).isEqualTo(DUPLICATE_POSITION);
            assertThat(h.verdict(h.send(h.trade(100).position(101).at(T + 4_999)))).isEqualTo(TIME_BACKWARDS);
            assertThat(h.verdict(h.send(h.trade(100).position(102).at(T + 5_000)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(100).source(2).position(100).at(T)))).as("other source, not resumed")
                .isEqualTo(ACCEPTED);
        }
    }

    @Nested
    class PriceBand
    {
        @Test
        void tradeTooFarFromTheLastTradeIsRejected()
        {
            final ValidateHarness h = harness(new ValidationLimits(0, MINUTE, 2_000));
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.trade(1_000_000)))).as("no reference yet").isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(1_300_000)))).isEqualTo(PRICE_BAND);
            assertThat(h.verdict(h.send(h.trade(700_000)))).isEqualTo(PRICE_BAND);
            assertThat(h.verdict(h.send(h.trade(1_250_000)))).as("reference is still the last accepted trade")
                .isEqualTo(PRICE_BAND);
            assertThat(h.verdict(h.send(h.trade(1_200_000)))).as("exactly 20 %").isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(1_400_000)))).as("reference moved to 1.2M").isEqualTo(ACCEPTED);
            assertThat(h.counters.rejectedCount(PRICE_BAND)).isEqualTo(3);
        }

        @Test
        void quoteTooFarFromTheLastTradeIsRejected()
        {
            final ValidateHarness h = harness(new ValidationLimits(0, MINUTE, 2_000));
            h.define(INSTRUMENT, 1);
            h.send(h.trade(1_000_000));

            assertThat(h.verdict(h.send(h.quote(1_300_000, 1, 1_300_001, 1)))).isEqualTo(PRICE_BAND);
            assertThat(h.verdict(h.send(h.quote(1_000_000, 1, 1_300_000, 1)))).isEqualTo(PRICE_BAND);
            assertThat(h.verdict(h.send(h.quote(999_000, 1, 1_001_000, 1)))).isEqualTo(ACCEPTED);
        }

        @Test
        void bandZeroTurnsTheCheckOff()
        {
            final ValidateHarness h = harness(new ValidationLimits(0, MINUTE, 0));
            h.define(INSTRUMENT, 1);

            assertThat(h.verdict(h.send(h.trade(1_000_000)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(10_000_000)))).isEqualTo(ACCEPTED);
            assertThat(h.verdict(h.send(h.trade(1)))).isEqualTo(ACCEPTED);
        }

        @Test
        void bandIsPerInstrument()
        {
            final ValidateHarness h = harness(new ValidationLimits(0, MINUTE, 2_000));
            h.define(INSTRUMENT, 1);
            h.define(INSTRUMENT + 1, 1);

            h.send(h.trade(1_000_000));
            assertThat(h.verdict(h.send(h.trade(5_000_000).instrument(INSTRUMENT + 1)))).isEqualTo(ACCEPTED);
        }
    }

    @Nested
    class PrecedenceAndAdapterVerdicts
    {
        @Test
        void firstFailingCheckWins()
        {
            final ValidateHarness h = harness(new ValidationLimits(0, 1_000, 2_000));
            h.define(INSTRUMENT, 1);
            h.send(h.trade(1_000).position(10).at(T + 1_000));

            assertThat(h.verdict(h.send(h.trade(FixedPoint.NOT_FINITE).position(10).instrument(99).at(T))))
                .isEqualTo(DUPLICATE_POSITION);
            assertThat(h.verdict(h.send(h.trade(FixedPoint.NOT_FINITE).position(11).instrument(99).at(T))))
                .isEqualTo(UNKNOWN_INSTRUMENT);
            assertThat(h.verdict(h.send(h.trade(FixedPoint.NOT_FINITE).position(12).at(T))))
                .isEqualTo(TIME_BACKWARDS);
            assertThat(h.verdict(h.send(h.trade(FixedPoint.NOT_FINITE).position(13).at(T + 5_000).received(T + 1_000))))
                .isEqualTo(TIME_IN_FUTURE);
            assertThat(h.verdict(h.send(h.trade(FixedPoint.NOT_FINITE).position(14).size(-1).at(T + 1_000))))
                .isEqualTo(PRICE_NOT_FINITE);
            assertThat(h.verdict(h.send(h.trade(5_000).position(15).size(-1).bidAsk(0, 1).at(T + 1_000))))
                .isEqualTo(SIZE_NEGATIVE);
            assertThat(h.verdict(h.send(h.trade(5_000).position(16).bidAsk(0, 1).at(T + 1_000))))
                .isEqualTo(PRICE_NOT_POSITIVE);
            assertThat(h.verdict(h.send(h.quote(5_000, -1, 4_000, 1).position(17).at(T + 1_000))))
                .isEqualTo(SIZE_NEGATIVE);
            assertThat(h.verdict(h.send(h.quote(5_000, 1, 4_000, 1).position(18).at(T + 1_000))))
                .as("crossed is checked before the band").isEqualTo(CROSSED_BOOK);
        }

        @Test
        void adaptersOwnRejectionIsKept()
        {
            final ValidateHarness h = harness(new ValidationLimits(0, MINUTE, 2_000));
            h.define(INSTRUMENT, 1);
            h.send(h.trade(1_000));

            assertThat(h.verdict(h.send(h.trade(1_000).rejectedByAdapter(MALFORMED)))).isEqualTo(MALFORMED);
            assertThat(h.verdict(h.send(h.trade(FixedPoint.NOT_FINITE).rejectedByAdapter(TIME_IN_FUTURE))))
                .as("not overwritten by the stage's own reason").isEqualTo(TIME_IN_FUTURE);
            assertThat(h.verdicts(h.batch(h.add(BookSide.BID, 100, 1).rejectedByAdapter(MALFORMED))))
                .containsExactly(MALFORMED);
            assertThat(h.counters.rejectedCount(MALFORMED)).isEqualTo(2);
            assertThat(h.counters.rejectedCount(TIME_IN_FUTURE)).isEqualTo(1);
        }

        @Test
        void adapterRejectedTradeConsumesItsPositionButIsNoBandReference()
        {
            final ValidateHarness h = harness(new ValidationLimits(0, MINUTE, 2_000));
            h.define(INSTRUMENT, 1);
            h.send(h.trade(1_000).position(1));

            assertThat(h.verdict(h.send(h.trade(5_000).position(2).rejectedByAdapter(MALFORMED)))).isEqualTo(MALFORMED);
            assertThat(h.verdict(h.send(h.trade(5_000).position(2)))).isEqualTo(DUPLICATE_POSITION);
            assertThat(h.verdict(h.send(h.trade(4_900).position(3)))).as("reference is still 1000")
                .isEqualTo(PRICE_BAND);
        }

        @Test
        void statusMessagesPassAndUnknownTemplatesAreMalformed()
        {
            final ValidateHarness h = harness(PLAIN);
            final MessageWriter writer = new MessageWriter();

            final long status = h.publisher.claim();
            final TickSlot slot = h.publisher.slot(status);
            slot.length(writer.status(slot.buffer(), 0, SOURCE, 1, 0, T, T, StatusCode.HEARTBEAT, 0));
            h.publisher.publish(status);

            final long unknown = h.publisher.claim();
            h.publisher.slot(unknown).buffer().setMemory(0, 64, (byte)0);
            h.publisher.slot(unknown).buffer().putShort(2, (short)99); // template id 99
            h.publisher.publish(unknown);
            h.validateAll();

            assertThat(h.verdict(status)).isEqualTo(ACCEPTED);
            assertThat(h.verdict(unknown)).isEqualTo(MALFORMED);
        }
    }

    @Test
    void countersCountEveryTickOnceByVerdictAndReason()
    {
        final ValidateHarness h = harness(PLAIN);
        h.define(INSTRUMENT, 25);                                // accepted
        h.send(h.trade(100));                                    // accepted
        h.send(h.trade(110));                                    // PRICE_OFF_TICK
        h.send(h.quote(100, 1, 125, 1));                         // accepted
        h.send(h.quote(150, 1, 125, 1));                         // CROSSED_BOOK
        h.send(h.trade(100).position(1));                        // DUPLICATE_POSITION
        h.batch(h.add(BookSide.BID, 100, 1), h.add(BookSide.ASK, 125, 1)); // 2 accepted
        h.batch(h.add(BookSide.BID, 150, 1), h.add(BookSide.BID, 75, -1)); // SIZE_NEGATIVE + CROSSED_BOOK

        assertThat(h.counters.ticksIn().get()).isEqualTo(10);
        assertThat(h.counters.accepted().get()).isEqualTo(5);
        assertThat(h.counters.rejectedTotal().get()).isEqualTo(5);
        assertThat(h.counters.rejectedCount(PRICE_OFF_TICK)).isEqualTo(1);
        assertThat(h.counters.rejectedCount(CROSSED_BOOK)).isEqualTo(2);
        assertThat(h.counters.rejectedCount(DUPLICATE_POSITION)).isEqualTo(1);
        assertThat(h.counters.rejectedCount(SIZE_NEGATIVE)).isEqualTo(1);
        for (final RejectReason other : new RejectReason[] {UNKNOWN_INSTRUMENT, PRICE_NOT_FINITE, PRICE_NOT_POSITIVE,
            TIME_BACKWARDS, TIME_IN_FUTURE, PRICE_BAND, MALFORMED})
        {
            assertThat(h.counters.rejectedCount(other)).as(other.name()).isZero();
        }
    }
}
