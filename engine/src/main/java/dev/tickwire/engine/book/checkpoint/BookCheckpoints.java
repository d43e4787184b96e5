package dev.tickwire.engine.book.checkpoint;

import dev.tickwire.engine.book.L2Book;
import dev.tickwire.journal.CheckpointLog;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Values;

import java.nio.file.Path;
import java.util.function.IntFunction;

/**
 * Reads book checkpoints: the books as they were after some journal excerpt, so that a book at T (and a
 * replay from T, a restart) starts from the nearest checkpoint before T and applies only the deltas after
 * it, instead of everything since the instrument's last snapshot.
 */
public final class BookCheckpoints
{
    private BookCheckpoints()
    {
    }

    /**
     * Where a checkpoint's excerpt is for a reader: its index there (the reader positioned at it), or
     * {@link Values#NONE} when it is not usable (gone, or past where the caller must start).
     */
    @FunctionalInterface
    public interface Locator
    {
        long locate(long journalIndex, long sequence);
    }

    /**
     * Positions {@code reader} at a checkpoint's excerpt: by its journal index, or, once retention moved its
     * day to the archive, by its engine sequence there.
     */
    public static Locator in(final JournalReader reader)
    {
        return (journalIndex, sequence) -> reader.moveToIndex(journalIndex) ? journalIndex :
            sequence != Values.NONE && reader.moveToSequence(sequence) ? reader.index() : Values.NONE;
    }

    /**
     * Sets the books {@code target} wants to the last valid checkpoint whose journal position is before
     * {@code timeNs} ({@code Long.MAX_VALUE}: the last) and which {@code usable} locates (e.g. still in the
     * journal or its archive, before a seek position).
     *
     * @return the reader index the books are as of (apply what follows it), or {@link Values#NONE} when there
     *         is no usable checkpoint (the books are then untouched)
     */
    public static long load(final Journal journal, final long timeNs, final Locator usable,
        final IntFunction<L2Book> target)
    {
        final CheckpointLog log = journal.checkpoints();
        return log == null ? Values.NONE : load(log, timeNs, usable, target);
    }

    /** As {@link #load(Journal, long, LongPredicate, IntFunction)}, opening the checkpoints of a journal directory. */
    public static long load(final Path journalDir, final long timeNs, final Locator usable,
        final IntFunction<L2Book> target)
    {
        final CheckpointLog log = CheckpointLog.openForReading(journalDir);
        if (log == null)
        {
            return Values.NONE;
        }
        try (log)
        {
            return load(log, timeNs, usable, target);
        }
    }

    private static long load(final CheckpointLog log, final long timeNs, final Locator usable,
        final IntFunction<L2Book> target)
    {
        try
        {
            final BookCheckpointCodec codec = new BookCheckpointCodec();
            final long[] index = {Values.NONE};
            log.lastBefore(timeNs, (watermarkNs, payload, offset, length) ->
            {
                if (!codec.valid(payload, offset, length))
                {
                    return false; // damaged: the one before it
                }
                final long at = usable.locate(BookCheckpointCodec.journalIndex(payload, offset),
                    BookCheckpointCodec.sequence(payload, offset));
                if (at == Values.NONE)
                {
                    return false; // gone, or not before the caller's start: the one before it
                }
                BookCheckpointCodec.decode(payload, offset, target);
                index[0] = at;
                return true;
            });
            return index[0];
        }
        catch (final RuntimeException unreadable)
        {
            return Values.NONE; // derived data: without it, the caller rebuilds from the journal
        }
    }
}
