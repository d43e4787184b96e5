package dev.tickwire.client;

import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.TradeDecoder;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client on its own (wire codecs, Aeron client; the driver only for the test): messages arrive
 * decoded, a definition repeated for late joiners reaches the listener once, and a hole in the stream
 * sequence is reported as a gap of the right size.
 */
class MarketDataSubscriberTest
{
    @TempDir
    Path dir;
    private MediaDriver driver;
    private Aeron aeron;

    @BeforeEach
    void start()
    {
        driver = MediaDriver.launch(new MediaDriver.Context().aeronDirectoryName(dir.resolve("aeron").toString())
            .threadingMode(ThreadingMode.SHARED).dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
    }

    @AfterEach
    void stop()
    {
        aeron.close();
        driver.close();
    }

    @Test
    void decodesOncePerDefinitionAndCountsGaps() throws InterruptedException
    {
        final List<String> seen = new ArrayList<>();
        final MarketDataListener listener = new MarketDataListener()
        {
            @Override
            public void onInstrument(final InstrumentDefinitionDecoder definition)
            {
                seen.add("instrument " + definition.instrumentId() + " " + definition.symbol());
            }

            @Override
            public void onTrade(final TradeDecoder trade)
            {
                seen.add("trade " + trade.price() + " x " + trade.size() + " " + trade.aggressor());
            }

            @Override
            public void onGap(final long expected, final long received)
            {
                seen.add("gap " + expected + ".." + received);
            }
        };
        try (MarketDataSubscriber subscriber = MarketDataSubscriber.subscribe(aeron, TickwireAeron.IPC, 77, listener);
            ExclusivePublication publication = aeron.addExclusivePublication(TickwireAeron.IPC, 77))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!subscriber.isConnected() && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
            final MessageWriter writer = new MessageWriter();
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
            send(publication, buffer, 1, writer.instrument(buffer, 0, 1, 5, 0, 0, "ESZ6", "CME", -2, 0, 25));
            send(publication, buffer, 2, writer.trade(buffer, 0, 1, 10, 5, 1, 1, 685_025, 3, Side.BUY, 1, 0, 0));
            send(publication, buffer, 3, writer.instrument(buffer, 0, 1, 5, 0, 0, "ESZ6", "CME", -2, 0, 25));
            // 4 and 5 were dropped by the engine
            send(publication, buffer, 6, writer.trade(buffer, 0, 1, 11, 5, 2, 2, 685_050, 1, Side.SELL, 2, 0, 0));
            while (subscriber.received() < 4 && System.nanoTime() < deadline)
            {
                if (subscriber.poll() == 0)
                {
                    Thread.sleep(1);
                }
            }
            assertThat(seen).containsExactly("instrument 5 ESZ6", "trade 685025 x 3 BUY", "gap 4..6",
                "trade 685050 x 1 SELL");
            assertThat(subscriber.received()).isEqualTo(4);
            assertThat(subscriber.gaps()).isEqualTo(2);
        }
    }

    private static void send(final ExclusivePublication publication, final UnsafeBuffer buffer, final long streamSequence,
        final int length) throws InterruptedException
    {
        Envelope.streamSequence(buffer, 0, streamSequence);
        while (publication.offer(buffer, 0, length) < 0)
        {
            Thread.sleep(1);
        }
    }
}
