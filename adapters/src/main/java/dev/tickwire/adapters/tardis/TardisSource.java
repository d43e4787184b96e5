package dev.tickwire.adapters.tardis;

import dev.tickwire.adapters.csv.CsvFormatException;
import dev.tickwire.adapters.csv.CsvImportSource;
import dev.tickwire.adapters.csv.CsvLines;
import dev.tickwire.engine.adapter.AdapterContext;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;

import java.nio.file.Path;
import java.util.List;

/**
 * The files of one Tardis dataset whose first instrument is the same (one instrument's days, or
 * a multi-symbol file), read in time order by one source. What the datasets share: the header,
 * the instruments (defined as they appear), µs timestamps, counts, and the check that an import
 * continues the journal: rows are numbered by the UTC day their file starts and their line, so a
 * later day imports alone or with the earlier ones, and a file that would skip or repeat rows is
 * refused.
 */
abstract class TardisSource extends CsvImportSource
{
    /** Positions of one row's messages stay below the next row's. */
    static final long ROW_SPAN = 1L << LINE_SHIFT;

    protected final TardisDataset dataset;
    protected final TardisInstruments instruments;
    protected final String firstExchange;
    protected final String firstSymbol;
    private final long[] firstEventTimeNs;
    /** Each file's key: the UTC day of its first row (Tardis files are daily), so a later day imports alone. */
    private final long[] fileKeys;
    private final TardisImport.Refusals refusals;
    protected TardisHeader header;
    /** Entry of the row being parsed, for journaling a malformed row under its instrument. */
    protected int rowEntry = -1;

    protected long trades;
    protected long quotes;
    protected long deltas;
    protected long snapshots;
    protected long tickers;
    protected long liquidations;
    protected long options;
    protected long alreadyJournaled;

    TardisSource(
        final TardisDataset dataset, final int sourceId, final List<Path> files, final long[] firstEventTimeNs,
        final String firstExchange, final String firstSymbol, final TardisScales scales, final TardisImport.Refusals refusals)
    {
        this("tardis " + dataset.label + " " + firstExchange + ":" + firstSymbol, dataset, sourceId, files,
            firstEventTimeNs, firstExchange, firstSymbol, scales, refusals);
    }

    /** With its own name: a source of many instruments named after what they share (e.g. an exchange's options). */
    TardisSource(
        final String name, final TardisDataset dataset, final int sourceId, final List<Path> files,
        final long[] firstEventTimeNs, final String firstExchange, final String firstSymbol, final TardisScales scales,
        final TardisImport.Refusals refusals)
    {
        super(name, sourceId, files);
        this.dataset = dataset;
        this.firstEventTimeNs = firstEventTimeNs.clone();
        this.fileKeys = dayKeys(this.firstEventTimeNs);
        this.firstExchange = firstExchange;
        this.firstSymbol = firstSymbol;
        this.instruments = new TardisInstruments(scales);
        this.refusals = refusals;
    }

    @Override
    protected void onStart(final AdapterContext context)
    {
        instruments.context(context);
        instruments.define(firstExchange, firstSymbol);
        checkKeys();
        checkResume(context.resumePosition(), context.resumeEventTimeNs());
    }

    @Override
    protected final long fileKey(final int index)
    {
        return fileKeys[index];
    }

    /** Two files starting the same day would number their rows alike: refuse rather than lose one. */
    private void checkKeys()
    {
        final String problem = sameDayProblem(files, firstEventTimeNs, fileKeys);
        if (problem != null)
        {
            refuse(problem);
        }
    }

    @Override
    protected final boolean hasHeader()
    {
        return true;
    }

    @Override
    protected final void checkHeader(final CsvLines line)
    {
        final TardisHeader parsed = TardisHeader.parse(line.lineText(), line.path());
        if (parsed == null || parsed.dataset != dataset)
        {
            throw new CsvFormatException("not a Tardis " + dataset.label + " header: " + line.quotedLine());
        }
        header = parsed;
    }

    @Override
    protected final void onRow(final CsvLines row, final long rowPosition)
    {
        if (refusals.any())
        {
            return;
        }
        rowEntry = -1;
        if (row.fieldCount() != header.fieldCount)
        {
            throw new CsvFormatException(row.fieldCount() + " fields, a " + header.name() + " row has " + header.fieldCount);
        }
        row(row, rowPosition);
    }

