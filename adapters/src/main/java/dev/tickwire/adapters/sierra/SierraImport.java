package dev.tickwire.adapters.sierra;

import dev.tickwire.adapters.imports.HistoricalImport;
import dev.tickwire.adapters.imports.ImportFiles;
import dev.tickwire.adapters.imports.ImportSummary;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.journal.InstrumentCatalog;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch import of Sierra Chart files: the live sources in finite mode (read to the end, no
 * tailing), one per contract and kind. Depth files of one contract are read in day order by one
 * source, so positions keep growing and a re-import journals nothing twice.
 */
public final class SierraImport implements HistoricalImport
{
    private final List<SierraFileSource> sources = new ArrayList<>();
    private final long totalBytes;
    private final Map<String, String> tickSizes = new LinkedHashMap<>();
    private final boolean tickSizeGiven;
    private final int fileCount;

    /**
     * @param symbol          all files are this contract (else each file's name gives its symbol)
     * @param tickSize        the contract's tick size (else inferred from the prices in the files)
     * @param priceMultiplier stored value × multiplier = price
     */
    public SierraImport(
        final List<Path> files, final String symbol, final String tickSize, final String priceMultiplier,
        final String sizeMultiplier, final InstrumentCatalog catalog)
    {
        this.tickSizeGiven = tickSize != null;
        this.fileCount = files.size();
        final Map<String, List<Path>> scid = new LinkedHashMap<>();
        final Map<String, List<Path>> depth = new LinkedHashMap<>();
        long bytes = 0;
        for (final Path file : files)
        {
            if (!Files.isRegularFile(file))
            {
                throw new IllegalArgumentException(file + ": no such file");
            }
            final String name = file.getFileName().toString();
            if (name.endsWith(".scid"))
            {
                scid.computeIfAbsent(symbol != null ? symbol : name.substring(0, name.length() - 5), k -> new ArrayList<>()).add(file);
            }
            else if (name.endsWith(DepthFormat.EXTENSION))
            {
                final String s = symbol != null ? symbol : depthSymbol(name);
                depth.computeIfAbsent(s, k -> new ArrayList<>()).add(file);
            }
            else
            {
                throw new IllegalArgumentException(file + ": not a .scid or .depth file");
            }
            bytes += ImportFiles.size(file);
        }
        totalBytes = bytes;
        for (final Map.Entry<String, List<Path>> e : scid.entrySet())
        {
            if (e.getValue().size() > 1)
            {
                throw new IllegalArgumentException("several .scid files for " + e.getKey() + ": " + e.getValue() +
                    " (one file per contract; pass --symbol only for a single contract)");
            }
            final SierraContract contract = contract(e.getKey(), tickSize, priceMultiplier, sizeMultiplier, e.getValue(), List.of());
            SierraAdapters.register("--symbol", catalog, contract);
            sources.add(new ScidSource(contract, SierraAdapters.scidSourceId(catalog, contract.symbol), e.getValue().get(0),
                0, false));
        }
        for (final Map.Entry<String, List<Path>> e : depth.entrySet())
        {
            final SierraContract contract = contract(e.getKey(), tickSize, priceMultiplier, sizeMultiplier,
                scid.getOrDefault(e.getKey(), List.of()), e.getValue());
            SierraAdapters.register("--symbol", catalog, contract);
            sources.add(new DepthSource(contract, SierraAdapters.depthSourceId(catalog, contract.symbol),
                DepthDays.files(e.getValue(), e.getKey()),
                null, 0, false));
        }
    }

    @Override
    public List<FeedAdapter> adapters()
    {
        return List.copyOf(sources);
    }

    @Override
    public long totalBytes()
    {
        return totalBytes;
    }


    /** Tick sizes used, by symbol: given, or inferred from the files. */
    public Map<String, String> tickSizes()
    {
        return tickSizes;
    }

    /** Each contract's tick size, given or inferred from the prices. */
    @Override
    public List<String> notes()
    {
        final List<String> lines = new ArrayList<>();
        tickSizes.forEach((s, t) -> lines.add(s + ": tick size " + t +
            (tickSizeGiven ? "" : " (inferred from the prices; pass --tick-size to set it)")));
        return lines;
    }

