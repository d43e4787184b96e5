package dev.tickwire.engine.book;

import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookDeltaDecoder;

/**
 * An L2 book that can undo the batch being applied to it (deltas up to END_OF_BATCH: one consistent
 * change). The validator undoes a batch it rejects on its shadow book; a point-in-time query undoes a
 * batch still open at its moment. One rule for both: each change records the level it replaces; the
 * first CLEAR of a batch instead keeps a copy of the book as it was when the batch began (the
 * changes before the CLEAR undone on the copy), since undoing a CLEAR level by level would cost more
 * than the copy. No allocation per delta: the undo log and the copy are kept and reused.
 */
public final class BatchedBook implements AutoCloseable
{
    private final L2Book book;
    private final BookUndoLog undo = new BookUndoLog(64);
    private L2Book beforeBatch;
    private boolean open;
    private boolean copied;

    public BatchedBook(final L2Book book)
    {
        this.book = book;
    }

    public L2Book book()
    {
        return book;
    }

    /** True between a batch's first delta and its END_OF_BATCH. */
    public boolean inBatch()
    {
        return open;
    }

    /** Applies a delta (a batch opens with the first one after a batch end), recording how to undo it. */
    public void apply(final BookDeltaDecoder delta)
    {
        if (!open)
        {
            open = true;
            copied = false;
            undo.reset();
        }
        if (delta.action() == BookAction.CLEAR)
        {
            if (!copied)
            {
                if (beforeBatch == null)
                {
                    beforeBatch = new L2Book(book.instrumentId(), 64);
                }
                beforeBatch.copyFrom(book);
                undo.rollBack(beforeBatch); // the batch's changes before this CLEAR, undone on the copy
                copied = true;
            }
        }
        else if (!copied && delta.side() != null && delta.action() != BookAction.NULL_VAL)
        {
            undo.recordBefore(book, delta.side().value(), delta.price());
        }
        BookApplier.apply(book, delta);
    }

    /** Ends the batch: its changes stand. */
    public void commit()
    {
        open = false;
    }

    /** Undoes the open batch, if any: the book is as it was at the last batch end. */
    public void rollBack()
    {
        if (!open)
        {
            return;
        }
        if (copied)
        {
            book.copyFrom(beforeBatch);
        }
        else
        {
            undo.rollBack(book);
        }
        open = false;
    }

    @Override
    public void close()
    {
        book.close();
        if (beforeBatch != null)
        {
            beforeBatch.close();
        }
    }
}
