package dev.tickwire.engine.hosts;

import dev.tickwire.client.MarketDataSubscriber;
import dev.tickwire.client.ReplayFrom;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.TradeDecoder;
import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A strategy on its own "host" (a child JVM in a network namespace, with its own media driver): subscribes live
 * ({@code live}) or replays and merges ({@code from}, with the archive's control channel), and writes the engine
 * sequence of every message but definitions to NAME.seq and its counts to NAME.result. Writes NAME.ready once
 * subscribed (NAME.live once merged), and ends 1.5 s after the stop file with no message.
 */
public final class HostSubscriberMain implements MarketDataListener
{
    private final BufferedWriter out;
    private long messages;
    private long gapMessages;
    private int definitions;

    private HostSubscriberMain(final BufferedWriter out)
    {
        this.out = out;
    }

    public static void main(final String[] args) throws Exception
    {
        final String name = args[0];
        final String mode = args[1];
        final String channel = args[2];
        final Path sync = Path.of(args[3]);
        final String aeronDir = CommonContext.generateRandomDirName();
        try (MediaDriver driver = MediaDriver.launch(new MediaDriver.Context().aeronDirectoryName(aeronDir)
                .threadingMode(ThreadingMode.SHARED).sharedIdleStrategy(new BackoffIdleStrategy())
                .dirDeleteOnStart(true).dirDeleteOnShutdown(true));
             Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
             BufferedWriter out = Files.newBufferedWriter(sync.resolve(name + ".seq")))
        {
            final HostSubscriberMain listener = new HostSubscriberMain(out);
            final AeronArchive archive = mode.equals("from") ? AeronArchive.connect(new AeronArchive.Context()
                .aeron(aeron).controlRequestChannel(args[4]).controlResponseChannel(args[5])) : null;
            final MarketDataSubscriber subscriber = archive != null
                ? MarketDataSubscriber.subscribeFrom(archive, channel, 1001, ReplayFrom.recordingStart(), listener)
                : MarketDataSubscriber.subscribe(aeron, channel, 1001, listener);
            boolean ready = false;
            boolean live = false;
            long lastWorkNs = System.nanoTime();
            while (true)
            {
                final int fragments = subscriber.poll();
                final long now = System.nanoTime();
                if (fragments > 0)
                {
                    lastWorkNs = now;
                }
                else
                {
                    LockSupport.parkNanos(20_000);
                }
                if (!ready && (archive != null || subscriber.isConnected()))
                {
                    ready = true;
                    Files.writeString(sync.resolve(name + ".ready"), "ready");
                }
                if (!live && archive != null && subscriber.isLive())
                {
                    live = true;
                    Files.writeString(sync.resolve(name + ".live"), "messages before the merge: " + listener.messages);
                }
                if (Files.exists(sync.resolve("stop")) && now - lastWorkNs > 1_500_000_000L)
                {
                    break;
                }
            }
            out.flush();
            Files.writeString(sync.resolve(name + ".result"), "messages=" + listener.messages + " gaps=" +
                subscriber.gaps() + " gapMessages=" + listener.gapMessages + " definitions=" + listener.definitions +
                " live=" + subscriber.isLive());
            subscriber.close();
            if (archive != null)
            {
                archive.close();
            }
        }
        System.exit(0);
    }

    private void sequence(final long sequence)
    {
        messages++;
        try
        {
            out.write(Long.toString(sequence));
            out.write('\n');
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    @Override
    public void onInstrument(final InstrumentDefinitionDecoder d)
    {
        definitions++;
    }

    @Override
    public void onTrade(final TradeDecoder t)
    {
        sequence(t.sequence());
    }

    @Override
    public void onQuote(final QuoteDecoder q)
    {
        sequence(q.sequence());
    }

    @Override
    public void onBookDelta(final BookDeltaDecoder d)
    {
        sequence(d.sequence());
    }

    @Override
    public void onStatus(final SourceStatusDecoder s)
    {
        sequence(s.sequence());
    }

    @Override
    public void onGap(final long expected, final long received)
    {
        gapMessages += received - expected;
    }
}
