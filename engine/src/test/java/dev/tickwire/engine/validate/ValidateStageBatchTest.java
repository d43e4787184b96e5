package dev.tickwire.engine.validate;

import static dev.tickwire.engine.validate.ValidateHarness.ACCEPTED;
import static dev.tickwire.engine.validate.ValidateHarness.INSTRUMENT;
import static dev.tickwire.engine.validate.ValidateHarness.T;
import static dev.tickwire.wire.sbe.BookSide.ASK;
import static dev.tickwire.wire.sbe.BookSide.BID;
import static dev.tickwire.wire.sbe.RejectReason.CROSSED_BOOK;
import static dev.tickwire.wire.sbe.RejectReason.DUPLICATE_POSITION;
import static dev.tickwire.wire.sbe.RejectReason.SIZE_NEGATIVE;
import static dev.tickwire.wire.sbe.RejectReason.TIME_BACKWARDS;
import static dev.tickwire.wire.sbe.RejectReason.UNKNOWN_INSTRUMENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tickwire.engine.book.L2Book;
import dev.tickwire.wire.DeltaFlagBits;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Book batches: each delta is judged on its own, the book only at END_OF_BATCH, and a batch that
 * would leave the book crossed is rejected whole with the shadow book rolled back.
 *
 * <p>Every test starts from instrument {@link ValidateHarness#INSTRUMENT} (tick 1) with the seeded
 * book bids 100x10 / 99x20, asks 101x30 / 102x40.
 */
class ValidateStageBatchTest
{
    private static final List<String> SEEDED = List.of(
        "BID 100x10/1", "BID 99x20/1", "ASK 101x30/1", "ASK 102x40/1");

    @TempDir
    Path dir;

    private ValidateHarness h;

    @BeforeEach
    void seed()
    {
        h = new ValidateHarness(dir, new ValidationLimits(0, 60_000_000_000L, 0));
        h.defineAndSeedBook();
        assertThat(shadowLevels()).containsExactlyElementsOf(SEEDED);
    }

    @AfterEach
    void close()
    {
        h.close();
    }

    @Test
    void batchThatEndsCrossedIsRejectedWholeAndRolledBack()
    {
        final long[] crossing = h.batch(
            h.add(BID, 103, 5),
            h.modify(ASK, 102, 9));

        assertThat(h.verdicts(crossing)).containsExactly(CROSSED_BOOK, CROSSED_BOOK);
        assertThat(shadowLevels()).containsExactlyElementsOf(SEEDED);

        // only valid on the pre-batch book: with bid 103 still there, the book would stay crossed
        assertThat(h.verdicts(h.batch(h.modify(ASK, 101, 3)))).containsExactly(ACCEPTED);
        assertThat(shadowLevels()).containsExactly("BID 100x10/1", "BID 99x20/1", "ASK 101x3/1", "ASK 102x40/1");

        assertThat(h.counters.rejectedCount(CROSSED_BOOK)).isEqualTo(2);
        assertThat(h.counters.rejectedTotal().get()).isEqualTo(2);
    }

    @Test
    void rollBackRestoresALevelChangedSeveralTimesToItsStateBeforeTheBatch()
    {
        final long[] crossing = h.batch(
            h.modify(ASK, 101, 1).orders(4),
            h.delete(ASK, 101),
            h.modify(BID, 100, 9).orders(2),
            h.add(ASK, 101, 2),
            h.delete(ASK, 101),
            h.add(BID, 103, 5));   // best bid 103 > best ask 102

        assertThat(h.verdicts(crossing)).containsOnly(CROSSED_BOOK).hasSize(6);
        assertThat(shadowLevels()).containsExactlyElementsOf(SEEDED);
    }

    @Test
    void crossedBatchWithAClearIsRolledBackToTheBookBeforeTheBatch()
    {
        final long[] snapshot = h.batch(
            h.clear(),
            h.add(BID, 105, 1).flags(DeltaFlagBits.SNAPSHOT),
            h.add(ASK, 104, 1).flags(DeltaFlagBits.SNAPSHOT));

        assertThat(h.verdicts(snapshot)).containsExactly(CROSSED_BOOK, CROSSED_BOOK, CROSSED_BOOK);
        assertThat(shadowLevels()).containsExactlyElementsOf(SEEDED);
        assertThat(h.verdicts(h.batch(h.modify(ASK, 101, 3)))).containsExactly(ACCEPTED);
    }

    @Test
    void snapshotThatEndsUncrossedReplacesTheBook()
    {
        final long[] snapshot = h.batch(
            h.clear(),
            h.add(BID, 50, 1).flags(DeltaFlagBits.SNAPSHOT),
            h.add(ASK, 60, 2).flags(DeltaFlagBits.SNAPSHOT));

        assertThat(h.verdicts(snapshot)).containsOnly(ACCEPTED);
        assertThat(shadowLevels()).containsExactly("BID 50x1/1", "ASK 60x2/1");
        assertThat(h.verdicts(h.batch(h.add(BID, 70, 1)))).as("crosses the new ask 60").containsExactly(CROSSED_BOOK);
    }

    @Test
    void bookIsOnlyJudgedAtTheEndOfTheBatch()
    {
        final long[] batch = h.batch(
            h.add(BID, 103, 5),      // crossed from here ...
            h.delete(ASK, 101),
            h.delete(ASK, 102),
            h.add(ASK, 104, 6));     // ... to here, where it is fine again

        assertThat(h.verdicts(batch)).containsOnly(ACCEPTED).hasSize(4);
        assertThat(shadowLevels()).containsExactly("BID 103x5/1", "BID 100x10/1", "BID 99x20/1", "ASK 104x6/1");
    }

    @Test
    void batchesPublishedInOneRangeAreJudgedSeparately()
    {
        final long[] both = h.publishRange(
            h.add(BID, 103, 5).flags(DeltaFlagBits.END_OF_BATCH),
            h.modify(ASK, 101, 3).flags(DeltaFlagBits.END_OF_BATCH));

        assertThat(h.verdicts(both)).containsExactly(CROSSED_BOOK, ACCEPTED);
        assertThat(shadowLevels()).containsExactly("BID 100x10/1", "BID 99x20/1", "ASK 101x3/1", "ASK 102x40/1");
    }

    @Test
    void deltaRejectedForItsOwnReasonKeepsItInACrossedBatch()
    {
        final long[] crossing = h.batch(
            h.add(BID, 103, 5),
            h.add(BID, 98, -1));

        assertThat(h.verdicts(crossing)).containsExactly(CROSSED_BOOK, SIZE_NEGATIVE);
        assertThat(shadowLevels()).containsExactlyElementsOf(SEEDED);
        assertThat(h.counters.rejectedCount(CROSSED_BOOK)).isEqualTo(1);
        assertThat(h.counters.rejectedCount(SIZE_NEGATIVE)).isEqualTo(1);
    }

    @Test
    void rejectedDeltaOfAnUncrossedBatchIsNotAppliedWhileTheOthersAre()
    {
        final long[] batch = h.batch(
            h.modify(BID, 100, 5),
            h.add(ASK, 103, -1),
            h.add(ASK, 104, 7).position(1));

        assertThat(h.verdicts(batch)).containsExactly(ACCEPTED, SIZE_NEGATIVE, DUPLICATE_POSITION);
        assertThat(shadowLevels()).containsExactly("BID 100x5/1", "BID 99x20/1", "ASK 101x30/1", "ASK 102x40/1");
    }

    @Test
    void batchOfAnUnknownInstrumentIsRejectedDeltaByDelta()
    {
        final long[] batch = h.batch(
            h.add(BID, 103, 5).instrument(99),
            h.add(ASK, 101, 5).instrument(99));

        assertThat(h.verdicts(batch)).containsExactly(UNKNOWN_INSTRUMENT, UNKNOWN_INSTRUMENT);
        assertThat(shadowLevels()).containsExactlyElementsOf(SEEDED);
    }

    @Test
    void crossedBatchStillConsumesItsPositions()
    {
        final long[] crossing = h.batch(
            h.add(BID, 103, 5).position(50),
            h.modify(ASK, 102, 9).position(51));
        assertThat(h.verdicts(crossing)).containsExactly(CROSSED_BOOK, CROSSED_BOOK);

        assertThat(h.verdicts(h.batch(h.modify(ASK, 101, 3).position(51)))).containsExactly(DUPLICATE_POSITION);
        assertThat(h.verdicts(h.batch(h.modify(ASK, 101, 3).position(52)))).containsExactly(ACCEPTED);
    }

    @Test
    void everyDeltaIsCountedOnceWhenItsOwnEventArrives()
    {
        final long ticksBefore = h.counters.ticksIn().get();
        final long acceptedBefore = h.counters.accepted().get();

        h.batch(h.add(BID, 103, 5), h.modify(ASK, 102, 9), h.modify(ASK, 101, 9));  // crossed
        h.batch(h.modify(BID, 100, 1), h.modify(BID, 99, 1));                        // fine

        assertThat(h.counters.ticksIn().get() - ticksBefore).isEqualTo(5);
        assertThat(h.counters.accepted().get() - acceptedBefore).isEqualTo(2);
        assertThat(h.counters.rejectedTotal().get()).isEqualTo(3);
        assertThat(h.counters.rejectedCount(CROSSED_BOOK)).isEqualTo(3);
    }

    /**
     * "Only an accepted event moves the source's clock" (ValidateStage#finish): the deltas of a batch
     * rejected as crossed are rejected, so their event time must not count as the source's last time.
     */
    @Test
    void rejectedCrossedBatchDoesNotMoveTheSourceClock()
    {
        final long[] crossing = h.batch(
            h.add(BID, 103, 5).at(T + 9_000),
            h.modify(ASK, 102, 9).at(T + 9_000));
        assertThat(h.verdicts(crossing)).containsExactly(CROSSED_BOOK, CROSSED_BOOK);

        assertThat(h.verdicts(h.batch(h.modify(ASK, 101, 3).at(T + 5_000))))
            .as("the last accepted event time of the source is still T").containsExactly(ACCEPTED);
        assertThat(h.verdicts(h.batch(h.modify(ASK, 101, 4).at(T + 4_999))))
            .as("the accepted T+5000 delta did move it").containsExactly(TIME_BACKWARDS);
    }

    // ---------------------------------------------------------------------------------------------

    /** The shadow book's levels, bids best first then asks best first, as "SIDE price x size / orders". */
    private List<String> shadowLevels()
    {
        final L2Book book = h.shadow(INSTRUMENT);
        final List<String> levels = new ArrayList<>();
        for (final int side : new int[] {L2Book.BID, L2Book.ASK})
        {
            book.forEachLevel(side, Integer.MAX_VALUE, (s, index, price, size, orders) ->
                levels.add((s == L2Book.BID ? "BID " : "ASK ") + price + "x" + size + "/" + orders));
        }
        return levels;
    }
}