    /** One row of the current file, its field count checked. */
    protected abstract void row(CsvLines row, long rowPosition);

    /** The row's instrument entry (defining it if new). */
    protected final int instrument(final CsvLines row)
    {
        final int entry = instruments.lookup(row);
        rowEntry = entry;
        return entry;
    }

    /** Every Tardis dataset's event time is its {@code timestamp} column (µs). */
    @Override
    protected long rowTimeNs(final CsvLines row)
    {
        return nanos(row, TardisHeader.TIMESTAMP);
    }

    /** A µs timestamp field as epoch ns. */
    protected static long nanos(final CsvLines row, final int field)
    {
        return Math.multiplyExact(row.longValue(field), 1000L);
    }

    @Override
    protected int instrumentOfMalformedRow()
    {
        return rowEntry >= 0 ? instruments.id(rowEntry) : 0;
    }

    /** Malformed rows carry the last good row's time here, so the last row's time is always that. */
    @Override
    protected long checkpointEventTimeNs()
    {
        return lastEventTimeNs;
    }

    /** As the base does, but with the last good row's time rather than 0, so a checkpoint here still dates its file. */
    @Override
    protected void publishMalformed(final long position, final int instrumentId)
    {
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(writer.trade(slot.buffer(), 0, sourceId, position, instrumentId, lastEventTimeNs, clock.nanoTime(), 0, 0,
            Side.NONE, 0, Values.NONE, Values.NONE));
        Envelope.reject(slot.buffer(), 0, RejectReason.MALFORMED);
        publisher.publish(sequence);
    }

    /**
     * A previous import left this source at {@code position} (file key, line) and event time
     * {@code eventTimeNs}. A file keyed at or before that day must start no later than that time
     * (else its rows would be taken as journaled), and a later file no earlier (give or take
     * {@link #OVERLAP_TOLERANCE_NS}: else its rows would be journaled twice). Files keyed before the
     * journal's day are taken as imported and skipped unread.
     */
    private void checkResume(final long position, final long eventTimeNs)
    {
        if (position == Values.NONE || position < 0 || eventTimeNs == 0)
        {
            return;
        }
        final long key = position >>> FILE_SHIFT;
        for (int i = 0; i < files.size(); i++)
        {
            final long first = firstEventTimeNs[i];
            if (first == Long.MAX_VALUE)
            {
                continue; // no rows
            }
            if (fileKeys[i] <= key && first > eventTimeNs)
            {
                refuse(files.get(i) + " starts at " + Timestamps.format(first) + ", after the last row this journal holds of " +
                    roleName() + " (" + Timestamps.format(eventTimeNs) + "), but on a day a previous import already read: " +
                    "its rows would be skipped.");
                return;
            }
            if (fileKeys[i] > key && first < eventTimeNs - OVERLAP_TOLERANCE_NS)
            {
                refuse(files.get(i) + " starts at " + Timestamps.format(first) + ", before the last row this journal holds of " +
                    roleName() + " (" + Timestamps.format(eventTimeNs) + "): it looks imported already, through other files, " +
                    "and its rows would be journaled twice.");
                return;
            }
        }
    }

    private void refuse(final String why)
    {
        refusals.add(why + " Files of an instrument and dataset are read in time order and each is journaled once: " +
            "import later days after earlier ones, alone or together with them.");
    }

    /** The message positions of a row from {@code rowPosition} are all journaled already. */
    protected final boolean rowJournaled(final long rowPosition)
    {
        return !fresh(rowPosition + ROW_SPAN - 1);
    }

    long trades()
    {
        return trades;
    }

    long quotes()
    {
        return quotes;
    }

    long deltas()
    {
        return deltas;
    }

    long snapshots()
    {
        return snapshots;
    }

    long tickers()
    {
        return tickers;
    }

    long liquidations()
    {
        return liquidations;
    }

    long options()
    {
        return options;
    }

    /** Rows whose values had more than 18 decimals and were rounded (derivative tickers, option summaries). */
    long roundedRows()
    {
        return 0;
    }

    long alreadyJournaled()
    {
        return alreadyJournaled;
    }
}
