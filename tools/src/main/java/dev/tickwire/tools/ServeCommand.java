package dev.tickwire.tools;

import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.tools.http.ApiServer;
import dev.tickwire.tools.http.KeyStore;
import dev.tickwire.tools.http.LiveStream;
import dev.tickwire.tools.http.RateLimiter;
import dev.tickwire.monitor.metrics.EngineView;
import dev.tickwire.monitor.metrics.MetricsServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code tickwire serve}: the HTTP API over a journal, while the engine may still be writing it. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {
        "Serve the journal over HTTP (JSON): /contracts, /contracts/{symbol}/tas, /contracts/{symbol}/orderbook, "
            + "/contracts/{symbol}/bars, /stream (a WebSocket of live messages), /keys (admin), /health, /metrics "
            + "and /openapi.json. Every endpoint but /health, /metrics and /openapi.json needs an API key in the "
            + "X-API-Key header (/stream also takes ?key=): create one first with `tickwire keys create --admin`.",
        "Rate limits per key: --rate-limit-rps requests per second and --rate-limit-bytes-per-minute response "
            + "bytes, unless the key has its own (keys create --rps --bytes-per-minute); over them: 429 with Retry-After.",
        "Limits: /tas returns at most 100000 trades per request (a larger limit is capped, default 1000); "
            + "/orderbook at most 1000 levels a side (default 10). Runs until Ctrl-C.",
        "Log messages also go to logs/tickwire-serve.log beside the journal directory (<dataDir>/logs for the "
            + "default journal; `tickwire logs --log tickwire-serve`)."})
