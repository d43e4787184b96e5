package dev.tickwire.engine.quality;

import dev.tickwire.journal.Journal;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.sbe.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.tickwire.engine.quality.QualityJournal.HOUR;
import static dev.tickwire.engine.quality.QualityJournal.MINUTE;
import static dev.tickwire.engine.quality.QualityJournal.SECOND;
import static dev.tickwire.engine.quality.QualityJournal.chicago;
import static dev.tickwire.engine.quality.QualityJournal.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QualityScanTest
{
    private static final TradingCalendar CME = CmeGlobexCalendar.INSTANCE;
    private static final TradingCalendar ALWAYS = AlwaysOpenCalendar.INSTANCE;
    private static final long FIVE_MINUTES = 5 * MINUTE;

    @TempDir
    Path dir;

    @Test
    void aSevenMinuteSilenceOnAWednesdayMorningIsAGap()
    {
        try (QualityJournal j = new QualityJournal(dir))
        {
            final int es = j.instrument("ESZ26");
            j.trades(es, chicago("2026-11-18T09:00"), chicago("2026-11-18T10:00"), 30 * SECOND);
            j.trades(es, chicago("2026-11-18T10:07"), chicago("2026-11-18T10:30"), 30 * SECOND);

            for (final TradingCalendar calendar : List.of(CME, ALWAYS))
            {
                final InstrumentQuality q = j.scan(calendar, FIVE_MINUTES).instrument("ESZ26");
                assertThat(q.gaps()).as(calendar.name()).containsExactly(
                    new Gap(chicago("2026-11-18T10:00"), chicago("2026-11-18T10:07"), 7 * MINUTE));
            }
            // the same silence under a longer limit is no gap; exactly the limit is no gap either
            assertThat(j.scan(CME, 10 * MINUTE).totalGaps()).isZero();
            assertThat(j.scan(CME, 7 * MINUTE).totalGaps()).isZero();
            assertThat(j.scan(CME, 7 * MINUTE - 1).totalGaps()).isEqualTo(1);
            // 30 s between the other trades
            assertThat(j.scan(ALWAYS, 29 * SECOND).instrument("ESZ26").gapCount()).isEqualTo(120 + 46 + 1);
        }
    }

    @Test
    void aSilenceOverTheDailyHaltIsAGapOnlyAroundTheClock()
    {
        try (QualityJournal j = new QualityJournal(dir))
        {
            final int es = j.instrument("ESZ26");
            j.trades(es, chicago("2026-11-18T15:00"), chicago("2026-11-18T15:57"), 30 * SECOND);
            j.trade(es, chicago("2026-11-18T16:04"));

            assertThat(j.scan(CME, FIVE_MINUTES).totalGaps()).isZero(); // 3 minutes of it were open
            assertThat(j.scan(ALWAYS, FIVE_MINUTES).instrument("ESZ26").gaps()).containsExactly(
                new Gap(chicago("2026-11-18T15:57"), chicago("2026-11-18T16:04"), 7 * MINUTE));
        }
    }

    @Test
    void theWeekendIsNoGapOnCme()
    {
        try (QualityJournal j = new QualityJournal(dir))
        {
            final int es = j.instrument("ESZ26");
            j.trades(es, chicago("2026-11-20T15:50"), chicago("2026-11-20T15:59:30"), 30 * SECOND);
            j.trades(es, chicago("2026-11-22T17:00:30"), chicago("2026-11-22T17:10"), 30 * SECOND);

            assertThat(j.scan(CME, FIVE_MINUTES).totalGaps()).isZero();
            final Gap weekend = new Gap(chicago("2026-11-20T15:59:30"), chicago("2026-11-22T17:00:30"),
                chicago("2026-11-22T17:00:30") - chicago("2026-11-20T15:59:30"));
            assertThat(j.scan(ALWAYS, FIVE_MINUTES).instrument("ESZ26").gaps()).containsExactly(weekend);
            assertThat(weekend.durationNs()).isEqualTo(49 * HOUR + MINUTE);
        }
    }

    @Test
    void aSilencePartlyInClosedHoursIsJudgedAndReportedByItsOpenPart()
    {
        try (QualityJournal j = new QualityJournal(dir))
        {
            final int es = j.instrument("ESZ26");
            j.trades(es, chicago("2026-11-19T15:00"), chicago("2026-11-19T15:50"), 30 * SECOND);
            j.trades(es, chicago("2026-11-19T17:03"), chicago("2026-11-19T17:30"), 30 * SECOND);

            final Gap gap = j.scan(CME, FIVE_MINUTES).instrument("ESZ26").gaps().get(0);
            assertThat(gap).isEqualTo(new Gap(chicago("2026-11-19T15:50"), chicago("2026-11-19T17:03"), 13 * MINUTE));
            assertThat(gap.durationNs()).isEqualTo(73 * MINUTE);
            assertThat(j.scan(CME, 13 * MINUTE).totalGaps()).isZero();
            assertThat(j.scan(ALWAYS, FIVE_MINUTES).instrument("ESZ26").gaps().get(0).openNs()).isEqualTo(73 * MINUTE);
        }
    }

    @Test
    void theDstWeekUsesChicagoTime()
    {
        try (QualityJournal j = new QualityJournal(dir))
        {
            final int es = j.instrument("ESZ26");
            // Friday 2026-03-06 (CST) to Sunday 2026-03-08 17:07 CDT (22:07 UTC): open 15:59-16:00 Friday + 7 min Sunday
            j.trades(es, chicago("2026-03-06T15:50"), chicago("2026-03-06T15:59"), 30 * SECOND);
            j.trade(es, utc("2026-03-08T22:07"));
            j.trades(es, chicago("2026-03-08T17:07:30"), chicago("2026-03-09T15:59"), 30 * SECOND);
            // Monday 2026-03-09: the halt is 21:00-22:00 UTC now; 15:59 to 17:00:30 CDT is 1.5 min open
            j.trades(es, utc("2026-03-09T22:00:30"), chicago("2026-03-09T18:00"), 30 * SECOND);

            final List<Gap> gaps = j.scan(CME, FIVE_MINUTES).instrument("ESZ26").gaps();
            assertThat(gaps).containsExactly(new Gap(chicago("2026-03-06T15:59"), utc("2026-03-08T22:07"), 8 * MINUTE));
            assertThat(j.scan(ALWAYS, FIVE_MINUTES).instrument("ESZ26").gaps()).extracting(Gap::startNs)
                .containsExactly(chicago("2026-03-06T15:59"), chicago("2026-03-09T15:59"));
        }
    }

    @Test
    void countsRejectsByReasonCrossedMomentsAndEventsByType()
    {
        try (QualityJournal j = new QualityJournal(dir))
        {
            final int es = j.instrument("ESZ26");
            final long t = chicago("2026-11-18T10:00");
            j.trade(es, t);
            j.quote(es, t + SECOND);
            j.delta(es, t + 2 * SECOND, DeltaFlagBits.END_OF_BATCH);
            j.rejectedTrade(es, t + SECOND, RejectReason.TIME_BACKWARDS);             // out of order
            j.rejectedQuote(es, t, RejectReason.TIME_BACKWARDS);
            j.rejectedTrade(es, t, RejectReason.DUPLICATE_POSITION);
            j.crossedBatch(es, t + 3 * SECOND, 3);                                     // one moment, 3 rejects
            j.rejectedQuote(es, t + 4 * SECOND, RejectReason.CROSSED_BOOK);            // a second moment
            j.trade(es, t + 5 * SECOND);
            j.crossedBatch(es, t + 5 * SECOND, 2);                                     // a third, after an accepted event
            j.rejectedTrade(es, t + 6 * SECOND, RejectReason.PRICE_OFF_TICK);
            j.rejectedTrade(es, 0, RejectReason.MALFORMED);                            // no time: not a first event
            j.rejectedTrade(es, t + 365L * 24 * HOUR, RejectReason.TIME_IN_FUTURE);   // bogus time: no silence, no last event
            j.status(es, t + 6 * SECOND);
            j.trade(es, t + 7 * SECOND);

            final InstrumentQuality q = j.scan(ALWAYS, FIVE_MINUTES).instrument("ESZ26");
            assertThat(q.trades()).isEqualTo(1 + 2 + 1 + 1 + 1 + 1 + 1);
            assertThat(q.quotes()).isEqualTo(3);
            assertThat(q.bookDeltas()).isEqualTo(1 + 3 + 2);
            assertThat(q.statuses()).isEqualTo(1);
            assertThat(q.events()).isEqualTo(17);
            assertThat(q.accepted()).isEqualTo(5);
            assertThat(q.rejected()).isEqualTo(12);
            assertThat(q.outOfOrder()).isEqualTo(2);
            assertThat(q.duplicates()).isEqualTo(1);
            assertThat(q.rejects(RejectReason.CROSSED_BOOK)).isEqualTo(6);
            assertThat(q.rejects(RejectReason.PRICE_OFF_TICK)).isEqualTo(1);
            assertThat(q.rejects(RejectReason.MALFORMED)).isEqualTo(1);
            assertThat(q.rejects(RejectReason.TIME_IN_FUTURE)).isEqualTo(1);
            assertThat(q.rejects(RejectReason.SIZE_NEGATIVE)).isZero();
            assertThat(q.crossedMoments()).isEqualTo(3);
            assertThat(q.firstCrossedTimesNs()).containsExactly(t + 3 * SECOND, t + 4 * SECOND, t + 5 * SECOND);
            assertThat(q.firstEventNs()).isEqualTo(t);
            assertThat(q.lastEventNs()).isEqualTo(t + 7 * SECOND);
            assertThat(q.gapCount()).isZero();
        }
    }

    @Test
    void keepsTheFirstFiveCrossedMomentsAndCountsThemAll()
    {
        try (QualityJournal j = new QualityJournal(dir))
        {
            final int es = j.instrument("ESZ26");
            final long t = chicago("2026-11-18T10:00");
            for (int i = 0; i < 8; i++)
            {
                j.rejectedQuote(es, t + i * SECOND, RejectReason.CROSSED_BOOK);
            }
            final InstrumentQuality q = j.scan(ALWAYS, FIVE_MINUTES).instrument("ESZ26");
            assertThat(q.crossedMoments()).isEqualTo(8);
            assertThat(q.firstCrossedTimesNs()).containsExactly(t, t + SECOND, t + 2 * SECOND, t + 3 * SECOND, t + 4 * SECOND);
            assertThat(q.accepted()).isZero();
            assertThat(q.lastEventNs()).as("rejected events end silences too").isEqualTo(t + 7 * SECOND);
        }
    }

    @Test
    void rejectedEventsEndASilence()
    {
        try (QualityJournal j = new QualityJournal(dir))
        {
            final int es = j.instrument("ESZ26");
            j.trade(es, chicago("2026-11-18T10:00"));
            j.rejectedTrade(es, chicago("2026-11-18T10:04"), RejectReason.PRICE_OFF_TICK);
            j.crossedBatch(es, chicago("2026-11-18T10:08"), 2);
            j.trade(es, chicago("2026-11-18T10:12"));
            j.status(es, chicago("2026-11-18T10:20")); // not a market event: the silence goes on
            j.trade(es, chicago("2026-11-18T10:24"));
            j.rejectedTrade(es, chicago("2026-11-18T10:50"), RejectReason.MALFORMED); // time not trusted
            j.trade(es, chicago("2026-11-18T10:28"));

            assertThat(j.scan(CME, FIVE_MINUTES).instrument("ESZ26").gaps()).containsExactly(
                new Gap(chicago("2026-11-18T10:12"), chicago("2026-11-18T10:24"), 12 * MINUTE));
        }
    }

    @Test
    void eachInstrumentHasItsOwnSilencesAndSymbolsSelect()
    {
        try (QualityJournal j = new QualityJournal(dir))
        {
            final int es = j.instrument("ESZ26");
            final int nq = j.instrument("NQZ26");
            // interleaved: ES silent 10:00-10:07, NQ silent 10:10-10:30; each ticks while the other is silent
            for (long t = chicago("2026-11-18T09:30"); t <= chicago("2026-11-18T11:00"); t += 30 * SECOND)
            {
                if (t <= chicago("2026-11-18T10:00") || t >= chicago("2026-11-18T10:07"))
                {
                    j.trade(es, t);
                }
                if (t <= chicago("2026-11-18T10:10") || t >= chicago("2026-11-18T10:30"))
                {
                    j.quote(nq, t);
                }
            }
            final QualityReport report = j.scan(CME, FIVE_MINUTES);
            assertThat(report.instruments()).extracting(InstrumentQuality::symbol).containsExactly("ESZ26", "NQZ26");
            assertThat(report.instrument("ESZ26").gaps()).containsExactly(
                new Gap(chicago("2026-11-18T10:00"), chicago("2026-11-18T10:07"), 7 * MINUTE));
            assertThat(report.instrument("NQZ26").gaps()).containsExactly(
                new Gap(chicago("2026-11-18T10:10"), chicago("2026-11-18T10:30"), 20 * MINUTE));
            assertThat(report.instrument("NQZ26").quotes()).isEqualTo(81 + 61);
            assertThat(report.totalGaps()).isEqualTo(2);

            final QualityReport onlyNq = new QualityScan(j.journal).calendar(CME).symbols(List.of("NQZ26")).run();
            assertThat(onlyNq.instruments()).extracting(InstrumentQuality::symbol).containsExactly("NQZ26");
            assertThat(onlyNq.totalGaps()).isEqualTo(1);
            assertThat(onlyNq.messagesRead()).isEqualTo(report.messagesRead());

            assertThatThrownBy(() -> new QualityScan(j.journal).symbols(List.of("CLZ26")).run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CLZ26").hasMessageContaining("NQZ26");
        }
    }

    @Test
    void aWindowCountsOnlyItsEventsAndTheSilenceAtItsEnds()
    {
        try (QualityJournal j = new QualityJournal(dir))
        {
            final int es = j.instrument("ESZ26");
            final int nq = j.instrument("NQZ26"); // no events at all
            j.trades(es, chicago("2026-11-18T08:00"), chicago("2026-11-18T09:00"), 30 * SECOND);
            j.trades(es, chicago("2026-11-18T09:10"), chicago("2026-11-18T12:00"), 30 * SECOND);
            j.trades(es, chicago("2026-11-18T15:00"), chicago("2026-11-18T15:30"), 30 * SECOND);

            final QualityReport inside = new QualityScan(j.journal).calendar(CME)
                .from(chicago("2026-11-18T10:00")).to(chicago("2026-11-18T11:00")).run();
            final InstrumentQuality q = inside.instrument("ESZ26");
            assertThat(q.trades()).isEqualTo(121);
            assertThat(q.firstEventNs()).isEqualTo(chicago("2026-11-18T10:00"));
            assertThat(q.lastEventNs()).isEqualTo(chicago("2026-11-18T11:00"));
            assertThat(q.gapCount()).isZero();
            // the instrument that never ticked was silent the whole window
            assertThat(inside.instrument("NQZ26").gaps()).containsExactly(
                new Gap(chicago("2026-11-18T10:00"), chicago("2026-11-18T11:00"), HOUR));

            // a window starting in a silence and ending after the data: both ends are silences (the end only in open hours)
            final QualityReport edges = new QualityScan(j.journal).calendar(CME).symbols(List.of("ESZ26"))
                .from(chicago("2026-11-18T09:02")).to(chicago("2026-11-18T17:10")).run();
            assertThat(edges.instrument("ESZ26").gaps()).containsExactly(
                new Gap(chicago("2026-11-18T09:02"), chicago("2026-11-18T09:10"), 8 * MINUTE),
                new Gap(chicago("2026-11-18T12:00"), chicago("2026-11-18T15:00"), 3 * HOUR),
                new Gap(chicago("2026-11-18T15:30"), chicago("2026-11-18T17:10"), 40 * MINUTE));

            // only --from: no trailing silence
            assertThat(new QualityScan(j.journal).calendar(CME).symbols(List.of("ESZ26"))
                .from(chicago("2026-11-18T09:02")).run().totalGaps()).isEqualTo(2);
            assertThatThrownBy(() -> new QualityScan(j.journal).from(2).to(1).run())
                .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aReadOnlyJournalWithoutInstrumentsGivesAnEmptyReport()
    {
        try (QualityJournal j = new QualityJournal(dir))
        {
            j.trade(5, chicago("2026-11-18T10:00")); // an instrument the catalog does not know
        }
        try (Journal journal = Journal.open(new Journal.Context().dir(dir).readOnly(true)))
        {
            final QualityReport report = new QualityScan(journal).run();
            assertThat(report.instruments()).isEmpty();
            assertThat(report.messagesRead()).isEqualTo(1);
            assertThat(report.totalGaps()).isZero();
        }
    }

    @Test
    void refusesANonPositiveLimit()
    {
        try (QualityJournal j = new QualityJournal(dir))
        {
            assertThatThrownBy(() -> new QualityScan(j.journal).maxSilenceNs(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
