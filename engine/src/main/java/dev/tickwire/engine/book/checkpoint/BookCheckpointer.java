package dev.tickwire.engine.book.checkpoint;

import dev.tickwire.engine.book.BookApplier;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.journal.CheckpointLog;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalHandler;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.BookDeltas;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.Values;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Keeps every L2 book by tailing the journal (off the engine thread, as an output does) and writes a
 * checkpoint of all of them every {@code everyNs} of event time or {@code everyDeltas} deltas, whichever
 * comes first, at a point where no book batch is open (so every book in it is consistent). It resumes
 * from its last checkpoint; without one, from the journal's start.
 */
public final class BookCheckpointer implements Agent, JournalHandler
{
    private final Journal journal;
    private final long everyNs;
    private final long everyDeltas;
    private final AtomicCounter written;
    private final Int2ObjectHashMap<L2Book> books = new Int2ObjectHashMap<>();
    private final BookApplier applier = new BookApplier();
    private final BookCheckpointCodec codec = new BookCheckpointCodec();
    private CheckpointLog log;
    private JournalReader reader;
    private long skipThrough = Values.NONE;
    private long lastIndex = Values.NONE;
    private long lastSequence = Values.NONE;
    private long watermarkNs = Values.NONE;
    private long lastCheckpointNs = Values.NONE;
    private long deltasSince;
    private int openBatches;

    /** @param written counts checkpoints written (null: not counted) */
    public BookCheckpointer(final Journal journal, final long everyNs, final long everyDeltas, final AtomicCounter written)
    {
        this.journal = journal;
        this.everyNs = everyNs;
        this.everyDeltas = everyDeltas;
        this.written = written;
    }

    @Override
    public void onStart()
    {
        // a catch-up over a long journal is CPU the engine must not feel: the lowest priority there is
        dev.tickwire.engine.output.IdlePriority.applyToCurrentThread(roleName());
        open();
    }

    private void open()
    {
        log = CheckpointLog.openForWriting(journal.dir());
        reader = journal.reader();
        final long resumeIndex = BookCheckpoints.load(journal.dir(), Long.MAX_VALUE, BookCheckpoints.in(reader),
            id -> books.computeIfAbsent(id, i -> new L2Book(i, 64)));
        if (resumeIndex != Values.NONE && reader.moveToIndex(resumeIndex))
        {
            skipThrough = resumeIndex; // its books are in the checkpoint: start after it
            lastIndex = resumeIndex;
        }
        else
        {
            books.clear();
            reader.toJournalStart();
        }
    }

    @Override
    public int doWork()
    {
        return reader.poll(this, 4096);
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length, final long index,
        final long watermarkNs)
    {
        if (skipThrough != Values.NONE && index <= skipThrough)
        {
            return;
        }
        lastIndex = index;
        lastSequence = Envelope.sequence(buffer, offset);
        this.watermarkNs = watermarkNs;
        if (lastCheckpointNs == Values.NONE)
        {
            lastCheckpointNs = watermarkNs;
        }
        if (Envelope.templateId(buffer, offset) == MessageTypes.BOOK_DELTA && Envelope.isAccepted(buffer, offset))
        {
            final int id = Envelope.instrumentId(buffer, offset);
            L2Book book = books.get(id);
            if (book == null)
            {
                book = new L2Book(id, 64);
                books.put(id, book);
            }
            applier.apply(book, buffer, offset);
            deltasSince++;
            // a batch's deltas are one ring range, so they are contiguous in the journal
            openBatches = BookDeltas.isEndOfBatch(buffer, offset) ? 0 : 1;
        }
        if (openBatches == 0 && deltasSince > 0 && watermarkNs != Values.NONE &&
            (deltasSince >= everyDeltas || watermarkNs - lastCheckpointNs >= everyNs))
        {
            checkpoint();
        }
    }

    /** Writes a checkpoint of every book as of the last excerpt read. */
    void checkpoint()
    {
        final int length = codec.encode(lastIndex, lastSequence, books);
        log.append(watermarkNs, codec.buffer(), 0, length);
        lastCheckpointNs = watermarkNs;
        deltasSince = 0;
        if (written != null)
        {
            written.incrementRelease();
        }
    }

    /** Reads to the journal's end as it is now and writes a last checkpoint (an offline build). */
    public long catchUp()
    {
        open();
        long read = 0;
        int n;
        while ((n = doWork()) > 0)
        {
            read += n;
        }
        if (deltasSince > 0 && openBatches == 0)
        {
            checkpoint();
        }
        onClose();
        return read;
    }

    @Override
    public void onClose()
    {
        if (reader != null)
        {
            reader.close();
        }
        if (log != null)
        {
            log.close();
        }
        books.values().forEach(L2Book::close);
        books.clear();
    }

    @Override
    public String roleName()
    {
        return "tickwire-book-checkpoints";
    }
}