final class ServeCommand implements Callable<Integer>
{
    @Option(names = "--journal", paramLabel = "DIR", defaultValue = "./tickwire-data/journal",
        description = "Journal directory (default: ${DEFAULT-VALUE}).")
    Path journalDir;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
        description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only). The API is plain HTTP: "
            + "put a TLS proxy in front before binding to a public address.")
    String bind;

    @Option(names = "--counters", paramLabel = "FILE",
        description = "The engine's counters file, served as Prometheus metrics on /metrics (no API key; default: "
            + "counters.dat beside the journal directory, when there is one).")
    Path countersFile;

    @Option(names = "--rate-limit-rps", paramLabel = "N", defaultValue = "50",
        description = "Requests per second per API key (default: ${DEFAULT-VALUE}; 0: no limit), unless the key has "
            + "its own (keys create --rps). A /stream connection counts as one request.")
    long rateLimitRps;

    @Option(names = "--rate-limit-bytes-per-minute", paramLabel = "SIZE", defaultValue = "500m",
        description = "Response bytes per minute per API key, e.g. 100m, 1g (default: ${DEFAULT-VALUE}; 0: no "
            + "limit), unless the key has its own (keys create --bytes-per-minute). /stream frames do not count.")
    String rateLimitBytesPerMinute;

    @Option(names = "--stream-buffer", paramLabel = "FRAMES", defaultValue = "" + LiveStream.DEFAULT_BUFFER_FRAMES,
        description = "Messages a /stream client may fall behind (queued, not yet written to its socket) before it "
            + "is closed with 1013 (try again later) (default: ${DEFAULT-VALUE}).")
    int streamBuffer;

    @Mixin
    KeysCommand.KeysFile keys;

    @Override
    public Integer call() throws Exception
    {
        if (port < 0 || port > 65_535)
        {
            throw new IllegalArgumentException("--port must be 0..65535, got " + port);
        }
        if (!Files.isDirectory(journalDir))
        {
            throw new IllegalArgumentException("no journal at " + journalDir + " (run ./tickwire run first, or pass --journal DIR)");
        }
        if (rateLimitRps < 0)
        {
            throw new IllegalArgumentException("--rate-limit-rps must be 0 (no limit) or more, got " + rateLimitRps);
        }
        if (streamBuffer < 1)
        {
            throw new IllegalArgumentException("--stream-buffer must be at least 1, got " + streamBuffer);
        }
        final RateLimiter limiter = new RateLimiter(new RateLimiter.Limits(rateLimitRps,
            KeysCommand.byteSize("--rate-limit-bytes-per-minute", rateLimitBytesPerMinute)));
        final KeyStore store = keys.open();
        if (store.isEmpty())
        {
            throw new IllegalStateException("no API keys in " + store.file() + ": create one with " +
                "`tickwire keys create --admin`" + (keys.file == null ? "" : " --keys " + keys.file) + " first");
        }
        final boolean loopback = isLoopback(bind);
        quietServerLogs();
        final CountDownLatch stop = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);
        boolean interrupted = false;
        final Path counters = countersFile != null ? countersFile :
            journalDir.toAbsolutePath().getParent().resolve("counters.dat");
        if (countersFile != null && !Files.isRegularFile(countersFile))
        {
            throw new IllegalArgumentException("--counters: no counters file at " + countersFile);
        }
        try (FileLogs logs = FileLogs.start(logsDir(journalDir), FileLogs.SERVE);
             JournalQueries queries = JournalQueries.open(journalDir);
             EngineView engine = Files.isRegularFile(counters) ? EngineView.open(counters, journalDir) : null;
             LiveStream stream = LiveStream.start(queries.journal(), streamBuffer);
             ApiServer server = metrics(new ApiServer(queries, store).rateLimits(limiter).stream(stream), engine, stream)
                 .start(bind, port))
        {
            final Thread hook = new Thread(() ->
            {
                stop.countDown();
                try
                {
                    closed.await(10, TimeUnit.SECONDS); // let the server and the journal close before the JVM goes
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }, "tickwire-serve-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            final String host = bind.contains(":") ? "[" + bind + "]" : bind;
            System.out.println("tickwire API on http://" + host + ":" + server.port() + " (journal " + journalDir +
                ", keys " + store.file() + "); Ctrl-C to stop");
            System.out.println("  try: curl -H \"X-API-Key: $KEY\" http://" + host + ":" + server.port() + "/contracts");
            if (!loopback)
            {
                System.err.println("warning: listening on " + bind + ", not just this machine; API keys travel in plain " +
                    "HTTP, so put a TLS proxy in front");
            }
            System.out.flush();
            try
            {
                stop.await();
            }
            catch (final InterruptedException ex)
            {
                interrupted = true; // a stop request from an embedding thread: close down like Ctrl-C
            }
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException shuttingDown)
            {
                // Ctrl-C: the JVM is already stopping; the server and the journal close below
            }
        }
        finally
        {
            closed.countDown();
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** /metrics: the engine's counters (when its counters file is there) and the live stream's. */
    private static ApiServer metrics(final ApiServer server, final EngineView engine, final LiveStream stream)
    {
        if (engine != null)
        {
            final io.prometheus.metrics.model.registry.PrometheusRegistry registry = MetricsServer.registry(engine);
            server.metrics(() -> MetricsServer.text(registry) + stream.metricsText(), MetricsServer.contentType());
        }
        else
        {
            server.metrics(stream::metricsText, MetricsServer.contentType());
        }
        return server;
    }

    /** {@code <dataDir>/logs} when the journal is the usual {@code <dataDir>/journal}: serve has no config to ask. */
    static Path logsDir(final Path journal)
    {
        final Path parent = journal.toAbsolutePath().normalize().getParent();
        return (parent != null ? parent : journal.toAbsolutePath()).resolve("logs");
    }

    private static boolean isLoopback(final String address)
    {
        try
        {
            return InetAddress.getByName(address).isLoopbackAddress();
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("--bind: cannot resolve '" + address + "'");
        }
    }

    /** Jetty's and Javalin's start-up chatter at INFO would bury the one line that matters. */
    private static void quietServerLogs()
    {
        for (final String name : new String[] {"org.eclipse.jetty", "io.javalin"})
        {
            if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger && logger.getLevel() == null)
            {
                logger.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }
}
