package dev.tickwire.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tickwire import lobster} on the real LOBSTER sample (the adapters module's test resources), then dump. */
class ImportLobsterCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLE = Path.of("../adapters/src/test/resources/lobster");
    private static final Path MESSAGES = SAMPLE.resolve("AAPL_2012-06-21_34200000_57600000_message_10.part1.csv");
    private static final Path ORDER_BOOK = SAMPLE.resolve("AAPL_2012-06-21_34200000_57600000_orderbook_10.part1.csv");

    @TempDir
    Path dir;

    @Test
    void importsTheSampleWithASummaryOfTradesAndCorrectionsAndOnlyOnce() throws Exception
    {
        assertThat(MESSAGES).exists();
        final Path journal = dir.resolve("journal");
        final CliTest.Result imported = CliTest.run("import", "lobster", MESSAGES.toString(), ORDER_BOOK.toString(),
            "--journal", journal.toString(), "--no-progress");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.err()).contains("AAPL 2012-06-21 (tick size 0.0100)");
        assertThat(imported.out())
            .contains("imported 500 messages from 2 file(s)")
            .contains("trades 88, quotes 0, book deltas 791, snapshots 0, malformed 0, already in the journal 0")
            .contains("adds 242, partial cancels 0, deletes 170, visible executions 63, hidden executions 25, cross trades 0, " +
                "halts 0, statuses 0, corrections 296, levels entering the window 143, levels leaving it 153, " +
                "sizes corrected 0, levels removed inside it 0, events of orders resting before the file 9")
            .contains("rejected 0");

        final List<JsonNode> trades = dump(journal, "trade");
        assertThat(trades).hasSize(88);
        // message 36: 34200.275016159,4,5740544,40,5857400,-1 — a resting sell order filled: a buy aggressor
        final JsonNode first = trades.get(0);
        assertThat(first.get("symbol").asText()).isEqualTo("AAPL");
        assertThat(first.get("ts").asText()).isEqualTo("2012-06-21T13:30:00.275016159Z");
        assertThat(first.get("price").asText()).isEqualTo("585.7400");
        assertThat(first.get("size").asText()).isEqualTo("40");
        assertThat(first.get("side").asText()).isEqualTo("buy");
        assertThat(first.get("bid").asText()).isEqualTo("585.7300");
        assertThat(first.get("ask").asText()).isEqualTo("585.7400");
        final long journaled = dump(journal, "trade,book_delta,status").size();

        final CliTest.Result again = CliTest.run("import", "lobster", MESSAGES.toString(), ORDER_BOOK.toString(),
            "--journal", journal.toString(), "--no-progress", "--venue", "NASDAQ");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("imported 500 messages").contains("already in the journal 500")
            .contains("trades 0, quotes 0, book deltas 0").contains("statuses 0, corrections 0");
        assertThat(dump(journal, "trade,book_delta,status")).hasSize((int)journaled);
    }

    @Test
    void filesGivenTheWrongWayRoundAreRefused() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final CliTest.Result swapped = CliTest.run("import", "lobster", ORDER_BOOK.toString(), MESSAGES.toString(),
            "--journal", journal.toString(), "--no-progress");
        assertThat(swapped.exitCode()).isEqualTo(2);
        assertThat(swapped.err()).contains("give the message file first");
        assertThat(Files.exists(journal.resolve("instruments.tsv"))).isFalse();
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
