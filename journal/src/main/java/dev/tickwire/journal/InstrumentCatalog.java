package dev.tickwire.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The stable symbol ↔ instrument-id map of one journal, kept beside it in {@code instruments.tsv}.
 *
 * <p>Every message carries only the instrument id and mantissas, so an id must mean the same
 * symbol, with the same exponents, for the journal's whole life. The file is rewritten atomically
 * (temp file, then rename) so readers in other processes see the old or the new catalog, never
 * half of one; they call {@link #reload()} to pick up changes. One process registers.
 *
 * <p>Not on the hot path: thread-safe by locking.
 */
public final class InstrumentCatalog
{
    public static final String FILE_NAME = "instruments.tsv";
    static final String HEADER = "id\tsymbol\tvenue\tpriceExponent\tsizeExponent\ttickSize";
    /** Field widths of the InstrumentDefinition message. */
    static final int MAX_SYMBOL_LENGTH = 32;
    static final int MAX_VENUE_LENGTH = 16;

    private final Path file;
    private final Path dir;
    private final boolean readOnly;
    private SourceCatalog sources;
    private final TreeMap<Integer, Instrument> byId = new TreeMap<>();
    private final Map<String, Instrument> bySymbol = new HashMap<>();

    /**
     * Opens (creating the directory if needed) the catalog of the journal in {@code journalDir}
     * without opening the journal: adapters use it to learn their instruments' stable ids before
     * the engine starts.
     */
    public static InstrumentCatalog open(final Path journalDir)
    {
        try
        {
            Files.createDirectories(journalDir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create journal directory " + journalDir, ex);
        }
        return new InstrumentCatalog(journalDir, false);
    }

    InstrumentCatalog(final Path dir, final boolean readOnly)
    {
        this.file = dir.resolve(FILE_NAME);
        this.dir = dir;
        this.readOnly = readOnly;
        reload();
    }

    /**
     * Returns the instrument for a symbol, adding it with the next id if it is new.
     *
     * <p>A known symbol keeps its id; its venue and tick size may change (they do not alter how
     * journalled values are read), its exponents may not.
     *
     * @throws IllegalArgumentException if the exponents differ from the symbol's, or a field is invalid
     * @throws IllegalStateException    if the journal is open read-only
     */
    public synchronized Instrument register(
        final String symbol, final String venue, final int priceExponent, final int sizeExponent, final long tickSize)
    {
        validate(symbol, venue, priceExponent, sizeExponent, tickSize);
        final Instrument existing = bySymbol.get(symbol);
        if (existing != null)
        {
            if (existing.priceExponent() != priceExponent || existing.sizeExponent() != sizeExponent)
            {
                throw new IllegalArgumentException(
                    "instrument " + symbol + " is journalled with price exponent " + existing.priceExponent() +
                    " and size exponent " + existing.sizeExponent() + "; changing them to " + priceExponent +
                    " and " + sizeExponent + " would corrupt the journal");
            }
            if (existing.tickSize() == tickSize && existing.venue().equals(venue))
            {
                return existing;
            }
        }
        if (readOnly)
        {
            throw new IllegalStateException("instrument catalog " + file + " is read-only");
        }
        final int id = existing != null ? existing.id() : nextId();
        final Instrument instrument = new Instrument(id, symbol, venue, priceExponent, sizeExponent, tickSize);
        final Map<Integer, Instrument> updated = new TreeMap<>(byId);
        updated.put(id, instrument);
        write(updated.values()); // persist first: memory never holds an id the file lacks
        put(instrument);
        return instrument;
    }

    /** The journal's source ids, kept beside its instruments. */
    public synchronized SourceCatalog sources()
    {
        if (sources == null)
        {
            sources = new SourceCatalog(dir);
        }
        return sources;
    }

    public synchronized Optional<Instrument> bySymbol(final String symbol)
    {
        return Optional.ofNullable(bySymbol.get(symbol));
    }

    public synchronized Optional<Instrument> byId(final int id)
    {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The instrument with this id, reading the file again once when it is not known yet (a reader of a journal
     * another process registers into meets ids defined since it opened the catalog); null if still unknown.
     */
    public synchronized Instrument find(final int id)
    {
        Instrument instrument = byId.get(id);
        if (instrument == null)
        {
            reload();
            instrument = byId.get(id);
        }
        return instrument;
    }

    /** All instruments, by id. */
    public synchronized List<Instrument> all()
    {
        return List.copyOf(byId.values());
    }

    /** Re-reads the file, for readers of a journal another process registers into. */
    public synchronized void reload()
    {
        final List<Instrument> loaded = read();
        byId.clear();
        bySymbol.clear();
        for (final Instrument instrument : loaded)
        {
            put(instrument);
        }
    }

    private void put(final Instrument instrument)
    {
        byId.put(instrument.id(), instrument);
        bySymbol.put(instrument.symbol(), instrument);
    }

    private int nextId()
    {
        return byId.isEmpty() ? 1 : byId.lastKey() + 1;
    }

    private List<Instrument> read()
    {
        final List<String> lines = AtomicFiles.lines(file);
        final List<Instrument> instruments = new ArrayList<>(lines.size());
        for (int i = 1; i < lines.size(); i++) // line 0 is the header
        {
            final String line = lines.get(i);
            if (!line.isBlank())
            {
                instruments.add(parse(line, i + 1));
            }
        }
        return instruments;
    }

    private Instrument parse(final String line, final int lineNumber)
    {
        final String[] fields = line.split("\t", -1);
        if (fields.length != 6)
        {
            throw new IllegalStateException(file + ":" + lineNumber + ": expected 6 tab-separated fields: " + line);
        }
        try
        {
            return new Instrument(
                Integer.parseInt(fields[0]), fields[1], fields[2],
                Integer.parseInt(fields[3]), Integer.parseInt(fields[4]), Long.parseLong(fields[5]));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalStateException(file + ":" + lineNumber + ": " + ex.getMessage() + ": " + line, ex);
        }
    }

    private void write(final Collection<Instrument> instruments)
    {
        final StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (final Instrument i : instruments)
        {
            text.append(i.id()).append('\t').append(i.symbol()).append('\t').append(i.venue()).append('\t')
                .append(i.priceExponent()).append('\t').append(i.sizeExponent()).append('\t')
                .append(i.tickSize()).append('\n');
        }
        AtomicFiles.write(file, text.toString());
    }

    private static void validate(
        final String symbol, final String venue, final int priceExponent, final int sizeExponent, final long tickSize)
    {
        checkText("symbol", symbol, MAX_SYMBOL_LENGTH);
        if (symbol.isEmpty())
        {
            throw new IllegalArgumentException("instrument symbol is empty");
        }
        checkText("venue of " + symbol, venue, MAX_VENUE_LENGTH);
        if (priceExponent < Byte.MIN_VALUE || priceExponent > Byte.MAX_VALUE ||
            sizeExponent < Byte.MIN_VALUE || sizeExponent > Byte.MAX_VALUE)
        {
            throw new IllegalArgumentException("exponents of " + symbol + " do not fit int8: " +
                priceExponent + ", " + sizeExponent);
        }
        if (tickSize <= 0)
        {
            throw new IllegalArgumentException("tick size of " + symbol + " must be positive: " + tickSize);
        }
    }

    /** ASCII without tabs or line breaks, short enough for the message's fixed-width field. */
    private static void checkText(final String what, final String text, final int maxLength)
    {
        if (text == null)
        {
            throw new IllegalArgumentException(what + " is null");
        }
        if (text.length() > maxLength)
        {
            throw new IllegalArgumentException(what + " '" + text + "' is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E)
            {
                throw new IllegalArgumentException(what + " '" + text + "' must be printable ASCII");
            }
        }
    }
}
