package dev.tickwire.engine;

import dev.tickwire.engine.adapter.Sources;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.sbe.RejectReason;
import io.aeron.driver.MediaDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping and restarting the engine journals every source record exactly once, in order. */
class RestartExactlyOnceTest
{
    private static final int N = 30_000;

    @TempDir
    Path dir;

    @Test
    void restartsResumeAfterTheJournalsCheckpoint() throws Exception
    {
        final String aeronDir = EngineFixture.aeronDir();
        final Path interrupted = dir.resolve("interrupted");
        final Path straight = dir.resolve("straight");
        try (MediaDriver driver = EngineFixture.launchDriver(aeronDir))
        {
            // three short runs, each stopped part-way, then one to the end
            int journaled = 0;
            for (int run = 0; run < 4; run++)
            {
                if (run > 0)
                {
                    final int now = marketEvents(interrupted.resolve("journal")).size();
                    assertThat(now).as("run %d stopped part-way", run - 1).isGreaterThan(journaled).isLessThan(N);
                    journaled = now;
                }
                final TickwireConfig config = EngineFixture.config(interrupted, aeronDir, "aeron:ipc", N);
                ((ObjectNode)config.sources.get(0)).put("rate", 100_000);
                try (Engine engine = Engine.launch(config, Sources.create(config)))
                {
                    if (run < 3)
                    {
                        Thread.sleep(60);
                    }
                    else
                    {
                        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                        while (!engine.adaptersDone() && System.nanoTime() < deadline)
                        {
                            Thread.sleep(5);
                        }
                        assertThat(engine.adaptersDone()).isTrue();
                    }
                }
            }
            final TickwireConfig config = EngineFixture.config(straight, aeronDir, "aeron:ipc", N);
            ((ObjectNode)config.sources.get(0)).put("rate", 100_000); // same rate: same synthetic timestamps
            try (Engine engine = Engine.launch(config, Sources.create(config)))
            {
                while (!engine.adaptersDone())
                {
                    Thread.sleep(5);
                }
            }
        }

        final List<String> restarted = marketEvents(interrupted.resolve("journal"));
        final List<String> uninterrupted = marketEvents(straight.resolve("journal"));
        assertThat(restarted).hasSize(N);
        assertThat(restarted).containsExactlyElementsOf(uninterrupted);
        assertThat(countRejected(interrupted.resolve("journal"), RejectReason.DUPLICATE_POSITION)).isZero();
    }

    /** Market events without the engine sequence and receive time (which differ between runs). */
    private static List<String> marketEvents(final Path journalDir)
    {
        final Recorded recorded = new Recorded();
        final MessageDispatcher dispatcher = new MessageDispatcher();
        JournalScan.forEach(journalDir, (buffer, offset, length, index, watermark) -> dispatcher.dispatch(buffer, offset, recorded));
        final List<String> events = new ArrayList<>();
        for (final String e : recorded.events)
        {
            events.add(e.replaceAll(" seq=\\d+", "").replaceAll(" recv=\\d+", ""));
        }
        return events;
    }

    private static long countRejected(final Path journalDir, final RejectReason reason)
    {
        final long[] count = {0};
        JournalScan.forEach(journalDir, (buffer, offset, length, index, watermark) ->
        {
            if (MessageTypes.isMarketEvent(Envelope.templateId(buffer, offset)) &&
                Envelope.rejectReason(buffer, offset) == reason)
            {
                count[0]++;
            }
        });
        return count[0];
    }
}
