package dev.tickwire.tools.http;

import dev.tickwire.engine.query.MarketQueries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A fixed market for API tests: ESZ6 with three trades and a two-level book; it records the last arguments. */
final class FakeQueries implements MarketQueries
{
    static final long T0 = 1_767_364_200_000_000_000L; // 2026-01-02T14:30:00Z

    final List<TradeRow> trades = List.of(
        new TradeRow(10, T0, T0 + 5, "5000.25", "2", "buy", "5000.00", "5000.25", 1),
        new TradeRow(11, T0 + 1_000_000, T0 + 1_000_007, "5000.00", "1", "sell", null, null, 2),
        new TradeRow(12, T0 + 2_000_000, T0 + 2_000_003, "5000.50", "7", "none", "5000.25", null, 3));

    volatile long lastFrom;
    volatile long lastTo;
    volatile int lastLimit;
    volatile long lastAt;
    volatile int lastLevels;

    @Override
    public List<ContractSummary> contracts()
    {
        return List.of(
            new ContractSummary("ESZ6", "SYNTH", 1, T0, T0 + 2_000_000, 3, 4, 5, 1),
            new ContractSummary("NQZ6", "SYNTH", 2, 0, 0, 0, 0, 0, 0));
    }

    @Override
    public List<TradeRow> timeAndSales(final String symbol, final long fromNs, final long toNs, final int limit)
    {
        known(symbol);
        lastFrom = fromNs;
        lastTo = toNs;
        lastLimit = limit;
        final List<TradeRow> out = new ArrayList<>();
        for (final TradeRow t : symbol.equals("ESZ6") ? trades : List.<TradeRow>of())
        {
            if (t.eventTimeNs() >= fromNs && t.eventTimeNs() <= toNs && out.size() < limit)
            {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public BookSnapshot orderBook(final String symbol, final long atNs, final int levels)
    {
        known(symbol);
        lastAt = atNs;
        lastLevels = levels;
        final List<Level> bids = List.of(new Level("5000.00", "10", 3), new Level("4999.75", "4", 1));
        final List<Level> asks = List.of(new Level("5000.25", "8", 2), new Level("5000.50", "12", 5));
        return new BookSnapshot(symbol, atNs, Long.MIN_VALUE, bids.subList(0, Math.min(levels, 2)), asks.subList(0, Math.min(levels, 2)));
    }

    @Override
    public List<BarRow> bars(final String symbol, final String spec, final long fromNs, final long toNs, final int limit,
        final int depth, final long warmupNs)
    {
        return bars(symbol, spec, fromNs, toNs, limit);
    }

    @Override
    public List<BarRow> bars(final String symbol, final String spec, final long fromNs, final long toNs, final int limit)
    {
        known(symbol);
        if (!spec.equals("1m"))
        {
            throw new IllegalArgumentException("only 1m in the fake");
        }
        return List.of(new BarRow(60_000_000_000L, 120_000_000_000L, "5000.00", "5000.50", "4999.75", "5000.25", "12", "7",
            "5", 4, "5000.12", 61_000_000_000L, 119_000_000_000L, false, null)).subList(0, Math.min(limit, 1));
    }

    private static void known(final String symbol)
    {
        if (!Map.of("ESZ6", 1, "NQZ6", 2).containsKey(symbol))
        {
            throw new UnknownSymbolException(symbol);
        }
    }
}
