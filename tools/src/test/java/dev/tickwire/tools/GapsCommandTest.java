package dev.tickwire.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tickwire gaps} on a crafted journal of two instruments:
 * ES: a 7-minute silence Wednesday 10:00 Chicago, a 7-minute silence over the 16:00 halt, rejects;
 * NQ: a weekend silence and a 20-minute silence on the Monday.
 */
class GapsCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;

    @TempDir
    Path dir;

    private Path journalDir;
    private final MessageWriter messages = new MessageWriter();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private JournalWriter writer;
    private long position = 1;

    @BeforeEach
    void writeJournal()
    {
        journalDir = dir.resolve("journal");
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir)))
        {
            final int es = journal.instruments().register("ESZ26", "CME", -2, 0, 25).id();
            final int nq = journal.instruments().register("NQZ26", "CME", -2, 0, 25).id();
            writer = journal.writer();
            trades(es, chicago("2026-11-18T09:00"), chicago("2026-11-18T10:00"));
            trades(es, chicago("2026-11-18T10:07"), chicago("2026-11-18T15:57"));
            trade(es, chicago("2026-11-18T16:04"), RejectReason.NONE);
            trade(es, chicago("2026-11-18T16:03"), RejectReason.TIME_BACKWARDS);
            trade(es, chicago("2026-11-18T16:02"), RejectReason.TIME_BACKWARDS);
            trade(es, chicago("2026-11-18T12:00"), RejectReason.DUPLICATE_POSITION);
            trade(es, chicago("2026-11-18T16:04:30"), RejectReason.PRICE_OFF_TICK);
            for (int i = 0; i < 3; i++) // a batch that would cross the book: one moment
            {
                delta(es, chicago("2026-11-18T16:04:40"), i == 2 ? DeltaFlagBits.END_OF_BATCH : 0, RejectReason.CROSSED_BOOK);
            }
            delta(es, chicago("2026-11-18T16:04:50"), DeltaFlagBits.END_OF_BATCH, RejectReason.NONE);

            trades(nq, chicago("2026-11-20T15:00"), chicago("2026-11-20T15:59:30"));
            trades(nq, chicago("2026-11-22T17:00:30"), chicago("2026-11-23T09:00"));
            trades(nq, chicago("2026-11-23T09:20"), chicago("2026-11-23T09:30"));
            writer.close();
        }
    }

    @Test
    void tableShowsEachInstrumentsNumbersInAlignedColumns()
    {
        final Result result = run("gaps", "--journal", journalDir.toString(), "--calendar", "CME");
        assertThat(result.exitCode).as(result.err).isZero();
        final String out = result.out;
        assertThat(out).contains("calendar       CME (").contains("holidays not modelled")
            .contains("max silence    00:05:00.000 in open hours");
        final String es = block(out, "ESZ26");
        final String nq = block(out, "NQZ26");
        assertThat(es).contains("  first event    " + iso(chicago("2026-11-18T09:00")))
            .contains("  last event     " + iso(chicago("2026-11-18T16:04:50")))
            .contains("  events         " + (121 + 701 + 1 + 4 + 4) + "  (trade " + (121 + 701 + 1 + 4) +
                ", quote 0, book_delta 4; status 0)")
            .contains("  accepted       " + (121 + 701 + 1 + 1))
            .contains("  rejected       7\n")
            .contains("  out of order   2\n")
            .contains("  duplicates     1\n")
            .contains("  crossed book   1  first at " + iso(chicago("2026-11-18T16:04:40")) + "\n")
            .contains("  rejects        PRICE_OFF_TICK 1, TIME_BACKWARDS 2, DUPLICATE_POSITION 1, CROSSED_BOOK 3\n")
            .contains("  gaps           1\n");
        // only the Wednesday-morning silence: the one over the halt had 3 open minutes
        final List<String> esRows = gapRows(es);
        assertThat(esRows).hasSize(2);
        assertThat(esRows.get(1)).isEqualTo("    " + iso(chicago("2026-11-18T10:00")) + "  " +
            iso(chicago("2026-11-18T10:07")) + "      00:07:00.000      00:07:00.000");
        assertThat(esRows.get(0).indexOf("open hours") + "open hours".length())
            .as("columns line up").isEqualTo(esRows.get(1).indexOf("00:07:00.000") + "00:07:00.000".length());
        // NQ: the weekend is closed; the Monday silence is a gap
        assertThat(nq).contains("  gaps           1\n").contains("  out of order   0\n").contains("  crossed book   0\n")
            .doesNotContain("rejects");
        assertThat(gapRows(nq).get(1)).isEqualTo("    " + iso(chicago("2026-11-23T09:00")) + "  " +
            iso(chicago("2026-11-23T09:20")) + "      00:20:00.000      00:20:00.000");
        assertThat(out).endsWith("2 instruments, 2 gaps in all\n");
    }

    @Test
    void aroundTheClockEverySilenceCounts()
    {
        final Result result = run("gaps", "--journal", journalDir.toString(), "--calendar", "24x7");
        assertThat(result.exitCode).isZero();
        assertThat(gapRows(block(result.out, "ESZ26"))).hasSize(3).last().asString()
            .contains(iso(chicago("2026-11-18T15:57")) + "  " + iso(chicago("2026-11-18T16:04")))
            .endsWith("00:07:00.000      00:07:00.000");
        final List<String> nq = gapRows(block(result.out, "NQZ26"));
        assertThat(nq).hasSize(3);
        assertThat(nq.get(1)).contains(iso(chicago("2026-11-20T15:59:30")))
            .endsWith("Z   2d 01:01:00.000   2d 01:01:00.000");
        assertThat(result.out).endsWith("2 instruments, 4 gaps in all\n");
    }

    @Test
    void jsonHasStableFieldsAndExactValues() throws Exception
    {
        final Result result = run("gaps", "--journal", journalDir.toString(), "--calendar", "cme", "--format", "json",
            "--max-silence", "6m");
        assertThat(result.exitCode).as(result.err).isZero();
        final JsonNode root = JSON.readTree(result.out);
        assertThat(root.get("calendar").asText()).isEqualTo("CME");
        assertThat(root.get("max_silence_ns").asLong()).isEqualTo(6 * MINUTE);
        assertThat(root.get("from").isNull()).isTrue();
        assertThat(root.get("to_ns").isNull()).isTrue();
        assertThat(root.get("total_gaps").asLong()).isEqualTo(2);
        assertThat(root.get("fail_over").isNull()).isTrue();
        assertThat(root.get("failed").asBoolean()).isFalse();
        assertThat(root.get("instruments")).hasSize(2);

        final JsonNode es = root.get("instruments").get(0);
        assertThat(es.get("symbol").asText()).isEqualTo("ESZ26");
        assertThat(es.get("id").asInt()).isEqualTo(1);
        assertThat(es.get("first_event").asText()).isEqualTo(iso(chicago("2026-11-18T09:00")));
        assertThat(es.get("first_event").asText()).isEqualTo("2026-11-18T15:00:00.000000000Z");
        assertThat(es.get("first_event_ns").asLong()).isEqualTo(chicago("2026-11-18T09:00"));
        assertThat(es.get("last_event_ns").asLong()).isEqualTo(chicago("2026-11-18T16:04:50"));
        assertThat(es.get("events").asLong()).isEqualTo(831);
        assertThat(es.get("accepted").asLong()).isEqualTo(824);
        assertThat(es.get("rejected").asLong()).isEqualTo(7);
        assertThat(es.get("counts").get("trade").asLong()).isEqualTo(827);
        assertThat(es.get("counts").get("quote").asLong()).isZero();
        assertThat(es.get("counts").get("book_delta").asLong()).isEqualTo(4);
        assertThat(es.get("out_of_order").asLong()).isEqualTo(2);
        assertThat(es.get("duplicates").asLong()).isEqualTo(1);
        final JsonNode rejects = es.get("rejects");
        assertThat(rejects.get("TIME_BACKWARDS").asLong()).isEqualTo(2);
        assertThat(rejects.get("DUPLICATE_POSITION").asLong()).isEqualTo(1);
        assertThat(rejects.get("CROSSED_BOOK").asLong()).isEqualTo(3);
        assertThat(rejects.get("PRICE_OFF_TICK").asLong()).isEqualTo(1);
        assertThat(rejects.get("MALFORMED").asLong()).as("every reason is listed").isZero();
        assertThat(rejects.size()).isEqualTo(11);
        assertThat(es.get("crossed_book").get("count").asLong()).isEqualTo(1);
        assertThat(es.get("crossed_book").get("first").get(0).get("time_ns").asLong())
            .isEqualTo(chicago("2026-11-18T16:04:40"));
        assertThat(es.get("gap_count").asInt()).isEqualTo(1);
        final JsonNode gap = es.get("gaps").get(0);
        assertThat(gap.get("start").asText()).isEqualTo("2026-11-18T16:00:00.000000000Z");
        assertThat(gap.get("start_ns").asLong()).isEqualTo(chicago("2026-11-18T10:00"));
        assertThat(gap.get("end_ns").asLong()).isEqualTo(chicago("2026-11-18T10:07"));
        assertThat(gap.get("open_ns").asLong()).isEqualTo(7 * MINUTE);
        assertThat(gap.get("duration_ns").asLong()).isEqualTo(7 * MINUTE);

        final JsonNode nq = root.get("instruments").get(1);
        assertThat(nq.get("symbol").asText()).isEqualTo("NQZ26");
        assertThat(nq.get("crossed_book").get("first")).isEmpty();
        assertThat(nq.get("gaps")).hasSize(1);
        assertThat(nq.get("gaps").get(0).get("open_ns").asLong()).isEqualTo(20 * MINUTE);
    }

    @Test
    void failOverSetsTheExitCodeForCron() throws Exception
    {
        final String journal = journalDir.toString();
        assertThat(run("gaps", "--journal", journal, "--calendar", "CME").exitCode).as("never fails by default").isZero();
        assertThat(run("gaps", "--journal", journal, "--calendar", "CME", "--fail-over", "2").exitCode).isZero();
        final Result over = run("gaps", "--journal", journal, "--calendar", "CME", "--fail-over", "1");
        assertThat(over.exitCode).isEqualTo(3);
        assertThat(over.out).endsWith("2 gaps in all (over --fail-over 1)\n");
        assertThat(run("gaps", "--journal", journal, "--fail-over", "3").exitCode).as("24x7: 4 gaps").isEqualTo(3);
        final Result json = run("gaps", "--journal", journal, "--fail-over", "0", "--format", "json", "--symbol", "NQZ26");
        assertThat(json.exitCode).isEqualTo(3);
        final JsonNode root = JSON.readTree(json.out);
        assertThat(root.get("failed").asBoolean()).isTrue();
        assertThat(root.get("fail_over").asLong()).isZero();
        assertThat(root.get("total_gaps").asLong()).isEqualTo(2);
    }

    @Test
    void symbolsAndWindowSelect() throws Exception
    {
        final Result result = run("gaps", "--journal", journalDir.toString(), "--calendar", "CME", "--format", "json",
            "--symbol", "ESZ26", "--from", "2026-11-18T15:30:00Z", "--to", "2026-11-18T16:06:00Z");
        assertThat(result.exitCode).as(result.err).isZero();
        final JsonNode root = JSON.readTree(result.out);
        assertThat(root.get("from_ns").asLong()).isEqualTo(Timestamps.parse("2026-11-18T15:30:00Z"));
        assertThat(root.get("to").asText()).isEqualTo("2026-11-18T16:06:00.000000000Z");
        assertThat(root.get("instruments")).hasSize(1);
        final JsonNode es = root.get("instruments").get(0);
        assertThat(es.get("first_event_ns").asLong()).isEqualTo(chicago("2026-11-18T09:30"));
        assertThat(es.get("last_event_ns").asLong()).isEqualTo(chicago("2026-11-18T10:00"));
        assertThat(es.get("counts").get("trade").asLong()).isEqualTo(61);
        assertThat(es.get("rejected").asLong()).isZero();
        // the window is 09:30 to 10:06 Chicago: the silence from the 10:00 trade to its end is 6 minutes
        assertThat(es.get("gaps")).hasSize(1);
        assertThat(es.get("gaps").get(0).get("start_ns").asLong()).isEqualTo(chicago("2026-11-18T10:00"));
        assertThat(es.get("gaps").get(0).get("end").asText()).isEqualTo("2026-11-18T16:06:00.000000000Z");
        assertThat(es.get("gaps").get(0).get("open_ns").asLong()).isEqualTo(6 * MINUTE);
    }

    @Test
    void helpNamesTheExitCodeAndTheMissingHolidays()
    {
        final Result help = run("gaps", "--help");
        assertThat(help.exitCode).isZero();
        assertThat(help.out).contains("--max-silence").contains("--calendar").contains("--fail-over")
            .contains("status 3").contains("holidays").contains("cron").contains("America/Chicago");
    }

    @Test
    void badArgumentsSaySo()
    {
        final Result calendar = run("gaps", "--journal", journalDir.toString(), "--calendar", "NYSE");
        assertThat(calendar.exitCode).isEqualTo(2);
        assertThat(calendar.err).contains("unknown calendar 'NYSE'");
        final Result symbol = run("gaps", "--journal", journalDir.toString(), "--symbol", "CLZ26");
        assertThat(symbol.exitCode).isEqualTo(2);
        assertThat(symbol.err).contains("CLZ26").contains("ESZ26");
        final Result missing = run("gaps", "--journal", dir.resolve("nope").toString());
        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.err).contains("no journal at");
        assertThat(run("gaps", "--journal", journalDir.toString(), "--max-silence", "soon").exitCode).isEqualTo(2);
        assertThat(run("gaps", "--journal", journalDir.toString(), "--format", "xml").exitCode).isEqualTo(2);
    }

    /** Trades every 30 seconds from one time to another, both included. */
    private void trades(final int instrumentId, final long fromNs, final long toNs)
    {
        for (long t = fromNs; t <= toNs; t += 30 * SECOND)
        {
            trade(instrumentId, t, RejectReason.NONE);
        }
    }

    private void trade(final int instrumentId, final long timeNs, final RejectReason reason)
    {
        final int length = messages.trade(buffer, 0, 1, position++, instrumentId, timeNs, timeNs,
            500_000, 1, Side.BUY, position, 499_975, 500_000);
        append(length, reason);
    }

    private void delta(final int instrumentId, final long timeNs, final int flags, final RejectReason reason)
    {
        append(messages.bookDelta(buffer, 0, 1, position++, instrumentId, timeNs, timeNs,
            BookAction.ADD, BookSide.ASK, 499_950, 5, 1, flags), reason);
    }

    private void append(final int length, final RejectReason reason)
    {
        if (reason != RejectReason.NONE)
        {
            Envelope.reject(buffer, 0, reason);
        }
        writer.append(buffer, 0, length);
    }

    private static long chicago(final String localDateTime)
    {
        return LocalDateTime.parse(localDateTime).atZone(CHICAGO).toEpochSecond() * SECOND;
    }

    private static String iso(final long ns)
    {
        return Timestamps.format(ns);
    }

    /** The lines of one instrument's block, up to the next blank line. */
    private static String block(final String out, final String symbol)
    {
        final int start = out.indexOf("\n" + symbol + "  (id ");
        assertThat(start).as("block of " + symbol).isNotNegative();
        final int end = out.indexOf("\n\n", start + 1);
        return out.substring(start + 1, end < 0 ? out.length() : end + 1);
    }

    /** The gap table of a block: header first. */
    private static List<String> gapRows(final String block)
    {
        return block.lines().dropWhile(l -> !l.trim().startsWith("start ")).toList();
    }

    private record Result(int exitCode, String out, String err)
    {
    }

    private static synchronized Result run(final String... args)
    {
        final PrintStream oldOut = System.out;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try
        {
            final picocli.CommandLine cli = TickwireCli.commandLine();
            cli.setOut(new PrintWriter(System.out, true));
            cli.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
            final int code = cli.execute(args);
            System.out.flush();
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            System.setOut(oldOut);
        }
    }
}
