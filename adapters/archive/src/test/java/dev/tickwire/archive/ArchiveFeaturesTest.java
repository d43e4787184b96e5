package dev.tickwire.archive;

import dev.tickwire.engine.bars.Bar;
import dev.tickwire.engine.bars.BarFeed;
import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.bars.JournalBars;
import dev.tickwire.engine.bars.features.ColumnType;
import dev.tickwire.engine.bars.features.FeatureColumn;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archive's bars_1m files carry every feature column, read by DuckDB (an independent reader) and compared,
 * column for column and bar for bar, with the bars of the same journal built by the live bar stage's code: the
 * history API's ({@code JournalBars} from the day's start with the same warm-up), and one run over the whole
 * journal in journal order, as the live engine saw it. Some features are also computed by SQL over the exported trades and
 * quotes.
 */
class ArchiveFeaturesTest
{
    private static final BarSpec ONE_MINUTE = BarSpec.parse("1m");
    private static final long DAY = ThreeDays.DAY_NS;
    /** Columns whose value depends on every bar since the feed started (EMA seeds, Wilder's averages). */
    private static final Set<FeatureColumn> UNBOUNDED_MEMORY = Set.of(FeatureColumn.EMA_5, FeatureColumn.EMA_10,
        FeatureColumn.EMA_20, FeatureColumn.RSI_14, FeatureColumn.RSI_5, FeatureColumn.MACD, FeatureColumn.MACD_SIGNAL,
        FeatureColumn.MACD_HIST);

    @TempDir
    Path dir;

