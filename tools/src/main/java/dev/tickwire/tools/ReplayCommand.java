package dev.tickwire.tools;

import dev.tickwire.client.TickwireAeron;
import dev.tickwire.engine.replay.Replay;
import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code tickwire replay}: journaled events over Aeron, in the live wire format, for backtests. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Publish journaled events over Aeron in the live wire format (REPLAY_START/REPLAY_END status frame them).")
final class ReplayCommand implements Callable<Integer>
{
    @Option(names = "--journal", defaultValue = "./tickwire-data/journal", description = "Journal directory (default: ${DEFAULT-VALUE}).")
    Path journal;

    @Option(names = "--from", converter = Converters.Time.class, description = "First event time (ISO-8601 or epoch ns).")
    Long from;

    @Option(names = "--to", converter = Converters.Time.class, description = "Last event time, inclusive.")
    Long to;

    @Option(names = "--symbol", split = ",", description = "Only these symbols (repeat or comma-separate).")
    List<String> symbols;

    @Option(names = "--speed", defaultValue = "max",
        description = "max (as fast as possible), 1x (original timing), Nx (N times faster, e.g. 10x or 0.5x).")
    String speed;

    @Option(names = "--channel", defaultValue = "aeron:ipc", description = "Aeron channel (default: ${DEFAULT-VALUE}).")
    String channel;

    @Option(names = "--stream", defaultValue = "" + TickwireAeron.REPLAY_STREAM,
        description = "Aeron stream id (default: ${DEFAULT-VALUE}; live data is on " + TickwireAeron.LIVE_STREAM + ").")
    int stream;

    @Option(names = "--aeron-dir", description = "Aeron directory: uses the media driver running there, else starts one.")
    String aeronDir = TickwireAeron.defaultDirectory();

    @Option(names = "--no-wait", description = "Do not wait for a subscriber before replaying.")
    boolean noWait;

    @Override
    public Integer call()
    {
        final double factor = parseSpeed(speed);
        MediaDriver driver = null;
        if (!CommonContext.isDriverActive(new java.io.File(aeronDir), TimeUnit.SECONDS.toMillis(1), msg -> { }))
        {
            driver = MediaDriver.launch(new MediaDriver.Context().aeronDirectoryName(aeronDir)
                .threadingMode(ThreadingMode.SHARED).sharedIdleStrategy(new BackoffIdleStrategy())
                .dirDeleteOnStart(true).dirDeleteOnShutdown(true));
        }
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
             ExclusivePublication publication = aeron.addExclusivePublication(channel, stream))
        {
            final IdleStrategy idle = new BackoffIdleStrategy();
            if (!noWait)
            {
                System.err.println("replay: waiting for a subscriber on " + channel + " stream " + stream +
                    " (Aeron dir " + aeronDir + "; --no-wait to skip)");
                while (!publication.isConnected())
                {
                    idle.idle();
                }
            }
            final long start = System.nanoTime();
            final long[] dropped = {0};
            final Replay[] running = new Replay[1];
            final Replay.Builder builder = Replay.builder().journal(journal).speed(factor).sink((buffer, offset, length) ->
            {
                // a replay must not lose messages: wait out back-pressure, give up only if nobody listens
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                long result;
                while ((result = publication.offer(buffer, offset, length)) < 0)
                {
                    if (result == Publication.NOT_CONNECTED && !noWait)
                    {
                        System.err.println("replay: the subscriber went away; stopping");
                        running[0].stop();
                        return;
                    }
                    if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED ||
                        result == Publication.NOT_CONNECTED || System.nanoTime() > deadline)
                    {
                        dropped[0]++;
                        return;
                    }
                    idle.idle();
                }
                idle.reset();
            });
            if (from != null)
            {
                builder.from(from);
            }
            if (to != null)
            {
                builder.to(to);
            }
            if (symbols != null)
            {
                builder.symbols(symbols);
            }
            final long messages;
            try (Replay replay = builder.build())
            {
                running[0] = replay;
                messages = replay.run();
            }
            final double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("replayed %d messages in %.2f s (%,.0f msg/s) on %s stream %d%s%n", messages, seconds,
                messages / Math.max(seconds, 1e-9), channel, stream, dropped[0] > 0 ? ", " + dropped[0] + " not delivered" : "");
        }
        finally
        {
            CloseHelper.quietClose(driver);
        }
        return 0;
    }

    static double parseSpeed(final String text)
    {
        final String s = text.trim().toLowerCase();
        if (s.equals("max"))
        {
            return 0;
        }
        try
        {
            final double v = Double.parseDouble(s.endsWith("x") ? s.substring(0, s.length() - 1) : s);
            if (v > 0 && Double.isFinite(v))
            {
                return v;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // reported below
        }
        throw new IllegalArgumentException("--speed '" + text + "': use max, 1x or Nx (e.g. 10x, 0.5x)");
    }
}
