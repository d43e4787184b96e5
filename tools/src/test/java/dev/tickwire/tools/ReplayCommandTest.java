package dev.tickwire.tools;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.StatusCode;
import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tickwire replay} publishes the journal over Aeron; a subscriber gets the journal's messages. */
class ReplayCommandTest
{
    private static final int N = 4000;

    @TempDir
    Path dir;

    @Test
    void replayOverAeronDeliversTheJournalsMessagesFramedByStartAndEnd() throws Exception
    {
        final TickwireConfig config = new TickwireConfig();
        config.dataDir = dir.toString();
        config.aeron.publish = false;
        final ObjectNode source = JsonNodeFactory.instance.objectNode();
        source.put("type", "synthetic").put("id", 1).put("rate", 0).put("count", N).put("startTime", "2026-01-02T14:30:00Z");
        config.sources.add(source);
        try (Engine engine = Engine.launch(config, Sources.create(config)))
        {
            while (!engine.adaptersDone())
            {
                Thread.sleep(5);
            }
        }
        final List<byte[]> journaled = new ArrayList<>();
        try (Journal journal = Journal.open(new Journal.Context().dir(config.journalPath()).readOnly(true));
             JournalReader reader = journal.reader())
        {
            while (reader.poll((b, o, l, i, w) ->
            {
                if (Envelope.isAccepted(b, o) && MessageTypes.isMarketEvent(Envelope.templateId(b, o)))
                {
                    journaled.add(masked(b, o, l));
                }
            }, 1000) > 0)
            {
                // all
            }
        }

        final String aeronDir = CommonContext.generateRandomDirName();
        final List<byte[]> received = new ArrayList<>();
        final List<StatusCode> statuses = new ArrayList<>();
        try (MediaDriver driver = MediaDriver.launch(new MediaDriver.Context().aeronDirectoryName(aeronDir)
                 .threadingMode(ThreadingMode.SHARED).dirDeleteOnStart(true).dirDeleteOnShutdown(true));
             Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
             io.aeron.Subscription subscription = aeron.addSubscription("aeron:ipc", 2002))
        {
            final CompletableFuture<CliTest.Result> replay = CompletableFuture.supplyAsync(() -> CliTest.run("replay",
                "--journal", config.journalPath().toString(), "--aeron-dir", aeronDir, "--stream", "2002", "--speed", "max"));
            final SourceStatusDecoder status = new SourceStatusDecoder();
            final FragmentHandler handler = (buffer, offset, length, header) ->
            {
                if (Envelope.templateId(buffer, offset) == MessageTypes.STATUS)
                {
                    status.wrap(buffer, offset + 8, SourceStatusDecoder.BLOCK_LENGTH, 0);
                    statuses.add(status.status());
                }
                else if (MessageTypes.isMarketEvent(Envelope.templateId(buffer, offset)))
                {
                    received.add(masked(buffer, offset, length));
                }
            };
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!statuses.contains(StatusCode.REPLAY_END) && System.nanoTime() < deadline)
            {
                if (subscription.poll(handler, 256) == 0)
                {
                    Thread.onSpinWait();
                }
            }
            final CliTest.Result result = replay.get(30, TimeUnit.SECONDS);
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("replayed " + (N + 4) + " messages"); // + start, 2 definitions, end
        }
        assertThat(statuses).containsExactly(StatusCode.REPLAY_START, StatusCode.REPLAY_END);
        assertThat(received).hasSize(N);
        for (int i = 0; i < N; i++)
        {
            assertThat(received.get(i)).as("message %d", i).isEqualTo(journaled.get(i));
        }
    }

    @Test
    void badSpeedIsRefused()
    {
        final CliTest.Result result = CliTest.run("replay", "--journal", dir.toString(), "--speed", "fast", "--no-wait");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--speed 'fast'");
    }

    private static byte[] masked(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        Envelope.streamSequence(new UnsafeBuffer(bytes), 0, 0); // a property of the publication, not of the tick
        return Arrays.copyOf(bytes, length);
    }
}
