package dev.tickwire.monitor.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.journal.AtomicFiles;
import dev.tickwire.monitor.metrics.EngineView;
import org.agrona.concurrent.Agent;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Checks the rules every {@code alerts.checkEvery} against the counters file, off the engine thread, and
 * keeps {@code <dataDir>/alerts.json} (what is firing) for {@code tickwire status} in another process.
 */
public final class AlertAgent implements Agent
{
    public static final String STATE_FILE = "alerts.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EngineView view;
    private final Alerts alerts;
    private final long checkEveryMs;
    private final LongConsumer firingGauge;
    private final Path stateFile;
    private long nextMs;
    private Map<String, String> written;

    public AlertAgent(final EngineView view, final Alerts alerts, final long checkEveryMs, final LongConsumer firingGauge,
        final Path stateFile)
    {
        this.view = view;
        this.alerts = alerts;
        this.checkEveryMs = checkEveryMs;
        this.firingGauge = firingGauge;
        this.stateFile = stateFile;
    }

    @Override
    public int doWork()
    {
        final long now = System.currentTimeMillis();
        if (now < nextMs)
        {
            return 0;
        }
        nextMs = now + checkEveryMs;
        check(now);
        return 1;
    }

    /** One check now (also for a watcher's --once). */
    public void check(final long nowMs)
    {
        alerts.evaluate(Sample.take(view, nowMs));
        final Map<String, String> firing = alerts.firing();
        firingGauge.accept(firing.size());
        if (stateFile != null && !firing.equals(written))
        {
            writeState(firing, nowMs);
            written = Map.copyOf(firing);
        }
    }

    private void writeState(final Map<String, String> firing, final long nowMs)
    {
        final ObjectNode root = JSON.createObjectNode();
        root.put("time_ms", nowMs);
        final ArrayNode list = root.putArray("firing");
        firing.forEach((rule, summary) -> list.addObject().put("rule", rule).put("summary", summary));
        AtomicFiles.write(stateFile, root.toPrettyString() + "\n");
    }

    @Override
    public String roleName()
    {
        return "tickwire-alerts";
    }
}
