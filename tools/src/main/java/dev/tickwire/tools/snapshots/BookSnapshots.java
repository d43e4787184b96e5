package dev.tickwire.tools.snapshots;

import dev.tickwire.engine.replay.Replay;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.MessageHeaderDecoder;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Top-N book snapshots of one instrument from a journal, built on {@link Replay}: the replay keeps
 * the instrument's L2 book and a {@link SnapshotListener} reads it at batch ends.
 *
 * <p>The range is [from, to]: without from, from the instrument's first event; without to, to the
 * end of the journal (its last watermark, the latest accepted event time, as the journal is when
 * the run starts). A to past the end of the journal is cut there: what the book was after the last
 * journaled event is not known.
 *
 * <p>For interval snapshots from a given time the replay starts a little earlier, at the event time
 * of the instrument's last batch end before from, so the state at from (and the receive time of
 * the event that made it) is seen by the listener, not only rebuilt silently.
 */
public final class BookSnapshots
{
    /** What to write: one instrument, N levels, every batch end or every interval, over [from, to]. */
    public record Request(Path journalDir, String symbol, int levels, long intervalNs, Long fromNs, Long toNs,
                          SnapshotFormat.Kind format)
    {
        /** Largest N accepted; more is surely a mistake (Tardis publishes 5 and 25). */
        public static final int MAX_LEVELS = 1000;

        public Request
        {
            if (levels < 1 || levels > MAX_LEVELS)
            {
                throw new IllegalArgumentException("--levels must be 1.." + MAX_LEVELS + ", got " + levels);
            }
            if (intervalNs < 0)
            {
                throw new IllegalArgumentException("--every must be 'event' or a positive duration");
            }
            if (fromNs != null && toNs != null && toNs < fromNs)
            {
                throw new IllegalArgumentException("--to is before --from");
            }
            if (symbol == null || symbol.isBlank())
            {
                throw new IllegalArgumentException("--symbol is required");
            }
        }
    }

    private BookSnapshots()
    {
    }

    /**
     * Writes the snapshots (and the format's header) to out; does not close or flush it.
     *
     * @return the number of snapshots written
     * @throws IllegalArgumentException for a missing journal or an unknown symbol
     */
    public static long write(final Request request, final Writer out)
    {
        if (!Files.isDirectory(request.journalDir()))
        {
            throw new IllegalArgumentException("no journal at " + request.journalDir() + " (run ./tickwire run first, or pass --journal DIR)");
        }
        try (Journal journal = Journal.open(new Journal.Context().dir(request.journalDir()).readOnly(true)))
        {
            final String symbol = request.symbol().trim();
            final Instrument instrument = journal.instruments().bySymbol(symbol).orElseThrow(() ->
                new IllegalArgumentException("unknown --symbol '" + symbol + "' in " + request.journalDir() + "; known: " +
                    journal.instruments().all().stream().map(Instrument::symbol).toList()));
            final SnapshotFormat format = SnapshotFormat.create(request.format(), instrument, request.levels(), out);
            format.begin();

            final long endOfJournal = journal.lastWatermarkNs();
            if (endOfJournal == Values.NONE)
            {
                return 0; // no market events at all
            }
            final long toNs = request.toNs() == null ? endOfJournal : Math.min(request.toNs(), endOfJournal);
            final long fromNs = request.fromNs() == null ? SnapshotListener.FROM_FIRST_EVENT : request.fromNs();
            if (request.fromNs() != null && fromNs > toNs)
            {
                return 0;
            }
            final SnapshotListener listener = new SnapshotListener(instrument.id(), request.levels(), fromNs, toNs,
                request.intervalNs(), format);
            final Replay.Builder replay = Replay.builder().journal(journal).symbols(symbol).to(toNs).listener(listener);
            if (request.fromNs() != null)
            {
                replay.from(request.intervalNs() > 0 ? replayStart(journal, instrument.id(), fromNs) : fromNs);
            }
            try (Replay r = replay.build())
            {
                listener.attach(r.book(instrument.id()));
                r.run();
                listener.finish();
                return listener.written();
            }
        }
    }

    /**
     * Where an interval replay starts so the book's state at from is delivered to the listener: the
     * event time of the instrument's last accepted END_OF_BATCH delta before from (found reading
     * back from the first excerpt at or after from; everything before that has event times before
     * from), or from itself when there is none.
     */
    static long replayStart(final Journal journal, final int instrumentId, final long fromNs)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final BookDeltaDecoder delta = new BookDeltaDecoder();
        final long[] start = {fromNs};
        try (JournalReader reader = journal.reader())
        {
            final long seekIndex = reader.seekToTime(fromNs) ? reader.index() : JournalReader.END;
            reader.scanBackward(seekIndex, (buffer, offset, length, index, watermarkNs) ->
            {
                if (Envelope.templateId(buffer, offset) != MessageTypes.BOOK_DELTA ||
                    Envelope.instrumentId(buffer, offset) != instrumentId || !Envelope.isAccepted(buffer, offset))
                {
                    return true;
                }
                header.wrap(buffer, offset);
                delta.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
                final long eventTimeNs = delta.eventTimeNs();
                if (delta.flags().endOfBatch() && eventTimeNs < fromNs)
                {
                    start[0] = eventTimeNs;
                    return false;
                }
                return true;
            });
        }
        return start[0];
    }
}
