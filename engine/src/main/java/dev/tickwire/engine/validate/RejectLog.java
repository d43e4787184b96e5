package dev.tickwire.engine.validate;

import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.log.ThrottledLog;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.sbe.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Logs rejected records so a person can find them: the adapter says where the position is (file and
 * byte offset), the validator says why. Bad input can come in floods, so each source logs its first
 * {@value #FULL} rejects in full and then a count once a minute ({@link ThrottledLog}); the counters
 * keep every one.
 */
public final class RejectLog implements RejectReporter
{
    private static final Logger LOG = LoggerFactory.getLogger("dev.tickwire.rejects");
    static final int FULL = 100;

    private final FeedAdapter[] bySource = new FeedAdapter[1 << 16];
    private final ThrottledLog[] logs = new ThrottledLog[1 << 16];

    public RejectLog(final List<? extends FeedAdapter> adapters)
    {
        for (final FeedAdapter adapter : adapters)
        {
            bySource[adapter.sourceId()] = adapter;
        }
    }

    @Override
    public void onReject(final int sourceId, final long sourcePosition, final RejectReason reason, final int templateId)
    {
        ThrottledLog log = logs[sourceId];
        if (log == null)
        {
            final FeedAdapter adapter = bySource[sourceId];
            log = new ThrottledLog(LOG, "rejects of " + (adapter != null ? adapter.roleName() : "source " + sourceId), FULL);
            logs[sourceId] = log;
        }
        if (log.admit())
        {
            final FeedAdapter adapter = bySource[sourceId];
            final String where = adapter != null ? adapter.describe(sourcePosition) :
                "source " + sourceId + " position " + sourcePosition;
            LOG.warn("rejected {} {}: {}{}", MessageTypes.name(templateId), where, reason, log.suffix());
        }
    }

    /** Logs the rejects counted since each source's last line. */
    public void flush()
    {
        for (final ThrottledLog log : logs)
        {
            if (log != null)
            {
                log.flush();
            }
        }
    }
}
