package dev.tickwire.adapters.tardis;

import dev.tickwire.adapters.csv.CsvFormatException;
import dev.tickwire.adapters.csv.CsvLines;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Tardis {@code incremental_book_L2}: {@code exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount},
 * where amount is the level's new size (0 removes it: DELETE, else MODIFY).
 *
 * <p>Batches: consecutive rows of one instrument with the same timestamp are one book change,
 * held back until the next row shows the batch is over, then published as one ring range with
 * END_OF_BATCH on its last delta. A run of {@code is_snapshot=true} rows of an instrument that
 * follows its non-snapshot rows (or starts the file) replaces its book: a CLEAR first (position
 * row + 0, the row's delta at row + 1), every delta of the run flagged SNAPSHOT, and the run is
 * one batch of its own whatever its timestamps (a book image is only consistent whole).
 * Per-instrument state restarts with each file. A malformed row ends the open batch (the reject is
 * journaled after it, keeping positions in order).
 */
final class TardisIncrementalBookSource extends TardisSource
{
    private static final int IS_SNAPSHOT = 4;
    private static final int SIDE = 5;
    private static final int PRICE = 6;
    private static final int AMOUNT = 7;
    private static final byte[] BID = "bid".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ASK = "ask".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BUY = "buy".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SELL = "sell".getBytes(StandardCharsets.US_ASCII);

    /** Per instrument entry: its last row was a snapshot row (a run goes on). */
    private boolean[] inSnapshot = new boolean[16];

    // the open batch: whose and when (its deltas are staged in the batch)
    private boolean open;
    private int openEntry;
    private long openEventNs;
    private boolean openSnapshot;

    TardisIncrementalBookSource(
        final int sourceId, final List<Path> files, final long[] firstEventTimeNs, final String firstExchange,
        final String firstSymbol, final TardisScales scales, final TardisImport.Refusals refusals)
    {
        super(TardisDataset.INCREMENTAL_BOOK_L2, sourceId, files, firstEventTimeNs, firstExchange, firstSymbol, scales,
            refusals);
    }

    @Override
    protected void row(final CsvLines row, final long rowPosition)
    {
        // parse everything before changing any state: a malformed row leaves the batch as it was
        final int entry;
        final long event;
        final long receive;
        final boolean snapshotRow;
        try
        {
            entry = instrument(row);
            event = nanos(row, TardisHeader.TIMESTAMP);
            receive = nanos(row, TardisHeader.LOCAL_TIMESTAMP);
            snapshotRow = row.bool(IS_SNAPSHOT);
        }
        catch (final CsvFormatException | ArithmeticException ex)
        {
            if (fresh(rowPosition + 1))
            {
                throw ex;
            }
            flush(); // journaled as malformed by an earlier import, where it ended the batch too
            alreadyJournaled++;
            return;
        }
        if (entry >= inSnapshot.length)
        {
            inSnapshot = Arrays.copyOf(inSnapshot, Math.max(inSnapshot.length * 2, entry + 1));
        }
        final boolean startsRun = snapshotRow && !inSnapshot[entry];
        final long deltaPosition = startsRun ? rowPosition + 1 : rowPosition;
        final boolean deltaFresh = fresh(deltaPosition);
        BookSide side = BookSide.BID;
        long p = 0;
        long q = 0;
        if (deltaFresh)
        {
            side = side(row);
            p = row.decimal(PRICE, instruments.priceExponent(entry));
            q = row.decimal(AMOUNT, instruments.sizeExponent(entry));
        }
        lastEventTimeNs = event;

        if (open && !(entry == openEntry && !startsRun && snapshotRow == openSnapshot && (snapshotRow || event == openEventNs)))
        {
            flush();
        }
        if (!open)
        {
            open = true;
            openEntry = entry;
            openEventNs = event;
            openSnapshot = snapshotRow;
            batch.begin(instruments.id(entry));
        }
        inSnapshot[entry] = snapshotRow;
        final int flags = snapshotRow ? DeltaFlagBits.SNAPSHOT : 0;
        if (startsRun && batch.add(rowPosition, event, receive, BookAction.CLEAR, BookSide.BID, 0, 0, 0, flags))
        {
            snapshots++;
        }
        if (deltaFresh)
        {
            batch.add(deltaPosition, event, receive, q == 0 ? BookAction.DELETE : BookAction.MODIFY, side, p, q, 0, flags);
        }
        else
        {
            alreadyJournaled++;
        }
    }

    /** A batch of one timestamp is whole once the next row has another: it goes before the other sources' rows. */
    @Override
    protected void onHeld(final long nextTimeNs)
    {
        if (open && !openSnapshot && nextTimeNs != openEventNs)
        {
            flush();
        }
    }

    @Override
    protected void onEndOfFile(final CsvLines file)
    {
        flush();
        Arrays.fill(inSnapshot, false); // a snapshot at the start of the next file is a new one
    }

    /** The open batch ends where a malformed row is: its deltas keep positions below the reject's. */
    @Override
    protected void publishMalformed(final long position, final int instrumentId)
    {
        flush();
        super.publishMalformed(position, instrumentId);
    }

    private static BookSide side(final CsvLines row)
    {
        if (row.is(SIDE, BID) || row.is(SIDE, BUY))
        {
            return BookSide.BID;
        }
        if (row.is(SIDE, ASK) || row.is(SIDE, SELL))
        {
            return BookSide.ASK;
        }
        throw new CsvFormatException("field " + (SIDE + 1) + " is not a book side (bid or ask): " + row.quoted(SIDE));
    }

    /** Publishes the open batch as one ring range, END_OF_BATCH on its last delta. */
    private void flush()
    {
        open = false;
        deltas += batch.publish(true);
    }
}
