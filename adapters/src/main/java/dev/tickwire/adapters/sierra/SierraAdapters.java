package dev.tickwire.adapters.sierra;

import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.SourceCatalog;
import dev.tickwire.journal.SourceKind;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds the sources of a {@code type: sierra} config entry: per contract, a .scid source and a
 * .depth source. Their source ids come from the journal's {@link SourceCatalog}, keyed by symbol and
 * kind, so they stay the same when contracts are added, removed or reordered in the config, which keeps
 * every restart checkpoint pointing at the right file.
 */
public final class SierraAdapters
{
    private SierraAdapters()
    {
    }

    /** The source id of a contract's .scid file, from the journal's {@link SourceCatalog}. */
    public static int scidSourceId(final InstrumentCatalog catalog, final String symbol)
    {
        return sourceId(catalog, symbol, 0);
    }

    /** The source id of a contract's .depth files, from the journal's {@link SourceCatalog}. */
    public static int depthSourceId(final InstrumentCatalog catalog, final String symbol)
    {
        return sourceId(catalog, symbol, 1);
    }

    /** 1000 + 2 × instrument id (+ 1 for depth) is what earlier builds gave: kept where it is free. */
    private static int sourceId(final InstrumentCatalog catalog, final String symbol, final int depth)
    {
        final int instrumentId = catalog.bySymbol(symbol).orElseThrow().id();
        return catalog.sources().register(SourceKind.SIERRA, "sierra:" + symbol + (depth == 0 ? ":scid" : ":depth"),
            SourceKind.SIERRA.first + 2 * instrumentId + depth);
    }

    public static List<FeedAdapter> create(final String key, final SierraConfig config, final InstrumentCatalog catalog)
    {
        return create(key, config, catalog, () -> LocalDate.now(Clock.systemUTC()));
    }

    /** @param config concluded ({@link SierraConfig#conclude}) */
    static List<FeedAdapter> create(
        final String key, final SierraConfig config, final InstrumentCatalog catalog, final Supplier<LocalDate> today)
    {
        final long pollNs = config.pollIntervalNs(key);
        final Path dataDir = Path.of(config.folder);
        final Set<String> symbols = new HashSet<>();
        for (final SierraConfig.Contract c : config.contracts)
        {
            symbols.add(c.symbol);
        }
        final SierraFolder folder = new SierraFolder(DepthFormat.depthDir(dataDir), symbols);
        final List<FeedAdapter> sources = new ArrayList<>();
        for (int i = 0; i < config.contracts.size(); i++)
        {
            final String ck = key + ".contracts[" + i + "]";
            final SierraConfig.Contract c = config.contracts.get(i);
            final SierraContract contract = c.contract(ck);
            register(ck, catalog, contract);
            if (c.scid)
            {
                sources.add(new ScidSource(contract, scidSourceId(catalog, c.symbol), dataDir.resolve(c.symbol + ".scid"),
                    pollNs, config.follow));
            }
            if (c.depth)
            {
                sources.add(new DepthSource(contract, depthSourceId(catalog, c.symbol),
                    DepthDays.live(DepthFormat.depthDir(dataDir), c.symbol, today), folder, pollNs, config.follow));
            }
        }
        return sources;
    }

    static int register(final String key, final InstrumentCatalog catalog, final SierraContract contract)
    {
        try
        {
            return catalog.register(contract.symbol, contract.venue, contract.prices.priceExponent,
                contract.prices.sizeExponent, contract.prices.tickSize).id();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(key, ex.getMessage());
        }
    }
}
