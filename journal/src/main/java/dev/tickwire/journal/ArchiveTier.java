package dev.tickwire.journal;

import org.agrona.DirectBuffer;

import java.util.List;

/**
 * The older tier of a journal: days that were exported to an archive, which the journal may no
 * longer hold (retention deletes its oldest cycles once they are archived). {@link JournalReader}
 * reads these days before the journal's first excerpt, so every reader, and so every query, sees
 * one history whichever tier holds it. Implemented by the archive module, found by
 * {@link java.util.ServiceLoader} through {@link Provider}.
 */
public interface ArchiveTier extends AutoCloseable
{
    /** Archived, verified days in journal order; re-read when the archive changes. */
    List<ArchivedDay> days();

    /**
     * Calls {@code sink} with each message of the day whose engine sequence is below
     * {@code beforeSequence}, in journal (sequence) order, exactly as the journal held it.
     */
    void restore(ArchivedDay day, long beforeSequence, RestoreSink sink);

    @Override
    void close();

    /** One restored message and the watermark the journal stored with it. */
    @FunctionalInterface
    interface RestoreSink
    {
        void onMessage(DirectBuffer buffer, int offset, int length, long watermarkNs);
    }

    /**
     * A day of the journal (the UTC day of its watermark): a contiguous range of engine sequences.
     *
     * @param counts accepted events and rejects per instrument, for summaries that must not read the day
     */
    record ArchivedDay(
        long epochDay, long firstSequence, long lastSequence, long firstWatermarkNs, long lastWatermarkNs,
        List<InstrumentCounts> counts)
    {
    }

    /** What a day holds of one instrument. */
    record InstrumentCounts(
        int instrumentId, long trades, long quotes, long deltas, long rejected, long firstEventNs, long lastEventNs)
    {
    }

    /** Opens an archive: a folder, or a bucket through a local cache. */
    interface Provider
    {
        ArchiveTier open(ArchiveLink archive);
    }
}
