package dev.tickwire.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tickwire.adapters.tardis.download.TardisTestServer;
import dev.tickwire.adapters.tardis.download.TardisTestServer.Fault;
import dev.tickwire.archive.Archive;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tickwire daily} over two days against the Tardis stand-in: a burst of 500s fails one day's download (the
 * step fails, an alert goes out, the later day's import waits), then a run in a child JVM is killed with SIGKILL in
 * the middle of the other day's import, and a rerun completes both: every CSV row journaled exactly once, the
 * archive verified.
 */
class DailyChainTest
{
    private static final String KEY = "TD.daily-test-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DAY1_TRADES = "/v1/binance-futures/trades/2024/03/01/BTCUSDT.csv.gz";
    private static final String DAY1_BOOK = "/v1/binance-futures/incremental_book_L2/2024/03/01/BTCUSDT.csv.gz";
    private static final String DAY2_TRADES = "/v1/binance-futures/trades/2024/03/02/BTCUSDT.csv.gz";
    /** Day 2's trades: more than the paused import takes before it waits (two reads of 4,096 rows). */
    private static final int DAY2_TRADE_ROWS = 20_000;
    private static final long PAUSE_AFTER_ROWS = 5_000;

    @TempDir
    Path dir;

    private final TardisTestServer tardis = new TardisTestServer(KEY);
    private final List<JsonNode> alerts = new CopyOnWriteArrayList<>();
    private HttpServer hook;

    @AfterEach
    void stop()
    {
        tardis.close();
        if (hook != null)
        {
            hook.stop(0);
        }
    }

    @Test
    void failuresAndAKillMidImportEndWithEveryRowJournaledOnceAndTheArchiveVerified() throws Exception
    {
        final byte[] day2Trades = trades(LocalDate.of(2024, 3, 2), DAY2_TRADE_ROWS);
        tardis.datasets(path -> path.equals(DAY2_TRADES) ? day2Trades :
            TardisTestServer.resource("/tardis-api/datasets" + path));
        final Path config = config();
        final Path state = dir.resolve("data/daily");
        final Path journalDir = dir.resolve("data/journal");

        // 1. the first day's trades answer 500 more often than the downloader tries: its download fails, it alerts,
        //    and the second day is fetched but its import waits (importing it first would leave the first out)
        tardis.script(DAY1_TRADES, Fault.status(500), Fault.status(500), Fault.status(500));
        final CliTest.Result first = CliTest.run("daily", "--config", config.toString(), "--from", "2024-03-01",
            "--to", "2024-03-02");
        assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(1);
        assertThat(first.out())
            .contains("2024-03-01: download failed: 1 of 4 file(s) failed: " +
                "binance-futures_trades_2024-03-01_BTCUSDT.csv.gz (HTTP 500): gave up")
            .contains("(alert sent through 1 channel(s))")
            .containsPattern("import +held: waits for 2024-03-01 \\(its download failed\\)")
            .contains("daily: 0 day(s) done, 0 done before (skipped), 1 failed, 1 held, 0 not ready");
        assertThat(first.out() + first.err()).doesNotContain(KEY);
        assertThat(tardis.requestsFor(DAY1_TRADES)).isEqualTo(3);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("rule").asText()).isEqualTo("dailyFailed");
        assertThat(alerts.get(0).get("summary").asText())
            .isEqualTo("tickwire daily: download failed for 2024-03-01 (binance-futures)");
        assertThat(alerts.get(0).get("detail").asText()).contains("HTTP 500")
            .contains(state.resolve("2024-03-01.json").toString());
        JsonNode day1 = JSON.readTree(state.resolve("2024-03-01.json").toFile());
        assertThat(day1.get("status").asText()).isEqualTo("failed");
        assertThat(step(day1, "instruments").get("status").asText()).isEqualTo("done");
        assertThat(step(day1, "download").get("status").asText()).isEqualTo("failed");
        assertThat(step(day1, "download").get("error").asText()).contains("binance-futures_trades_2024-03-01_BTCUSDT");
        assertThat(step(day1, "download").get("counts").get("fetched").asInt()).isEqualTo(3);
        assertThat(step(day1, "import")).as("never started").isNull();
        final JsonNode held = JSON.readTree(state.resolve("2024-03-02.json").toFile());
        assertThat(held.get("status").asText()).isEqualTo("held");
        assertThat(step(held, "download").get("status").asText()).isEqualTo("done");
        assertThat(journalDir.resolve("definitions/binance-futures/2024-03-02.tsv")).isRegularFile();
        try (java.util.stream.Stream<Path> files = Files.list(journalDir))
        {
            assertThat(files.map(p -> p.getFileName().toString())).as("nothing imported")
                .noneMatch(n -> n.endsWith(".cq4"));
        }

