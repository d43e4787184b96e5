package dev.tickwire.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.quality.Gap;
import dev.tickwire.engine.quality.InstrumentQuality;
import dev.tickwire.engine.quality.QualityReport;
import dev.tickwire.engine.quality.QualityScan;
import dev.tickwire.engine.quality.TradingCalendar;
import dev.tickwire.journal.Journal;
import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.RejectReason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tickwire gaps}: a data-quality report of a journal, per instrument. */
@Command(name = "gaps", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Data-quality report of a journal, per instrument, in one pass: silences (no market event, accepted or " +
            "rejected) longer than --max-silence counting only the calendar's open hours, out-of-order records " +
            "(rejected TIME_BACKWARDS), duplicates (DUPLICATE_POSITION), rejects by reason, crossed-book moments " +
            "(CROSSED_BOOK rejects; a rejected batch is one moment), first and last event, counts by type.",
        "With --from/--to, the time from --from to the first event and from the last event to --to is silence too."},
    footer = {
        "",
        "Calendars: 24x7 (always open); CME (Globex equity and interest-rate futures: Sunday 17:00 to Friday 16:00 " +
            "America/Chicago, daily halt 16:00-17:00 Monday-Thursday, DST-aware). Exchange holidays are NOT modelled: " +
            "a silence on a holiday is reported as a gap.",
        "",
        "Exit status: 0 = report printed; 3 = more gaps than --fail-over (for a cron job to alert on); " +
            "2 = bad arguments or no journal."})
final class GapsCommand implements Callable<Integer>
{
    /** Exit status when there are more gaps than --fail-over. */
    static final int EXIT_TOO_MANY_GAPS = 3;

    private static final int LABEL_WIDTH = 15;
    private static final int TIME_WIDTH = 30;
    private static final int DURATION_WIDTH = 16;

    @Option(names = "--journal", paramLabel = "DIR", defaultValue = "./tickwire-data/journal", description = "Journal directory (default: ${DEFAULT-VALUE}).")
    Path journalDir;

    @Option(names = "--max-silence", paramLabel = "DURATION", defaultValue = "5m", converter = Converters.Duration.class,
        description = "Report silences longer than this in open hours, e.g. 30s, 5m, 1h (default: ${DEFAULT-VALUE}).")
    long maxSilenceNs;

    @Option(names = "--calendar", paramLabel = "24x7|CME", defaultValue = "24x7",
        description = "Open hours: 24x7 or CME (Globex hours in America/Chicago; exchange holidays not modelled). Default: ${DEFAULT-VALUE}.")
    String calendar;

    @Option(names = "--from", paramLabel = "T", converter = Converters.Time.class, description = "Start of the window (ISO-8601 or epoch ns; default: the journal's start).")
    Long from;

    @Option(names = "--to", paramLabel = "T", converter = Converters.Time.class, description = "End of the window, inclusive (default: the journal's end).")
    Long to;

    @Option(names = "--symbol", paramLabel = "S", split = ",", arity = "1..*", description = "Only these symbols (default: every instrument of the journal).")
    List<String> symbols;

    @Option(names = "--format", paramLabel = "table|json", defaultValue = "table", description = "table (for people, the default) or json (for machines).")
    String format;

    @Option(names = "--fail-over", paramLabel = "N",
        description = "Exit with status 3 when more than N gaps are reported in all (default: never fail).")
    Long failOver;

