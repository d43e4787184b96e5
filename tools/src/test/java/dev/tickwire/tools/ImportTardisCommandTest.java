package dev.tickwire.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tickwire import tardis} then {@code dump}: the values as the Tardis files hold them. */
class ImportTardisCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 2024-06-13T12:00:00Z in µs. */
    private static final long T0 = 1_718_280_000_000_000L;

    @TempDir
    Path dir;

    private Path write(final String name, final boolean gzip, final String... lines) throws IOException
    {
        final Path file = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file))
        {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void importedTradesAndBookDumpExactlyAsTheFilesHoldThem() throws Exception
    {
        final Path trades = write("binance-futures_trades_2024-06-13_BTCUSDT.csv.gz", true,
            "exchange,symbol,timestamp,local_timestamp,id,side,price,amount",
            "binance-futures,BTCUSDT," + (T0 + 123_456) + "," + (T0 + 125_000) + ",5001,buy,67000.5,0.001",
            "binance-futures,BTCUSDT," + (T0 + 223_456) + "," + (T0 + 225_000) + ",5002,sell,x67000.0,0.002",
            "binance-futures,BTCUSDT," + (T0 + 323_456) + "," + (T0 + 325_000) + ",5003,sell,66999.9,0.250");
        final Path book = write("binance-futures_incremental_book_L2_2024-06-13_BTCUSDT.csv", false,
            "exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount",
            "binance-futures,BTCUSDT," + T0 + "," + (T0 + 10) + ",true,bid,66999.9,1.5",
            "binance-futures,BTCUSDT," + T0 + "," + (T0 + 10) + ",true,ask,67000.5,2",
            "binance-futures,BTCUSDT," + (T0 + 200_000) + "," + (T0 + 200_010) + ",false,ask,67000.5,0");
        final Path journal = dir.resolve("journal");
        final CliTest.Result imported = CliTest.run("import", "tardis", trades.toString(), book.toString(),
            "--journal", journal.toString(), "--no-progress");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 6 rows from 2 file(s)")
            .contains("trades 2, quotes 0, book deltas 4, snapshots 1, malformed 1, already in the journal 0")
            .contains("rejected 1 (malformed 1)").containsPattern("rows/s");
        assertThat(imported.err()).contains("binance-futures:BTCUSDT: price exponent -1, size exponent -3, tick size 0.1 " +
            "(inferred from the data)");
        assertThat(imported.err()).contains(trades + " line 3: ");

        final List<JsonNode> tradeLines = dump(journal, "trade");
        assertThat(tradeLines).hasSize(3);
        assertTrade(tradeLines.get(0), "2024-06-13T12:00:00.123456000Z", "67000.5", "0.001", "buy", 5001);
        assertThat(tradeLines.get(1).get("verdict").asText()).isEqualTo("rejected");
        assertThat(tradeLines.get(1).get("reason").asText()).isEqualTo("malformed");
        assertTrade(tradeLines.get(2), "2024-06-13T12:00:00.323456000Z", "66999.9", "0.250", "sell", 5003);
        assertThat(tradeLines).allSatisfy(l -> assertThat(l.get("symbol").asText()).isEqualTo("binance-futures:BTCUSDT"));

        final List<JsonNode> deltas = dump(journal, "book_delta");
        assertThat(deltas).extracting(d -> d.get("action").asText() + " " + d.get("side").asText() + " " +
            d.path("price").asText() + " " + d.path("size").asText() + " " + d.get("flags").asText()).containsExactly(
                "clear buy   snapshot",
                "modify buy 66999.9 1.500 snapshot",
                "modify sell 67000.5 2.000 snapshot|end_of_batch",
                "delete sell 67000.5 0.000 end_of_batch");
        assertThat(deltas.get(3).get("ts").asText()).isEqualTo("2024-06-13T12:00:00.200000000Z");

        final CliTest.Result book1 = CliTest.run("book", "--journal", journal.toString(), "--symbol", "binance-futures:BTCUSDT",
            "--at", "2024-06-13T12:00:01Z");
        assertThat(book1.exitCode()).as(book1.err()).isZero();
        assertThat(book1.out()).contains("66999.9").doesNotContain("67000.5");

        // importing the same files again adds nothing
        final CliTest.Result again = CliTest.run("import", "tardis", book.toString(), trades.toString(),
            "--journal", journal.toString(), "--no-progress");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("trades 0, quotes 0, book deltas 0, snapshots 0, malformed 0, " +
            "already in the journal 6");
        assertThat(dump(journal, "trade,book_delta")).hasSize(7);

        // the next day alone: imported (rows are numbered by their file's day, not its place in the list)
        final long day = 86_400_000_000L;
        final Path nextDay = write("binance-futures_trades_2024-06-14_BTCUSDT.csv.gz", true,
            "exchange,symbol,timestamp,local_timestamp,id,side,price,amount",
            "binance-futures,BTCUSDT," + (T0 + day) + "," + (T0 + day) + ",6001,buy,67100.5,0.001");
        final CliTest.Result alone = CliTest.run("import", "tardis", nextDay.toString(), "--journal", journal.toString(),
            "--no-progress");
        assertThat(alone.exitCode()).as(alone.err()).isZero();
        assertThat(alone.out()).contains("trades 1, quotes 0");
        assertThat(dump(journal, "trade,book_delta")).hasSize(8);
        // and given again with the first day: nothing more
        final CliTest.Result together = CliTest.run("import", "tardis", trades.toString(), nextDay.toString(),
            "--journal", journal.toString(), "--no-progress");
        assertThat(together.exitCode()).as(together.err()).isZero();
        assertThat(together.out()).contains("trades 0, quotes 0").contains("already in the journal 1");
        assertThat(dump(journal, "trade,book_delta")).hasSize(8);
    }

    @Test
    void givenExponentsAndAnUnknownHeader() throws Exception
    {
        final Path quotes = write("quotes.csv", false,
            "exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount",
            "deribit,ETH-PERPETUAL," + T0 + "," + T0 + ",100,3500.05,3500,2500");
        final Path journal = dir.resolve("journal");
        final CliTest.Result imported = CliTest.run("import", "tardis", quotes.toString(), "--journal", journal.toString(),
            "--price-exponent", "-3", "--size-exponent", "0", "--tick-size", "0.05", "--no-progress");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.err()).contains("deribit:ETH-PERPETUAL: price exponent -3, size exponent 0, tick size 0.050 (given)");
        final List<JsonNode> lines = dump(journal, "quote,instrument");
        assertThat(lines.get(0).get("tick_size").asText()).isEqualTo("0.050");
        assertThat(lines.get(1).get("bid").asText()).isEqualTo("3500.000");
        assertThat(lines.get(1).get("ask").asText()).isEqualTo("3500.050");
        assertThat(lines.get(1).get("bid_size").asText()).isEqualTo("2500");
        assertThat(lines.get(1).get("verdict").asText()).isEqualTo("accepted");

        final Path unknown = write("liquidations.csv", false, "exchange,symbol,timestamp,local_timestamp,id,side,price",
            "bitmex,XBTUSD," + T0 + "," + T0 + ",1,buy,67000");
        final CliTest.Result refused = CliTest.run("import", "tardis", unknown.toString(), "--journal", journal.toString(),
            "--no-progress");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains(unknown.toString()).contains("unknown Tardis CSV header");
    }

    private static void assertTrade(final JsonNode line, final String ts, final String price, final String size,
        final String side, final long id)
    {
        assertThat(line.get("type").asText()).isEqualTo("trade");
        assertThat(line.get("ts").asText()).isEqualTo(ts);
        assertThat(line.get("price").asText()).isEqualTo(price);
        assertThat(line.get("size").asText()).isEqualTo(size);
        assertThat(line.get("side").asText()).isEqualTo(side);
        assertThat(line.get("trade_id").asLong()).isEqualTo(id);
        assertThat(line.has("bid")).isFalse();
        assertThat(line.get("verdict").asText()).isEqualTo("accepted");
    }

    private static List<JsonNode> dump(final Path journal, final String types) throws Exception
    {
        final CliTest.Result dump = CliTest.run("dump", "--journal", journal.toString(), "--type", types);
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
