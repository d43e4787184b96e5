package dev.tickwire.adapters.lobster;

import dev.tickwire.adapters.csv.CsvFormatException;
import dev.tickwire.adapters.csv.CsvImportSource;
import dev.tickwire.adapters.csv.CsvLines;
import dev.tickwire.engine.adapter.AdapterContext;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.StatusCode;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * A LOBSTER message file and its order book file, read in step (row k of the order book is the book after message
 * k), as one finite source.
 * <p>
 * Per message, in this order (positions {@code rowPosition + k}, k = 0, 1, …):
 * <ul>
 *   <li>before the first message only: the seed snapshot (CLEAR and an ADD per level, flagged SNAPSHOT, its own
 *   batch), see {@link LobsterBook#seed};</li>
 *   <li>type 4 (visible execution), 5 (hidden execution), 6 (cross trade): a Trade at the message's price and size,
 *   with the best bid and ask of the book before it. Aggressor of 4 and 5: the opposite of the resting order's
 *   Direction (Direction 1, a buy limit order was hit: SELL); of 6: none. Trade id 0 (LOBSTER gives the resting
 *   order's id, not a trade id);</li>
 *   <li>type 7 (halt): a SourceStatus, price −1 TRADING_HALTED, 0 QUOTING_RESUMED, 1 TRADING_RESUMED;</li>
 *   <li>one batch (one ring range, END_OF_BATCH on its last delta): the message's own L2 delta, if it changed a
 *   level (types 1–4), then the CORRECTION deltas that make the book equal the message's order book row.</li>
 * </ul>
 * Times: the message's Time column (exact decimal seconds after midnight New York time) on the file's date. Prices:
 * LOBSTER's dollars × 10000 as they are, price exponent −4; sizes in shares, exponent 0.
 * <p>
 * A row that does not parse (either file) is journaled as MALFORMED and changes nothing; the next row's corrections
 * bring the book back to LOBSTER's. A re-import reads both files from the start (the book must be rebuilt) and
 * journals only what is new.
 */
public final class LobsterSource extends CsvImportSource
{
    public static final int PRICE_EXPONENT = -4;
    public static final int SIZE_EXPONENT = 0;
    /** A cent, at price exponent −4. */
    public static final long DEFAULT_TICK_SIZE = 100;

    private static final BookAction[] ACTIONS = { BookAction.CLEAR, BookAction.ADD, BookAction.MODIFY, BookAction.DELETE };
    private static final BookSide[] SIDES = { BookSide.BID, BookSide.ASK };
    private static final int MAX_MESSAGES_PER_ROW = 1 << LINE_SHIFT;

    private final Path orderBookFile;
    private final String symbol;
    private final String venue;
    private final long tickSize;
    private final LobsterClock times;
    private final LobsterBookRow row;
    private volatile CsvLines bookLines;
    private LobsterBook book;
    private int instrumentId;
    private boolean bookFileCut;

    // Counts for the summary; written by the adapter thread, read once it is done.
    private final long[] messagesByType = new long[8];
    private long trades;
    private long statuses;
    private long deltas;
    private long journaled;
    private long alreadyJournaled;
    private final long[] correctionsByKind = new long[LobsterBatch.LEVEL_BEYOND_ROW + 1];

    /**
     * @param tickSize at price exponent −4 (100 = one cent).
     * @param levels   N, the levels per side of the order book file (from its name), or 0 to take it from its first row.
     */
    public LobsterSource(final int sourceId, final Path messageFile, final Path orderBookFile, final String symbol,
        final String venue, final LocalDate date, final long tickSize, final int levels)
    {
        super("lobster " + symbol, sourceId, List.of(messageFile));
        this.orderBookFile = orderBookFile;
        this.symbol = symbol;
        this.venue = venue;
        this.tickSize = tickSize;
        this.row = new LobsterBookRow(levels);
        this.times = new LobsterClock(date, LobsterClock.NEW_YORK);
    }

    @Override
    protected void onStart(final AdapterContext context)
    {
        instrumentId = context.defineInstrument(symbol, venue, PRICE_EXPONENT, SIZE_EXPONENT, tickSize);
        book = new LobsterBook(instrumentId);
        bookLines = new CsvLines(orderBookFile);
    }

    @Override
    protected boolean hasHeader()
    {
        return false;
    }

    @Override
    protected int instrumentOfMalformedRow()
    {
        return instrumentId;
    }

    @Override
    protected void onRow(final CsvLines message, final long rowPosition)
    {
        // The order book row first, so the two files stay in step whatever fails below.
        final CsvLines bookRow = bookLines;
        if (!bookRow.next())
        {
            if (bookRow.readError() != null && !bookFileCut)
            {
                bookFileCut = true;
                reportCutShort(bookRow.readError());
            }
            throw new CsvFormatException("no order book row for this message: " + orderBookFile.getFileName() +
                " ends at line " + bookRow.lineNumber());
        }
        if (bookRow.problem() != null)
        {
            throw new CsvFormatException(orderBookFile.getFileName() + " line " + bookRow.lineNumber() + ": " +
                bookRow.problem());
        }
        if (message.fieldCount() < 6)
        {
            throw new CsvFormatException("a message has 6 fields (Time,Type,OrderID,Size,Price,Direction), got " +
                message.fieldCount());
        }
        final long nanosAfterMidnight = message.decimal(0, -9);
        final long type = message.longValue(1);
        final long orderId = message.longValue(2);
        final long size = message.longValue(3);
        final long price = message.longValue(4);
        final long direction = message.longValue(5);
        if (nanosAfterMidnight < 0)
        {
            throw new CsvFormatException("negative time");
        }
        if (type < LobsterBook.ADD || type > LobsterBook.HALT)
        {
            throw new CsvFormatException("unknown message type " + type);
        }
        if (type < LobsterBook.HALT && (size <= 0 || price <= 0))
        {
            throw new CsvFormatException("type " + type + " with size " + size + " and price " + price);
        }
        if (type <= LobsterBook.EXECUTE_HIDDEN && direction != 1 && direction != -1)
        {
            throw new CsvFormatException("direction " + direction + " (1 buy, -1 sell)");
        }
        if (type == LobsterBook.HALT && (price < -1 || price > 1))
        {
            throw new CsvFormatException("halt with price " + price + " (-1 halted, 0 quoting, 1 trading)");
        }
        try
        {
            row.parse(bookRow);
        }
        catch (final CsvFormatException ex)
        {
            throw new CsvFormatException(orderBookFile.getFileName() + " line " + bookRow.lineNumber() + ": " +
                ex.getMessage());
        }

        // Parsed: from here on the row changes state.
        final int kind = (int)type;
        final int side = direction == 1 ? L2Book.BID : L2Book.ASK;
        final long eventTimeNs = times.epochNanos(nanosAfterMidnight);
        lastEventTimeNs = eventTimeNs;
        messagesByType[kind]++;
        final long journaledBefore = journaled;
        int k = 0;
        if (!book.seeded())
        {
            book.seed(row, kind, side, price, size);
            k += publishBatch(rowPosition, k, eventTimeNs, DeltaFlagBits.SNAPSHOT);
        }
        if (kind == LobsterBook.EXECUTE_VISIBLE || kind == LobsterBook.EXECUTE_HIDDEN)
        {
            // the resting order's Direction: 1 = a buy limit order was hit, so the aggressor sold
            publishTrade(rowPosition + k++, eventTimeNs, price, size, side == L2Book.BID ? Side.SELL : Side.BUY);
        }
        else if (kind == LobsterBook.CROSS_TRADE)
        {
            publishTrade(rowPosition + k++, eventTimeNs, price, size, Side.NONE);
        }
        else if (kind == LobsterBook.HALT)
        {
            publishStatus(rowPosition + k++, eventTimeNs, price == -1 ? StatusCode.TRADING_HALTED :
                price == 0 ? StatusCode.QUOTING_RESUMED : StatusCode.TRADING_RESUMED);
        }
        book.apply(kind, orderId, size, price, side);
        book.reconcile(row);
        publishBatch(rowPosition, k, eventTimeNs, 0);
        if (!fresh(rowPosition) && journaled == journaledBefore)
        {
            alreadyJournaled++; // the journal's checkpoint is at or past this row, and nothing of it was new
        }
    }

    @Override
    protected void onEndOfFile(final CsvLines file)
    {
        if (bookLines.next())
        {
            LOG.warn("{} has more rows than {} ({} messages): the rest is ignored", orderBookFile.getFileName(),
                file.path().getFileName(), file.lineNumber());
        }
    }

    @Override
    public long bytesRead()
    {
        final CsvLines lines = bookLines;
        return super.bytesRead() + (lines != null ? lines.bytesRead() : 0);
    }

    @Override
    public void onClose()
    {
        super.onClose();
        if (bookLines != null)
        {
            bookLines.close();
        }
        if (book != null)
        {
            book.close();
        }
    }

    // ---- the summary (read once the source is done) ----

    /** Messages read (rows of the message file that parsed), of LOBSTER type 1..7. */
    public long messages(final int type)
    {
        return messagesByType[type];
    }

    public long trades()
    {
        return trades;
    }

    public long statuses()
    {
        return statuses;
    }

    /** Book deltas journaled by this run, corrections and the seed snapshot included. */
    public long deltas()
    {
        return deltas;
    }

    /** Messages this run journaled (a re-import journals only what is new). */
    public long journaled()
    {
        return journaled;
    }

    /** Messages a previous import journaled already (read again to rebuild the book, not journaled again). */
    public long alreadyJournaled()
    {
        return alreadyJournaled;
    }

    /** CORRECTION deltas journaled by this run. */
    public long corrections()
    {
        return sizesCorrected() + levelsAdded() + levelsDeleted() + levelsBeyondRow();
    }

    /** Corrections: a level's size set to the row's. */
    public long sizesCorrected()
    {
        return correctionsByKind[LobsterBatch.SIZE_CORRECTED];
    }

    /** Corrections: a level of the row the book lacked (mostly levels entering the top N from below). */
    public long levelsAdded()
    {
        return correctionsByKind[LobsterBatch.LEVEL_ADDED];
    }

    /** Corrections: a level the row lacks, inside the row's price range. */
    public long levelsDeleted()
    {
        return correctionsByKind[LobsterBatch.LEVEL_DELETED];
    }

    /** Corrections: a level beyond a full row (pushed out of the top N). */
    public long levelsBeyondRow()
    {
        return correctionsByKind[LobsterBatch.LEVEL_BEYOND_ROW];
    }

    /** Cancels, deletes and visible fills of orders the L3 book did not know (they rested before the file). */
    public long unknownOrderEvents()
    {
        return book == null ? 0 : book.unknownOrderEvents();
    }

    /** The journal's instrument id (after start). */
    public int instrumentId()
    {
        return instrumentId;
    }

    // ---- publishing ----

    private void publishTrade(final long position, final long eventTimeNs, final long price, final long size,
        final Side aggressor)
    {
        if (!fresh(position))
        {
            return;
        }
        final L2Book l2 = book.l2();
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(writer.trade(slot.buffer(), 0, sourceId, position, instrumentId, eventTimeNs, clock.nanoTime(),
            price, size, aggressor, 0, l2.bestBidPrice(), l2.bestAskPrice()));
        publisher.publish(sequence);
        trades++;
        journaled++;
    }

    private void publishStatus(final long position, final long eventTimeNs, final StatusCode code)
    {
        if (!fresh(position))
        {
            return;
        }
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(writer.status(slot.buffer(), 0, sourceId, position, instrumentId, eventTimeNs, clock.nanoTime(),
            code, 0));
        publisher.publish(sequence);
        statuses++;
        journaled++;
    }

    /**
     * Publishes the staged batch as one ring range at positions {@code rowPosition + k + i}, END_OF_BATCH on its last
     * delta, corrections flagged CORRECTION; skips what the journal already holds.
     *
     * @return the deltas in the batch (journaled or not), for the next k.
     */
    private int publishBatch(final long rowPosition, final int k, final long eventTimeNs, final int flags)
    {
        final LobsterBatch changes = book.batch();
        final int n = changes.size();
        if (n == 0)
        {
            return 0;
        }
        if (k + n >= MAX_MESSAGES_PER_ROW)
        {
            throw new IllegalStateException("more than " + MAX_MESSAGES_PER_ROW + " messages for one LOBSTER row");
        }
        final long receiveTimeNs = clock.nanoTime();
        batch.begin(instrumentId);
        for (int i = 0; i < n; i++)
        {
            final int kind = changes.kind(i);
            final int deltaFlags = flags | (kind >= LobsterBatch.SIZE_CORRECTED ? DeltaFlagBits.CORRECTION : 0);
            if (batch.add(rowPosition + k + i, eventTimeNs, receiveTimeNs, ACTIONS[changes.action(i)],
                SIDES[changes.side(i)], changes.price(i), changes.levelSize(i), changes.levelOrders(i), deltaFlags) &&
                kind >= LobsterBatch.SIZE_CORRECTED)
            {
                correctionsByKind[kind]++;
            }
        }
        final int count = batch.publish(true);
        deltas += count;
        journaled += count;
        return n;
    }
}
