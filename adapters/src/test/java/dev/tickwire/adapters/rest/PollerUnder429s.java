package dev.tickwire.adapters.rest;

import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.TickwireConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How the pollers behave against a server that rate-limits (a measurement, not a test): a local Binance futures
 * stand-in answering at most {@code serverLimit} requests per fixed wall-clock window of {@code window} seconds (429
 * with Retry-After: the seconds to the window's end above it) serves {@code days} of 1-minute klines; one stream
 * backfills them in pages of {@code pageLimit}, with the client's own limit ({@code 0}: none, learning from the
 * 429s; {@code 8/s}, {@code 50/m}). Prints the achieved request rate, items per second, 429s and retries, and checks
 * that nothing was lost or doubled in the journal.
 *
 * <pre>
 * java -cp "$(cat cp.txt):adapters/target/classes:adapters/target/test-classes" \
 *   dev.tickwire.adapters.rest.PollerUnder429s [serverLimit=10] [window=1] [days=2] [pageLimit=20] [client...=0 8/s]
 * </pre>
 */
public final class PollerUnder429s
{
    private PollerUnder429s()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int serverLimit = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        final int window = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        final int days = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        final int pageLimit = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        final String[] clientLimits = args.length > 4 ? java.util.Arrays.copyOfRange(args, 4, args.length) :
            new String[] {"0", "8/s"};
        System.out.printf("server: %d requests per %d s (429 + Retry-After above), %d days of 1m klines, pages of %d%n",
            serverLimit, window, days, pageLimit);
        System.out.printf("%-12s %8s %8s %8s %9s %9s %8s %8s %9s %s%n", "client limit", "seconds", "requests", "req/s",
            "429s", "retries", "items", "items/s", "journaled", "lost/doubled");
        for (final String client : clientLimits)
        {
            run(serverLimit, window, days, pageLimit, client);
        }
    }

    private static void run(final int serverLimit, final int window, final int days, final int pageLimit,
        final String client) throws Exception
    {
        final Path dir = Files.createTempDirectory("tickwire-poll-429");
        try (RestTestServer server = new RestTestServer())
        {
            server.liveKlines("BTCUSDT", days * 1440);
            server.limitPerSecond = serverLimit;
            server.limitWindowMs = window * 1000L;
            final String limits = client.equals("0") ? "" : "limits: {" +
                (client.endsWith("/m") ? "perMinute: " : "perSecond: ") + client.substring(0, client.indexOf('/')) +
                "}, ";
            final TickwireConfig config = RestSourcesEngineTest.config(server, dir,
                "- {type: binance-futures-rest, restUrl: '%URL%', usedWeightLimit: 0, " +
                    limits +
                    "retries: {attempts: 8, base: 100ms, max: 5s}, circuit: {failures: 20}, polls: [{data: klines, " +
                    "interval: 1m, symbols: [BTCUSDT], backfill: " + days + "d, pageLimit: " + pageLimit +
                    ", every: 1h}]}\n");
            final List<FeedAdapter> adapters = Sources.create(config);
            final long start = System.nanoTime();
            final int requestsBefore = server.requestCount();
            try (Engine engine = Engine.launch(config, adapters))
            {
                final PollStream stream = ((RestPollSource)adapters.get(0)).stream();
                while (stream.counters == null || !stream.caughtUp || !stream.queue.isEmpty())
                {
                    Thread.sleep(5);
                }
                final double seconds = (System.nanoTime() - start) / 1e9;
                engine.awaitDrained(10, java.util.concurrent.TimeUnit.SECONDS);
                final List<String> candles = RestJournal.of(RestJournal.read(engine.journal()), stream.sourceId);
                final Set<String> distinct = new HashSet<>(candles);
                final long items = stream.counters.items().get();
                final int requests = server.requestCount() - requestsBefore;
                System.out.printf("%-12s %8.1f %8d %8.2f %9d %9d %8d %8.1f %9d %s%n",
                    client.equals("0") ? "none" : client, seconds, requests, requests / seconds,
                    server.throttled.get(), stream.counters.retries().get(), items, items / seconds, candles.size(),
                    candles.size() == items && distinct.size() == candles.size() &&
                        stream.counters.failures().get() == 0 ? "none" :
                        "LOST OR DOUBLED: failures " + stream.counters.failures().get());
            }
        }
        finally
        {
            try (var files = Files.walk(dir))
            {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
