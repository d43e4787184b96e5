package dev.tickwire.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.adapters.sierra.DepthFileWriter;
import dev.tickwire.adapters.sierra.DepthFormat;
import dev.tickwire.adapters.sierra.ScidFileWriter;
import dev.tickwire.adapters.sierra.ScidFormat;
import dev.tickwire.wire.Timestamps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tickwire import sierra} then {@code dump}: the values as Sierra Chart recorded them. */
class ImportSierraCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void importedTradesDumpExactlyAsRecorded() throws Exception
    {
        final Path scid = dir.resolve("ESM25_FUT_CME.scid");
        final long t0 = Timestamps.parse("2025-06-13T13:30:00.123456Z");
        try (ScidFileWriter w = new ScidFileWriter(scid))
        {
            w.bar(t0 - 60_000_000_000L, 5000.0f, 5001.0f, 4999.0f, 5000.5f, 250, 900); // downloaded history
            w.trade(t0, 5000.25f, 5000.0f, 5000.25f, 3, 1, ScidFormat.SINGLE_TRADE);
            w.trade(t0, 5000.25f, 5000.0f, 5000.25f, 2, 1, ScidFormat.FIRST_SUB_TRADE); // same µs: counter +1
            w.trade(t0, 5000.0f, 5000.0f, 5000.25f, 4, -1, ScidFormat.LAST_SUB_TRADE);
            w.quote(t0 + 5_000_000L, 5000.0f, 5000.5f, 17, 9);
            w.trade(t0 + 7_000_000L, 5000.75f, 5000.5f, 5000.75f, 1, 0, ScidFormat.SINGLE_TRADE); // outside the bid/ask
        }
        final Path journal = dir.resolve("journal");
        final CliTest.Result imported = CliTest.run("import", "sierra", scid.toString(), "--journal", journal.toString(),
            "--no-progress");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 6 records").contains("trades 4, quotes 1, book deltas 0").contains("bar records skipped 1")
            .contains("rejected 0");
        assertThat(imported.err()).contains("tick size 0.25 (inferred");

        final List<JsonNode> lines = dump(journal, "trade,quote");
        assertThat(lines).hasSize(5);
        assertTrade(lines.get(0), "2025-06-13T13:30:00.123456000Z", "5000.25", "3", "buy", "5000.00", "5000.25");
        assertTrade(lines.get(1), "2025-06-13T13:30:00.123457000Z", "5000.25", "2", "buy", "5000.00", "5000.25");
        assertTrade(lines.get(2), "2025-06-13T13:30:00.123458000Z", "5000.00", "4", "sell", "5000.00", "5000.25");
        assertThat(lines.get(3).get("type").asText()).isEqualTo("quote");
        assertThat(lines.get(3).get("ts").asText()).isEqualTo("2025-06-13T13:30:00.128456000Z");
        assertThat(lines.get(3).get("bid").asText()).isEqualTo("5000.00");
        assertThat(lines.get(3).get("ask").asText()).isEqualTo("5000.50");
        assertThat(lines.get(3).get("bid_size").asText()).isEqualTo("17");
        assertThat(lines.get(3).get("ask_size").asText()).isEqualTo("9");
        assertTrade(lines.get(4), "2025-06-13T13:30:00.130456000Z", "5000.75", "1", "none", "5000.50", "5000.75");
        assertThat(lines).allSatisfy(l -> assertThat(l.get("symbol").asText()).isEqualTo("ESM25_FUT_CME"));

        // importing the same file again adds nothing
        final CliTest.Result again = CliTest.run("import", "sierra", scid.toString(), "--journal", journal.toString(),
            "--no-progress", "--tick-size", "0.25");
        assertThat(again.out()).contains("imported 0 records");
        assertThat(dump(journal, "trade,quote")).hasSize(5);
    }

    @Test
    void depthFilesImportInDayOrderIntoOneBook() throws Exception
    {
        final Path depthDir = dir.resolve("MarketDepthData");
        Files.createDirectories(depthDir);
        final LocalDate day1 = LocalDate.parse("2025-06-12");
        final LocalDate day2 = LocalDate.parse("2025-06-13");
        final long t1 = Timestamps.parse("2025-06-12T13:30:00Z");
        final long t2 = Timestamps.parse("2025-06-13T00:00:00.5Z");
        try (DepthFileWriter w = new DepthFileWriter(depthDir.resolve(DepthFormat.fileName("NQM25_FUT_CME", day1))))
        {
            w.clearBook(t1);
            w.record(t1, DepthFormat.ADD_BID_LEVEL, 0, 3, 20000.0f, 5);
            w.record(t1, DepthFormat.ADD_ASK_LEVEL, DepthFormat.FLAG_END_OF_BATCH, 2, 20000.25f, 7);
            w.record(t1 + 1000, DepthFormat.MODIFY_BID_LEVEL, DepthFormat.FLAG_END_OF_BATCH, 4, 20000.0f, 9);
            final byte[] unknown = new byte[DepthFormat.RECORD_SIZE];
            DepthFormat.writeRecord(new org.agrona.concurrent.UnsafeBuffer(unknown), 0, ScidFormat.toScDateTime(t1 + 2000),
                9, DepthFormat.FLAG_END_OF_BATCH, 1, 20000.0f, 1);
            w.rawRecord(unknown); // an unknown command: journaled as rejected
        }
        try (DepthFileWriter w = new DepthFileWriter(depthDir.resolve(DepthFormat.fileName("NQM25_FUT_CME", day2))))
        {
            w.clearBook(t2);
            w.record(t2, DepthFormat.ADD_BID_LEVEL, 0, 1, 20010.0f, 1);
            w.record(t2, DepthFormat.ADD_ASK_LEVEL, DepthFormat.FLAG_END_OF_BATCH, 1, 20010.5f, 2);
        }
        final Path journal = dir.resolve("journal");
        // given newest first on purpose: the importer reads them in day order
        final CliTest.Result imported = CliTest.run("import", "sierra",
            depthDir.resolve(DepthFormat.fileName("NQM25_FUT_CME", day2)).toString(),
            depthDir.resolve(DepthFormat.fileName("NQM25_FUT_CME", day1)).toString(),
            "--journal", journal.toString(), "--tick-size", "0.25", "--no-progress");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 8 records").contains("book deltas 8").contains("rejected 1 (malformed 1)");

        final List<JsonNode> deltas = dump(journal, "book_delta");
        assertThat(deltas).extracting(l -> l.get("ts").asText()).containsExactly(
            "2025-06-12T13:30:00.000000000Z", "2025-06-12T13:30:00.000000000Z", "2025-06-12T13:30:00.000000000Z",
            "2025-06-12T13:30:00.000001000Z", "2025-06-12T13:30:00.000002000Z",
            "2025-06-13T00:00:00.500000000Z", "2025-06-13T00:00:00.500000000Z", "2025-06-13T00:00:00.500000000Z");
        assertThat(deltas.get(0).get("flags").asText()).isEqualTo("snapshot");
        assertThat(deltas.get(2).get("flags").asText()).isEqualTo("snapshot|end_of_batch");
        assertThat(deltas.get(3).get("action").asText()).isEqualTo("modify");
        assertThat(deltas.get(3).get("size").asText()).isEqualTo("9");
        assertThat(deltas.get(3).get("orders").asInt()).isEqualTo(4);
        assertThat(deltas.get(4).get("verdict").asText()).isEqualTo("rejected");
        assertThat(deltas.get(4).get("reason").asText()).isEqualTo("malformed");
        assertThat(deltas.get(7).get("price").asText()).isEqualTo("20010.50");
        assertThat(deltas.get(7).get("side").asText()).isEqualTo("sell");
    }

    private static void assertTrade(final JsonNode line, final String ts, final String price, final String size,
        final String side, final String bid, final String ask)
    {
        assertThat(line.get("type").asText()).isEqualTo("trade");
        assertThat(line.get("ts").asText()).isEqualTo(ts);
        assertThat(line.get("price").asText()).isEqualTo(price);
        assertThat(line.get("size").asText()).isEqualTo(size);
        assertThat(line.get("side").asText()).isEqualTo(side);
        assertThat(line.get("bid").asText()).isEqualTo(bid);
        assertThat(line.get("ask").asText()).isEqualTo(ask);
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
