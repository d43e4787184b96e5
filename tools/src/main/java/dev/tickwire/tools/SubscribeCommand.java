package dev.tickwire.tools;

import dev.tickwire.client.MarketDataSubscriber;
import dev.tickwire.client.TickwireAeron;
import dev.tickwire.engine.rows.MessageJson;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.Journal;
import io.aeron.Aeron;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import picocli.CommandLine.Command;
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

    @Option(names = "--aeron-dir", description = "Aeron directory of the engine's media driver (default: the engine's default).")
    String aeronDir = TickwireAeron.defaultDirectory();

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
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir)))
        {
            final MessageJson json = new MessageJson(catalog, line ->
            {
                if (count == 0 || printed[0] < count) // one poll can bring more than we asked for
                {
                    System.out.println(line);
                    printed[0]++;
                }
            });
            final MarketDataSubscriber subscriber = MarketDataSubscriber.subscribe(aeron, channel, stream, json);
            final IdleStrategy idle = new BackoffIdleStrategy();
            System.err.println("subscribed to " + channel + " stream " + stream + " (Aeron dir " + aeronDir + ")");
            while (running.get() && System.nanoTime() < deadline && (count == 0 || printed[0] < count))
            {
                idle.idle(subscriber.poll());
            }
            subscriber.close();
        }
        catch (final io.aeron.exceptions.DriverTimeoutException | IllegalStateException ex)
        {
            throw new IllegalStateException("no Aeron media driver at " + aeronDir +
                " (start the engine with ./tickwire run, or pass --aeron-dir)", ex);
        }
        return 0;
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
