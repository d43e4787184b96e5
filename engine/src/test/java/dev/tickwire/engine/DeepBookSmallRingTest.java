package dev.tickwire.engine;

import dev.tickwire.engine.adapter.Sources;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.book.BookApplier;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.wire.BookDeltas;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A book batch larger than the ring (a synthetic snapshot of 1,000 levels a side, 2,001 deltas, on a
 * ring of 64 slots): before BookBatch, the synthetic source asked the ring for more slots than it has
 * and failed on every try. Now every batch goes out in ranges of half the ring, nothing is lost, and
 * the live book equals the journal's.
 */
class DeepBookSmallRingTest
{
    @TempDir
    Path dir;

    @Test
    void aBatchLargerThanTheRingIsPublishedWholeInParts() throws Exception
    {
        final TickwireConfig config = new TickwireConfig();
        config.dataDir = dir.toString();
        config.engine.ringSize = 64;
        config.aeron.publish = false;
        final ObjectNode source = EngineFixture.synthetic(1, 20_000);
        source.put("depthLevels", 1000);
        source.put("snapshotEvery", 20);
        final ObjectNode instrument = source.putArray("instruments").addObject();
        instrument.put("symbol", "DEEP");
        instrument.put("startPrice", "5000.00");
        config.sources.add(source);
        try (Engine engine = Engine.launch(config, Sources.create(config)))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!engine.adaptersDone() && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
            assertThat(engine.adaptersDone()).isTrue();
            assertThat(engine.awaitDrained(10, TimeUnit.SECONDS)).isTrue();
            assertThat(engine.counters().errors().get()).isZero();
            assertThat(engine.counters().ticksIn().get()).isEqualTo(20_001); // + the definition
            final L2Book live = engine.books().book(1);
            assertThat(live.depth(L2Book.BID)).isEqualTo(1000);

            final L2Book rebuilt = new L2Book(1, 64);
            final BookApplier applier = new BookApplier();
            final long[] counts = new long[2]; // deltas, batch ends
            JournalScan.forEach(config.journalPath(), (buffer, offset, length, index, watermark) ->
            {
                if (Envelope.templateId(buffer, offset) == MessageTypes.BOOK_DELTA)
                {
                    assertThat(Envelope.isAccepted(buffer, offset)).isTrue();
                    applier.apply(rebuilt, buffer, offset);
                    counts[0]++;
                    counts[1] += BookDeltas.isEndOfBatch(buffer, offset) ? 1 : 0;
                }
            });
            assertThat(live.sameLevelsAs(rebuilt)).isTrue();
            assertThat(counts[0]).isGreaterThan(10_000); // mostly snapshots of 2,001 deltas
            assertThat(counts[1]).as("one END_OF_BATCH per batch, however many ranges").isLessThan(counts[0] / 4);
        }
    }
}
