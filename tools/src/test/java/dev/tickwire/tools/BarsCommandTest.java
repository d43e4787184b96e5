package dev.tickwire.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tickwire bars} over a journal written by hand, so every printed value is known. */
class BarsCommandTest
{
    private static final String HEADER = BarsCommand.CSV_HEADER + "\n";
    private static final String BAR_1000 = ns("2026-01-02T10:00:00.000000000Z,2026-01-02T10:01:00.000000000Z," +
        "5000.25,5000.50,5000.25,5000.50,5,2,3,2,5000.40,2026-01-02T10:00:05.000000000Z,2026-01-02T10:00:30.000000000Z,0\n");
    private static final String BAR_1001 = ns("2026-01-02T10:01:00.000000000Z,2026-01-02T10:02:00.000000000Z," +
        "5000.00,5000.00,5000.00,5000.00,1,1,0,1,5000.00,2026-01-02T10:01:00.000000000Z,2026-01-02T10:01:00.000000000Z,0\n");
    private static final String EMPTY_1002 = ns("2026-01-02T10:02:00.000000000Z,2026-01-02T10:03:00.000000000Z," +
        "5000.00,5000.00,5000.00,5000.00,0,0,0,0,5000.00,,,1\n");
    private static final String BAR_1003 = ns("2026-01-02T10:03:00.000000000Z,2026-01-02T10:04:00.000000000Z," +
        "5001.00,5001.00,5001.00,5001.00,4,0,0,1,5001.00,2026-01-02T10:03:20.000000000Z,2026-01-02T10:03:20.000000000Z,0\n");

    @TempDir
    Path dir;

