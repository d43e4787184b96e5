package dev.tickwire.clickhouse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.Secrets;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.output.JournalTailer;
import dev.tickwire.engine.output.OutputSink;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.StatusCode;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ClickHouse output against a real server: exact values in, schema checks, credentials, failures. */
class ClickHouseOutputTest
{
    /** 2026-12-04T10:00:00.123456789Z and a day later: two partitions. */
    private static final long T = 1_796_378_400_123_456_789L;
    private static final long DAY = 86_400_000_000_000L;

    private static ClickHouseServer server;

    @TempDir
    Path tmp;

    private final MessageWriter writer = new MessageWriter();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
    private final CountersManager counters = new CountersManager(
        new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 16)), new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 14)));
    private long sequence;

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
    void everyMessageTypeArrivesWithExactValuesOnceAcrossRedelivery() throws Exception
    {
        final Path journalDir = tmp.resolve("journal");
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir)))
        {
            final InstrumentCatalog catalog = InstrumentCatalog.open(journalDir);
            final int es = catalog.register("ESZ6", "CME", -2, 0, 25).id();
            final int btc = catalog.register("BTCUSDT", "BINANCE", -8, -8, 1).id();
            final int tiny = catalog.register("TINY", "LAB", -20, -3, 1).id(); // beyond Decimal(38, 18)
            final JournalWriter out = journal.writer();

            append(out, writer.trade(buffer, 0, 7, 100, es, T, T + 5_000, 500_025, 3, Side.BUY, 77, 500_000,
                500_025));
            append(out, writer.trade(buffer, 0, 7, 101, btc, T + 1, T + 6_000, 9_876_543_210_987_654L, 12_345,
                Side.SELL, 78, Values.NONE, Values.NONE));
            append(out, writer.trade(buffer, 0, 7, 102, tiny, T + 2, T + 7_000, 123_456_789, -5, Side.NONE, 79,
                Values.NONE, Values.NONE));
            append(out, writer.quote(buffer, 0, 7, 103, es, T + 3, T + 8_000, 500_000, 10, 500_025, 12));
            append(out, writer.bookDelta(buffer, 0, 7, 104, es, T + 4, T + 9_000, BookAction.ADD, BookSide.ASK,
                500_050, 40, 3, DeltaFlagBits.SNAPSHOT | DeltaFlagBits.END_OF_BATCH));
            append(out, writer.bookDelta(buffer, 0, 7, 105, es, T + 5, T + 9_500, BookAction.CLEAR, BookSide.BID,
                0, 0, 0, 0));
            append(out, writer.status(buffer, 0, 7, 106, 0, T + 6, T + 10_000, StatusCode.GAP, 42));
            final int off = writer.trade(buffer, 0, 7, 107, es, T + 7, T + 11_000, 500_010, 1, Side.BUY, 80, 0, 0);
            Envelope.reject(buffer, 0, RejectReason.PRICE_OFF_TICK);
            append(out, off);
            // the next day: another partition, same insert batch
            append(out, writer.trade(buffer, 0, 7, 108, es, T + DAY, T + DAY + 1, 500_100, 2, Side.SELL, 81, 0, 0));

            final OutputSink sink = create("ch", Map.of("database", "rt", "monitorInterval", "1s"));
            final JournalTailer tailer = tailer(journal, sink);
            tailer.onStart();
            while (tailer.doWork() > 0)
            {
                Thread.onSpinWait();
            }
            tailer.onClose();

            assertThat(server.query("SELECT seq, instrument_id, symbol, source_id, source_pos, ts_ns, recv_ns, dt, " +
                "price_e, size_e, price_m, price, size_m, size, bid_m, bid, ask_m, ask, side, trade_id " +
                "FROM rt.trades FINAL ORDER BY seq FORMAT TabSeparated")).isEqualTo(
                "1\t" + es + "\tESZ6\t7\t100\t" + T + "\t" + (T + 5_000) + "\t2026-12-04 10:00:00\t-2\t0\t500025\t" +
                    "5000.250000000000000000\t3\t3.000000000000000000\t500000\t5000.000000000000000000\t500025\t" +
                    "5000.250000000000000000\tbuy\t77\n" +
                "2\t" + btc + "\tBTCUSDT\t7\t101\t" + (T + 1) + "\t" + (T + 6_000) + "\t2026-12-04 10:00:00\t-8\t-8\t" +
                    "9876543210987654\t98765432.109876540000000000\t12345\t0.000123450000000000\t\\N\t\\N\t\\N\t\\N\t" +
                    "sell\t78\n" +
                // exponent -20: the mantissa is exact, the Decimal(38, 18) would have to round, so NULL
                "3\t" + tiny + "\tTINY\t7\t102\t" + (T + 2) + "\t" + (T + 7_000) + "\t2026-12-04 10:00:00\t-20\t-3\t" +
                    "123456789\t\\N\t-5\t-0.005000000000000000\t\\N\t\\N\t\\N\t\\N\tnone\t79\n" +
                "9\t" + es + "\tESZ6\t7\t108\t" + (T + DAY) + "\t" + (T + DAY + 1) + "\t2026-12-05 10:00:00\t-2\t0\t" +
                    "500100\t5001.000000000000000000\t2\t2.000000000000000000\t0\t0.000000000000000000\t0\t" +
                    "0.000000000000000000\tsell\t81\n");
            assertThat(server.query("SELECT seq, symbol, bid, bid_size, ask, ask_size, bid_m, ask_size_m FROM " +
                "rt.quotes FINAL FORMAT TabSeparated")).isEqualTo("4\tESZ6\t5000.000000000000000000\t" +
                "10.000000000000000000\t5000.250000000000000000\t12.000000000000000000\t500000\t12\n");
            assertThat(server.query("SELECT seq, action, side, price, size, orders, snapshot, end_of_batch, " +
                "correction FROM rt.book_deltas FINAL ORDER BY seq FORMAT TabSeparated")).isEqualTo(
                "5\tadd\tsell\t5000.500000000000000000\t40.000000000000000000\t3\t1\t1\t0\n" +
                "6\tclear\tbuy\t\\N\t\\N\t0\t0\t0\t0\n");
            assertThat(server.query("SELECT seq, instrument_id, symbol, status, value, ts_ns FROM rt.statuses FINAL " +
                "FORMAT TabSeparated")).isEqualTo("7\t0\t\tgap\t42\t" + (T + 6) + "\n");
            final String reject = server.query("SELECT seq, symbol, type, reason, message FROM rt.rejects FINAL " +
                "FORMAT TabSeparated");
            assertThat(reject).startsWith("8\tESZ6\ttrade\tprice_off_tick\t{\"type\":\"trade\"")
                .contains("\"price\":\"5000.10\"", "\"reason\":\"price_off_tick\"");
            assertThat(server.query("SELECT partition, sum(rows) FROM system.parts WHERE database = 'rt' AND " +
                "table = 'trades' AND active GROUP BY partition ORDER BY partition FORMAT TabSeparated"))
                .isEqualTo("20261204\t3\n20261205\t1\n");
            server.query("SYSTEM FLUSH LOGS");
            assertThat(server.query("SELECT count() FROM system.query_log WHERE query_id = 'tickwire-ch-trades-1-3'" +
                " AND type = 2 FORMAT TabSeparated").strip()).as("deterministic query ids").isNotEqualTo("0");

            // delivered again from scratch (a lost checkpoint): nothing is inserted twice, not even before FINAL
            java.nio.file.Files.walk(journalDir.resolve("outputs")).sorted(java.util.Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
            append(out, writer.trade(buffer, 0, 7, 109, es, T + DAY + 2, T + DAY + 3, 500_125, 1, Side.BUY, 82, 0,
                0));
            final OutputSink again = create("ch", Map.of("database", "rt"));
            final JournalTailer second = tailer(journal, again);
            second.onStart();
            while (second.doWork() > 0)
            {
                Thread.onSpinWait();
            }
            second.onClose();
            assertThat(counts("rt")).isEqualTo("trades 5 5 5, quotes 1 1 1, book_deltas 2 2 2, statuses 1 1 1, " +
                "rejects 1 1 1");
        }
    }

    @Test
    void monitorTablesGetRowsPerInterval() throws Exception
    {
        final Path journalDir = tmp.resolve("journal");
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir)))
        {
            final int es = InstrumentCatalog.open(journalDir).register("ESZ6", "CME", -2, 0, 25).id();
            final JournalWriter out = journal.writer();
            final OutputSink sink = create("mon", Map.of("database", "mon", "monitorInterval", "1s"));
            final JournalTailer tailer = tailer(journal, sink);
            tailer.onStart();
            final long until = System.nanoTime() + 3_500_000_000L;
            long position = 0;
            while (System.nanoTime() < until)
            {
                append(out, writer.trade(buffer, 0, 7, ++position, es, T + position, T + position, 500_000, 1,
                    Side.BUY, position, 0, 0));
                final int length = writer.trade(buffer, 0, 7, ++position, es, T + position, T + position, 500_001, 1,
                    Side.BUY, position, 0, 0);
                Envelope.reject(buffer, 0, RejectReason.PRICE_OFF_TICK);
                append(out, length);
                tailer.doWork();
                Thread.sleep(20);
            }
            tailer.onClose();
            final String[] monitor = server.query("SELECT count(), sum(rows), max(insert_ms_max) < 10000, " +
                "min(batches) > 0 FROM mon.tickwire_monitor WHERE output = 'mon' AND table = 'trades' " +
                "FORMAT TabSeparated").strip().split("\t");
            assertThat(Integer.parseInt(monitor[0])).as("a row per second that is over").isGreaterThanOrEqualTo(2);
            assertThat(Long.parseLong(monitor[1])).isPositive().isLessThanOrEqualTo(position / 2);
            assertThat(monitor[2]).isEqualTo("1");
            assertThat(monitor[3]).isEqualTo("1");
            final String[] rejects = server.query("SELECT count(), sum(count), any(reason) FROM " +
                "mon.tickwire_rejects WHERE output = 'mon' FORMAT TabSeparated").strip().split("\t");
            assertThat(Integer.parseInt(rejects[0])).isGreaterThanOrEqualTo(2);
            assertThat(Long.parseLong(rejects[1])).isPositive().isLessThanOrEqualTo(position / 2);
            assertThat(rejects[2]).isEqualTo("price_off_tick");
        }
    }

    @Test
    void aTableOfAnotherShapeFailsAtStartNamingTableAndColumn() throws Exception
    {
        server.query("CREATE DATABASE IF NOT EXISTS shape");
        server.query("CREATE TABLE shape.x_quotes (seq UInt64, instrument_id Int32) ENGINE = MergeTree ORDER BY seq");
        assertThatThrownBy(() -> create("shape", Map.of("database", "shape", "tablePrefix", "x_")))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("table shape.x_quotes has no column symbol (String)");

        server.query("CREATE TABLE shape.y_trades (seq UInt64, instrument_id UInt32) ENGINE = MergeTree ORDER BY seq");
        assertThatThrownBy(() -> create("shape", Map.of("database", "shape", "tablePrefix", "y_")))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("table shape.y_trades column instrument_id is UInt32, not Int32");

        // created when missing, all of them, and accepted the next time
        create("fresh", Map.of("database", "fresh", "tablePrefix", "z_")).close();
        assertThat(server.query("SELECT name FROM system.tables WHERE database = 'fresh' ORDER BY name " +
            "FORMAT TabSeparated")).isEqualTo("z_book_deltas\nz_candles\nz_derivative_tickers\nz_liquidations\n" +
            "z_option_summaries\nz_quotes\nz_rejects\nz_statuses\nz_tickwire_monitor\nz_tickwire_rejects\nz_trades\n");
        create("fresh", Map.of("database", "fresh", "tablePrefix", "z_")).close();
        assertThat(server.query("SHOW CREATE TABLE fresh.z_trades FORMAT TabSeparated"))
            .contains("ReplacingMergeTree", "PARTITION BY toYYYYMMDD(dt)", "ORDER BY (instrument_id, seq)",
                "dt DateTime MATERIALIZED toDateTime(intDiv(ts_ns, 1000000000))");
    }

    @Test
    void credentialsGoInHeadersAndNeverIntoMessages() throws Exception
    {
        final Secrets right = new Secrets(Map.of("CH_PW", ClickHouseServer.PASSWORD)::get);
        final ObjectNode node = node(Map.of("database", "auth", "user", ClickHouseServer.USER, "passwordEnv",
            "CH_PW"));
        new ClickHouseOutputFactory().create("outputs[0]", "auth", node, config(), right).close();
        assertThat(server.query("SELECT count() FROM system.tables WHERE database = 'auth' FORMAT TabSeparated"))
            .isEqualTo("11\n");

        final Secrets wrong = new Secrets(Map.of("CH_PW", "not-the-password")::get);
        assertThatThrownBy(() -> new ClickHouseOutputFactory().create("outputs[0]", "auth", node, config(), wrong))
            .hasMessageContaining("Wrong password for user " + ClickHouseServer.USER)
            .hasMessageNotContaining("not-the-password");

        assertThatThrownBy(() -> create("x", Map.of("url", "http://tickwire:hunter2@127.0.0.1:8123")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[0].url")
            .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> create("x", Map.of("database", "no-dashes")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[0].database");
        assertThatThrownBy(() -> create("x", Map.of("timeout", "0s")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("outputs[0].timeout");
        assertThatThrownBy(() -> create("x", Map.of("flavour", "mild")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("flavour");
    }

    @Test
    void aStoppedServerFailsTheFlushQuicklyAndTheRowsComeAfterItsRestart() throws Exception
    {
        final Path journalDir = tmp.resolve("journal");
        try (ClickHouseServer own = ClickHouseServer.start(tmp.resolve("server"));
             Journal journal = Journal.open(new Journal.Context().dir(journalDir)))
        {
            final int es = InstrumentCatalog.open(journalDir).register("ESZ6", "CME", -2, 0, 25).id();
            final JournalWriter out = journal.writer();
            final ObjectNode node = node(Map.of("database", "outage", "timeout", "2s"));
            node.put("url", own.url().toString());
            final OutputSink sink = new ClickHouseOutputFactory().create("outputs[0]", "outage", node, config());
            for (int i = 1; i <= 10; i++)
            {
                append(out, writer.trade(buffer, 0, 7, i, es, T + i, T + i, 500_000 + i, 1, Side.BUY, i, 0, 0));
            }
            final JournalTailer tailer = tailer(journal, sink);
            tailer.onStart();
            while (tailer.doWork() > 0)
            {
                Thread.onSpinWait();
            }
            own.stop();
            for (int i = 11; i <= 20; i++)
            {
                append(out, writer.trade(buffer, 0, 7, i, es, T + i, T + i, 500_000 + i, 1, Side.BUY, i, 0, 0));
            }
            sink.onMessage(buffer, 0, 0, 0, 0); // trade 20, which the tailer has not flushed
            final long started = System.nanoTime();
            assertThatThrownBy(sink::flush).isInstanceOf(IOException.class)
                .hasMessageContaining("unreachable").hasMessageContaining("127.0.0.1");
            assertThat((System.nanoTime() - started) / 1_000_000).as("bounded by the timeout").isLessThan(10_000);

            tailer.onClose(); // its last flush fails too: said, and the rows come again at the next start
            own.restart();
            final OutputSink again = new ClickHouseOutputFactory().create("outputs[0]", "outage", node, config());
            final JournalTailer resumed = tailer(journal, again);
            resumed.onStart();
            while (resumed.doWork() > 0)
            {
                Thread.onSpinWait();
            }
            resumed.onClose();
            assertThat(own.query("SELECT count(), uniqExact(seq), min(seq), max(seq) FROM outage.trades " +
                "FORMAT TabSeparated")).isEqualTo("20\t20\t1\t20\n");

            own.query("DROP TABLE outage.trades");
            append(out, writer.trade(buffer, 0, 7, 21, es, T + 21, T + 21, 500_021, 1, Side.BUY, 21, 0, 0));
            again.onMessage(buffer, 0, 0, 0, 0); // any message; the flush meets the missing table
            assertThatThrownBy(again::flush).hasMessageContaining("Code: 60")
                .hasMessageContaining("outage.trades");
        }
    }

    @Test
    void theBenchHelperReplaysAJournalIntoClickHouse() throws Exception
    {
        final Path journalDir = tmp.resolve("journal");
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir)))
        {
            final int es = InstrumentCatalog.open(journalDir).register("ESZ6", "CME", -2, 0, 25).id();
            final JournalWriter out = journal.writer();
            for (int i = 1; i <= 20_000; i++)
            {
                append(out, writer.trade(buffer, 0, 7, i, es, T + i, T + i, 500_000 + 25 * (i % 40), 4,
                    Side.BUY, i, 0, 0));
            }
        }
        final ClickHouseSinkBench.Result result = ClickHouseSinkBench.run(journalDir, server.url().toString(),
            "bench", 5_000);
        System.out.println("ClickHouseSinkBench (test-sized, not a measurement): " + result);
        assertThat(result.messages()).isEqualTo(20_000);
        assertThat(server.query("SELECT count(), sum(size) FROM bench.trades FORMAT TabSeparated"))
            .isEqualTo("20000\t80000.000000000000000000\n");
    }

    /** trades, quotes, book_deltas, statuses, rejects: "table count() count(FINAL) uniqExact(seq)". */
    static String counts(final String database) throws IOException
    {
        final StringBuilder sb = new StringBuilder();
        for (final String t : new String[] {"trades", "quotes", "book_deltas", "statuses", "rejects"})
        {
            final String plain = server.query("SELECT count() FROM " + database + "." + t + " FORMAT TabSeparated")
                .strip();
            final String[] fin = server.query("SELECT count(), uniqExact(seq) FROM " + database + "." + t +
                " FINAL FORMAT TabSeparated").strip().split("\t");
            sb.append(sb.length() == 0 ? "" : ", ").append(t).append(' ').append(plain).append(' ').append(fin[0])
                .append(' ').append(fin[1]);
        }
        return sb.toString();
    }

    @Test
    void referenceDataArrivesInItsTablesWithEveryValueExactAtItsExponent() throws Exception
    {
        final Path journalDir = tmp.resolve("journal");
        final long t0 = dev.tickwire.wire.Timestamps.parse("2024-03-05T10:00:00Z");
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir)))
        {
            final var instruments = dev.tickwire.engine.rows.ReferenceSamples.register(journal.instruments());
            final var samples = new dev.tickwire.engine.rows.ReferenceSamples(7);
            final JournalWriter out = journal.writer();
            final java.util.List<byte[]> messages = new java.util.ArrayList<>(samples.definitions(instruments, t0));
            messages.addAll(samples.round(instruments, t0, 0));
            messages.addAll(samples.round(instruments, t0, 1));
            messages.add(samples.rejectedTicker(instruments[0], t0 + 61_000_000_000L));
            for (final byte[] m : messages)
            {
                buffer.putBytes(0, m);
                append(out, m.length);
            }
            final OutputSink sink = create("ref", Map.of("database", "ref"));
            final JournalTailer tailer = tailer(journal, sink);
            tailer.onStart();
            while (tailer.doWork() > 0)
            {
                Thread.onSpinWait();
            }
            tailer.onClose();
        }
        assertThat(server.query("SELECT seq, symbol, price_e, size_e, rate_e, funding_time_ns, funding_rate_m, funding_rate, " +
            "predicted_funding_rate, open_interest, last_price, index_price, mark_price_m, mark_price " +
            "FROM ref.derivative_tickers FINAL ORDER BY seq FORMAT TabSeparated")).isEqualTo(
            "4\tBTC-PERP\t-8\t-3\t-8\t" + (t0 + 480 * 60_000_000_000L) + "\t-12345\t-0.000123450000000000\t\\N\t" +
                "12345.678000000000000000\t43521.100000000000000000\t43520.987654320000000000\t4352112345678\t" +
                "43521.123456780000000000\n" +
            "8\tBTC-PERP\t-8\t-3\t-8\t\\N\t-12345\t-0.000123450000000000\t\\N\t12345.679000000000000000\t" +
                "43521.100000000000000000\t43520.987654320000000000\t4352112345679\t43521.123456790000000000\n");
        assertThat(server.query("SELECT seq, symbol, option_type, expiration_ns, value_e, strike_price, mark_price, mark_iv, " +
            "delta, gamma, vega, theta, rho, bid_iv, underlying_price, open_interest FROM ref.option_summaries FINAL " +
            "ORDER BY seq FORMAT TabSeparated")).isEqualTo(
            "6\tBTC-27DEC24-50000-C\tcall\t1735286400000000000\t-8\t50000.000000000000000000\t0.041500000000000000\t" +
                "65.123400000000000000\t0.512300000000000000\t0.000012340000000000\t12.345600000000000000\t" +
                "-45.678900000000000000\t\\N\t64.500000000000000000\t43521.120000000000000000\t1234.500000000000000000\n" +
            "10\tBTC-27DEC24-50000-C\tcall\t1735286400000000000\t-8\t50000.000000000000000000\t0.041500000000000000\t" +
                "65.123400010000000000\t0.512300000000000000\t0.000012340000000000\t\\N\t-45.678900000000000000\t\\N\t" +
                "\\N\t43521.120000000000000000\t1234.600000000000000000\n");
        assertThat(server.query("SELECT seq, start_ns, interval_ns, open, high, low, close, volume, buy_volume, trades " +
            "FROM ref.candles FINAL ORDER BY seq FORMAT TabSeparated")).isEqualTo(
            "3\t" + (t0 - 60_000_000_000L) + "\t60000000000\t43500.000000000000000000\t43525.500000000000000000\t" +
                "43490.100000000000000000\t43521.100000000000000000\t12.345000000000000000\t7.500000000000000000\t321\n" +
            "7\t" + t0 + "\t60000000000\t43500.100000000000000000\t43525.600000000000000000\t43490.200000000000000000\t" +
                "43521.200000000000000000\t12.345000000000000000\t\\N\t\\N\n");
        assertThat(server.query("SELECT seq, price, size, side, liquidation_id FROM ref.liquidations FINAL ORDER BY seq " +
            "FORMAT TabSeparated")).isEqualTo(
            "5\t43480.500000000000000000\t0.250000000000000000\tsell\t99\n" +
            "9\t43480.500000000000000000\t0.250000000000000000\tbuy\t\\N\n");
        assertThat(server.query("SELECT type, reason, message FROM ref.rejects FINAL FORMAT TabSeparated"))
            .startsWith("derivative_ticker\tmalformed\t").contains("\"funding_rate\":\"7e-40\"");
    }

    private void append(final JournalWriter out, final int length)
    {
        Envelope.sequence(buffer, 0, ++sequence);
        out.append(buffer, 0, length);
    }

    private JournalTailer tailer(final Journal journal, final OutputSink sink)
    {
        return new JournalTailer(journal, "ch", sink, 1_000, 1_000_000L, counters.newCounter("delivered"),
            counters.newCounter("errors"));
    }

    private OutputSink create(final String name, final Map<String, String> keys)
    {
        return new ClickHouseOutputFactory().create("outputs[0]", name, node(keys), config());
    }

    private static ObjectNode node(final Map<String, String> keys)
    {
        final ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "clickhouse");
        node.put("url", server.url().toString());
        keys.forEach(node::put);
        return node;
    }

    private TickwireConfig config()
    {
        final TickwireConfig config = new TickwireConfig();
        config.dataDir = tmp.toString();
        return config;
    }
}
