package dev.tickwire.tools.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.engine.rows.ReferenceSamples;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.tools.http.HttpTestClient.Response;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.Timestamps;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reference data of a journal through {@code tickwire reference} (csv, jsonl, table), {@code tickwire dump} and
 * {@code GET /contracts/{symbol}/reference}: the same rows, values exact at their exponents, in pages.
 */
class ServeReferenceDataTest
{
    private static final long T0 = Timestamps.parse("2024-03-05T10:00:00Z");
    private static final int ROUNDS = 6;

    @TempDir
    static Path dir;

    private static Path journalDir;
    private static JournalQueries queries;
    private static ApiServer server;
    private static HttpTestClient http;
    private static String key;

    @BeforeAll
    static void journalAndServeIt() throws Exception
    {
        journalDir = dir.resolve("journal");
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir)); JournalWriter out = journal.writer())
        {
            final Instrument[] instruments = ReferenceSamples.register(journal.instruments());
            final ReferenceSamples samples = new ReferenceSamples(7);
            final List<byte[]> messages = new ArrayList<>(samples.definitions(instruments, T0));
            for (int r = 0; r < ROUNDS; r++)
            {
                messages.addAll(samples.round(instruments, T0, r));
            }
            long seq = 0;
            for (final byte[] m : messages)
            {
                final UnsafeBuffer b = new UnsafeBuffer(m);
                Envelope.sequence(b, 0, ++seq);
                out.append(b, 0, m.length);
            }
        }
        final KeyStore keys = KeyStore.open(dir.resolve("api-keys.json"));
        key = keys.create("reader", false).key();
        queries = JournalQueries.open(journalDir);
        server = new ApiServer(queries, keys).start("127.0.0.1", 0);
        http = new HttpTestClient(server.port());
    }

    @AfterAll
    static void stop()
    {
        if (server != null)
        {
            server.close();
        }
        if (queries != null)
        {
            queries.close();
        }
    }

    @Test
    void theCommandPrintsEachTypeAsCsvJsonLinesOrATable() throws Exception
    {
        final KeysCommandTest.Result csv = reference("--symbol", ReferenceSamples.PERP, "--type", "derivative_ticker",
            "--to", "2024-03-05T10:01:30Z");
        assertThat(csv.exitCode()).as(csv.err()).isZero();
        assertThat(csv.out()).isEqualTo(
            "seq,ts,ts_ns,recv_ns,funding_time,funding_time_ns,funding_rate,predicted_funding_rate,open_interest,last_price," +
                "index_price,mark_price\n" +
                "4,2024-03-05T10:00:00.000000001Z,1709632800000000001,1709632800000002000,2024-03-05T18:00:00.000000000Z," +
                "1709661600000000000,-0.00012345,,12345.678,43521.10000000,43520.98765432,43521.12345678\n" +
                "8,2024-03-05T10:01:00.000000001Z,1709632860000000001,1709632860000002000,,,-0.00012345,,12345.679," +
                "43521.10000000,43520.98765432,43521.12345679\n");

        final KeysCommandTest.Result jsonl = reference("--symbol", ReferenceSamples.OPTION, "--type", "option_summary",
            "--format", "jsonl", "--limit", "1");
        assertThat(jsonl.exitCode()).as(jsonl.err()).isZero();
        assertThat(jsonl.out()).isEqualTo("{\"seq\":6,\"ts\":\"2024-03-05T10:00:00.000000003Z\",\"ts_ns\":1709632800000000003," +
            "\"recv_ns\":1709632800000004000,\"option_type\":\"call\",\"strike_price\":\"50000.00\"," +
            "\"expiration\":\"2024-12-27T08:00:00.000000000Z\",\"expiration_ns\":1735286400000000000,\"open_interest\":\"1234.5\"," +
            "\"bid_price\":\"0.0410\",\"bid_size\":\"12.5\",\"bid_iv\":\"64.50000000\",\"ask_price\":\"0.0420\",\"ask_size\":\"3.0\"," +
            "\"ask_iv\":\"66.00000000\",\"mark_price\":\"0.0415\",\"mark_iv\":\"65.12340000\",\"underlying_price\":\"43521.12\"," +
            "\"delta\":\"0.51230000\",\"gamma\":\"0.00001234\",\"vega\":\"12.34560000\",\"theta\":\"-45.67890000\"}\n");

        final KeysCommandTest.Result table = reference("--symbol", ReferenceSamples.PERP, "--type", "liquidation",
            "--format", "table", "--from", "2024-03-05T10:04:00Z");
        assertThat(table.exitCode()).as(table.err()).isZero();
        final String[] lines = table.out().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0].split(" +")).containsExactly("seq", "ts", "ts_ns", "recv_ns", "price", "size", "side",
            "liquidation_id");
        assertThat(lines[1].split(" +")).containsExactly("21", "2024-03-05T10:04:00.000000002Z", "1709633040000000002",
            "1709633040000003000", "43480.5", "0.250", "sell", "99");
        assertThat(lines[2].split(" +")).containsExactly("25", "2024-03-05T10:05:00.000000002Z", "1709633100000000002",
            "1709633100000003000", "43480.5", "0.250", "buy");
        assertThat(lines[2].indexOf("buy")).as("aligned").isEqualTo(lines[0].indexOf("side"));

        final KeysCommandTest.Result candles = reference("--symbol", ReferenceSamples.PERP, "--type", "candle", "--limit", "2");
        assertThat(candles.out().split("\n")).hasSize(3).endsWith(
            "7,2024-03-05T10:01:00.000000000Z,1709632860000000000,1709632860000001000,2024-03-05T10:00:00.000000000Z," +
                "1709632800000000000,60000000000,43500.1,43525.6,43490.2,43521.2,12.345,,");

        final KeysCommandTest.Result trade = reference("--symbol", ReferenceSamples.PERP, "--type", "trade");
        assertThat(trade.exitCode()).isEqualTo(2);
        assertThat(trade.err()).contains("type 'trade' is not reference data: use candle, derivative_ticker, liquidation or " +
            "option_summary");
    }

    @Test
    void theApiServesTheRowsDumpPrintsInPages() throws Exception
    {
        final KeysCommandTest.Result dumped = KeysCommandTest.run("dump", "--journal", journalDir.toString(), "--type",
            "derivative_ticker");
        assertThat(dumped.exitCode()).as(dumped.err()).isZero();
        final List<JsonNode> dump = new ArrayList<>();
        for (final String line : dumped.out().split("\n"))
        {
            dump.add(HttpTestClient.JSON.readTree(line));
        }
        assertThat(dump).hasSize(ROUNDS);

        final String path = "/contracts/" + ReferenceSamples.PERP + "/reference?type=derivative_ticker&start_time=" + T0;
        final Response all = http.get(path, key);
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.json()).hasSize(ROUNDS);
        final Iterator<JsonNode> dumpedRows = dump.iterator();
        for (final JsonNode row : all.json())
        {
            final JsonNode line = dumpedRows.next();
            row.fieldNames().forEachRemaining(f -> assertThat(row.get(f)).as(f).isEqualTo(line.get(f)));
            assertThat(line.get("type").asText()).isEqualTo("derivative_ticker");
        }
        assertThat(all.json().get(0).get("mark_price").asText()).isEqualTo("43521.12345678");
        assertThat(all.json().get(0).get("funding_rate").asText()).isEqualTo("-0.00012345");
        assertThat(all.json().get(1).has("funding_time")).as("absent in round 1").isFalse();

        final List<JsonNode> paged = new ArrayList<>();
        Response page = http.get(path + "&limit=4", key);
        int pages = 1;
        page.json().forEach(paged::add);
        while (page.raw().headers().firstValue(ApiServer.NEXT_CURSOR_HEADER).isPresent())
        {
            page = http.get(path + "&limit=4&cursor=" + page.raw().headers().firstValue(ApiServer.NEXT_CURSOR_HEADER).get(), key);
            assertThat(page.status()).isEqualTo(200);
            page.json().forEach(paged::add);
            pages++;
        }
        assertThat(pages).isEqualTo(2);
        assertThat(paged).containsExactlyElementsOf(all.json());

        final Response option = http.get("/contracts/" + ReferenceSamples.OPTION + "/reference?type=option_summary&limit=1&" +
            "start_time=2024-03-05T10:01:00Z", key);
        assertThat(option.json().get(0).get("mark_iv").asText()).isEqualTo("65.12340001");
        assertThat(option.json().get(0).has("bid_price")).isFalse();

        final Response noType = http.get("/contracts/" + ReferenceSamples.PERP + "/reference", key);
        assertThat(noType.status()).isEqualTo(400);
        assertThat(noType.error()).isEqualTo("type is required: candle, derivative_ticker, liquidation or option_summary");
        assertThat(http.get("/contracts/" + ReferenceSamples.PERP + "/reference?type=quote", key).status()).isEqualTo(400);
        assertThat(http.get("/contracts/NOPE/reference?type=candle", key).status()).isEqualTo(404);
    }

    private static KeysCommandTest.Result reference(final String... args)
    {
        final String[] all = new String[args.length + 3];
        all[0] = "reference";
        all[1] = "--journal";
        all[2] = journalDir.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return KeysCommandTest.run(all);
    }
}