    /** Counts, after the import: records read, trades, quotes, book deltas; bar records are skipped. */
    @Override
    public ImportSummary summary()
    {
        final ImportSummary.Builder summary = ImportSummary.builder("records", fileCount);
        long bars = 0;
        for (final SierraFileSource source : sources)
        {
            if (source instanceof ScidSource s)
            {
                summary.read(s.bytesRead() / ScidFormat.RECORD_SIZE).trades(s.trades()).quotes(s.quotes());
                bars += s.bars();
            }
            else if (source instanceof DepthSource d)
            {
                summary.read(d.bytesRead() / DepthFormat.RECORD_SIZE).deltas(d.deltas());
            }
        }
        return summary.detail("bar records skipped", bars).build();
    }

    private SierraContract contract(
        final String symbol, final String tickSize, final String priceMultiplier, final String sizeMultiplier,
        final List<Path> scidFiles, final List<Path> depthFiles)
    {
        final String multiplier = priceMultiplier == null ? "1" : priceMultiplier;
        final String tick = tickSize != null ? tickSize : tickSizes.computeIfAbsent(symbol,
            s -> inferTickSize(scidFiles, depthFiles, new BigDecimal(multiplier)));
        tickSizes.put(symbol, tick);
        final SierraConfig.Contract c = new SierraConfig.Contract();
        c.symbol = symbol;
        c.tickSize = tick;
        c.priceMultiplier = multiplier;
        c.sizeMultiplier = sizeMultiplier == null ? "1" : sizeMultiplier;
        return c.contract("--tick-size");
    }

    /**
     * The tick size the prices in the files move by: the greatest common divisor of the first
     * prices (as the decimals Sierra Chart's floats stand for) and their differences.
     */
    static String inferTickSize(final List<Path> scidFiles, final List<Path> depthFiles, final BigDecimal multiplier)
    {
        final List<BigDecimal> prices = new ArrayList<>();
        for (final Path file : scidFiles)
        {
            samplePrices(file, ScidFormat.HEADER_SIZE, ScidFormat.RECORD_SIZE, ScidFormat.CLOSE_OFFSET, prices);
        }
        for (final Path file : depthFiles)
        {
            samplePrices(file, DepthFormat.HEADER_SIZE, DepthFormat.RECORD_SIZE, DepthFormat.PRICE_OFFSET, prices);
        }
        if (prices.isEmpty())
        {
            throw new IllegalArgumentException("cannot infer the tick size (no prices found): pass --tick-size");
        }
        int scale = 0;
        for (final BigDecimal p : prices)
        {
            scale = Math.max(scale, p.multiply(multiplier).stripTrailingZeros().scale());
        }
        BigInteger gcd = BigInteger.ZERO;
        for (final BigDecimal p : prices)
        {
            gcd = gcd.gcd(p.multiply(multiplier).movePointRight(scale).toBigIntegerExact());
        }
        return new BigDecimal(gcd, scale).stripTrailingZeros().toPlainString();
    }

    private static void samplePrices(final Path file, final int header, final int recordSize, final int priceOffset,
        final List<BigDecimal> out)
    {
        final int records = 10_000;
        final ByteBuffer buffer = ByteBuffer.allocate(records * recordSize).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            channel.read(buffer, header);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(file + ": " + ex.getMessage(), ex);
        }
        final UnsafeBuffer view = new UnsafeBuffer(buffer);
        for (int i = 0; (i + 1) * recordSize <= buffer.position(); i++)
        {
            final float price = view.getFloat(i * recordSize + priceOffset, ByteOrder.LITTLE_ENDIAN);
            if (Float.isFinite(price) && price > 0)
            {
                out.add(new BigDecimal(Float.toString(price)));
            }
        }
    }

    private static String depthSymbol(final String name)
    {
        final String base = name.substring(0, name.length() - DepthFormat.EXTENSION.length());
        final int dot = base.lastIndexOf('.');
        if (dot <= 0 || DepthFormat.dayOf(name, base.substring(0, dot)) == null)
        {
            throw new IllegalArgumentException(name + ": a depth file is named SYMBOL.YYYY-MM-DD.depth");
        }
        return base.substring(0, dot);
    }
}
