package dev.tickwire.perf.bench;

import dev.tickwire.archive.ArchiveExport;
import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.bars.JournalBars;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.Journal;
import org.agrona.IoUtil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;

/**
 * Bar features measured: the live engine with seven timeframes of bars, features on against off
 * (configs for {@link PipelineBench}), and feature bars from history over a journal of trades, quotes
 * and book deltas, beside DuckDB computing the trade features and a time-weighted spread per minute
 * with SQL over the same day exported to Parquet.
 */
final class FeatureBench
{
    static final List<String> TIMEFRAMES = List.of("15s", "1m", "5m", "15m", "1h", "4h", "1d");

    private FeatureBench()
    {
    }

    /** Seven timeframes of live bars, with or without their features. */
    static Consumer<TickwireConfig> bars(final boolean features)
    {
        return config ->
        {
            config.bars.specs = TIMEFRAMES;
            config.bars.features = features;
        };
    }

    record History(long messages, long bars, double messagesPerSecond, double duckDbMessagesPerSecond, long duckDbRows,
        long trades)
    {
    }

    /** 1m feature bars of both instruments of a day of {@code n} messages (20 % trades, 20 % quotes, 60 % deltas). */
    static History history(final long n) throws Exception
    {
        final Path dir = Files.createTempDirectory("tickwire-bench-features");
        try
        {
            final Path journalDir = dir.resolve("journal");
            SinkBench.writeJournal(journalDir, n);
            final BarSpec spec = BarSpec.parse("1m");
            long best = Long.MAX_VALUE;
            long bars = 0;
            for (int run = 0; run < 3; run++) // the first also warms up the JIT
            {
                final long[] count = {0};
                final long t0 = System.nanoTime();
                for (final String symbol : List.of("ESZ6", "NQZ6"))
                {
                    JournalBars.run(journalDir, symbol, spec, false, dev.tickwire.wire.Values.NONE, Long.MAX_VALUE, 5, 0,
                        bar -> count[0]++);
                }
                best = Math.min(best, System.nanoTime() - t0);
                bars = count[0];
            }
            final Path archive = dir.resolve("archive");
            try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true)))
            {
                ArchiveExport.run(journal, archive, new ArchiveExport.Options().bars(List.of()));
            }
            long duckBest = Long.MAX_VALUE;
            long rows = 0;
            long trades = 0;
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement())
            {
                for (int run = 0; run < 3; run++)
                {
                    final long t0 = System.nanoTime();
                    try (ResultSet rs = s.executeQuery(sql(archive)))
                    {
                        rows = 0;
                        trades = 0;
                        while (rs.next())
                        {
                            rows++;
                            trades += rs.getLong("trades");
                        }
                    }
                    duckBest = Math.min(duckBest, System.nanoTime() - t0);
                }
            }
            return new History(n, bars, n * 1e9 / best, n * 1e9 / duckBest, rows, trades);
        }
        finally
        {
            IoUtil.delete(dir.toFile(), true);
        }
    }

    /**
     * Per symbol and minute: OHLC, volume, trades, notional, VWAP, buy and sell trades, average and largest trade
     * size, the realized variance of trade log returns, and the quotes' time-weighted spread (each quote held until
     * the next, cut at the minute's end). The carried-in state tickwire keeps (the quote before the minute) is left
     * out: SQL's reference is the simpler, cheaper query.
     */
    private static String sql(final Path archive)
    {
        final String trades = archive.resolve("trades").toAbsolutePath() + "/*/*/*/*.parquet";
        final String quotes = archive.resolve("quotes").toAbsolutePath() + "/*/*/*/*.parquet";
        final String minute = "60000000000";
        return "WITH t AS (SELECT symbol, seq, price, size, side, epoch_ns(ts) // " + minute + " AS m, " +
            "ln(price / lag(price) OVER (PARTITION BY symbol ORDER BY seq)) AS lr " +
            "FROM read_parquet('" + trades + "', hive_partitioning = true)), " +
            "tb AS (SELECT symbol, m, arg_min(price, seq) AS open, max(price) AS high, min(price) AS low, " +
            "arg_max(price, seq) AS close, sum(size) AS volume, count(*) AS trades, sum(price * size) AS notional, " +
            "sum(price * size) / sum(size) AS vwap, count(*) FILTER (WHERE side = 'buy') AS buy_trades, " +
            "count(*) FILTER (WHERE side = 'sell') AS sell_trades, avg(size) AS avg_trade_size, max(size) AS max_trade_size, " +
            "sum(lr * lr) AS rv_trade FROM t GROUP BY ALL), " +
            "q AS (SELECT symbol, epoch_ns(ts) AS tns, ask - bid AS spread, epoch_ns(ts) // " + minute + " AS m, " +
            "lead(epoch_ns(ts)) OVER (PARTITION BY symbol ORDER BY seq) AS next " +
            "FROM read_parquet('" + quotes + "', hive_partitioning = true)), " +
            "qh AS (SELECT symbol, m, spread, least(coalesce(next, (m + 1) * " + minute + "), (m + 1) * " + minute +
            ") - tns AS held FROM q), " +
            "qb AS (SELECT symbol, m, sum(spread * held) / nullif(sum(held), 0) AS spread_twa FROM qh GROUP BY ALL) " +
            "SELECT tb.*, qb.spread_twa FROM tb LEFT JOIN qb USING (symbol, m) ORDER BY symbol, m";
    }
}
