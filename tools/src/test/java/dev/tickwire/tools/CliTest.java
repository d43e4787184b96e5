package dev.tickwire.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aeron.CommonContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a user runs it: the demo, then dump and stat on what it wrote. */
class CliTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String previousAeronDir;

    @BeforeEach
    void ownAeronDir()
    {
        // the demo's embedded driver gets a directory of its own, so tests never meet another driver
        previousAeronDir = System.getProperty("tickwire.aeron.dir");
        System.setProperty("tickwire.aeron.dir", CommonContext.generateRandomDirName());
    }

    @AfterEach
    void restoreAeronDir()
    {
        if (previousAeronDir == null)
        {
            System.clearProperty("tickwire.aeron.dir");
        }
        else
        {
            System.setProperty("tickwire.aeron.dir", previousAeronDir);
        }
    }

    @Test
    void sierraDemoTailsItsSimulatedFolder() throws Exception
    {
        final Path data = dir.resolve("data");
        final Result run = run("run", "--duration", "3s", "--data-dir", data.toString());
        assertThat(run.exitCode).isZero();
        assertThat(run.out).contains("simulated Sierra Chart").contains("ticks/s").contains("done:");
        assertThat(data.resolve("logs/tickwire.log")).as("the run's log file").isRegularFile();
        // the status line shows each contract's best bid x ask from its depth book
        assertThat(run.out).containsPattern("ESZ26_FUT_CME \\d+\\.\\d\\d x \\d+\\.\\d\\d")
            .containsPattern("NQZ26_FUT_CME \\d+\\.\\d\\d x \\d+\\.\\d\\d");
        final List<JsonNode> lines = parse(run("dump", "--journal", data.resolve("journal").toString(),
            "--type", "trade,quote,book_delta").out);
        assertThat(lines).isNotEmpty();
        assertThat(lines).anySatisfy(l -> assertThat(l.get("type").asText()).isEqualTo("trade"));
        assertThat(lines).anySatisfy(l -> assertThat(l.get("type").asText()).isEqualTo("quote"));
        assertThat(lines).anySatisfy(l -> assertThat(l.path("action").asText()).isEqualTo("clear"));
        assertThat(lines).allSatisfy(l ->
        {
            assertThat(l.get("verdict").asText()).isEqualTo("accepted");
            assertThat(l.get("symbol").asText()).isIn("ESZ26_FUT_CME", "NQZ26_FUT_CME");
        });
        final JsonNode trade = lines.stream().filter(l -> l.get("type").asText().equals("trade")).findFirst().orElseThrow();
        assertThat(trade.get("price").asText()).isIn(trade.get("bid").asText(), trade.get("ask").asText());
    }

    @Test
    void syntheticDemoRunsThenDumpShowsTheJournaledTicks() throws Exception
    {
        final Path data = dir.resolve("data");
        final Result run = run("run", "--demo", "synthetic", "--duration", "3s", "--data-dir", data.toString());
        assertThat(run.exitCode).isZero();
        assertThat(run.out).contains("tickwire demo").contains("ticks/s").contains("ESZ6").contains("NQZ6").contains("done:");
        assertThat(run.out.lines().filter(l -> l.contains("ticks/s")).count()).isGreaterThanOrEqualTo(2);

        final Result dump = run("dump", "--journal", data.resolve("journal").toString(), "--limit", "500");
        assertThat(dump.exitCode).isZero();
        final List<JsonNode> lines = parse(dump.out);
        assertThat(lines).hasSize(500);
        assertThat(lines.get(0).get("type").asText()).isEqualTo("instrument");
        long lastSeq = -1;
        for (final JsonNode line : lines)
        {
            assertThat(line.get("seq").asLong()).isGreaterThan(lastSeq);
            lastSeq = line.get("seq").asLong();
            assertThat(line.get("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");
            assertThat(line.has("ts_ns")).isTrue();
            assertThat(line.has("recv_ns")).isTrue();
            assertThat(line.get("symbol").asText()).isIn("ESZ6", "NQZ6");
            assertThat(line.get("verdict").asText()).isIn("accepted", "rejected");
            // instrument definitions come from the engine (source 0), ticks from the synthetic source 1
            assertThat(line.get("source").asInt()).isEqualTo(line.get("type").asText().equals("instrument") ? 0 : 1);
        }
        final JsonNode trade = lines.stream().filter(l -> l.get("type").asText().equals("trade")).findFirst().orElseThrow();
        assertThat(trade.get("price").asText()).matches("\\d+\\.\\d\\d");
        assertThat(trade.get("side").asText()).isIn("buy", "sell");
        assertThat(trade.has("bid")).isTrue();
        assertThat(trade.has("action")).isFalse();
        final JsonNode delta = lines.stream().filter(l -> l.get("type").asText().equals("book_delta")).findFirst().orElseThrow();
        assertThat(delta.get("action").asText()).isIn("clear", "add", "modify", "delete");
        assertThat(delta.has("flags")).isTrue();

        final Result trades = run("dump", "--journal", data.resolve("journal").toString(), "--type", "trade",
            "--symbol", "NQZ6", "--limit", "50");
        final List<JsonNode> onlyTrades = parse(trades.out);
        assertThat(onlyTrades).hasSize(50).allSatisfy(l ->
        {
            assertThat(l.get("type").asText()).isEqualTo("trade");
            assertThat(l.get("symbol").asText()).isEqualTo("NQZ6");
        });

        // --from: nothing before the requested time
        final long from = lines.get(lines.size() - 1).get("ts_ns").asLong();
        final List<JsonNode> later = parse(run("dump", "--journal", data.resolve("journal").toString(),
            "--from", Long.toString(from), "--type", "trade,quote", "--limit", "100").out);
        assertThat(later).isNotEmpty().allSatisfy(l -> assertThat(l.get("ts_ns").asLong()).isGreaterThanOrEqualTo(from));

        final Result stat = run("stat", "--data-dir", data.toString());
        assertThat(stat.exitCode).isZero();
        // the demo ran in this JVM, so its pid is this test's: "running"
        assertThat(stat.out).contains("engine pid " + ProcessHandle.current().pid() + " (running)")
            .contains("ticks in").contains("journal appends").contains("rejected: PRICE_OFF_TICK");
        assertThat(stat.out).containsPattern("rejected: PRICE_OFF_TICK\\s+[1-9]");
    }

    @Test
    void badConfigFailsFastNamingTheKey() throws Exception
    {
        final Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "engine:\n  ringSize: 1000\n");
        final Result result = run("run", "--config", config.toString(), "--duration", "1s");
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).contains("engine.ringSize").contains("power of two");

        Files.writeString(config, "sources:\n  - type: synthetic\n    rat: 10\n");
        final Result unknown = run("run", "--config", config.toString(), "--duration", "1s");
        assertThat(unknown.exitCode).isEqualTo(2);
        assertThat(unknown.err).contains("sources[0].rat").contains("rate");
    }

    @Test
    void dumpOfAMissingJournalSaysSo()
    {
        final Result result = run("dump", "--journal", dir.resolve("nope").toString());
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).contains("no journal at");
    }

    private static List<JsonNode> parse(final String out) throws Exception
    {
        final List<JsonNode> nodes = new ArrayList<>();
        for (final String line : out.split("\n"))
        {
            if (!line.isBlank())
            {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    record Result(int exitCode, String out, String err)
    {
    }

    static synchronized Result run(final String... args)
    {
        final PrintStream oldOut = System.out;
        final PrintStream oldErr = System.err;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try
        {
            final picocli.CommandLine cli = TickwireCli.commandLine();
            cli.setErr(new java.io.PrintWriter(System.err, true));
            cli.setOut(new java.io.PrintWriter(System.out, true));
            final int code = cli.execute(args);
            System.out.flush();
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
