package dev.tickwire.engine.validate;

import static dev.tickwire.engine.validate.ValidateHarness.ACCEPTED;
import static dev.tickwire.wire.sbe.BookSide.ASK;
import static dev.tickwire.wire.sbe.BookSide.BID;
import static dev.tickwire.wire.sbe.RejectReason.CROSSED_BOOK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.lmax.disruptor.dsl.ProducerType;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.sbe.RejectReason;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine builds its ring with {@code ProducerType.MULTI} (Engine.java). On a multi-producer
 * ring {@code RingBuffer.publish(lo, hi)} marks the slots available one by one
 * ({@code MultiProducerSequencer.publish(long, long)} loops over {@code setAvailable}), so the
 * validator's event processor can be handed the first delta of a batch while the rest of the
 * range is still unpublished. The batch must still be judged whole.
 *
 * <p>The test freezes that moment deterministically: the 2-delta batch is claimed as one range,
 * only its first slot is made available (exactly what a consumer can observe in the middle of
 * {@code publish(lo, hi)}), the stage gets the first delta, and another thread completes the
 * publication 200 ms later.
 */
class ValidateStageMultiProducerTest
{
    @TempDir
    Path dir;

    @Test
    void batchWhoseRangeIsStillBeingPublishedIsJudgedWhole()
    {
        try (ValidateHarness h = new ValidateHarness(
            dir, new ValidationLimits(0, 60_000_000_000L, 0), Map.of(), ProducerType.MULTI))
        {
            h.defineAndSeedBook(); // bids 100/99, asks 101/102

            final long hi = h.publisher.claim(2);
            final long lo = hi - 1;
            h.add(BID, 103, 5).encodeInto(h.ring.get(lo));
            h.modify(ASK, 102, 9).flags(DeltaFlagBits.END_OF_BATCH).encodeInto(h.ring.get(hi));
            h.ring.publish(lo); // the state seen between the two setAvailable calls of publish(lo, hi)

            final Thread finisher = new Thread(() ->
            {
                sleep(200);
                h.ring.publish(hi);
            }, "publish-rest-of-batch");
            finisher.start();

            assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
            {
                h.stage.onEvent(h.ring.get(lo), lo, true);
                finisher.join();
                h.stage.onEvent(h.ring.get(hi), hi, true);
            });

            final List<RejectReason> verdicts = h.verdicts(lo, hi);
            assertThat(verdicts).as("the batch ends crossed (bid 103 > ask 101)")
                .containsExactly(CROSSED_BOOK, CROSSED_BOOK);

            final long next = h.publisher.claim();
            h.modify(ASK, 101, 3).flags(DeltaFlagBits.END_OF_BATCH).encodeInto(h.ring.get(next));
            h.ring.publish(next);
            h.stage.onEvent(h.ring.get(next), next, true);
            assertThat(h.verdict(next)).as("bid 103 rolled back").isEqualTo(ACCEPTED);
        }
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
