package dev.tickwire.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.sbe.TradeDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tickwire import binance} then {@code dump}: the trades as Binance published them. */
class ImportBinanceCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void spotDaysAcrossTheMicrosecondChangeThenAReimportThatAddsNothing() throws Exception
    {
        final Path dec31 = dir.resolve("BTCUSDT-trades-2024-12-31.csv");
        Files.writeString(dec31,
            "4000,93500.00000000,0.00010000,9.35000000,1735689599998,True,True\n" +
            "4001,93500.01000000,1.50000000,140250.01500000,1735689599999,False,True\n" +
            "4002,93500.0x,1.50000000,140250.01500000,1735689599999,False,True\n");   // malformed
        final Path jan1 = dir.resolve("BTCUSDT-trades-2025-01-01.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(jan1)))
        {
            out.write(("4003,93500.02000000,0.25000000,23375.00500000,1735689600000001,true,true\n" +
                "4004,93499.99000000,0.00100000,93.49999000,1735689600123456,false,true\n").getBytes(StandardCharsets.US_ASCII));
        }
        final Path journal = dir.resolve("data").resolve("journal");
        final CliTest.Result imported = CliTest.run("import", "binance", jan1.toString(), dec31.toString(),
            "--journal", journal.toString(), "--no-progress");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 5 rows from 2 file(s) into " + journal).contains("rows/s")
            .contains("trades 4, quotes 0, book deltas 0, snapshots 0, malformed 1, already in the journal 0")
            .contains("rejected 1 (malformed 1)");
        assertThat(imported.err()).contains("binance:BTCUSDT: price exponent -2, size exponent -4, tick size 0.01 (inferred from the data)");

        final List<JsonNode> lines = dump(journal);
        assertThat(lines).hasSize(5);
        assertTrade(lines.get(0), "2024-12-31T23:59:59.998000000Z", "93500.00", "0.0001", "sell", 4000);
        assertTrade(lines.get(1), "2024-12-31T23:59:59.999000000Z", "93500.01", "1.5000", "buy", 4001);
        assertThat(lines.get(2).get("verdict").asText()).isEqualTo("rejected");
        assertThat(lines.get(2).get("reason").asText()).isEqualTo("malformed");
        assertTrade(lines.get(3), "2025-01-01T00:00:00.000001000Z", "93500.02", "0.2500", "sell", 4003);
        assertTrade(lines.get(4), "2025-01-01T00:00:00.123456000Z", "93499.99", "0.0010", "buy", 4004);
        assertThat(lines).allSatisfy(l -> assertThat(l.get("symbol").asText()).isEqualTo("binance:BTCUSDT"));
        assertThat(lines.get(4).has("bid")).isFalse();
        assertThat(lines.get(4).has("ask")).isFalse();

        // the journal read back directly: mantissas at the inferred exponents
        final List<long[]> raw = trades(journal);
        assertThat(raw).extracting(t -> t[0]).containsExactly(9_350_000L, 9_350_001L, 0L, 9_350_002L, 9_349_999L);
        assertThat(raw).extracting(t -> t[1]).containsExactly(1L, 15_000L, 0L, 2_500L, 10L);

        final CliTest.Result again = CliTest.run("import", "binance", dec31.toString(), jan1.toString(),
            "--journal", journal.toString(), "--no-progress");
        assertThat(again.exitCode()).as(again.err()).isZero();
        // files before the last one journaled are not read again; the last one is, and adds nothing
        assertThat(again.out()).contains("imported 2 rows").contains("trades 0, quotes 0, book deltas 0, snapshots 0, malformed 0, already in the journal 2")
            .contains("rejected 0");
        assertThat(again.err()).contains("(as journaled before)");
        assertThat(dump(journal)).hasSize(5);
    }

    @Test
    void futuresAggTradesWithAHeaderAndGivenExponents() throws Exception
    {
        final Path file = dir.resolve("ETHUSDT-aggTrades-2025-02-03.csv");
        Files.writeString(file,
            "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n" +
            "77,2800.51,1.234,1000,1003,1738540800000,true\n" +
            "78,2800.52,0.001,1004,1004,1738540800001,false\n");
        final Path journal = dir.resolve("journal");
        final CliTest.Result imported = CliTest.run("import", "binance", file.toString(), "--journal", journal.toString(),
            "--price-exponent", "-3", "--size-exponent", "-3", "--tick-size", "0.01", "--no-progress");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 2 rows from 1 file(s) into " + journal).contains("trades 2, quotes 0, book deltas 0, snapshots 0, malformed 0").contains("rejected 0");
        assertThat(imported.err()).contains("binance-futures:ETHUSDT: price exponent -3, size exponent -3, tick size 0.010");
        final List<JsonNode> lines = dump(journal);
        assertThat(lines).hasSize(2);
        assertTrade(lines.get(0), "2025-02-03T00:00:00.000000000Z", "2800.510", "1.234", "sell", 77);
        assertTrade(lines.get(1), "2025-02-03T00:00:00.001000000Z", "2800.520", "0.001", "buy", 78);
        assertThat(lines).allSatisfy(l -> assertThat(l.get("symbol").asText()).isEqualTo("binance-futures:ETHUSDT"));
    }

    @Test
    void aLaterDayImportsAloneAndAgainWithTheFirstAddsNothing() throws Exception
    {
        final Path day1 = dir.resolve("BTCUSDT-trades-2024-03-01.csv");
        Files.writeString(day1, "1,67000.01,0.001,67.00001,1709251200000,true,true\n");
        final Path day2 = dir.resolve("BTCUSDT-trades-2024-03-02.csv");
        Files.writeString(day2, "2,67000.02,0.001,67.00002,1709337600000,true,true\n");
        final Path journal = dir.resolve("journal");
        assertThat(CliTest.run("import", "binance", day1.toString(), "--journal", journal.toString(), "--no-progress")
            .exitCode()).isZero();
        final CliTest.Result alone = CliTest.run("import", "binance", day2.toString(), "--journal", journal.toString(),
            "--no-progress");
        assertThat(alone.exitCode()).as(alone.err()).isZero();
        assertThat(alone.out()).contains("trades 1, quotes 0, book deltas 0, snapshots 0, malformed 0, already in the journal 0");
        final CliTest.Result both = CliTest.run("import", "binance", day1.toString(), day2.toString(),
            "--journal", journal.toString(), "--no-progress");
        assertThat(both.exitCode()).as(both.err()).isZero();
        assertThat(both.out()).contains("trades 0, quotes 0, book deltas 0, snapshots 0, malformed 0, already in the journal 1");
        assertThat(dump(journal)).extracting(l -> l.get("trade_id").asLong()).containsExactly(1L, 2L);
    }

    private static void assertTrade(final JsonNode line, final String ts, final String price, final String size,
        final String side, final long tradeId)
    {
        assertThat(line.get("type").asText()).isEqualTo("trade");
        assertThat(line.get("ts").asText()).isEqualTo(ts);
        assertThat(line.get("price").asText()).isEqualTo(price);
        assertThat(line.get("size").asText()).isEqualTo(size);
        assertThat(line.get("side").asText()).isEqualTo(side);
        assertThat(line.get("trade_id").asLong()).isEqualTo(tradeId);
        assertThat(line.get("verdict").asText()).isEqualTo("accepted");
    }

    /** {price, size} mantissas of every trade, read with the journal reader and the dispatcher. */
    private static List<long[]> trades(final Path journalDir)
    {
        final List<long[]> out = new ArrayList<>();
        final MessageDispatcher dispatcher = new MessageDispatcher();
        final MarketDataListener listener = new MarketDataListener()
        {
            @Override
            public void onTrade(final TradeDecoder t)
            {
                out.add(new long[] {t.price(), t.size()});
            }
        };
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true));
             JournalReader reader = journal.reader())
        {
            while (reader.poll((buffer, offset, length, index, watermark) -> dispatcher.dispatch(buffer, offset, listener),
                1000) > 0)
            {
                // to the end
            }
        }
        return out;
    }

    private static List<JsonNode> dump(final Path journal) throws Exception
    {
        final CliTest.Result dump = CliTest.run("dump", "--journal", journal.toString(), "--type", "trade");
        assertThat(dump.exitCode()).as(dump.err()).isZero();
        final List<JsonNode> lines = new ArrayList<>();
        for (final String line : dump.out().split("\n"))
        {
            if (!line.isBlank())
            {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }
}
