package dev.tickwire.tools.daily;

import dev.tickwire.engine.quality.Gap;
import dev.tickwire.engine.quality.InstrumentQuality;
import dev.tickwire.engine.quality.QualityReport;
import dev.tickwire.engine.quality.QualityScan;
import dev.tickwire.journal.Journal;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data-quality scan of the day's journal ({@link QualityScan}, as {@code tickwire gaps}): silences longer than
 * {@code daily.gaps.maxSilence} in the calendar's open hours, out-of-order records, duplicates, rejects. Counted in
 * the state; more gaps than {@code daily.gaps.failOver} fail the step (and alert).
 */
final class GapsStep implements DailyStep
{
    static final String NAME = "gaps";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public List<String> needs()
    {
        return List.of(ImportStep.NAME);
    }

    @Override
    public String dryRun(final DailyContext context, final LocalDate day)
    {
        return "would scan " + day + " of " + context.daily.journal + " for silences over " +
            Duration.ofNanos(context.daily.maxSilenceNs) + " (" + context.daily.calendar.name() + ")" +
            (context.daily.section.gaps.failOver != null ? "; more than " + context.daily.section.gaps.failOver +
                " fail the step" : "");
    }

    @Override
    public Outcome run(final DailyContext context, final LocalDate day, final DayState state)
    {
        final long from = DailyContext.dayStartNs(day);
        final Map<String, Object> counts = new LinkedHashMap<>();
        final QualityReport report;
        try (Journal journal = Journal.open(new Journal.Context().dir(context.daily.journal).readOnly(true)))
        {
            final List<String> symbols = new ArrayList<>();
            context.daily.symbols.stream().map(context.daily::instrument)
                .filter(s -> journal.instruments().bySymbol(s).isPresent()).forEach(symbols::add);
            counts.put("instruments", symbols.size());
            if (symbols.isEmpty())
            {
                return new Outcome("no instrument of the day in the journal", counts);
            }
            report = new QualityScan(journal).calendar(context.daily.calendar).maxSilenceNs(context.daily.maxSilenceNs)
                .from(from).to(from + DailyContext.DAY_NS - 1).symbols(symbols).run();
        }
        long events = 0;
        long rejected = 0;
        long outOfOrder = 0;
        long longest = 0;
        String longestOf = "";
        for (final InstrumentQuality q : report.instruments())
        {
            events += q.events();
            rejected += q.rejected();
            outOfOrder += q.outOfOrder();
            for (final Gap gap : q.gaps())
            {
                if (gap.openNs() > longest)
                {
                    longest = gap.openNs();
                    longestOf = q.symbol();
                }
            }
        }
        counts.put("events", events);
        counts.put("rejected", rejected);
        counts.put("outOfOrder", outOfOrder);
        counts.put("gaps", report.totalGaps());
        counts.put("longestGapMs", longest / 1_000_000L);
        final String summary = report.totalGaps() + " gap(s) over " + Duration.ofNanos(context.daily.maxSilenceNs) +
            (longest > 0 ? " (longest " + Duration.ofNanos(longest).withNanos(0) + " on " + longestOf + ")" : "") +
            " in " + events + " event(s) of " + report.instruments().size() + " instrument(s); " + rejected +
            " rejected, " + outOfOrder + " out of order";
        final Long failOver = context.daily.section.gaps.failOver;
        if (failOver != null && report.totalGaps() > failOver)
        {
            throw new StepFailure(summary + ": more than daily.gaps.failOver (" + failOver + "); `tickwire gaps " +
                "--journal " + context.daily.journal + " --from " + day + "T00:00:00Z --to " + day +
                "T23:59:59.999999999Z` lists them", counts);
        }
        return new Outcome(summary, counts);
    }
}