    @Override
    public Integer call() throws Exception
    {
        if (!format.equals("table") && !format.equals("json"))
        {
            throw new IllegalArgumentException("--format must be table or json");
        }
        if (failOver != null && failOver < 0)
        {
            throw new IllegalArgumentException("--fail-over must be 0 or more");
        }
        if (maxSilenceNs <= 0)
        {
            throw new IllegalArgumentException("--max-silence must be positive");
        }
        if (!Files.isDirectory(journalDir))
        {
            throw new IllegalArgumentException("no journal at " + journalDir + " (pass --journal DIR)");
        }
        final TradingCalendar tradingCalendar = TradingCalendar.named(calendar);
        final QualityReport report;
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true)))
        {
            report = new QualityScan(journal).calendar(tradingCalendar).maxSilenceNs(maxSilenceNs)
                .from(from == null ? Values.NONE : from).to(to == null ? Long.MAX_VALUE : to)
                .symbols(symbols).run();
        }
        System.out.print(format.equals("json") ? json(report) : table(report));
        System.out.flush();
        return failOver != null && report.totalGaps() > failOver ? EXIT_TOO_MANY_GAPS : 0;
    }

    private String table(final QualityReport report)
    {
        final StringBuilder out = new StringBuilder(1024);
        out.append("journal        ").append(journalDir).append('\n');
        out.append("calendar       ").append(report.calendar().name()).append(" (").append(report.calendar().description())
            .append(")\n");
        out.append("max silence    ").append(duration(report.maxSilenceNs())).append(" in open hours\n");
        out.append("window         ").append(report.fromNs() == Values.NONE ? "start" : Timestamps.format(report.fromNs()))
            .append(" to ").append(report.toNs() == Long.MAX_VALUE ? "end" : Timestamps.format(report.toNs())).append('\n');
        for (final InstrumentQuality q : report.instruments())
        {
            out.append('\n').append(q.symbol()).append("  (id ").append(q.instrument().id()).append(", ")
                .append(q.instrument().venue()).append(")\n");
            if (q.events() == 0)
            {
                row(out, "events", "none");
            }
            else
            {
                row(out, "first event", Timestamps.format(q.firstEventNs()));
                row(out, "last event", Timestamps.format(q.lastEventNs()));
                row(out, "events", q.events() + "  (trade " + q.trades() + ", quote " + q.quotes() + ", book_delta " +
                    q.bookDeltas() + "; status " + q.statuses() + ")");
                row(out, "accepted", Long.toString(q.accepted()));
                row(out, "rejected", Long.toString(q.rejected()));
            }
            row(out, "out of order", Long.toString(q.outOfOrder()));
            row(out, "duplicates", Long.toString(q.duplicates()));
            row(out, "crossed book", crossed(q));
            if (q.rejected() > 0)
            {
                row(out, "rejects", rejects(q));
            }
            row(out, "gaps", Long.toString(q.gapCount()));
            if (q.gapCount() > 0)
            {
                out.append("    ").append(pad("start", TIME_WIDTH)).append("  ").append(pad("end", TIME_WIDTH)).append("  ")
                    .append(padLeft("open hours", DURATION_WIDTH)).append("  ").append(padLeft("wall clock", DURATION_WIDTH))
                    .append('\n');
                for (final Gap gap : q.gaps())
                {
                    out.append("    ").append(pad(Timestamps.format(gap.startNs()), TIME_WIDTH)).append("  ")
                        .append(pad(Timestamps.format(gap.endNs()), TIME_WIDTH)).append("  ")
                        .append(padLeft(duration(gap.openNs()), DURATION_WIDTH)).append("  ")
                        .append(padLeft(duration(gap.durationNs()), DURATION_WIDTH)).append('\n');
                }
            }
        }
        final int instruments = report.instruments().size();
        out.append('\n').append(instruments).append(instruments == 1 ? " instrument, " : " instruments, ")
            .append(report.totalGaps()).append(report.totalGaps() == 1 ? " gap in all" : " gaps in all");
        if (failOver != null)
        {
            out.append(report.totalGaps() > failOver ? " (over --fail-over " : " (within --fail-over ").append(failOver)
                .append(')');
        }
        return out.append('\n').toString();
    }

    private static String crossed(final InstrumentQuality q)
    {
        final StringBuilder text = new StringBuilder().append(q.crossedMoments());
        final long[] times = q.firstCrossedTimesNs();
        for (int i = 0; i < times.length; i++)
        {
            text.append(i == 0 ? "  first at " : ", ").append(Timestamps.format(times[i]));
        }
        if (q.crossedMoments() > times.length)
        {
            text.append(", ...");
        }
        return text.toString();
    }

    private static String rejects(final InstrumentQuality q)
    {
        final StringBuilder text = new StringBuilder();
        for (int code = 1; code < InstrumentQuality.REASON_SLOTS; code++)
        {
            final long n = q.rejectsByCode(code);
            if (n > 0)
            {
                text.append(text.length() == 0 ? "" : ", ").append(reasonName(code)).append(' ').append(n);
            }
        }
        return text.toString();
    }

    private String json(final QualityReport report) throws Exception
    {
        final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        final ObjectNode root = mapper.createObjectNode();
        root.put("journal", journalDir.toString());
        root.put("calendar", report.calendar().name());
        root.put("max_silence_ns", report.maxSilenceNs());
        time(root, "from", report.fromNs() == Values.NONE ? null : report.fromNs());
        time(root, "to", report.toNs() == Long.MAX_VALUE ? null : report.toNs());
        root.put("messages_read", report.messagesRead());
        root.put("total_gaps", report.totalGaps());
        if (failOver == null)
        {
            root.putNull("fail_over");
        }
        else
        {
            root.put("fail_over", failOver);
        }
        root.put("failed", failOver != null && report.totalGaps() > failOver);
        final ArrayNode instruments = root.putArray("instruments");
        for (final InstrumentQuality q : report.instruments())
        {
            final ObjectNode node = instruments.addObject();
            node.put("symbol", q.symbol()).put("id", q.instrument().id()).put("venue", q.instrument().venue());
            final boolean any = q.events() > 0 && q.firstEventNs() != Values.NONE;
            time(node, "first_event", any ? q.firstEventNs() : null);
            time(node, "last_event", any ? q.lastEventNs() : null);
            node.put("events", q.events()).put("accepted", q.accepted()).put("rejected", q.rejected());
            node.putObject("counts").put("trade", q.trades()).put("quote", q.quotes()).put("book_delta", q.bookDeltas())
                .put("status", q.statuses());
            node.put("out_of_order", q.outOfOrder()).put("duplicates", q.duplicates());
            final ObjectNode rejects = node.putObject("rejects");
            for (final RejectReason reason : RejectReason.values())
            {
                if (reason != RejectReason.NONE && reason != RejectReason.NULL_VAL)
                {
                    rejects.put(reason.name(), q.rejects(reason));
                }
            }
            for (int code = 1; code < InstrumentQuality.REASON_SLOTS; code++)
            {
                if (q.rejectsByCode(code) > 0 && reason(code) == null)
                {
                    rejects.put(reasonName(code), q.rejectsByCode(code)); // a code newer than this build
                }
            }
            final ObjectNode crossed = node.putObject("crossed_book");
            crossed.put("count", q.crossedMoments());
            final ArrayNode first = crossed.putArray("first");
            for (final long t : q.firstCrossedTimesNs())
            {
                time(first.addObject(), "time", t);
            }
            node.put("gap_count", q.gapCount());
            final ArrayNode gaps = node.putArray("gaps");
            for (final Gap gap : q.gaps())
            {
                final ObjectNode g = gaps.addObject();
                time(g, "start", gap.startNs());
                time(g, "end", gap.endNs());
                g.put("open_ns", gap.openNs()).put("duration_ns", gap.durationNs());
            }
        }
        return mapper.writeValueAsString(root) + "\n";
    }

    /** A time as two fields: {@code name} (ISO-8601 UTC with ns) and {@code name_ns} (epoch ns); both null if absent. */
    private static void time(final ObjectNode node, final String name, final Long timeNs)
    {
        if (timeNs == null)
        {
            node.putNull(name);
            node.putNull(name + "_ns");
        }
        else
        {
            node.put(name, Timestamps.format(timeNs));
            node.put(name + "_ns", timeNs.longValue());
        }
    }

    private static String reasonName(final int code)
    {
        final RejectReason reason = reason(code);
        return reason == null ? "REASON_" + code + (code == InstrumentQuality.REASON_SLOTS - 1 ? "_OR_MORE" : "") : reason.name();
    }

    /** The reason of a code, or null for a code this build does not know (a newer journal). */
    private static RejectReason reason(final int code)
    {
        for (final RejectReason reason : RejectReason.values())
        {
            if (reason.value() == code && reason != RejectReason.NULL_VAL)
            {
                return reason;
            }
        }
        return null;
    }

    /** [Nd ]HH:MM:SS.mmm: fixed width up to a day, so the gap columns line up. */
    static String duration(final long ns)
    {
        final long millis = ns / 1_000_000L;
        final long days = millis / 86_400_000L;
        final long rest = millis % 86_400_000L;
        final String hms = String.format("%02d:%02d:%02d.%03d",
            rest / 3_600_000L, rest / 60_000L % 60, rest / 1_000L % 60, rest % 1_000L);
        return days > 0 ? days + "d " + hms : hms;
    }

    private static void row(final StringBuilder out, final String label, final String value)
    {
        out.append("  ").append(pad(label, LABEL_WIDTH)).append(value).append('\n');
    }

    private static String pad(final String text, final int width)
    {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    private static String padLeft(final String text, final int width)
    {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }
}
