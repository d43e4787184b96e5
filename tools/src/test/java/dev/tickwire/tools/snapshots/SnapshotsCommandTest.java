package dev.tickwire.tools.snapshots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.book.BookApplier;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.tools.TickwireCli;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tickwire snapshots} on a real journal written by the engine from the synthetic feed (two
 * instruments, 10-level books, depth batches and periodic snapshots), checked against books built
 * here straight from the journal: every accepted delta of ESZ6 applied in journal order, the book
 * recorded at each END_OF_BATCH.
 */
class SnapshotsCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MS = 1_000_000L;
    private static final String SYMBOL = "ESZ6";

    @TempDir
    static Path dir;
    static String journal;
    static Instrument es;
    /** ESZ6's book at each of its batch ends, in journal order. */
    static List<BatchEnd> batchEnds;
    /** Event time of ESZ6's first accepted market event. */
    static long firstEventNs;
    /** The journal's last watermark: the latest accepted market-event time. */
    static long lastEventNs;

    /** A consistent book: levels best first, each {price, size, orders} mantissas. */
    record BatchEnd(long eventTimeNs, long receiveTimeNs, List<long[]> bids, List<long[]> asks)
    {
    }

    @BeforeAll
    static void writeJournal() throws Exception
    {
        final TickwireConfig config = new TickwireConfig();
        config.dataDir = dir.resolve("data").toString();
        config.aeron.publish = false;
        final ObjectNode source = JsonNodeFactory.instance.objectNode();
        source.put("type", "synthetic").put("id", 1).put("rate", 20_000).put("count", 5000).put("seed", 3)
            .put("snapshotEvery", 30).put("depthLevels", 10).put("startTime", "2026-01-02T14:30:00Z");
        config.sources.add(source);
        try (Engine engine = Engine.launch(config, Sources.create(config)))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!engine.adaptersDone() && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
            assertThat(engine.adaptersDone()).isTrue();
        }
        journal = config.journalPath().toString();
        buildReference(config.journalPath());
    }

    private static void buildReference(final Path journalDir)
    {
        batchEnds = new ArrayList<>();
        firstEventNs = Long.MIN_VALUE;
        lastEventNs = Long.MIN_VALUE;
        final BookApplier applier = new BookApplier();
        try (Journal j = Journal.open(new Journal.Context().dir(journalDir).readOnly(true));
             JournalReader reader = j.reader();
             L2Book book = new L2Book(0, 16))
        {
            es = j.instruments().bySymbol(SYMBOL).orElseThrow();
            while (reader.poll((buffer, offset, length, index, watermarkNs) ->
            {
                final int type = Envelope.templateId(buffer, offset);
                if (!Envelope.isAccepted(buffer, offset) || !MessageTypes.isMarketEvent(type))
                {
                    return;
                }
                final long ts = Envelope.eventTimeNs(buffer, offset);
                lastEventNs = Math.max(lastEventNs, ts);
                if (Envelope.instrumentId(buffer, offset) != es.id())
                {
                    return;
                }
                if (firstEventNs == Long.MIN_VALUE)
                {
                    firstEventNs = ts;
                }
                if (type == MessageTypes.BOOK_DELTA)
                {
                    final BookDeltaDecoder delta = applier.apply(book, buffer, offset);
                    if (delta.flags().endOfBatch())
                    {
                        batchEnds.add(new BatchEnd(ts, Envelope.receiveTimeNs(buffer, offset), levels(book, L2Book.BID),
                            levels(book, L2Book.ASK)));
                    }
                }
            }, 1000) > 0)
            {
                // all of it
            }
        }
        assertThat(es.id()).isEqualTo(1);
        assertThat(es.priceExponent()).isEqualTo(-2);
        assertThat(batchEnds).hasSizeGreaterThan(500);
        // each delta of the synthetic feed has its own event time: batch ends are strictly increasing
        for (int i = 1; i < batchEnds.size(); i++)
        {
            assertThat(batchEnds.get(i).eventTimeNs()).isGreaterThan(batchEnds.get(i - 1).eventTimeNs());
        }
        assertThat(batchEnds).allSatisfy(b -> assertThat(b.bids()).hasSize(10));
    }

    private static List<long[]> levels(final L2Book book, final int side)
    {
        final List<long[]> levels = new ArrayList<>();
        book.forEachLevel(side, 1000, (s, i, price, size, orders) -> levels.add(new long[] {price, size, orders}));
        return levels;
    }

    // ---------------------------------------------------------------------------------------- tardis

    @Test
    void tardisEveryEventIsOneRowPerBatchEndEqualToTheJournalsBook()
    {
        final Result result = run("snapshots", "--journal", journal, "--symbol", SYMBOL, "--levels", "5",
            "--every", "event", "--format", "tardis");
        assertThat(result.exitCode).as(result.err).isZero();
        final List<String> lines = result.out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("exchange,symbol,timestamp,local_timestamp,"
            + "asks[0].price,asks[0].amount,bids[0].price,bids[0].amount,"
            + "asks[1].price,asks[1].amount,bids[1].price,bids[1].amount,"
            + "asks[2].price,asks[2].amount,bids[2].price,bids[2].amount,"
            + "asks[3].price,asks[3].amount,bids[3].price,bids[3].amount,"
            + "asks[4].price,asks[4].amount,bids[4].price,bids[4].amount");
        final List<String> rows = lines.subList(1, lines.size());
        assertThat(rows).hasSize(batchEnds.size());
        for (int i = 0; i < rows.size(); i++)
        {
            final String[] f = rows.get(i).split(",", -1);
            assertThat(f).as("row %d", i).hasSize(4 + 4 * 5);
            assertThat(f[0]).isEqualTo("synth");
            assertThat(f[1]).isEqualTo(SYMBOL);
            // microseconds since the epoch: 16 digits in this century
            assertThat(f[2]).matches("\\d{16}");
            assertThat(f[3]).matches("\\d{16}");
            for (int k = 1; k < 5; k++)
            {
                assertThat(new BigDecimal(f[4 + 4 * k])).as("asks ascending").isGreaterThan(new BigDecimal(f[4 * k]));
                assertThat(new BigDecimal(f[6 + 4 * k])).as("bids descending").isLessThan(new BigDecimal(f[2 + 4 * k]));
            }
            assertThat(rows.get(i)).as("row %d", i).isEqualTo(tardisRow(batchEnds.get(i), batchEnds.get(i).eventTimeNs(), 5));
        }
        assertThat(rows.get(0)).startsWith("synth,ESZ6," + batchEnds.get(0).eventTimeNs() / 1000 + ",");
    }

    @Test
    void tardisFromToKeepsTheBatchEndsInsideTheRangeBothEndsIncluded()
    {
        final BatchEnd first = batchEnds.get(40);
        final BatchEnd last = batchEnds.get(90);
        final Result result = run("snapshots", "--journal", journal, "--symbol", SYMBOL, "--levels", "5",
            "--every", "event", "--format", "tardis",
            "--from", Long.toString(first.eventTimeNs()), "--to", Timestamps.format(last.eventTimeNs()));
        assertThat(result.exitCode).as(result.err).isZero();
        final List<String> rows = result.out.lines().skip(1).toList();
        assertThat(rows).hasSize(51);
        for (int i = 0; i < rows.size(); i++)
        {
            assertThat(rows.get(i)).isEqualTo(tardisRow(batchEnds.get(40 + i), batchEnds.get(40 + i).eventTimeNs(), 5));
        }
        // one nanosecond later: the first batch end is out
        final Result later = run("snapshots", "--journal", journal, "--symbol", SYMBOL, "--levels", "5",
            "--every", "event", "--format", "tardis",
            "--from", Long.toString(first.eventTimeNs() + 1), "--to", Long.toString(last.eventTimeNs()));
        assertThat(later.out.lines().skip(1).toList()).hasSize(50).first()
            .isEqualTo(tardisRow(batchEnds.get(41), batchEnds.get(41).eventTimeNs(), 5));
    }

    private static String tardisRow(final BatchEnd b, final long timestampNs, final int n)
    {
        final StringBuilder sb = new StringBuilder("synth,ESZ6,").append(timestampNs / 1000).append(',')
            .append(b.receiveTimeNs() / 1000);
        for (int k = 0; k < n; k++)
        {
            tardisLevel(sb, b.asks(), k);
            tardisLevel(sb, b.bids(), k);
        }
        return sb.toString();
    }

    private static void tardisLevel(final StringBuilder sb, final List<long[]> side, final int k)
    {
        if (k < side.size())
        {
            sb.append(',').append(BigDecimal.valueOf(side.get(k)[0], 2).toPlainString()).append(',').append(side.get(k)[1]);
        }
        else
        {
            sb.append(",,");
        }
    }

    // --------------------------------------------------------------------------------------- lobster

    @Test
    void lobsterHasNoHeaderPricesTimes10000AndPadsMissingLevels()
    {
        final Result result = run("snapshots", "--journal", journal, "--symbol", SYMBOL, "--levels", "12",
            "--every", "event", "--format", "lobster");
        assertThat(result.exitCode).as(result.err).isZero();
        final List<String> rows = result.out.lines().toList();
        assertThat(rows).hasSize(batchEnds.size());
        assertThat(rows.get(0)).matches("^-?\\d.*"); // no header
        for (int i = 0; i < rows.size(); i++)
        {
            final String[] f = rows.get(i).split(",", -1);
            assertThat(f).as("row %d", i).hasSize(4 * 12).allSatisfy(v -> assertThat(v).matches("-?\\d+"));
            final BatchEnd b = batchEnds.get(i);
            for (int k = 0; k < 12; k++)
            {
                if (k < b.asks().size())
                {
                    final long[] ask = b.asks().get(k);
                    // the decimal price × 10000, exactly (5000.25 → 50002500)
                    assertThat(Long.parseLong(f[4 * k])).isEqualTo(
                        BigDecimal.valueOf(ask[0], 2).movePointRight(4).longValueExact());
                    assertThat(Long.parseLong(f[4 * k + 1])).isEqualTo(ask[1]);
                }
                else
                {
                    assertThat(f[4 * k]).isEqualTo("9999999999");
                    assertThat(f[4 * k + 1]).isEqualTo("0");
                }
                if (k < b.bids().size())
                {
                    final long[] bid = b.bids().get(k);
                    assertThat(Long.parseLong(f[4 * k + 2])).isEqualTo(
                        BigDecimal.valueOf(bid[0], 2).movePointRight(4).longValueExact());
                    assertThat(Long.parseLong(f[4 * k + 3])).isEqualTo(bid[1]);
                }
                else
                {
                    assertThat(f[4 * k + 2]).isEqualTo("-9999999999");
                    assertThat(f[4 * k + 3]).isEqualTo("0");
                }
            }
            // a 10-level book in 12 columns of levels: the last two are padding
            assertThat(String.join(",", List.of(f).subList(40, 48)))
                .isEqualTo("9999999999,0,-9999999999,0,9999999999,0,-9999999999,0");
        }
        // the prices are on the 0.25 grid near 5000: ×10000 they end in 0000, 2500, 5000 or 7500
        assertThat(rows.get(0).split(",")[0]).matches("\\d{4}(0000|2500|5000|7500)");
    }

    // ----------------------------------------------------------------------------------------- jsonl

    @Test
    void jsonlEvery100msFromTheFirstEventToTheEndOfTheJournal() throws Exception
    {
        final Result result = run("snapshots", "--journal", journal, "--symbol", SYMBOL, "--levels", "5",
            "--every", "100ms", "--format", "jsonl");
        assertThat(result.exitCode).as(result.err).isZero();
        final List<JsonNode> rows = parse(result.out);
        final List<JsonNode> expected = expectedIntervals(firstEventNs, lastEventNs, 100 * MS, 5);
        assertThat(expected).isNotEmpty();
        assertThat(rows).isEqualTo(expected);
    }

    @Test
    void jsonlIntervalsFromAnUnalignedTimeAndFromABatchEndEqualTheReference() throws Exception
    {
        final long unaligned = firstEventNs + 37 * MS + 12_345;
        final Result a = run("snapshots", "--journal", journal, "--symbol", SYMBOL, "--levels", "3",
            "--every", "10ms", "--format", "jsonl", "--from", Long.toString(unaligned), "--to", Long.toString(unaligned + 150 * MS));
        assertThat(a.exitCode).as(a.err).isZero();
        final List<JsonNode> rowsA = parse(a.out);
        assertThat(rowsA).hasSize(16).isEqualTo(expectedIntervals(unaligned, unaligned + 150 * MS, 10 * MS, 3));

        // a boundary exactly at a batch end's event time shows the book after that batch
        final BatchEnd b = batchEnds.get(200);
        final Result c = run("snapshots", "--journal", journal, "--symbol", SYMBOL, "--levels", "10",
            "--every", "1ms", "--format", "jsonl", "--from", Timestamps.format(b.eventTimeNs()),
            "--to", Long.toString(b.eventTimeNs() + 20 * MS));
        assertThat(c.exitCode).as(c.err).isZero();
        final List<JsonNode> rowsC = parse(c.out);
        assertThat(rowsC).hasSize(21).isEqualTo(expectedIntervals(b.eventTimeNs(), b.eventTimeNs() + 20 * MS, MS, 10));
        assertThat(rowsC.get(0).get("recv_ns").asLong()).isEqualTo(b.receiveTimeNs());
        assertThat(rowsC.get(0).get("ts").asText()).isEqualTo(Timestamps.format(b.eventTimeNs()));
        assertThat(rowsC.get(0).get("bids")).hasSize(10);
        assertThat(rowsC.get(0).get("bids").get(0).get("price").asText()).isEqualTo(BigDecimal.valueOf(b.bids().get(0)[0], 2).toPlainString());

        // best first: bids descending, asks ascending
        for (final JsonNode row : rowsC)
        {
            for (int k = 1; k < 10; k++)
            {
                assertThat(new BigDecimal(row.get("bids").get(k).get("price").asText()))
                    .isLessThan(new BigDecimal(row.get("bids").get(k - 1).get("price").asText()));
                assertThat(new BigDecimal(row.get("asks").get(k).get("price").asText()))
                    .isGreaterThan(new BigDecimal(row.get("asks").get(k - 1).get("price").asText()));
            }
        }
    }

    /** At each boundary, the last batch end at or before it (none yet: no row). */
    private static List<JsonNode> expectedIntervals(final long from, final long to, final long every, final int n)
    {
        final List<JsonNode> rows = new ArrayList<>();
        for (long t = from; t <= to; t += every)
        {
            BatchEnd state = null;
            for (final BatchEnd b : batchEnds)
            {
                if (b.eventTimeNs() > t)
                {
                    break;
                }
                state = b;
            }
            if (state == null)
            {
                continue;
            }
            final ObjectNode row = JSON.createObjectNode();
            row.put("symbol", SYMBOL).put("ts", Timestamps.format(t)).put("ts_ns", t).put("recv_ns", state.receiveTimeNs());
            jsonLevels(row.putArray("bids"), state.bids(), n);
            jsonLevels(row.putArray("asks"), state.asks(), n);
            rows.add(row);
        }
        return rows;
    }

    private static void jsonLevels(final com.fasterxml.jackson.databind.node.ArrayNode array, final List<long[]> side, final int n)
    {
        for (int k = 0; k < Math.min(n, side.size()); k++)
        {
            array.addObject().put("price", BigDecimal.valueOf(side.get(k)[0], 2).toPlainString())
                .put("size", Long.toString(side.get(k)[1])).put("orders", (int)side.get(k)[2]);
        }
    }

    // ----------------------------------------------------------------------------------------- misc

    @Test
    void outputFileHoldsWhatStandardOutputWould() throws Exception
    {
        final Path file = dir.resolve("es.csv");
        final String[] args = {"snapshots", "--journal", journal, "--symbol", SYMBOL, "--levels", "2", "--every", "50ms",
            "--format", "tardis"};
        final Result toStdout = run(args);
        final List<String> withOutput = new ArrayList<>(List.of(args));
        withOutput.addAll(List.of("--output", file.toString()));
        final Result toFile = run(withOutput.toArray(String[]::new));
        assertThat(toFile.exitCode).as(toFile.err).isZero();
        assertThat(toFile.out).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(toStdout.out).startsWith("exchange,symbol,");
        assertThat(toStdout.out.lines().count()).isGreaterThan(2);
        try (var listing = Files.list(dir))
        {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
        }
    }

    @Test
    void badArgumentsExitWith2AndOneClearLine()
    {
        final Result unknown = run("snapshots", "--journal", journal, "--symbol", "ZZZ", "--levels", "5",
            "--every", "event", "--format", "tardis");
        assertThat(unknown.exitCode).isEqualTo(2);
        assertThat(unknown.err).contains("unknown --symbol 'ZZZ'").contains("ESZ6").contains("NQZ6");
        assertThat(unknown.out).isEmpty();

        final Result every = run("snapshots", "--journal", journal, "--symbol", SYMBOL, "--levels", "5",
            "--every", "sometimes", "--format", "tardis");
        assertThat(every.exitCode).isEqualTo(2);
        assertThat(every.err).contains("--every").contains("'sometimes'");

        final Result zero = run("snapshots", "--journal", journal, "--symbol", SYMBOL, "--levels", "5",
            "--every", "0ms", "--format", "tardis");
        assertThat(zero.exitCode).isEqualTo(2);
        assertThat(zero.err).contains("--every");

        final Result format = run("snapshots", "--journal", journal, "--symbol", SYMBOL, "--levels", "5",
            "--every", "event", "--format", "parquet");
        assertThat(format.exitCode).isEqualTo(2);
        assertThat(format.err).contains("--format").contains("parquet");

        final Result levels = run("snapshots", "--journal", journal, "--symbol", SYMBOL, "--levels", "0",
            "--every", "event", "--format", "tardis");
        assertThat(levels.exitCode).isEqualTo(2);
        assertThat(levels.err).contains("--levels");

        final Result range = run("snapshots", "--journal", journal, "--symbol", SYMBOL, "--levels", "5",
            "--every", "1s", "--format", "tardis", "--from", "2026-01-02T14:31:00Z", "--to", "2026-01-02T14:30:00Z");
        assertThat(range.exitCode).isEqualTo(2);
        assertThat(range.err).contains("--to is before --from");

        final Result noJournal = run("snapshots", "--journal", dir.resolve("nope").toString(), "--symbol", SYMBOL,
            "--levels", "5", "--every", "event", "--format", "tardis");
        assertThat(noJournal.exitCode).isEqualTo(2);
        assertThat(noJournal.err).contains("no journal at");

        final Result missing = run("snapshots", "--journal", journal, "--symbol", SYMBOL, "--levels", "5", "--format", "tardis");
        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.err).contains("--every");
    }

    // -------------------------------------------------------------------------------------- helpers

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

    /** Runs the command line as the launcher does, capturing standard output and error. */
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
            cli.setErr(new PrintWriter(System.err, true));
            cli.setOut(new PrintWriter(System.out, true));
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