    @Test
    void everyFeatureOfEveryBarIsTheLiveBarStagesAndTheHistoryReplays() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal"));
        days.write(0, 3);
        final Path archive = dir.resolve("archive");
        final Map<String, Map<Long, String>> live = new LinkedHashMap<>();
        final Map<String, Map<Long, String>> replayed = new LinkedHashMap<>();
        try (Journal journal = Journal.open(days.context()))
        {
            ArchiveExport.run(journal, archive, new ArchiveExport.Options()); // 1m bars, depth 5, warm-up 1d
            live.putAll(liveRun(journal));
            for (final String symbol : List.of("ESH4", "BTC-USDT"))
            {
                for (int day = 0; day < 3; day++)
                {
                    replayed.put(symbol + "@" + day, replay(journal, symbol, day, DAY, day < 2));
                }
            }
        }
        int compared = 0;
        for (final String symbol : List.of("ESH4", "BTC-USDT"))
        {
            for (int day = 0; day < 3; day++)
            {
                final Map<Long, String> archived = archived(archive, symbol, day, c -> true);
                assertThat(archived).as("%s day %d", symbol, day).hasSizeGreaterThanOrEqualTo(300);
                // the history replay the archive promises: every column of every bar, bit for bit
                assertThat(archived).as("%s day %d: the replay from the day less the warm-up", symbol, day)
                    .isEqualTo(replayed.get(symbol + "@" + day));
                // the live engine's bars: days 0 and 1 (their warm-up reaches back to the journal's start) whole
                final Map<Long, String> liveDay = slice(live.get(symbol), day);
                if (day < 2)
                {
                    assertThat(archived).as("%s day %d: the live bars", symbol, day).isEqualTo(liveDay);
                }
                else
                {
                    // a day of warm-up: every column but those of unbounded memory is the live one; those converge
                    assertThat(archived(archive, symbol, day, c -> !UNBOUNDED_MEMORY.contains(c)))
                        .as("%s day %d: the live bars' bounded-memory columns", symbol, day)
                        .isEqualTo(slice(liveRun(days, c -> !UNBOUNDED_MEMORY.contains(c)).get(symbol), day));
                    final Map<Long, String> unbounded = archived(archive, symbol, day, UNBOUNDED_MEMORY::contains);
                    final Map<Long, String> liveUnbounded =
                        slice(liveRun(days, UNBOUNDED_MEMORY::contains).get(symbol), day);
                    assertThat(unbounded.keySet()).isEqualTo(liveUnbounded.keySet());
                    unbounded.forEach((t, line) -> assertClose(line, liveUnbounded.get(t), 1e-7));
                }
                compared += archived.size();
            }
        }
        assertThat(compared).isGreaterThan(2_000);
    }

    @Test
    void withoutWarmUpTheRollingColumnsAreNullUntilTheirWindowsFill() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal"));
        days.write(0, 2);
        final Path cold = dir.resolve("cold");
        final Path warm = dir.resolve("warm");
        final Map<Long, String> replayed;
        try (Journal journal = Journal.open(days.context()))
        {
            ArchiveExport.run(journal, cold, new ArchiveExport.Options().featuresWarmupNs(0));
            ArchiveExport.run(journal, warm, new ArchiveExport.Options());
            replayed = replay(journal, "ESH4", 1, 0, false);
        }
        assertThat(archived(cold, "ESH4", 1, c -> true)).isEqualTo(replayed);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement())
        {
            for (final Path archive : List.of(cold, warm))
            {
                final String file = archive + "/bars_1m/date=2024-03-05/venue=CME/symbol=ESH4/data.parquet";
                try (ResultSet rs = s.executeQuery("SELECT count(*) FILTER (log_return IS NULL), " +
                    "count(*) FILTER (sma_5 IS NULL), count(*) FILTER (sma_20 IS NULL), " +
                    "count(*) FILTER (volatility_10 IS NULL), count(*) FILTER (macd IS NULL), " +
                    "count(*) FILTER (macd_signal IS NULL), count(*) FILTER (rsi_14 IS NULL), " +
                    "count(*) FILTER (momentum_5 IS NULL), count(*) FILTER (spread_last IS NULL), count(*) " +
                    "FROM read_parquet('" + file + "')"))
                {
                    rs.next();
                    final List<Integer> nulls = new ArrayList<>();
                    for (int i = 1; i <= 9; i++)
                    {
                        nulls.add(rs.getInt(i));
                    }
                    assertThat(rs.getInt(10)).isGreaterThan(300);
                    if (archive == cold)
                    {
                        // the first n − 1 bars (n + 1 with returns, 34 for the signal), then values; RSI of a flat
                        // start stays null a bar longer only if prices did not move (they do here)
                        assertThat(nulls).as("cold: nulls while the windows fill")
                            .containsExactly(1, 4, 19, 10, 25, 33, 14, 5, 0);
                    }
                    else
                    {
                        assertThat(nulls).as("warm: the day before filled every window").containsOnly(0);
                    }
                }
            }
        }
    }

    @Test
    void sqlOverTheExportedTradesAndQuotesGivesTheSameFeatures() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal"));
        days.write(0, 2);
        final Path archive = dir.resolve("archive");
        try (Journal journal = Journal.open(days.context()))
        {
            ArchiveExport.run(journal, archive, new ArchiveExport.Options());
        }
        int rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement())
        {
            for (final String file : List.of("venue=CME/symbol=ESH4/data.parquet",
                "venue=BINANCE/symbol=BTC-USDT/data.parquet"))
            {
                // the day's bars; trades and quotes of both days (the book state is carried in from before a bar)
                s.execute("CREATE OR REPLACE VIEW b AS SELECT epoch_ns(start) AS s, epoch_ns(\"end\") AS e, * FROM " +
                    "read_parquet('" + archive + "/bars_1m/date=2024-03-05/" + file + "')");
                s.execute("CREATE OR REPLACE VIEW t AS SELECT epoch_ns(ts) AS t, * FROM read_parquet('" + archive +
                    "/trades/*/" + file + "')");
                s.execute("CREATE OR REPLACE VIEW q AS SELECT epoch_ns(ts) AS t, * FROM read_parquet('" + archive +
                    "/quotes/*/" + file + "')");
                s.execute("CREATE OR REPLACE VIEW d AS SELECT epoch_ns(ts) AS t FROM read_parquet('" + archive +
                    "/book_deltas/*/" + file + "')");
                try (ResultSet rs = s.executeQuery("""
                    SELECT b.s,
                      b.notional, (SELECT round(sum(price * size), 2) FROM t WHERE t.t >= b.s AND t.t < b.e),
                      b.buy_trades, (SELECT count(*) FROM t WHERE t.t >= b.s AND t.t < b.e AND side = 'buy'),
                      b.sell_trades, (SELECT count(*) FROM t WHERE t.t >= b.s AND t.t < b.e AND side = 'sell'),
                      b.max_trade_size, (SELECT max(size) FROM t WHERE t.t >= b.s AND t.t < b.e),
                      b.spread_last, (SELECT ask - bid FROM q WHERE q.t < b.e ORDER BY q.t DESC, seq DESC LIMIT 1),
                      b.mid_close,
                        (SELECT (bid + ask) * 0.5 FROM q WHERE q.t < b.e ORDER BY q.t DESC, seq DESC LIMIT 1),
                      b.book_updates, (SELECT count(*) FROM q WHERE q.t >= b.s AND q.t < b.e)
                        + (SELECT count(*) FROM d WHERE d.t >= b.s AND d.t < b.e),
                      epoch_ns(b.span_start_ns) = b.s AND epoch_ns(b.span_end_ns) = b.e
                    FROM b ORDER BY b.s"""))
                {
                    while (rs.next())
                    {
                        for (int i = 2; i <= 14; i += 2)
                        {
                            assertThat(rs.getBigDecimal(i)).as("%s bar %d column %d", file, rs.getLong(1), i)
                                .isEqualByComparingTo(rs.getBigDecimal(i + 1));
                        }
                        assertThat(rs.getBoolean(16)).as("a time bar's span is the bar").isTrue();
                        rows++;
                    }
                }
            }
        }
        assertThat(rows).isGreaterThan(700);
    }

    /** The same columns, each within {@code relative} of the other's value (nulls alike). */
    private static void assertClose(final String line, final String reference, final double relative)
    {
        final String[] a = line.split(" ");
        final String[] b = reference.split(" ");
        assertThat(a.length).isEqualTo(b.length);
        for (int i = 0; i < a.length; i++)
        {
            if (!a[i].contains("=") || a[i].equals(b[i]))
            {
                assertThat(a[i]).isEqualTo(b[i]);
                continue;
            }
            final double x = Double.parseDouble(a[i].substring(a[i].indexOf('=') + 1));
            final double y = Double.parseDouble(b[i].substring(b[i].indexOf('=') + 1));
            assertThat(Math.abs(x - y)).as("%s against %s", a[i], b[i]).isLessThanOrEqualTo(relative * Math.abs(y));
        }
    }

    /** The bars of one instrument of an archive's day, each as a line of its OHLCV and feature columns. */
    private static Map<Long, String> archived(final Path archive, final String symbol, final int day,
        final Predicate<FeatureColumn> columns) throws Exception
    {
        final String venue = symbol.equals("ESH4") ? "CME" : "BINANCE";
        final String file = archive + "/bars_1m/date=" + LocalDate.ofEpochDay(ThreeDays.DAY0 / DAY + day) + "/venue=" +
            venue + "/symbol=" + symbol + "/data.parquet";
        final StringBuilder select = new StringBuilder("SELECT epoch_ns(start), epoch_ns(\"end\"), open, high, low, " +
            "close, volume, buy_volume, sell_volume, trades, vwap, epoch_ns(first_event), epoch_ns(last_event), seq");
        for (final FeatureColumn c : FeatureColumn.values())
        {
            select.append(", ").append(c.type() == ColumnType.TIME_NS ? "epoch_ns(" + c.columnName() + ")" :
                c.columnName());
        }
        final int pe = -2;
        final int se = symbol.equals("ESH4") ? 0 : -6;
        final Map<Long, String> bars = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(select + " FROM read_parquet('" + file + "') ORDER BY start"))
        {
            while (rs.next())
            {
                final StringBuilder line = new StringBuilder();
                for (int i = 1; i <= 14; i++)
                {
                    final Object v = rs.getObject(i);
                    line.append(v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(v))
                        .append(' ');
                }
                for (final FeatureColumn f : FeatureColumn.values())
                {
                    if (!columns.test(f))
                    {
                        continue;
                    }
                    final int at = 15 + f.ordinal();
                    line.append(f.columnName()).append('=');
                    if (f.type().isDouble())
                    {
                        final double v = rs.getDouble(at);
                        line.append(rs.wasNull() ? "null" : Double.toString(v));
                    }
                    else if (f.type().isFixedPoint())
                    {
                        final BigDecimal v = rs.getBigDecimal(at);
                        line.append(v == null ? "null" :
                            Long.toString(v.movePointLeft(f.type().exponent(pe, se)).longValueExact()));
                    }
                    else
                    {
                        final long v = rs.getLong(at);
                        line.append(rs.wasNull() ? "null" : Long.toString(v));
                    }
                    line.append(' ');
                }
                bars.put(rs.getLong(1), line.toString());
            }
        }
        return bars;
    }

    /** A bar as {@link #archived} prints it, from the bar builder's values. */
    private static String line(final Bar b, final Predicate<FeatureColumn> columns)
    {
        final int pe = b.priceExponent();
        final int se = b.sizeExponent();
        final StringBuilder line = new StringBuilder();
        for (final Object v : new Object[] {b.startNs(), b.endNs(), FixedPoint.toDecimalString(b.open(), pe),
            FixedPoint.toDecimalString(b.high(), pe), FixedPoint.toDecimalString(b.low(), pe),
            FixedPoint.toDecimalString(b.close(), pe), FixedPoint.toDecimalString(b.volume(), se),
            FixedPoint.toDecimalString(b.buyVolume(), se), FixedPoint.toDecimalString(b.sellVolume(), se),
            b.tradeCount(), FixedPoint.toDecimalString(b.vwap(), pe), b.firstEventNs(), b.lastEventNs(), b.sequence()})
        {
            line.append(v instanceof String d ? new BigDecimal(d).stripTrailingZeros().toPlainString() : v).append(' ');
        }
        for (final FeatureColumn f : FeatureColumn.values())
        {
            if (!columns.test(f))
            {
                continue;
            }
            line.append(f.columnName()).append('=');
            if (f.type().isDouble())
            {
                final double v = b.features().doubleValue(f);
                line.append(Double.isNaN(v) ? "null" : Double.toString(v));
            }
            else
            {
                final long v = b.features().longValue(f);
                line.append(v == Values.NONE ? "null" : Long.toString(v));
            }
            line.append(' ');
        }
        return line.toString();
    }

    /**
     * What the archive promises for a day: the history API's bars ({@link JournalBars}, as {@code tickwire bars
     * --features --warmup} gives them) from the day's start with the warm-up before it, to its end (completed when
     * the day is), every bar that starts in the day.
     */
    private static Map<Long, String> replay(final Journal journal, final String symbol, final int day,
        final long warmupNs, final boolean complete)
    {
        final long start = ThreeDays.DAY0 + day * DAY;
        final Map<Long, String> bars = new LinkedHashMap<>();
        JournalBars.run(journal, symbol, ONE_MINUTE, false, start, complete ? start + DAY - 1 : Long.MAX_VALUE, 5,
            warmupNs, b -> bars.put(b.startNs(), line(b, c -> true)));
        return bars;
    }

    /** The live bar stage's bars: every accepted message of the journal, in journal order, from its start. */
    private static Map<String, Map<Long, String>> liveRun(final Journal journal)
    {
        return liveRun(journal, c -> true);
    }

    private static Map<String, Map<Long, String>> liveRun(final ThreeDays days, final Predicate<FeatureColumn> columns)
    {
        try (Journal journal = Journal.open(days.context().readOnly(true)))
        {
            return liveRun(journal, columns);
        }
    }

    private static Map<String, Map<Long, String>> liveRun(final Journal journal, final Predicate<FeatureColumn> columns)
    {
        final Map<String, Map<Long, String>> bars = new LinkedHashMap<>();
        final BarFeed feed = new BarFeed(List.of(ONE_MINUTE), false, b ->
        {
            final Instrument i = journal.instruments().byId(b.instrumentId()).orElseThrow();
            bars.computeIfAbsent(i.symbol(), k -> new LinkedHashMap<>()).put(b.startNs(), line(b, columns));
        }, 5, null);
        final MessageDispatcher dispatcher = new MessageDispatcher();
        try (JournalReader reader = journal.reader())
        {
            while (reader.poll((buffer, offset, length, index, wm) ->
            {
                if (Envelope.isAccepted(buffer, offset))
                {
                    dispatcher.dispatch(buffer, offset, feed);
                }
            }, 1000) > 0)
            {
                // to the end
            }
        }
        return bars;
    }

    /** The bars starting in a day. */
    private static Map<Long, String> slice(final Map<Long, String> bars, final int day)
    {
        final long start = ThreeDays.DAY0 + day * DAY;
        final Map<Long, String> out = new LinkedHashMap<>();
        bars.forEach((t, line) ->
        {
            if (t >= start && t < start + DAY)
            {
                out.put(t, line);
            }
        });
        return out;
    }
}
