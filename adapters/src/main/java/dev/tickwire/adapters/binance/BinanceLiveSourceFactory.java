package dev.tickwire.adapters.binance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.adapter.SourceFactory;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.SourceKind;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code type: binance-live}: Binance spot's public streams of some symbols, live over one WebSocket
 * connection (the Binance files are imported by {@code tickwire import binance}). One source per symbol
 * and stream, each its own source id (key {@code binance-live:venue:SYMBOL:stream}).
 */
public final class BinanceLiveSourceFactory implements SourceFactory
{
    @Override
    public String type()
    {
        return "binance-live";
    }

    @Override
    public List<FeedAdapter> create(final String key, final JsonNode node, final TickwireConfig config)
    {
        final BinanceLiveConfig c = ConfigLoader.section(key, node, BinanceLiveConfig.class).conclude(key);
        final InstrumentCatalog catalog = InstrumentCatalog.open(config.journalPath());
        final BinanceSession session = new BinanceSession(key, c, catalog);
        final List<FeedAdapter> adapters = new ArrayList<>();
        for (final String symbol : c.symbols)
        {
            final String instrument = c.venue + ":" + symbol;
            for (final String stream : c.streams)
            {
                final int id = sourceId(catalog, instrument, stream);
                adapters.add(switch (stream)
                {
                    case BinanceLiveConfig.DEPTH -> new BinanceLiveBook(id, symbol, instrument, stream, session, c.depthLimit);
                    case BinanceLiveConfig.BOOK_TICKER -> new BinanceLiveQuotes(id, symbol, instrument, stream, session);
                    default -> new BinanceLiveTrades(id, symbol, instrument, stream, session);
                });
            }
        }
        return adapters;
    }

    /** The source id of one stream of an instrument, from the journal's source catalog. */
    public static int sourceId(final InstrumentCatalog catalog, final String instrument, final String stream)
    {
        return catalog.sources().register(SourceKind.BINANCE, "binance-live:" + instrument + ":" + stream, 0);
    }
}
