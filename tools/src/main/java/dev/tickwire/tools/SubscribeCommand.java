package dev.tickwire.tools;

import dev.tickwire.client.MarketDataSubscriber;
import dev.tickwire.client.ReplayFrom;
import dev.tickwire.client.TickwireAeron;
import dev.tickwire.engine.rows.MessageJson;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.Journal;
import dev.tickwire.wire.Timestamps;
import io.aeron.archive.client.AeronArchive;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code tickwire subscribe}: prints what a strategy would receive over Aeron. */
@Command(name = "subscribe", mixinStandardHelpOptions = true,
    description = "Subscribe to the engine's Aeron stream and print each message as a JSON line.")
final class SubscribeCommand implements Callable<Integer>
{
    @Option(names = "--channel", defaultValue = "aeron:ipc", description = "Aeron channel (default: ${DEFAULT-VALUE}).")
    String channel;

    @Option(names = "--stream", defaultValue = "" + TickwireAeron.LIVE_STREAM, description = "Aeron stream id (default: ${DEFAULT-VALUE}).")
    int stream;

    @Mixin
    AeronClientOptions aeronOptions;

    @Option(names = "--from", description = "Start in the past: replay the engine's Aeron Archive recording from a " +
        "time (ISO-8601 or epoch ns), 'start' (the engine's current run) or 'position:N', then go on live " +
        "(ReplayMerge: no gap, no duplicate). --channel is then this host's live destination, e.g. " +
        "aeron:udp?endpoint=<this host>:0|control=<engine host>:40124.")
    String from;

    @Option(names = "--journal", defaultValue = "./tickwire-data/journal",
        description = "Journal whose instrument catalog names symbols (optional; definitions on the stream also do).")
    Path journalDir;

    @Option(names = "--count", defaultValue = "0", description = "Exit after this many messages (0 = run until Ctrl-C).")
    long count;

    @Option(names = "--duration", converter = Converters.Duration.class, description = "Exit after this long.")
    Long durationNs;

    @Override
    public Integer call()
    {
        final InstrumentCatalog catalog = Files.isDirectory(journalDir) ? openCatalog(journalDir) : null;
        final AtomicBoolean running = new AtomicBoolean(true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> running.set(false)));
        final long deadline = durationNs == null ? Long.MAX_VALUE : System.nanoTime() + durationNs;
        final long[] printed = {0};
        try (AeronClientOptions.Connected connected = aeronOptions.connect())
        {
            final MessageJson json = new MessageJson(catalog, line ->
            {
                if (count == 0 || printed[0] < count) // one poll can bring more than we asked for
                {
                    System.out.println(line);
                    printed[0]++;
                }
            });
            final AeronArchive archive = from == null ? null : aeronOptions.archive(connected.aeron());
            try
            {
                final MarketDataSubscriber subscriber = archive == null
                    ? MarketDataSubscriber.subscribe(connected.aeron(), channel, stream, json)
                    : MarketDataSubscriber.subscribeFrom(archive, channel, stream, replayFrom(from), json);
                final IdleStrategy idle = new BackoffIdleStrategy();
                System.err.println("subscribed to " + channel + " stream " + stream + " (Aeron dir " +
                    connected.directory() + ")" + (archive == null ? "" : ", from " + from + " in the archive at " +
                    aeronOptions.archiveControl));
                boolean live = archive == null;
                while (running.get() && System.nanoTime() < deadline && (count == 0 || printed[0] < count))
                {
                    idle.idle(subscriber.poll());
                    if (!live && subscriber.isLive())
                    {
                        live = true;
                        System.err.println("live: caught up after " + subscriber.received() + " messages");
                    }
                }
                subscriber.close();
            }
            finally
            {
                CloseHelper.quietClose(archive);
            }
        }
        return 0;
    }

    /** start, position:N, or a time. */
    static ReplayFrom replayFrom(final String value)
    {
        if (value.equals("start"))
        {
            return ReplayFrom.recordingStart();
        }
        if (value.startsWith("position:"))
        {
            return ReplayFrom.position(Long.parseLong(value.substring("position:".length())));
        }
        return ReplayFrom.time(Timestamps.parse(value));
    }

    private static InstrumentCatalog openCatalog(final Path dir)
    {
        try (Journal journal = Journal.open(new Journal.Context().dir(dir).readOnly(true)))
        {
            return journal.instruments();
        }
        catch (final RuntimeException ex)
        {
            return null; // symbols then come from definitions on the stream
        }
    }
}
