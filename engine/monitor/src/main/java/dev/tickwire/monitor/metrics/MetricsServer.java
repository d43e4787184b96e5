package dev.tickwire.monitor.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code /metrics} in the Prometheus text format: the engine's counters ({@link CounterMetrics}) and
 * this JVM's (GC pauses, heap, threads). One small HTTP thread, started only when {@code metrics.port}
 * is set; a scrape reads the counters file and never touches the engine thread.
 */
public final class MetricsServer implements AutoCloseable
{
    private final PrometheusRegistry registry;
    private final HTTPServer server;

    private MetricsServer(final PrometheusRegistry registry, final HTTPServer server)
    {
        this.registry = registry;
        this.server = server;
    }

    /** The registry of one engine: its counters and this JVM's metrics. */
    public static PrometheusRegistry registry(final EngineView engine)
    {
        final PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new CounterMetrics(engine));
        registry.register(new ScheduleMetrics(engine));
        JvmMetrics.builder().register(registry);
        return registry;
    }

    /** Serves {@code registry} on http://host:port/metrics (port 0: any free port). */
    public static MetricsServer start(final PrometheusRegistry registry, final String host, final int port)
    {
        final ExecutorService executor = Executors.newSingleThreadExecutor(r ->
        {
            final Thread thread = new Thread(r, "tickwire-metrics");
            thread.setDaemon(true);
            return thread;
        });
        try
        {
            return new MetricsServer(registry, HTTPServer.builder().hostname(host).port(port).registry(registry)
                .executorService(executor).buildAndStart());
        }
        catch (final IOException ex)
        {
            executor.shutdownNow();
            throw new UncheckedIOException("config key 'metrics.port': cannot listen on " + host + ":" + port + ": " +
                ex.getMessage(), ex);
        }
    }

    /** The text exposition of {@code registry}, for a server of its own (e.g. {@code tickwire serve}). */
    public static String text(final PrometheusRegistry registry)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try
        {
            PrometheusTextFormatWriter.create().write(out, registry.scrape(),
                io.prometheus.metrics.config.EscapingScheme.UNDERSCORE_ESCAPING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The content type of {@link #text}. */
    public static String contentType()
    {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    public int port()
    {
        return server.getPort();
    }

    public PrometheusRegistry registry()
    {
        return registry;
    }

    @Override
    public void close()
    {
        server.close();
    }
}