        // 2. a child JVM completes the first day, then is killed (SIGKILL) while the second day's import runs
        final List<String> command = new ArrayList<>(ProcessJobRunner.commandLine(List.of("daily", "--config",
            config.toString(), "--from", "2024-03-01", "--to", "2024-03-02")));
        command.add(1, "-D" + "tickwire.test.daily.pauseImportAfterRows" + "=" + PAUSE_AFTER_ROWS);
        final Path log = dir.resolve("child.log");
        final Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
            .start();
        final JsonNode killedAt;
        try
        {
            killedAt = awaitImportRunning(state.resolve("2024-03-02.json"), child, log);
        }
        finally
        {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no state written
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        final String childLog = Files.readString(log);
        assertThat(childLog).contains("2024-03-01: done in").contains("download     done in");
        assertThat(tardis.requestsFor(DAY1_TRADES)).as("only the failed file fetched again").isEqualTo(4);
        assertThat(tardis.requestsFor(DAY1_BOOK)).as("a file in the folder is not fetched again").isEqualTo(1);
        final JsonNode interrupted = JSON.readTree(state.resolve("2024-03-02.json").toFile());
        assertThat(step(interrupted, "import").get("status").asText()).isEqualTo("running");
        final long tradesAtKill = countTrades(journalDir, LocalDate.of(2024, 3, 2));
        assertThat(tradesAtKill).as("killed halfway through the day's trades")
            .isGreaterThanOrEqualTo(4_096).isLessThan(DAY2_TRADE_ROWS);

        // 3. the rerun skips the finished day and resumes the other at its import
        final CliTest.Result last = CliTest.run("daily", "--config", config.toString(), "--from", "2024-03-01",
            "--to", "2024-03-02");
        assertThat(last.exitCode()).as(last.out() + last.err()).isZero();
        assertThat(last.out()).containsPattern("2024-03-01: done \\(finished [0-9T:.-]+Z\\): skipped")
            .containsPattern("import +was interrupted \\(last written .* by pid \\d+\\): resuming")
            .contains("daily: 1 day(s) done, 1 done before (skipped), 0 failed, 0 held, 0 not ready");
        final JsonNode day2 = JSON.readTree(state.resolve("2024-03-02.json").toFile());
        assertThat(day2.get("status").asText()).isEqualTo("done");
        final JsonNode imported = step(day2, "import");
        assertThat(imported.get("attempts").asInt()).as("held, killed, resumed").isEqualTo(3);
        assertThat(imported.get("counts").get("alreadyJournaled").asLong()).as("the rows the killed run journaled")
            .isGreaterThanOrEqualTo(tradesAtKill);
        assertThat(imported.get("counts").get("rejected").asLong()).isZero();

        // every CSV row is in the journal once: 60 + 20,000 trades, 2 × 50 book rows (BTCDOMUSDT's days are empty)
        final Map<String, Long> rows = journaledRows(journalDir);
        assertThat(rows.get("duplicates")).isZero();
        assertThat(rows.get("trades")).isEqualTo(60 + DAY2_TRADE_ROWS);
        assertThat(rows.get("bookRows")).isEqualTo(2 * 50);

        // the archive: the first day complete (the journal has moved past it), the second open, both verified
        final List<String> archived = Archive.at(dir.resolve("archive")).days();
        assertThat(archived).hasSize(2);
        assertThat(archived.get(0)).startsWith("2024-03-01 complete");
        assertThat(archived.get(1)).startsWith("2024-03-02 open");
        final CliTest.Result verify = CliTest.run("verify", "--journal", journalDir.toString());
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("verify: OK");
        assertThat(dir.resolve("data/bars/bars_1m/binance-futures/BTCUSDT/2024-03-02.parquet")).isRegularFile();

        final CliTest.Result status = CliTest.run("daily", "status", "--config", config.toString());
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).containsPattern("2024-03-01 +done ").containsPattern("2024-03-02 +done ")
            .contains("instruments", "download", "import", "gaps", "bars", "archive", "verify");
        System.out.println(status.out());
        printDurations("one day of the recorded data (child JVM, run 2)", day1 = JSON.readTree(
            state.resolve("2024-03-01.json").toFile()));
        printDurations("20,000 trades, resumed after the kill (run 3)", day2);
        assertThat(killedAt.get("counts").get("journaled").asLong()).isGreaterThan(0);
    }

    /** Polls the day's state until its import has journaled the rows the paused import takes; the child must live. */
    private static JsonNode awaitImportRunning(final Path stateFile, final Process child, final Path log)
        throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline)
        {
            assertThat(child.isAlive()).as(() -> "the child ended early: " + read(log)).isTrue();
            if (Files.exists(stateFile))
            {
                final JsonNode import_ = step(JSON.readTree(stateFile.toFile()), "import");
                if (import_ != null && import_.get("status").asText().equals("running") && import_.has("counts") &&
                    import_.get("counts").path("journaled").asLong() >= PAUSE_AFTER_ROWS)
                {
                    return import_;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the import never ran as far as the pause: " + read(log));
    }

    private static String read(final Path log)
    {
        try
        {
            return Files.readString(log);
        }
        catch (final IOException ex)
        {
            return ex.toString();
        }
    }

    private static JsonNode step(final JsonNode day, final String name)
    {
        for (final JsonNode s : day.get("steps"))
        {
            if (s.get("name").asText().equals(name))
            {
                return s;
            }
        }
        return null;
    }

    private static void printDurations(final String what, final JsonNode day)
    {
        final StringBuilder line = new StringBuilder("daily step durations, " + what + ":");
        long total = 0;
        for (final JsonNode s : day.get("steps"))
        {
            line.append(' ').append(s.get("name").asText()).append(' ').append(s.get("durationMs").asLong())
                .append(" ms;");
            total += s.get("durationMs").asLong();
        }
        System.out.println(line.append(" total ").append(total).append(" ms"));
    }

    /** The Tardis sources' trades and book rows in the journal, and how many (source, position) came twice. */
    private static Map<String, Long> journaledRows(final Path journalDir)
    {
        final Set<String> seen = new HashSet<>();
        final Set<String> bookRows = new HashSet<>();
        final long[] counts = new long[2];
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true));
            JournalReader reader = journal.journalOnlyReader())
        {
            final Set<Integer> tardisSources = new HashSet<>();
            journal.instruments().sources().entries().forEach((id, key) ->
            {
                if (key.startsWith("tardis:"))
                {
                    tardisSources.add(id);
                }
            });
            while (reader.poll((buffer, offset, length, index, wm) ->
            {
                final int source = Envelope.sourceId(buffer, offset);
                final int type = Envelope.templateId(buffer, offset);
                if (!tardisSources.contains(source) || type != MessageTypes.TRADE && type != MessageTypes.BOOK_DELTA)
                {
                    return;
                }
                final long position = Envelope.sourcePosition(buffer, offset);
                if (!seen.add(source + ":" + position))
                {
                    counts[1]++;
                }
                if (type == MessageTypes.TRADE)
                {
                    counts[0]++;
                }
                else
                {
                    bookRows.add(source + ":" + (position >>> 15)); // a snapshot row's clear and level share its row
                }
            }, 4096) > 0)
            {
                // all of it
            }
        }
        final Map<String, Long> rows = new HashMap<>();
        rows.put("trades", counts[0]);
        rows.put("duplicates", counts[1]);
        rows.put("bookRows", (long)bookRows.size());
        return rows;
    }

    /** Trades journaled with an event time on {@code day}. */
    private static long countTrades(final Path journalDir, final LocalDate day)
    {
        final long from = day.toEpochDay() * 86_400_000_000_000L;
        final long[] n = {0};
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true));
            JournalReader reader = journal.journalOnlyReader())
        {
            while (reader.poll((buffer, offset, length, index, wm) ->
            {
                final long ts = Envelope.eventTimeNs(buffer, offset);
                if (Envelope.templateId(buffer, offset) == MessageTypes.TRADE && ts >= from &&
                    ts < from + 86_400_000_000_000L)
                {
                    n[0]++;
                }
            }, 4096) > 0)
            {
                // all of it
            }
        }
        return n[0];
    }

    /** A day of BTCUSDT trades as Tardis writes them: one decimal in prices, three in amounts (the recorded days'). */
    static byte[] trades(final LocalDate day, final int rows) throws IOException
    {
        final StringBuilder csv = new StringBuilder("exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n");
        final long startUs = day.toEpochDay() * 86_400_000_000L;
        final long stepUs = 86_000_000_000L / rows;
        for (int i = 0; i < rows; i++)
        {
            final long ts = startUs + 1_000_000L + i * stepUs;
            csv.append("binance-futures,BTCUSDT,").append(ts).append(',').append(ts + 1_200).append(',')
                .append(4_690_000_000L + i).append(',').append(i % 3 == 0 ? "sell" : "buy").append(',')
                .append(62_000 + i % 500).append('.').append(i % 10).append(',')
                .append(i % 7).append('.').append(String.format("%03d", 1 + i % 997)).append('\n');
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out))
        {
            gzip.write(csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** The config: the stand-in's URL, a key file, quick retries, a webhook channel on loopback for the alert. */
    private Path config() throws Exception
    {
        hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        hook.createContext("/alert", exchange ->
        {
            try (exchange)
            {
                alerts.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        hook.start();
        final Path key = DownloadTardisCommandTest.keyFile(dir, KEY, "rw-------");
        final Path config = dir.resolve("tickwire.yaml");
        Files.writeString(config, String.join("\n",
            "dataDir: " + dir.resolve("data"),
            "archive: {dir: " + dir.resolve("archive") + "}",
            "alerts:",
            "  channels:",
            "    - {type: webhook, name: hook, url: 'http://127.0.0.1:" + hook.getAddress().getPort() + "/alert', " +
                "retries: 0}",
            "daily:",
            "  exchange: binance-futures",
            "  symbols: [BTCUSDT, BTCDOMUSDT]",
            "  dataTypes: [trades, incremental_book_L2]",
            "  baseUrl: '" + tardis.url() + "'",
            "  apiKeyFile: " + key,
            "  attempts: 3",
            "  retryDelay: 10ms",
            "  maxRetryDelay: 50ms",
            "  bars: {specs: [1m]}",
            ""));
        return config;
    }
}
