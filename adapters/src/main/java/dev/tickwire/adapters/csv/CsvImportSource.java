package dev.tickwire.adapters.csv;

import dev.tickwire.adapters.imports.FileProgress;
import dev.tickwire.adapters.imports.ImportFiles;
import dev.tickwire.adapters.imports.ImportMerge;
import dev.tickwire.engine.adapter.AdapterContext;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.log.ThrottledLog;
import dev.tickwire.engine.ring.BookBatch;
import dev.tickwire.engine.ring.TickPublisher;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.StatusCode;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A finite source reading CSV files (plain or gzip) one after the other: what the historical
 * importers (Tardis, Binance, LOBSTER) share. Subclasses turn a row into messages.
 *
 * <p>Positions: {@code fileKey << 47 | line << 15 | k} for the k-th message of a row (a book
 * snapshot row becomes many deltas), so every message has its own, growing position; a re-import
 * skips what the journal already holds, even part of a row, and files whose key is below the
 * journal's last one without reading them. A file's key is its place in the import by default; a
 * source whose files each cover a day keys them by that day ({@link #fileKey}), so a later day can
 * be imported alone. A malformed row is logged with the file and line
 * number, counted, and journaled as a rejected message (MALFORMED); the import goes on.
 *
 * <p>A file that cannot be read to its end (a gzip cut short, corrupt data, an I/O error, a file that
 * vanished or shrank) ends there with one message naming the file, the byte offset and the reason:
 * every whole row before the cut is kept, a READ_ERROR status is journaled after the last of them
 * (so importing the complete file later adds exactly the rest), the file is counted as cut short,
 * and the import goes on with the next file. Nothing here loops on a failing read.
 */
public abstract class CsvImportSource implements FeedAdapter, FileProgress
{
    protected static final Logger LOG = LoggerFactory.getLogger("dev.tickwire.import");
    public static final int LINE_SHIFT = 15;
    public static final int FILE_SHIFT = 47;
    /** Keys are 16 bits: a file's place (65,535 files) or its UTC day since 1970 (to 2149). */
    public static final long MAX_FILE_KEY = (1L << (63 - FILE_SHIFT)) - 1;
    protected static final long DAY_NS = 86_400_000_000_000L;
    /** A later file that starts this much before a source's last journaled row is taken as already imported. */
    protected static final long OVERLAP_TOLERANCE_NS = 60_000_000_000L;
    private static final int ROWS_PER_WORK = 4096;
    private static final int LOGGED_PROBLEMS = 100;
    /** k of a READ_ERROR status: after every message of its row, before the next row. */
    private static final long STATUS_K = (1L << LINE_SHIFT) - 1;

    protected final String name;
    protected final int sourceId;
    protected final List<Path> files;
    protected final MessageWriter writer = new MessageWriter();
    protected TickPublisher publisher;
    protected EpochNanoClock clock;
    /** Where subclasses stage and publish book batches (deltas the journal holds are skipped there). */
    protected BookBatch batch;
    private long resumePosition;
    private AtomicCounter rowsCounter;
    private AtomicCounter malformedCounter;
    private AtomicCounter cutShortCounter;
    private ThrottledLog malformedLog;
    private final List<String> filesCutShort = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Event time of the last row published (0 before any); subclasses set it. */
    protected long lastEventTimeNs;
    private boolean lastRowMalformed;
    private int fileIndex;
    private CsvLines lines;
    private volatile long bytesDone;
    private volatile long rows;
    private volatile long malformed;
    private volatile boolean done;
    /** The import's merge by event time (null: this source alone), this source's place in it, its held row. */
    private ImportMerge merge;
    private int mergeIndex;
    private boolean held;
    private long heldTimeNs = Values.NONE;

    protected CsvImportSource(final String name, final int sourceId, final List<Path> files)
    {
        if (files.size() > MAX_FILE_KEY)
        {
            throw new IllegalArgumentException("at most " + MAX_FILE_KEY + " files per source in one import");
        }
        this.name = name;
        this.sourceId = sourceId;
        this.files = List.copyOf(files);
    }

    @Override
    public int sourceId()
    {
        return sourceId;
    }

    @Override
    public String roleName()
    {
        return name;
    }

    @Override
    public boolean isDone()
    {
        return done;
    }

    @Override
    public final void start(final AdapterContext context)
    {
        publisher = context.publisher();
        clock = context.clock();
        resumePosition = Math.max(0, context.resumePosition());
        batch = new BookBatch(publisher, sourceId, name).resumeAfter(resumePosition);
        rowsCounter = context.counter("rows");
        malformedCounter = context.counter("malformed rows");
        cutShortCounter = context.counter("files cut short");
        malformedLog = new ThrottledLog(LOG, name + ": malformed rows", LOGGED_PROBLEMS);
        onStart(context);
        fileIndex = firstFileFrom(resumePosition >>> FILE_SHIFT);
    }

    /**
     * A file's key, the high bits of its rows' positions: strictly increasing in the order the files
     * are read, at most {@link #MAX_FILE_KEY}. The file's place by default.
     */
    protected long fileKey(final int index)
    {
        return index;
    }

    /** Place, in the import, of the file being read. */
    protected final int fileIndex()
    {
        return fileIndex;
    }

    /**
     * Keys for daily files: the UTC day (since 1970) of each file's first row; a file without rows
     * ({@code Long.MAX_VALUE}) takes its predecessor's, since it has no positions.
     */
    protected static long[] dayKeys(final long[] firstEventTimeNs)
    {
        final long[] keys = new long[firstEventTimeNs.length];
        for (int i = 0; i < keys.length; i++)
        {
            final long first = firstEventTimeNs[i];
            keys[i] = first == Long.MAX_VALUE ? (i == 0 ? 0 : keys[i - 1]) :
                Math.min(MAX_FILE_KEY, Math.max(0, Math.floorDiv(first, DAY_NS)));
        }
        return keys;
    }

    /**
     * Two files whose keys are not increasing (with rows) would number their rows alike.
     *
     * @return null, or what is wrong in words
     */
    protected static String sameDayProblem(final List<Path> files, final long[] firstEventTimeNs, final long[] keys)
    {
        for (int i = 1; i < files.size(); i++)
        {
            if (firstEventTimeNs[i] != Long.MAX_VALUE && keys[i] <= keys[i - 1])
            {
                return files.get(i - 1) + " and " + files.get(i) + " both start on " +
                    java.time.LocalDate.ofEpochDay(keys[i]) + " (UTC): rows are numbered by the day their file " +
                    "starts, so a source takes one file per day; import them separately or merge them.";
            }
        }
        return null;
    }

    /** The first file still to read after a previous import reached {@code resumeKey}; skips the rest. */
    private int firstFileFrom(final long resumeKey)
    {
        int i = 0;
        while (i < files.size() && fileKey(i) < resumeKey)
        {
            bytesDone += ImportFiles.size(files.get(i)); // journaled by an earlier import: not even opened
            i++;
        }
        return i;
    }

    /** Joins the import's merge by event time (before the engine starts the source). */
    public final void mergeWith(final ImportMerge merge, final int index)
    {
        this.merge = merge;
        this.mergeIndex = index;
    }

    /**
     * The event time of the row just read, without publishing anything, for the merge of an import's sources;
     * {@link Values#NONE} when it cannot be read (the row goes at once, as it is).
     */
    protected long rowTimeNs(final CsvLines row)
    {
        return Values.NONE;
    }

    /**
     * The next row (of time {@code nextTimeNs}) waits for another source's earlier rows: publish what is staged
     * and complete (e.g. a book batch the next row would close), so it is not held back behind them.
     */
    protected void onHeld(final long nextTimeNs)
    {
    }

    /** Define instruments here ({@link AdapterContext#defineInstrument}). */
    protected abstract void onStart(AdapterContext context);

    /** True if the first line of a file is a header (it is then checked with {@link #checkHeader}). */
    protected abstract boolean hasHeader();

    /** Throws CsvFormatException if the header is not the expected one. */
    protected void checkHeader(final CsvLines header)
    {
    }

    /**
     * Publishes the messages of one row; the k-th gets position {@code rowPosition + k}. Use
     * {@link #fresh(long)} to skip messages a previous import already journaled.
     *
     * @throws CsvFormatException if the row does not parse (nothing of it may have been published)
     */
    protected abstract void onRow(CsvLines row, long rowPosition);

    /** The end of a file: publish anything held back (e.g. a batch waiting for its end). */
    protected void onEndOfFile(final CsvLines file)
    {
    }

    /** A message to journal for a malformed row: by default a trade already rejected as MALFORMED. */
    protected void publishMalformed(final long position, final int instrumentId)
    {
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(writer.trade(slot.buffer(), 0, sourceId, position, instrumentId, 0, clock.nanoTime(), 0, 0, Side.NONE,
            0, Values.NONE, Values.NONE));
        Envelope.reject(slot.buffer(), 0, RejectReason.MALFORMED);
        publisher.publish(sequence);
    }

    /** The instrument a malformed row is journaled under (0 when unknown). */
    protected int instrumentOfMalformedRow()
    {
        return 0;
    }

    /** True if a message at this position is not in the journal yet. */
    protected final boolean fresh(final long position)
    {
        return position > resumePosition;
    }

    @Override
    public final boolean isFinite()
    {
        return true;
    }

    @Override
    public final int doWork()
    {
        if (done)
        {
            return 0;
        }
        if (lines == null)
        {
            if (fileIndex >= files.size())
            {
                done = true;
                if (merge != null)
                {
                    merge.head(mergeIndex, ImportMerge.FINISHED);
                }
                malformedLog.flush();
                return 0;
            }
            if (!open(files.get(fileIndex)))
            {
                return 1;
            }
        }
        int work = 0;
        while (work < ROWS_PER_WORK)
        {
            if (!held)
            {
                if (!lines.next())
                {
                    endOfFile();
                    if (merge != null)
                    {
                        merge.head(mergeIndex, ImportMerge.UNKNOWN); // until the next file's first row is read
                    }
                    return work + 1;
                }
                held = true;
                heldTimeNs = merge == null ? Values.NONE : rowTime();
                if (heldTimeNs != Values.NONE)
                {
                    merge.head(mergeIndex, heldTimeNs);
                }
            }
            if (heldTimeNs != Values.NONE && !merge.mayGo(mergeIndex, heldTimeNs))
            {
                onHeld(heldTimeNs);
                return work; // another source holds an earlier row: it goes first
            }
            held = false;
            final long rowPosition = fileKey(fileIndex) << FILE_SHIFT | lines.lineNumber() << LINE_SHIFT;
            work++;
            rows++;
            rowsCounter.incrementRelease();
            try
            {
                if (lines.problem() != null)
                {
                    throw new CsvFormatException(lines.problem());
                }
                onRow(lines, rowPosition);
                lastRowMalformed = false;
            }
            catch (final CsvFormatException | ArithmeticException ex)
            {
                malformed++;
                malformedCounter.incrementRelease();
                lastRowMalformed = true;
                if (malformedLog.admit())
                {
                    LOG.warn("{} line {}: {}{}", lines.path(), lines.lineNumber(), ex.getMessage(), malformedLog.suffix());
                }
                if (fresh(rowPosition))
                {
                    publishMalformed(rowPosition, instrumentOfMalformedRow());
                }
            }
        }
        return work;
    }

    private long rowTime()
    {
        if (lines.problem() != null)
        {
            return Values.NONE;
        }
        try
        {
            return rowTimeNs(lines);
        }
        catch (final RuntimeException ex)
        {
            return Values.NONE; // a malformed row: reported when it is read for real
        }
    }

    /** Opens the file and checks its header; false (reported, next file) if it cannot be read. */
    private boolean open(final Path file)
    {
        try
        {
            lines = new CsvLines(file);
        }
        catch (final java.io.UncheckedIOException ex)
        {
            lines = null;
            cutShort(ex.getMessage(), 0);
            fileIndex++;
            return false;
        }
        if (hasHeader() && lines.next())
        {
            try
            {
                if (lines.problem() != null)
                {
                    throw new CsvFormatException(lines.problem());
                }
                checkHeader(lines);
            }
            catch (final CsvFormatException ex)
            {
                final String why = lines.path() + " line 1: " + ex.getMessage() + "; the file is not read";
                closeFile();
                cutShort(why, 0);
                fileIndex++;
                return false;
            }
        }
        return true;
    }

    private void endOfFile()
    {
        onEndOfFile(lines);
        final String readError = lines.readError();
        final long lastLine = lines.lineNumber();
        closeFile();
        if (readError != null)
        {
            cutShort(readError, lastLine);
        }
        fileIndex++;
    }

    private void closeFile()
    {
        bytesDone += lines.bytesRead();
        lines.close();
        lines = null;
    }

    /**
     * A file (at {@link #fileIndex}) that ends before its end, after {@code lastLine} whole lines:
     * said once, counted, and journaled as a READ_ERROR status after that line's messages.
     */
    private void cutShort(final String why, final long lastLine)
    {
        reportCutShort(why);
        final long position = fileKey(fileIndex) << FILE_SHIFT | lastLine << LINE_SHIFT | STATUS_K;
        if (fresh(position))
        {
            final long sequence = publisher.claim();
            final TickSlot slot = publisher.slot(sequence);
            slot.length(writer.status(slot.buffer(), 0, sourceId, position, instrumentOfStatus(), checkpointEventTimeNs(),
                clock.nanoTime(), StatusCode.READ_ERROR, lastLine));
            publisher.publish(sequence);
        }
    }

    /** The instrument a READ_ERROR status is journaled under (by default that of a malformed row). */
    protected int instrumentOfStatus()
    {
        return instrumentOfMalformedRow();
    }

    /**
     * The event time the journal holds for the last row read, which a status after it carries so a
     * later import can check it continues that row: the row's own time, or 0 after a malformed row
     * (journaled at 0 by default).
     */
    protected long checkpointEventTimeNs()
    {
        return lastRowMalformed ? 0 : lastEventTimeNs;
    }

    /** Files that ended before their end (or could not be read), each as its one message. */
    @Override
    public List<String> inputProblems()
    {
        return List.copyOf(filesCutShort);
    }

    /** Another file of this source (e.g. LOBSTER's order book file) could not be read whole: said once, counted. */
    protected final void reportCutShort(final String why)
    {
        filesCutShort.add(why);
        cutShortCounter.incrementRelease();
        LOG.error("{}", why);
    }

    @Override
    public String describe(final long position)
    {
        final long key = position >>> FILE_SHIFT;
        final long line = (position >>> LINE_SHIFT) & ((1L << (FILE_SHIFT - LINE_SHIFT)) - 1);
        for (int i = 0; i < files.size(); i++)
        {
            if (fileKey(i) == key)
            {
                return files.get(i).getFileName() + " line " + line;
            }
        }
        return "file " + key + " line " + line;
    }

    /** Compressed bytes read so far (progress). */
    @Override
    public long bytesRead()
    {
        final CsvLines current = lines;
        return bytesDone + (current != null ? current.bytesRead() : 0);
    }

    public long rows()
    {
        return rows;
    }

    public long malformedRows()
    {
        return malformed;
    }

    @Override
    public void onClose()
    {
        if (lines != null)
        {
            lines.close();
        }
    }
}
