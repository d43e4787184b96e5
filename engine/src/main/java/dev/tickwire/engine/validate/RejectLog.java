package dev.tickwire.engine.validate;

import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.sbe.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Logs rejected records so a person can find them: the adapter says where the position is (file and
 * byte offset), the validator says why. Bad input can come in floods, so each source logs its first
 * {@value #FULL} rejects in full and then one line per {@value #EVERY}; the counters keep every one.
 */
public final class RejectLog implements RejectReporter
{
    private static final Logger LOG = LoggerFactory.getLogger("dev.tickwire.rejects");
    static final int FULL = 100;
    static final int EVERY = 10_000;

    private final FeedAdapter[] bySource = new FeedAdapter[1 << 16];
    private final long[] rejects = new long[1 << 16];

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
        final long n = ++rejects[sourceId];
        if (n <= FULL || n % EVERY == 0)
        {
            final FeedAdapter adapter = bySource[sourceId];
            final String where = adapter != null ? adapter.describe(sourcePosition) :
                "source " + sourceId + " position " + sourcePosition;
            LOG.warn("rejected {} {}: {}{}", MessageTypes.name(templateId), where, reason,
                n == FULL ? " (further rejects from this source are logged one in " + EVERY + "; all are counted)" :
                n > FULL ? " (" + n + " rejects from this source so far)" : "");
        }
    }
}