    /** A row written with ISO times only, with each time's epoch-ns column after it, as the bar mapper writes. */
    private static String ns(final String rows)
    {
        final StringBuilder out = new StringBuilder();
        for (final String line : rows.split("\n", -1))
        {
            if (line.isEmpty())
            {
                continue;
            }
            final String[] f = line.split(",", -1);
            for (int i = 0; i < f.length; i++)
            {
                out.append(i > 0 ? "," : "").append(f[i]);
                if (i == 0 || i == 1 || i == 11 || i == 12)
                {
                    out.append(',').append(f[i].isEmpty() ? "" : Long.toString(Timestamps.parse(f[i])));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    private Path journalDir;
    private long sequence;

    /**
     * ES: 5000.25 × 2 buy at 10:00:05, 5000.50 × 3 sell at 10:00:30, a rejected 9999.00 × 100 at 10:00:40,
     * 5000.00 × 1 buy exactly at 10:01:00, a quote at 10:03:10, 5001.00 × 4 (no aggressor) at 10:03:20.
     * NQ trades in between, which must not show.
     */
    @BeforeEach
    void writeJournal()
    {
        journalDir = dir.resolve("journal");
        final MessageWriter writer = new MessageWriter();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir)))
        {
            final int es = journal.instruments().register("ESH6", "CME", -2, 0, 25).id();
            final int nq = journal.instruments().register("NQH6", "CME", -2, 0, 25).id();
            final JournalWriter out = journal.writer();
            append(out, buffer, writer.trade(buffer, 0, 1, 1, es, t("10:00:05"), t("10:00:05"), 500_025, 2, Side.BUY, 1, 0, 0));
            append(out, buffer, writer.trade(buffer, 0, 1, 2, nq, t("10:00:06"), t("10:00:06"), 2_000_000, 7, Side.BUY, 2, 0, 0));
            append(out, buffer, writer.trade(buffer, 0, 1, 3, es, t("10:00:30"), t("10:00:30"), 500_050, 3, Side.SELL, 3, 0, 0));
            final int rejected = writer.trade(buffer, 0, 1, 4, es, t("10:00:40"), t("10:00:40"), 999_900, 100, Side.BUY, 4, 0, 0);
            Envelope.reject(buffer, 0, RejectReason.PRICE_BAND);
            append(out, buffer, rejected);
            append(out, buffer, writer.trade(buffer, 0, 1, 5, es, t("10:01:00"), t("10:01:00"), 500_000, 1, Side.BUY, 5, 0, 0));
            append(out, buffer, writer.trade(buffer, 0, 1, 6, nq, t("10:02:30"), t("10:02:30"), 2_000_100, 7, Side.SELL, 6, 0, 0));
            append(out, buffer, writer.quote(buffer, 0, 1, 7, es, t("10:03:10"), t("10:03:10"), 500_075, 5, 500_100, 5));
            append(out, buffer, writer.trade(buffer, 0, 1, 8, es, t("10:03:20"), t("10:03:20"), 500_100, 4, Side.NONE, 8, 0, 0));
        }
    }

    private void append(final JournalWriter out, final UnsafeBuffer buffer, final int length)
    {
        Envelope.sequence(buffer, 0, ++sequence);
        out.append(buffer, 0, length);
    }

    private static long t(final String time)
    {
        return Timestamps.parse("2026-01-02T" + time + "Z");
    }

    private CliTest.Result bars(final String... args)
    {
        final String[] all = new String[args.length + 5];
        all[0] = "bars";
        all[1] = "--journal";
        all[2] = journalDir.toString();
        all[3] = "--symbol";
        all[4] = "ESH6";
        System.arraycopy(args, 0, all, 5, args.length);
        return CliTest.run(all);
    }

    @Test
    void timeBarsAsCsvLeaveTheOpenBarOut()
    {
        final CliTest.Result result = bars("--interval", "1m", "--format", "csv");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo(HEADER + BAR_1000 + BAR_1001);
        assertThat(result.err()).contains("the bar from 2026-01-02T10:03:00.000000000Z (1 trades so far) is still open");
    }

    @Test
    void emptyBarsAndAnEndTime()
    {
        assertThat(bars("--interval", "1m", "--emit-empty").out()).isEqualTo(HEADER + BAR_1000 + BAR_1001 + EMPTY_1002);
        // --to completes the bars that end by then, with nothing after them in the journal
        assertThat(bars("--interval", "1m", "--emit-empty", "--to", "2026-01-02T10:04:00Z").out())
            .isEqualTo(HEADER + BAR_1000 + BAR_1001 + EMPTY_1002 + BAR_1003);
        assertThat(bars("--interval", "1m", "--emit-empty", "--to", "2026-01-02T10:03:59.999999998Z").out())
            .isEqualTo(HEADER + BAR_1000 + BAR_1001 + EMPTY_1002);
        // --from inside a bar starts at that bar, whole
        assertThat(bars("--interval", "1m", "--from", "2026-01-02T10:00:45Z").out()).isEqualTo(HEADER + BAR_1000 + BAR_1001);
        assertThat(bars("--interval", "1m", "--from", "2026-01-02T10:01:00Z").out()).isEqualTo(HEADER + BAR_1001);
    }

    @Test
    void anOriginShiftsTheGrid()
    {
        final CliTest.Result result = bars("--interval", "1m", "--origin", "00:00:30");
        assertThat(result.out().lines().skip(1).map(l -> l.split(",")[0] + "," + l.split(",")[2]))
            .containsExactly("2026-01-02T09:59:30.000000000Z,2026-01-02T10:00:30.000000000Z",
                "2026-01-02T10:00:30.000000000Z,2026-01-02T10:01:30.000000000Z");
        assertThat(result.out().lines().skip(2).findFirst().orElseThrow()).contains(",5000.50,5000.50,5000.00,5000.00,4,1,3,2,");
    }

    @Test
    void tickVolumeAndValueBars()
    {
        assertThat(bars("--ticks", "2").out()).isEqualTo(HEADER + ns(
            "2026-01-02T10:00:05.000000000Z,2026-01-02T10:00:30.000000000Z,5000.25,5000.50,5000.25,5000.50,5,2,3,2,5000.40," +
            "2026-01-02T10:00:05.000000000Z,2026-01-02T10:00:30.000000000Z,0\n" +
            "2026-01-02T10:01:00.000000000Z,2026-01-02T10:03:20.000000000Z,5000.00,5001.00,5000.00,5001.00,5,1,0,2,5000.80," +
            "2026-01-02T10:01:00.000000000Z,2026-01-02T10:03:20.000000000Z,0\n"));
        // counting starts at the first trade at or after --from
        assertThat(bars("--ticks", "2", "--from", "2026-01-02T10:00:10Z").out().lines().skip(1))
            .containsExactly(ns("2026-01-02T10:00:30.000000000Z,2026-01-02T10:01:00.000000000Z,5000.50,5000.50,5000.00,5000.00," +
                "4,1,3,2,5000.38,2026-01-02T10:00:30.000000000Z,2026-01-02T10:01:00.000000000Z,0").strip());
        // volume 5.5: 2 + 3 + 1 = 6 closes at the third trade
        assertThat(bars("--volume", "5.5").out().lines().skip(1).map(l -> l.split(",")[8]))
            .containsExactly("6");
        // value 25000: 10000.50 + 15001.50 = 25002.00 closes at the second trade; 5000.00 + 20004.00 the next
        assertThat(bars("--value", "25000").out().lines().skip(1).map(l -> l.split(",")[11]))
            .containsExactly("2", "2");
    }

    @Test
    void jsonLines() throws Exception
    {
        final String out = bars("--interval", "1m", "--emit-empty", "--format", "jsonl").out();
        final ObjectMapper json = new ObjectMapper();
        final JsonNode[] lines = out.lines().map(l ->
        {
            try
            {
                return json.readTree(l);
            }
            catch (final Exception ex)
            {
                throw new AssertionError(l, ex);
            }
        }).toArray(JsonNode[]::new);
        assertThat(lines).hasSize(3);
        assertThat(lines[0].toString()).isEqualTo("{\"start\":\"2026-01-02T10:00:00.000000000Z\",\"start_ns\":" + t("10:00:00") +
            ",\"end\":\"2026-01-02T10:01:00.000000000Z\",\"end_ns\":" + t("10:01:00") + "," +
            "\"open\":\"5000.25\",\"high\":\"5000.50\",\"low\":\"5000.25\",\"close\":\"5000.50\",\"volume\":\"5\",\"buy_volume\":\"2\"," +
            "\"sell_volume\":\"3\",\"trades\":2,\"vwap\":\"5000.40\",\"first_event\":\"2026-01-02T10:00:05.000000000Z\"," +
            "\"first_event_ns\":" + t("10:00:05") + ",\"last_event\":\"2026-01-02T10:00:30.000000000Z\",\"last_event_ns\":" +
            t("10:00:30") + ",\"empty\":false}");
        assertThat(lines[2].get("empty").asBoolean()).isTrue();
        assertThat(lines[2].has("first_event")).as("an empty bar has no first event").isFalse();
        assertThat(lines[2].get("vwap").asText()).isEqualTo("5000.00");
    }

    @Test
    void badArgumentsAreRefusedWithAReason()
    {
        assertRefused(bars("--interval", "1m", "--ticks", "5"), "exactly one of --interval, --ticks, --volume, --value");
        assertRefused(bars(), "exactly one of");
        assertRefused(bars("--ticks", "0"), "at least 1 trade");
        assertRefused(bars("--interval", "soon"), "not a bar spec");
        assertRefused(bars("--interval", "1m", "--origin", "9am"), "time of day");
        assertRefused(bars("--interval", "1m", "--format", "xml"), "--format must be csv, jsonl, table or parquet");
        assertRefused(bars("--interval", "1m", "--from", "2026-01-02T10:00:00Z", "--to", "2026-01-02T09:00:00Z"), "--to is before --from");
        assertRefused(CliTest.run("bars", "--journal", journalDir.toString(), "--symbol", "ZZZ", "--ticks", "5"), "unknown symbol 'ZZZ'");
    }

    private static void assertRefused(final CliTest.Result result, final String message)
    {
        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(2);
        assertThat(result.err()).contains(message);
    }
}
