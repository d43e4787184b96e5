package dev.tickwire.adapters.lobster;

import dev.tickwire.adapters.imports.HistoricalImport;
import dev.tickwire.adapters.imports.ImportFiles;
import dev.tickwire.adapters.imports.ImportSummary;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.journal.Checkpoint;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.SourceKind;
import dev.tickwire.wire.FixedPoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Stream;

/**
 * Sets up the import of one LOBSTER message file and its order book file: symbol, venue, date and tick size (given or
 * from the file names), the instrument's stable id and source id from the journal's catalog, and a check that the
 * journal does not hold another day of the same instrument (see {@link #LobsterImport}).
 */
public final class LobsterImport implements HistoricalImport
{
    public static final String DEFAULT_VENUE = "NASDAQ";

    private final LobsterSource source;
    private final String symbol;
    private final LocalDate date;
    private final long tickSize;
    private final long totalBytes;

    /**
     * @param symbol   null: the ticker of the file name.
     * @param venue    null: NASDAQ.
     * @param date     YYYY-MM-DD, null: the date of the file name.
     * @param tickSize a decimal in dollars, null: 0.01.
     * @throws IllegalArgumentException for missing or mismatched files, an unknown date or symbol, a bad tick size,
     *                                  or a journal that already holds another day of this instrument from LOBSTER: a
     *                                  LOBSTER source's positions are line numbers of one file, so a second day in the
     *                                  same journal would be taken for lines already journaled (import each day into its
     *                                  own journal, or all of a day before the next).
     */
    public LobsterImport(final Path messageFile, final Path orderBookFile, final String symbol, final String venue,
        final String date, final String tickSize, final Path journalDir)
    {
        ImportFiles.requireFiles(List.of(messageFile, orderBookFile));
        final LobsterFileName messageName = LobsterFileName.parse(messageFile.getFileName().toString());
        final LobsterFileName bookName = LobsterFileName.parse(orderBookFile.getFileName().toString());
        if (messageName != null && !LobsterFileName.MESSAGE.equals(messageName.kind()) ||
            bookName != null && !LobsterFileName.ORDER_BOOK.equals(bookName.kind()))
        {
            throw new IllegalArgumentException("give the message file first, then the order book file: " +
                messageFile.getFileName() + " " + orderBookFile.getFileName());
        }
        if (messageName != null && bookName != null &&
            (!messageName.ticker().equals(bookName.ticker()) || !messageName.date().equals(bookName.date()) ||
            messageName.levels() != bookName.levels() || messageName.startMs() != bookName.startMs() ||
            messageName.endMs() != bookName.endMs()))
        {
            throw new IllegalArgumentException("the message and order book files are not a pair: " +
                messageFile.getFileName() + " " + orderBookFile.getFileName());
        }
        final LobsterFileName named = messageName != null ? messageName : bookName;
        this.symbol = symbol != null ? symbol : named != null ? named.ticker() : null;
        if (this.symbol == null)
        {
            throw new IllegalArgumentException("cannot tell the symbol from the file names: pass --symbol");
        }
        this.date = date != null ? parseDate(date) : named != null ? named.date() : null;
        if (this.date == null)
        {
            throw new IllegalArgumentException("cannot tell the date from the file names: pass --date YYYY-MM-DD");
        }
        this.tickSize = tickSize == null ? LobsterSource.DEFAULT_TICK_SIZE : parseTickSize(tickSize);
        final String v = venue != null ? venue : DEFAULT_VENUE;

        final InstrumentCatalog catalog = InstrumentCatalog.open(journalDir);
        final int instrumentId = catalog
            .register(this.symbol, v, LobsterSource.PRICE_EXPONENT, LobsterSource.SIZE_EXPONENT, this.tickSize).id();
        final int sourceId = catalog.sources().register(SourceKind.LOBSTER, "lobster:" + this.symbol,
            SourceKind.LOBSTER.first + instrumentId);
        checkJournal(journalDir, sourceId, this.symbol, this.date);
        this.source = new LobsterSource(sourceId, messageFile, orderBookFile, this.symbol, v, this.date, this.tickSize,
            named != null ? named.levels() : 0);
        this.totalBytes = ImportFiles.size(messageFile) + ImportFiles.size(orderBookFile);
    }

    @Override
    public List<FeedAdapter> adapters()
    {
        return List.of(source);
    }

    public LobsterSource source()
    {
        return source;
    }

    public String symbol()
    {
        return symbol;
    }

    public LocalDate date()
    {
        return date;
    }

    /** At price exponent −4. */
    public long tickSize()
    {
        return tickSize;
    }

    /** Both files' sizes. */
    @Override
    public long totalBytes()
    {
        return totalBytes;
    }


    /** Which instrument and day, at which tick size. */
    @Override
    public List<String> notes()
    {
        return List.of(symbol + " " + date + " (tick size " + FixedPoint.toDecimalString(tickSize,
            LobsterSource.PRICE_EXPONENT) + ")");
    }

    /** Messages read, what they became, and LOBSTER's own detail: message types and corrections. */
    @Override
    public ImportSummary summary()
    {
        final LobsterSource s = source;
        return ImportSummary.builder("messages", 2).read(s.rows()).trades(s.trades()).deltas(s.deltas())
            .malformed(s.malformedRows()).alreadyJournaled(s.alreadyJournaled())
            .detail("adds", s.messages(1)).detail("partial cancels", s.messages(2)).detail("deletes", s.messages(3))
            .detail("visible executions", s.messages(4)).detail("hidden executions", s.messages(5))
            .detail("cross trades", s.messages(6)).detail("halts", s.messages(7)).detail("statuses", s.statuses())
            .detail("corrections", s.corrections()).detail("levels entering the window", s.levelsAdded())
            .detail("levels leaving it", s.levelsBeyondRow()).detail("sizes corrected", s.sizesCorrected())
            .detail("levels removed inside it", s.levelsDeleted())
            .detail("events of orders resting before the file", s.unknownOrderEvents()).build();
    }

    private static void checkJournal(final Path journalDir, final int sourceId, final String symbol, final LocalDate date)
    {
        if (!hasQueueFiles(journalDir))
        {
            return;
        }
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true)))
        {
            final Checkpoint last = journal.lastCheckpoint(sourceId);
            if (last == null || last.eventTimeNs() == 0)
            {
                return;
            }
            final LocalDate journaled = Instant.ofEpochSecond(0, last.eventTimeNs()).atZone(LobsterClock.NEW_YORK)
                .toLocalDate();
            if (!journaled.equals(date))
            {
                throw new IllegalArgumentException("the journal " + journalDir + " already holds LOBSTER data of " +
                    symbol + " for " + journaled + "; a LOBSTER import resumes by line number, so " + date +
                    " would be taken for lines already journaled: import it into another journal");
            }
        }
    }

    private static boolean hasQueueFiles(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            return false;
        }
        try (Stream<Path> files = Files.list(dir))
        {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".cq4"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static LocalDate parseDate(final String date)
    {
        try
        {
            return LocalDate.parse(date);
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException("--date: not a YYYY-MM-DD date: " + date);
        }
    }

    private static long parseTickSize(final String tickSize)
    {
        final long tick;
        try
        {
            tick = FixedPoint.parse(tickSize, LobsterSource.PRICE_EXPONENT);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("--tick-size: '" + tickSize + "' is not a price with at most 4 decimals");
        }
        if (tick <= 0)
        {
            throw new IllegalArgumentException("--tick-size must be positive: " + tickSize);
        }
        return tick;
    }
}
