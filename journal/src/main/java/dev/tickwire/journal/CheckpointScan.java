package dev.tickwire.journal;

import dev.tickwire.wire.Envelope;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds each source's last excerpt by reading the journal backwards from the end, stopping as
 * soon as every requested source is found. Rejected records count: they were consumed from the source.
 */
final class CheckpointScan
{
    private final ChronicleQueue queue;
    private final ExcerptView view = new ExcerptView();
    private long lastScanned;

    CheckpointScan(final ChronicleQueue queue)
    {
        this.queue = queue;
    }

    synchronized Map<Integer, Checkpoint> lastCheckpoints(final Collection<Integer> sourceIds)
    {
        final Set<Integer> wanted = new HashSet<>(sourceIds);
        final Map<Integer, Checkpoint> found = new HashMap<>();
        lastScanned = 0;
        if (wanted.isEmpty())
        {
            return found;
        }
        try (ExcerptTailer tailer = queue.createTailer())
        {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            while (found.size() < wanted.size())
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    lastScanned++;
                    view.wrap(dc);
                    final DirectBuffer buffer = view.buffer();
                    final int offset = ExcerptView.MESSAGE_OFFSET;
                    final int sourceId = Envelope.sourceId(buffer, offset);
                    if (wanted.contains(sourceId) && !found.containsKey(sourceId))
                    {
                        found.put(sourceId, new Checkpoint(
                            sourceId,
                            Envelope.sourcePosition(buffer, offset),
                            Envelope.sequence(buffer, offset),
                            Envelope.eventTimeNs(buffer, offset),
                            dc.index()));
                    }
                }
            }
        }
        return found;
    }

    /** Excerpts read by the last scan; tests use it to prove the scan stops early. */
    synchronized long lastScanned()
    {
        return lastScanned;
    }
}
