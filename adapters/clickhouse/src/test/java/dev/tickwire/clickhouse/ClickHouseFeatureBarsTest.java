package dev.tickwire.clickhouse;

import dev.tickwire.engine.Engine;
import dev.tickwire.engine.bars.BarFeed;
import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.bars.features.FeatureColumn;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.pipeline.Pipelines;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.Values;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bars with their features into ClickHouse, against a real server: two pipelines of two specs write one table
 * per timeframe ({@code bars_100us}, {@code bars_tick_20}) in one database, with every feature column, each value
 * the live bar stage's for the same journal and NULL where the feature is null.
 */
class ClickHouseFeatureBarsTest
{
    private static ClickHouseServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception
    {
        server = ClickHouseServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception
    {
        if (server != null)
        {
            server.close();
        }
    }

    @Test
    void oneTablePerTimeframeWithEveryFeatureOfEveryBar() throws Exception
    {
        final String output = "{type: clickhouse, url: \"" + server.url() + "\", database: fb, monitor: false, " +
            "flushEvery: 500}";
        final TickwireConfig config = ConfigLoader.parse("""
            dataDir: %s
            aeron: {publish: false}
            sources:
              - {type: synthetic, id: 1, rate: 0, count: 20000, seed: 9, startTime: "2026-01-02T14:30:00Z"}
            pipelines:
              - {id: bars-time, transform: {bars: 100us}, output: %s}
              - {id: bars-ticks, transform: {bars: "tick:20"}, output: %s}
            """.formatted(dir.resolve("data"), output, output)).conclude();
        final Pipelines.Wiring wiring = Pipelines.wire(config);
        final List<String> time;
        final List<String> ticks;
        try (Engine engine = Engine.launch(new Engine.Context().config(config).adapters(wiring.adapters())
            .outputs(wiring.outputs())))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!engine.adaptersDone() && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            assertThat(engine.awaitDrained(10, TimeUnit.SECONDS)).isTrue();
            time = liveBars(config.journalPath(), "100us");
            ticks = liveBars(config.journalPath(), "tick:20");
            assertThat(time.size()).isGreaterThan(150);
            assertThat(ticks.size()).isGreaterThan(100);
            final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((rows("bars_100us") < time.size() || rows("bars_tick_20") < ticks.size()) &&
                System.nanoTime() < until)
            {
                Thread.sleep(200);
            }
        }
        assertThat(server.query("SELECT name FROM system.tables WHERE database = 'fb' ORDER BY name " +
            "FORMAT TabSeparated"))
            .isEqualTo("bars_100us\nbars_tick_20\nbook_deltas\ncandles\nderivative_tickers\nliquidations\n" +
                "option_summaries\nquotes\nrejects\nstatuses\ntrades\n");
        assertThat(server.query("SELECT name, type FROM system.columns WHERE database = 'fb' AND " +
            "table = 'bars_100us' AND name IN ('rsi_14', 'mid_close_m', 'mid_close', 'span_start_ns', 'buy_trades') " +
            "ORDER BY name " +
            "FORMAT TabSeparated")).isEqualTo("buy_trades\tNullable(Int64)\nmid_close\tNullable(Decimal(38, 18))\n" +
            "mid_close_m\tNullable(Int64)\nrsi_14\tNullable(Float64)\nspan_start_ns\tNullable(Int64)\n");
        assertThat(read("bars_100us")).containsExactlyElementsOf(time);
        assertThat(read("bars_tick_20")).containsExactlyElementsOf(ticks);
        // a mid's decimal is its mantissa at the price exponent − 1
        assertThat(server.query("SELECT count() FROM fb.bars_100us FINAL WHERE mid_close_m IS NOT NULL AND " +
            "toString(mid_close) != toString(toDecimal128(mid_close_m, 18) / 1000) FORMAT TabSeparated"))
            .isEqualTo("0\n");
    }

    /** A bars table's rows as lines: symbol, start, then every feature ({@code \N} for null, a decimal's mantissa). */
    private static List<String> read(final String table) throws Exception
    {
        final StringBuilder select = new StringBuilder("SELECT symbol, start_ns");
        for (final FeatureColumn c : FeatureColumn.values())
        {
            select.append(", ").append(c.columnName()).append(c.type().isFixedPoint() ? "_m" : "");
        }
        final List<String> lines = new ArrayList<>();
        for (final String row : server.query(select + " FROM fb." + table + " FINAL ORDER BY symbol, start_ns " +
            "FORMAT TabSeparated").split("\n"))
        {
            final String[] f = row.split("\t");
            final StringBuilder line = new StringBuilder(f[0]).append(' ').append(f[1]);
            for (final FeatureColumn c : FeatureColumn.values())
            {
                final String v = f[2 + c.ordinal()];
                // a Float64 as the server prints it, read back to the double it is
                line.append(' ').append(v.equals("\\N") ? "null" :
                    c.type().isDouble() ? Double.toString(Double.parseDouble(v)) : v);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static int rows(final String table)
    {
        try
        {
            return Integer.parseInt(server.query("SELECT count() FROM fb." + table + " FORMAT TabSeparated").strip());
        }
        catch (final Exception ex)
        {
            return 0; // not made yet
        }
    }

    /** The live bar stage's bars of a spec, as {@link #read} prints rows, ordered by symbol and start. */
    private static List<String> liveBars(final Path journalDir, final String spec)
    {
        final List<String> bars = new ArrayList<>();
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true));
             JournalReader reader = journal.reader())
        {
            final BarFeed feed = new BarFeed(List.of(BarSpec.parse(spec)), false, b ->
            {
                final StringBuilder line = new StringBuilder(journal.instruments().byId(b.instrumentId()).orElseThrow()
                    .symbol()).append(' ').append(b.startNs());
                for (final FeatureColumn c : FeatureColumn.values())
                {
                    line.append(' ');
                    if (c.type().isDouble())
                    {
                        final double v = b.features().doubleValue(c);
                        line.append(Double.isNaN(v) ? "null" : Double.toString(v));
                    }
                    else
                    {
                        final long v = b.features().longValue(c);
                        line.append(v == Values.NONE ? "null" : Long.toString(v));
                    }
                }
                bars.add(line.toString());
            }, 5, null);
            final MessageDispatcher dispatcher = new MessageDispatcher();
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
        bars.sort(null); // the table's order: symbol, then start (the same width of digits throughout)
        return bars;
    }
}
