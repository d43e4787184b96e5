package dev.tickwire.archive;

import dev.tickwire.archive.DayManifest.FileEntry;
import dev.tickwire.archive.DayManifest.InstrumentEntry;
import dev.tickwire.engine.bars.Bar;
import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.rows.MessageJson;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Values;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Exports a journal's days to the archive in one pass: each message goes to its table's file of
 * its day (and instrument), and when the journal moves into the next day the day's bars are built
 * ({@link DayBars}: from a replay of the day and the warm-up before it, with their features), the
 * day's files are closed, renamed into place, checksummed, read back and recorded in the day's
 * manifest (written last). Exporting a day again writes the same bytes.
 *
 * <p>The day of a message is the UTC day of the journal's watermark when it was journaled, so a
 * day is a contiguous range of the journal, complete as soon as the journal has moved past it.
 */
public final class ArchiveExport
{
    static final long DAY_NS = 86_400_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveExport.class);

    private final Journal journal;
    private final ArchiveLayout layout;
    private final Options options;
    private final MessageJson json;
    private final org.agrona.collections.Int2ObjectHashMap<Instrument> instruments = new org.agrona.collections.Int2ObjectHashMap<>();
    private final MessageWriter barWriter = new MessageWriter();
    private final ExpandableArrayBuffer barBuffer = new ExpandableArrayBuffer(256);
    private final MessageRow row = new MessageRow();
    private final List<DayManifest> written = new ArrayList<>();
    private final List<byte[]> beforeFirstWatermark = new ArrayList<>();
    /** Book samplers by instrument: they outlive a day (the book carries over midnight). */
    private final org.agrona.collections.Int2ObjectHashMap<Sampler> samplers = new org.agrona.collections.Int2ObjectHashMap<>();
    private final long pacingStartNs = System.nanoTime();
    private long paced;
    private Day day;
    private long rows;
    private long messages;

    private ArchiveExport(final Journal journal, final Path archive, final Options options)
    {
        this.journal = journal;
        this.layout = new ArchiveLayout(archive);
        this.options = options;
        this.json = new MessageJson(journal.instruments());
    }

    /** What to export. */
    public static final class Options
    {
        LocalDate from;
        LocalDate to;
        Set<String> symbols;
        Set<ArchiveTable> tables;
        List<BarSpec> bars = List.of(BarSpec.parse("1m"));
        int featureDepth = 5;
        long featuresWarmupNs = DAY_NS;
        List<SnapshotSpec> snapshots = List.of();
        long maxMessagesPerSecond;
        boolean onlyClosedDays;

        /** First day (UTC, inclusive); null for the journal's first. */
        public Options from(final LocalDate from)
        {
            this.from = from;
            return this;
        }

        /** Last day (UTC, inclusive); null for the journal's last. */
        public Options to(final LocalDate to)
        {
            this.to = to;
            return this;
        }

        /** Only these symbols (a partial export: the day's manifest is not complete). */
        public Options symbols(final Set<String> symbols)
        {
            this.symbols = symbols == null || symbols.isEmpty() ? null : Set.copyOf(symbols);
            return this;
        }

        /**
         * Only these tables, by name (trades, quotes, book_deltas, statuses, definitions, rejects, bars, candles,
         * derivative_tickers, liquidations, option_summaries).
         */
        public Options tables(final Set<String> names)
        {
            if (names == null || names.isEmpty())
            {
                this.tables = null;
                return this;
            }
            final Set<ArchiveTable> set = EnumSet.noneOf(ArchiveTable.class);
            for (final String name : names)
            {
                set.add(ArchiveTable.byDirName(name));
            }
            this.tables = set;
            return this;
        }

        /** The bar specs exported as bars_&lt;spec&gt; (none: no bars). */
        public Options bars(final List<BarSpec> bars)
        {
            this.bars = List.copyOf(bars);
            return this;
        }

        /** The top-N levels of the bars' book features (bars.depth); 0: bars without features. */
        public Options featureDepth(final int depth)
        {
            if (depth < 0)
            {
                throw new IllegalArgumentException("feature depth must be >= 0, got " + depth);
            }
            this.featureDepth = depth;
            return this;
        }

        /**
         * How much journal before a day its bars are built from (archive.featuresWarmup), so they carry the book
         * and the rolling state the live bars had: docs/features.md, "In the archive". Only with features.
         */
        public Options featuresWarmupNs(final long nanos)
        {
            if (nanos < 0)
            {
                throw new IllegalArgumentException("features warm-up must be >= 0, got " + nanos + " ns");
            }
            this.featuresWarmupNs = nanos;
            return this;
        }

        /**
         * Paces the export to at most this many journal messages a second (0 = as fast as it goes): the
         * archiver has a day to archive a day, and exporting flat out beside the engine costs its latency.
         */
        public Options maxMessagesPerSecond(final long max)
        {
            this.maxMessagesPerSecond = max;
            return this;
        }

        /** Top-N book snapshots exported as snapshots_&lt;N&gt;_&lt;interval&gt; (none by default). */
        public Options snapshots(final List<SnapshotSpec> snapshots)
        {
            this.snapshots = List.copyOf(snapshots);
            return this;
        }

        /** Export only days the journal has moved past (the archiver); otherwise the open day too, as incomplete. */
        public Options onlyClosedDays(final boolean onlyClosedDays)
        {
            this.onlyClosedDays = onlyClosedDays;
            return this;
        }

        boolean partial()
        {
            return symbols != null || tables != null && !tables.containsAll(journaledTables());
        }

        boolean wants(final ArchiveTable table)
        {
            return tables == null || tables.contains(table);
        }
    }

    private static Set<ArchiveTable> journaledTables()
    {
        final Set<ArchiveTable> set = EnumSet.noneOf(ArchiveTable.class);
        for (final ArchiveTable t : ArchiveTable.values())
        {
            if (t.journaled())
            {
                set.add(t);
            }
        }
        return set;
    }

    /** The days written, their row and message counts. */
    public record Result(List<DayManifest> days, long rows, long messages, long notExported)
    {
    }

    /**
     * Exports the days of {@code journal} the options select (the journal only: never its archive tier).
     *
     * @throws ArchiveException naming the day, file and reason when a file cannot be written
     */
    public static Result run(final Journal journal, final Path archive, final Options options)
    {
        return new ArchiveExport(journal, archive, options).run();
    }

    private Result run()
    {
        try (JournalReader reader = journal.journalOnlyReader())
        {
            if (options.from != null && options.from.isAfter(firstDay(journal)))
            {
                if (!reader.seekToTime(options.from.toEpochDay() * DAY_NS))
                {
                    return new Result(written, 0, 0, 0);
                }
            }
            final boolean[] stop = {false};
            int n;
            while (!stop[0] && (n = reader.poll((buffer, offset, length, index, watermarkNs) ->
            {
                if (!stop[0])
                {
                    try
                    {
                        stop[0] = !onMessage(buffer, offset, length, watermarkNs);
                    }
                    catch (final IOException ex)
                    {
                        throw new UncheckedIOException(ex);
                    }
                }
            }, 4096)) > 0)
            {
                pace(n);
            }
            if (day != null)
            {
                if (stop[0] || !options.onlyClosedDays)
                {
                    finishDay(stop[0]); // stopped: the journal went past the last day asked for
                }
                else
                {
                    day.abandon(); // the archiver exports a day only once the journal has left it
                }
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            final Throwable cause = ex instanceof UncheckedIOException ? ex.getCause() : ex;
            final String where = day == null ? "" : "day " + day.date + ": ";
            if (day != null)
            {
                day.abandon();
            }
            throw new ArchiveException(where + "cannot write the archive in " + layout.root() + ": " + reason(cause), cause);
        }
        catch (final RuntimeException ex)
        {
            if (day != null)
            {
                day.abandon();
            }
            throw ex;
        }
        return new Result(written, rows, messages, beforeFirstWatermark.size());
    }

    /** Counts messages read (the journal's, and the bars' replays) against {@link Options#maxMessagesPerSecond}. */
    private void pace(final int read)
    {
        paced += read;
        if (options.maxMessagesPerSecond > 0)
        {
            final long due = pacingStartNs + (long)(paced * (1e9 / options.maxMessagesPerSecond));
            final long wait = due - System.nanoTime();
            if (wait > 0)
            {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
        }
    }

    /** @return false to stop (past the last day asked for) */
    private boolean onMessage(final DirectBuffer buffer, final int offset, final int length, final long watermarkNs)
        throws IOException
    {
        if (watermarkNs == Values.NONE)
        {
            final byte[] copy = new byte[length]; // only before the journal's first market event
            buffer.getBytes(offset, copy);
            beforeFirstWatermark.add(copy);
            return true;
        }
        final long epochDay = Math.floorDiv(watermarkNs, DAY_NS);
        if (options.to != null && epochDay > options.to.toEpochDay())
        {
            return false;
        }
        if (day == null || day.date.toEpochDay() != epochDay)
        {
            if (day != null)
            {
                finishDay(true);
            }
            final LocalDate date = LocalDate.ofEpochDay(epochDay);
            if (compacted(date))
            {
                throw new ArchiveException("day " + date + " is compacted into its month's files; " +
                    "export from the day after it (--from), or remove the month's files and manifests to export it again");
            }
            day = new Day(date);
            for (final byte[] early : beforeFirstWatermark)
            {
                day.add(new UnsafeBuffer(early), 0, early.length, Values.NONE);
            }
            beforeFirstWatermark.clear();
        }
        if (options.from == null || epochDay >= options.from.toEpochDay())
        {
            day.add(buffer, offset, length, watermarkNs);
        }
        return true;
    }

    private boolean compacted(final LocalDate date)
    {
        final Path manifest = layout.manifest(date);
        try
        {
            return Files.exists(manifest) && DayManifest.read(manifest).compactedInto() != null;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + manifest, ex);
        }
    }

    /** The UTC day of the journal's first market event (its first watermark); {@link LocalDate#MAX} if it has none. */
    public static LocalDate firstDay(final Journal journal)
    {
        try (JournalReader first = journal.journalOnlyReader())
        {
            if (!first.seekToTime(Long.MIN_VALUE + 1))
            {
                return LocalDate.MAX;
            }
            final long[] wm = {Values.NONE};
            first.poll((b, o, l, i, w) -> wm[0] = w, 1);
            return wm[0] == Values.NONE ? LocalDate.MAX : LocalDate.ofEpochDay(Math.floorDiv(wm[0], DAY_NS));
        }
    }

    /** The UTC day of the journal's last watermark; {@link LocalDate#MIN} if it has none. */
    public static LocalDate lastDay(final Journal journal)
    {
        final long wm = journal.lastWatermarkNs();
        return wm == Values.NONE ? LocalDate.MIN : LocalDate.ofEpochDay(Math.floorDiv(wm, DAY_NS));
    }

    private void finishDay(final boolean ended) throws IOException
    {
        final DayManifest manifest = day.finish(ended && !options.partial());
        written.add(manifest);
        day = null;
    }

    private Sampler sampler(final Instrument instrument)
    {
        Sampler s = samplers.get(instrument.id());
        if (s == null)
        {
            s = new Sampler(instrument);
            samplers.put(instrument.id(), s);
        }
        return s;
    }

    /**
     * Top-N snapshots of one instrument's book at each interval: a boundary is sampled when the first
     * event after it arrives, from the book as it stands (consistent: not inside a batch). Sampling
     * starts at the instrument's first book snapshot (a CLEAR) in the export, since the book before it
     * is not known.
     */
    private final class Sampler
    {
        final Instrument instrument;
        final dev.tickwire.engine.book.L2Book book;
        final dev.tickwire.engine.book.BookApplier applier = new dev.tickwire.engine.book.BookApplier();
        final long[] next = new long[options.snapshots.size()];
        final org.agrona.ExpandableArrayBuffer scratch = new org.agrona.ExpandableArrayBuffer(512);
        /** Writes a book level into the row being built (no lambda made per snapshot). */
        final dev.tickwire.engine.book.LevelConsumer levels = (side, index, price, size, orders) ->
        {
            final int at = SnapshotSpec.FIRST_LEVEL + index * SnapshotSpec.LEVEL_BYTES +
                (side == dev.tickwire.engine.book.L2Book.BID ? 0 : 20);
            scratch.putLong(at, price, java.nio.ByteOrder.LITTLE_ENDIAN);
            scratch.putLong(at + 8, size, java.nio.ByteOrder.LITTLE_ENDIAN);
            scratch.putInt(at + 16, orders, java.nio.ByteOrder.LITTLE_ENDIAN);
        };
        boolean known;
        boolean consistent = true;
        long lastSequence;

        Sampler(final Instrument instrument)
        {
            this.instrument = instrument;
            this.book = new dev.tickwire.engine.book.L2Book(instrument.id(), 64);
            java.util.Arrays.fill(next, Values.NONE);
        }

        void onEvent(final DirectBuffer buffer, final int offset, final int type, final Day day) throws IOException
        {
            final long ts = Envelope.eventTimeNs(buffer, offset);
            if (known && consistent)
            {
                for (int s = 0; s < next.length; s++)
                {
                    final SnapshotSpec spec = options.snapshots.get(s);
                    while (next[s] != Values.NONE && ts > next[s])
                    {
                        emit(spec, next[s], day);
                        next[s] += spec.intervalNs();
                    }
                }
            }
            if (type == MessageTypes.BOOK_DELTA)
            {
                if (!known && dev.tickwire.wire.BookDeltas.isClear(buffer, offset))
                {
                    known = true;
                    for (int s = 0; s < next.length; s++)
                    {
                        final long interval = options.snapshots.get(s).intervalNs();
                        next[s] = (Math.floorDiv(ts, interval) + 1) * interval;
                    }
                }
                if (known)
                {
                    applier.apply(book, buffer, offset);
                    consistent = dev.tickwire.wire.BookDeltas.isEndOfBatch(buffer, offset);
                }
            }
            lastSequence = Envelope.sequence(buffer, offset);
        }

        /** The day ends with no more events of the instrument: its remaining boundaries see the book as it stands. */
        void finishDay(final long dayEndNs, final Day day) throws IOException
        {
            if (!known || !consistent)
            {
                return;
            }
            for (int s = 0; s < next.length; s++)
            {
                final SnapshotSpec spec = options.snapshots.get(s);
                while (next[s] != Values.NONE && next[s] < dayEndNs)
                {
                    emit(spec, next[s], day);
                    next[s] += spec.intervalNs();
                }
            }
        }

        private void emit(final SnapshotSpec spec, final long at, final Day day) throws IOException
        {
            final org.agrona.MutableDirectBuffer b = scratch;
            b.setMemory(0, spec.rowBytes(), (byte)0);
            b.putLong(SnapshotSpec.TS, at, java.nio.ByteOrder.LITTLE_ENDIAN);
            b.putLong(SnapshotSpec.SEQ, lastSequence, java.nio.ByteOrder.LITTLE_ENDIAN);
            b.putInt(SnapshotSpec.INSTRUMENT, instrument.id(), java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int level = 0; level < spec.levels(); level++)
            {
                final int at0 = SnapshotSpec.FIRST_LEVEL + level * SnapshotSpec.LEVEL_BYTES;
                b.putLong(at0, Values.NONE, java.nio.ByteOrder.LITTLE_ENDIAN);
                b.putLong(at0 + 8, Values.NONE, java.nio.ByteOrder.LITTLE_ENDIAN);
                b.putLong(at0 + 20, Values.NONE, java.nio.ByteOrder.LITTLE_ENDIAN);
                b.putLong(at0 + 28, Values.NONE, java.nio.ByteOrder.LITTLE_ENDIAN);
            }
            book.forEachLevel(dev.tickwire.engine.book.L2Book.BID, spec.levels(), levels);
            book.forEachLevel(dev.tickwire.engine.book.L2Book.ASK, spec.levels(), levels);
            day.snapshot(spec, instrument).write(row.wrap(b, 0, spec.rowBytes(), Values.NONE));
        }
    }

    /** One day being written: its open files, counts and bar builders. */
    private final class Day
    {
        final LocalDate date;
        /** The day's files by table directory, then instrument id (0 for a file of every instrument). */
        final Map<String, org.agrona.collections.Int2ObjectHashMap<Out>> files = new LinkedHashMap<>();
        final org.agrona.collections.Int2ObjectHashMap<long[]> counts = new org.agrona.collections.Int2ObjectHashMap<>(); // trades, quotes, deltas, rejected, first ts, last ts
        long firstSequence = -1;
        long lastSequence = -1;
        long count;
        long firstWatermark = Values.NONE;
        long lastWatermark = Values.NONE;

        Day(final LocalDate date)
        {
            this.date = date;
        }

        void add(final DirectBuffer buffer, final int offset, final int length, final long watermarkNs) throws IOException
        {
            final long seq = Envelope.sequence(buffer, offset);
            firstSequence = firstSequence < 0 ? seq : firstSequence;
            lastSequence = seq;
            count++;
            messages++;
            if (watermarkNs != Values.NONE)
            {
                firstWatermark = firstWatermark == Values.NONE ? watermarkNs : firstWatermark;
                lastWatermark = watermarkNs;
            }
            final int type = Envelope.templateId(buffer, offset);
            final boolean accepted = Envelope.isAccepted(buffer, offset);
            final ArchiveTable table = ArchiveTable.of(type, accepted);
            final int id = Envelope.instrumentId(buffer, offset);
            count(type, accepted, id, Envelope.eventTimeNs(buffer, offset));
            final Instrument instrument = table.perInstrument() ? instrument(id) : null;
            if (!options.wants(table) || options.symbols != null && (instrument == null || !options.symbols.contains(instrument.symbol())))
            {
                return;
            }
            out(table, table.perInstrument() ? id : 0, instrument, null).write(row.wrap(buffer, offset, length, watermarkNs));
            if (accepted && MessageTypes.isMarketEvent(type) && !options.snapshots.isEmpty() &&
                options.wants(ArchiveTable.SNAPSHOTS))
            {
                sampler(instrument).onEvent(buffer, offset, type, this);
            }
        }

        private void count(final int type, final boolean accepted, final int id, final long ts)
        {
            if (!MessageTypes.isEvent(type) || id <= 0 || !accepted && !MessageTypes.isMarketEvent(type))
            {
                return;
            }
            long[] c = counts.get(id);
            if (c == null)
            {
                c = new long[] {0, 0, 0, 0, Values.NONE, Values.NONE};
                counts.put(id, c);
            }
            if (!MessageTypes.isMarketEvent(type))
            {
                return; // reference data puts its instrument in the day's catalog; the counts are of market events
            }
            if (!accepted)
            {
                c[3]++;
                return;
            }
            c[type == MessageTypes.TRADE ? 0 : type == MessageTypes.QUOTE ? 1 : 2]++;
            c[4] = c[4] == Values.NONE ? ts : Math.min(c[4], ts);
            c[5] = c[5] == Values.NONE ? ts : Math.max(c[5], ts);
        }

        /** The day's bars of every spec, built now that the day is over (or the export ends in it). */
        private void bars(final boolean complete)
        {
            final List<String> symbols = new ArrayList<>();
            final List<String> bookSymbols = new ArrayList<>();
            for (final Integer id : new java.util.TreeSet<>(counts.keySet()))
            {
                final Instrument i = instrument(id);
                final long[] c = counts.get(id);
                if (c[0] + c[1] + c[2] + c[3] == 0)
                {
                    continue; // reference data only: no trade, no bar
                }
                if (options.symbols == null || options.symbols.contains(i.symbol()))
                {
                    symbols.add(i.symbol());
                    if (c[2] > 0)
                    {
                        bookSymbols.add(i.symbol());
                    }
                }
            }
            if (symbols.isEmpty())
            {
                return; // no market event: no bar (and an empty list would replay every instrument)
            }
            DayBars.build(journal, date, options.bars, options.featureDepth, options.featuresWarmupNs, symbols,
                bookSymbols, complete, (buffer, offset, length) -> pace(1), this::bar);
        }

        private void bar(final Bar bar)
        {
            final int length = bar.encode(barWriter, barBuffer, 0);
            final Instrument instrument = instrument(bar.instrumentId());
            try
            {
                out(ArchiveTable.BARS, instrument.id(), instrument, "bars_" + ArchiveLayout.safe(bar.spec().text()))
                    .write(row.wrap(barBuffer, 0, length, Values.NONE));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        private Out last;

        Out snapshot(final SnapshotSpec spec, final Instrument instrument) throws IOException
        {
            return out(ArchiveTable.SNAPSHOTS, instrument.id(), instrument, spec.dirName(), spec.levels());
        }

        private Out out(final ArchiveTable table, final int id, final Instrument instrument, final String dirName)
            throws IOException
        {
            return out(table, id, instrument, dirName, 0);
        }

        private Out out(final ArchiveTable table, final int id, final Instrument instrument, final String dirName,
            final int levels) throws IOException
        {
            if (last != null && last.table == table && last.id == id && (dirName == null || dirName.equals(last.name)))
            {
                return last; // consecutive messages mostly go to one file: no map lookup, no boxing
            }
            last = lookup(table, id, instrument, dirName, levels);
            return last;
        }

        private Out lookup(final ArchiveTable table, final int id, final Instrument instrument, final String dirName,
            final int levels) throws IOException
        {
            final String name = dirName == null ? table.dirName() : dirName;
            final org.agrona.collections.Int2ObjectHashMap<Out> byInstrument =
                files.computeIfAbsent(name, k -> new org.agrona.collections.Int2ObjectHashMap<>());
            Out out = byInstrument.get(id);
            if (out == null)
            {
                final Path file = layout.file(name, date, instrument == null ? null : instrument.venue(),
                    instrument == null ? null : instrument.symbol());
                out = new Out(table, name, id, instrument, file, levels);
                byInstrument.put(id, out);
            }
            return out;
        }

        private Instrument instrument(final int id)
        {
            final Instrument known = instruments.get(id);
            if (known != null)
            {
                return known;
            }
            final Instrument found = journal.instruments().byId(id).or(() ->
            {
                journal.instruments().reload();
                return journal.instruments().byId(id);
            }).orElseThrow(() -> new IllegalStateException("instrument " + id + " of an accepted event is not in the catalog"));
            instruments.put(id, found);
            return found;
        }

        DayManifest finish(final boolean complete) throws IOException
        {
            if (complete && options.wants(ArchiveTable.SNAPSHOTS))
            {
                for (final Sampler sampler : samplers.values())
                {
                    sampler.finishDay((date.toEpochDay() + 1) * DAY_NS, this);
                }
            }
            if (!options.bars.isEmpty() && options.wants(ArchiveTable.BARS))
            {
                bars(complete);
            }
            final List<FileEntry> entries = new ArrayList<>();
            final List<Out> all = all();
            for (final Out out : all)
            {
                out.close();
            }
            for (final Out out : all)
            {
                Files.move(out.tmp, out.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                entries.add(new FileEntry(layout.relative(out.file), out.name, out.id,
                    out.instrument == null ? null : out.instrument.symbol(), out.instrument == null ? null : out.instrument.venue(),
                    out.rows, out.firstSequence, out.lastSequence, Files.size(out.file), sha256(out.file), null));
                rows += out.rows;
            }
            entries.sort(java.util.Comparator.comparing(FileEntry::path));
            if (!options.partial())
            {
                removeStale(entries);
            }
            final List<InstrumentEntry> catalog = new ArrayList<>();
            for (final Integer key : new java.util.TreeSet<>(counts.keySet()))
            {
                final Instrument i = instrument(key);
                final long[] c = counts.get(key);
                catalog.add(new InstrumentEntry(i.id(), i.symbol(), i.venue(), i.priceExponent(), i.sizeExponent(),
                    i.tickSize(), c[0], c[1], c[2], c[3], c[4], c[5]));
            }
            DayManifest manifest = new DayManifest(date.toString(), complete, firstSequence, lastSequence, count,
                firstWatermark, lastWatermark, entries, catalog, null, null);
            manifest = manifest.verified(ArchiveVerify.readBack(layout, manifest));
            manifest.write(layout.manifest(date));
            LOG.info("archived {}: {} messages, {} files{}", date, count, entries.size(), complete ? "" : " (incomplete)");
            return manifest;
        }

        /** Files of an earlier export of the day that this one did not write (e.g. a table since emptied). */
        private void removeStale(final List<FileEntry> entries) throws IOException
        {
            final Set<String> keep = new java.util.HashSet<>();
            entries.forEach(e -> keep.add(e.path()));
            final Path manifest = layout.manifest(date);
            if (!Files.exists(manifest))
            {
                return;
            }
            for (final FileEntry old : DayManifest.read(manifest).files())
            {
                if (!keep.contains(old.path()))
                {
                    Files.deleteIfExists(layout.root().resolve(old.path()));
                }
            }
        }

        private List<Out> all()
        {
            final List<Out> all = new ArrayList<>();
            files.values().forEach(m -> all.addAll(m.values()));
            return all;
        }

        void abandon()
        {
            for (final Out out : all())
            {
                out.discard();
            }
        }
    }

    /** One file being written under its temporary name. */
    private final class Out
    {
        final ArchiveTable table;
        final String name;
        final int id;
        final Instrument instrument;
        final Path file;
        final Path tmp;
        final ClosableOutputFile output;
        final RowFileWriter writer;
        long rows;
        long firstSequence = -1;
        long lastSequence = -1;
        boolean closed;

        Out(final ArchiveTable table, final String name, final int id, final Instrument instrument, final Path file,
            final int levels) throws IOException
        {
            this.table = table;
            this.name = name;
            this.id = id;
            this.instrument = instrument;
            this.file = file;
            this.tmp = ArchiveLayout.temporary(file);
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(tmp); // left by an export that was killed
            this.output = new ClosableOutputFile(tmp);
            this.writer = new RowFileWriter(output, TableSchema.of(table, instrument, levels), json);
        }

        void write(final MessageRow r) throws IOException
        {
            writer.write(r);
            final long seq = r.sequence();
            firstSequence = firstSequence < 0 ? seq : firstSequence;
            lastSequence = seq;
            rows++;
        }

        void close() throws IOException
        {
            if (!closed)
            {
                closed = true;
                writer.close();
            }
        }

        void discard()
        {
            try
            {
                close();
            }
            catch (final IOException | RuntimeException ignored)
            {
                // the temporary file goes anyway
            }
            output.closeQuietly();
            try
            {
                Files.deleteIfExists(tmp);
            }
            catch (final IOException ignored)
            {
                // left for the next export of the day, which replaces it
            }
        }
    }

    /** The innermost cause's message (parquet wraps "No space left on device" in a dump of the footer it was writing). */
    static String reason(final Throwable ex)
    {
        Throwable t = ex;
        while (t.getCause() != null && t.getCause() != t)
        {
            t = t.getCause();
        }
        final String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    static String sha256(final Path file) throws IOException
    {
        try (InputStream in = Files.newInputStream(file))
        {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            final byte[] chunk = new byte[1 << 16];
            int n;
            while ((n = in.read(chunk)) > 0)
            {
                digest.update(chunk, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** Every archive file under a directory (for compaction, verify and backup). */
    static List<Path> parquetFiles(final Path dir) throws IOException
    {
        if (!Files.isDirectory(dir))
        {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir))
        {
            return s.filter(p -> p.getFileName().toString().endsWith(ArchiveLayout.EXTENSION)).sorted().toList();
        }
    }
}
