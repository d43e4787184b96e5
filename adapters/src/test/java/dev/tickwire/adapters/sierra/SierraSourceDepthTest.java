package dev.tickwire.adapters.sierra;

import dev.tickwire.adapters.sierra.SierraSourceHarness.BookModel;
import dev.tickwire.adapters.sierra.SierraSourceHarness.DepthScript;
import dev.tickwire.adapters.sierra.SierraSourceHarness.Msg;
import dev.tickwire.engine.Engine;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tickwire.wire.sbe.RejectReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static dev.tickwire.adapters.sierra.DepthFormat.ADD_ASK_LEVEL;
import static dev.tickwire.adapters.sierra.DepthFormat.ADD_BID_LEVEL;
import static dev.tickwire.adapters.sierra.DepthFormat.CLEAR_BOOK;
import static dev.tickwire.adapters.sierra.DepthFormat.DELETE_ASK_LEVEL;
import static dev.tickwire.adapters.sierra.DepthFormat.DELETE_BID_LEVEL;
import static dev.tickwire.adapters.sierra.DepthFormat.MODIFY_ASK_LEVEL;
import static dev.tickwire.adapters.sierra.DepthFormat.MODIFY_BID_LEVEL;
import static dev.tickwire.adapters.sierra.DepthFormat.NO_COMMAND;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.ES;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.assertStays;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.dayStartNanos;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.deltaKey;
import static org.assertj.core.api.Assertions.assertThat;

/** The live .depth source through a real engine: commands, batches, snapshots, books, day rollover. */
class SierraSourceDepthTest
{
    private static final int EOB = DepthFormat.FLAG_END_OF_BATCH;
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    private SierraSourceHarness h;

    @BeforeEach
    void setUp()
    {
        h = new SierraSourceHarness(dir);
    }

    @AfterEach
    void tearDown()
    {
        h.close();
    }

    private List<String> deltas(final int source)
    {
        return h.journal().stream().filter(m -> m.sourceId == source && m.isDelta()).map(SierraSourceHarness::deltaKey)
            .collect(Collectors.toList());
    }

    private List<String> awaitDeltas(final int source, final int count)
    {
        return h.awaitMessages("deltas", m -> m.sourceId == source && m.isDelta(), count).stream()
            .map(SierraSourceHarness::deltaKey).collect(Collectors.toList());
    }

    @Test
    void allSevenCommandsBatchesSnapshotsAndTheBookMatchAnIndependentModel() throws Exception
    {
        h.contract(ES, "0.25").put("scid", false);
        final LocalDate day = h.today.get();
        final long t = dayStartNanos(day) + 1_000_000_000L;
        final BookModel model = new BookModel();
        final DepthScript s;
        try (DepthScript script = new DepthScript(h.depthToday(ES), day, model))
        {
            s = script;
            script.rec(t, CLEAR_BOOK, 0, 0, 0, 0)                    // snapshot batch
                .rec(t, ADD_BID_LEVEL, 0, 3, 500000, 10)
                .rec(t, ADD_BID_LEVEL, 0, 4, 499975, 20)
                .rec(t, ADD_ASK_LEVEL, 0, 2, 500025, 7)
                .rec(t, ADD_ASK_LEVEL, EOB, 1, 500050, 9)
                .rec(t + MS, MODIFY_BID_LEVEL, 0, 5, 500000, 15)       // update batch ending on a NO_COMMAND
                .rec(t + MS, MODIFY_ASK_LEVEL, 0, 1, 500025, 3)
                .rec(t + MS, DELETE_BID_LEVEL, 0, 0, 499975, 0)
                .rec(t + MS, DELETE_ASK_LEVEL, 0, 0, 500050, 0)
                .rec(t + MS, NO_COMMAND, EOB, 0, 0, 0)
                .rec(t + 2 * MS, ADD_BID_LEVEL, EOB, 2, 499950, 11)    // one-delta batch
                .rec(t + 3 * MS, MODIFY_BID_LEVEL, 0, 0, 499950, 0)    // size 0 removes the level
                .rec(t + 3 * MS, ADD_ASK_LEVEL, EOB, 1, 500075, 4);
        }
        // the expectation, spelled out for the reader (the script computes the same)
        assertThat(model.levels()).containsExactly(
            java.util.Map.entry("A 500025", "3x1"), java.util.Map.entry("A 500075", "4x1"),
            java.util.Map.entry("B 500000", "15x5"));

        final Engine engine = h.startViaFactory(); // the real "today"
        final int src = h.depthSource(ES);
        final int id = h.instrumentId(ES);
        assertThat(awaitDeltas(src, s.expected.size())).containsExactlyElementsOf(s.expected);
        h.awaitDrained();
        assertThat(h.counter("sierra " + ES + " depth: NO_COMMAND records skipped")).isEqualTo(1);
        assertThat(h.counter("depth: malformed records")).isZero();
        assertThat(engine.counters().rejectedTotal().get()).isZero();
        assertThat(h.bookFromJournal(id)).isEqualTo(model.levels());
        h.stop();
        assertThat(SierraSourceHarness.levels(engine.books().book(id))).as("live book").isEqualTo(model.levels());
        assertThat(h.logLines()).as("nothing to report").isEmpty();
    }

    @Test
    void aBatchIsPublishedOnlyWhenItsEndOfBatchRecordIsWholeOnDisk() throws Exception
    {
        h.contract(ES, "0.25").put("scid", false);
        final LocalDate day = h.today.get();
        final long t = dayStartNanos(day) + 5_000_000_000L;
        final BookModel model = new BookModel();
        try (DepthScript script = new DepthScript(h.depthToday(ES), day, model))
        {
            h.start();
            final int src = h.depthSource(ES);
            script.rec(t, CLEAR_BOOK, 0, 0, 0, 0).rec(t, ADD_BID_LEVEL, 0, 1, 500000, 5).flush();
            assertStays("deltas while the batch has no END_OF_BATCH yet", () -> deltas(src).size(), 150);

            script.rec(t, ADD_ASK_LEVEL, EOB, 1, 500025, 6);
            script.writer.flushPartial(10);
            assertStays("deltas while the END_OF_BATCH record is partial", () -> deltas(src).size(), 150);

            script.flush();
            assertThat(awaitDeltas(src, 3)).containsExactlyElementsOf(script.expected);

            script.rec(t + MS, MODIFY_ASK_LEVEL, EOB, 2, 500025, 8).flush();
            assertThat(awaitDeltas(src, 4)).containsExactlyElementsOf(script.expected);
        }
        h.awaitDrained();
        assertThat(h.bookFromJournal(h.instrumentId(ES))).isEqualTo(model.levels());
    }

    @Test
    void aRestartContinuesTheLiveBookAndTheValidatorsBookFromTheJournal() throws Exception
    {
        h.contract(ES, "0.25").put("scid", false);
        final LocalDate day = h.today.get();
        final long t = dayStartNanos(day) + 7_000_000_000L;
        final BookModel model = new BookModel();
        try (DepthScript script = new DepthScript(h.depthToday(ES), day, model))
        {
            script.rec(t, CLEAR_BOOK, 0, 0, 0, 0)
                .rec(t, ADD_BID_LEVEL, 0, 1, 500000, 10)
                .rec(t, ADD_BID_LEVEL, 0, 1, 499975, 4)
                .rec(t, ADD_ASK_LEVEL, EOB, 1, 500025, 10).flush();
            h.start();
            final int src = h.depthSource(ES);
            awaitDeltas(src, 4);
            h.awaitDrained();
            h.stop();

            // written while the engine is down: the bids are untouched, so after the restart only the
            // journal knows them
            script.rec(t + MS, MODIFY_ASK_LEVEL, EOB, 2, 500025, 7)
                .rec(t + 2 * MS, ADD_ASK_LEVEL, EOB, 1, 499950, 3) // crosses the journal's bid 5000.00
                .flush();
            assertThat(script.expected).filteredOn(k -> k.contains("CROSSED_BOOK")).hasSize(1);

            final Engine engine = h.start();
            assertThat(awaitDeltas(src, script.expected.size())).containsExactlyElementsOf(script.expected);
            h.awaitDrained();
            assertThat(engine.counters().rejectedCount(RejectReason.CROSSED_BOOK)).as("crossed batch rejected").isOne();
            final long[] top = new long[5];
            assertThat(engine.topOfBook().read(h.instrumentId(ES), top)).isTrue();
            h.stop();
            assertThat(SierraSourceHarness.levels(engine.books().book(h.instrumentId(ES)))).isEqualTo(model.levels())
                .containsEntry("B 500000", "10x1").containsEntry("B 499975", "4x1").containsEntry("A 500025", "7x2")
                .hasSize(3);
            assertThat(top[0]).as("best bid after the restart").isEqualTo(500000);
        }
    }

    @Test
    void aBatchThatWouldCrossTheBookIsRejectedWholeAndTheBookKeepsItsState() throws Exception
    {
        h.contract(ES, "0.25").put("scid", false);
        final LocalDate day = h.today.get();
        final long t = dayStartNanos(day) + 7_000_000_000L;
        final BookModel model = new BookModel();
        final DepthScript s;
        try (DepthScript script = new DepthScript(h.depthToday(ES), day, model))
        {
            s = script;
            script.rec(t, CLEAR_BOOK, 0, 0, 0, 0)                       // 0..2 ok
                .rec(t, ADD_BID_LEVEL, 0, 1, 500000, 10)
                .rec(t, ADD_ASK_LEVEL, EOB, 1, 500025, 10)
                .rec(t + MS, ADD_BID_LEVEL, 0, 1, 500050, 5)              // 3..4 crossed: bid 5000.50 > ask 5000.25
                .rec(t + MS, MODIFY_BID_LEVEL, EOB, 2, 500000, 12)
                .rec(t + 2 * MS, CLEAR_BOOK, 0, 0, 0, 0)                  // 5..7 crossed snapshot
                .rec(t + 2 * MS, ADD_BID_LEVEL, 0, 1, 500100, 3)
                .rec(t + 2 * MS, ADD_ASK_LEVEL, EOB, 1, 500075, 3)
                .rec(t + 3 * MS, MODIFY_BID_LEVEL, 0, 2, 500000, 13)      // 8..10 ok
                .rec(t + 3 * MS, DELETE_ASK_LEVEL, 0, 0, 500025, 0)
                .rec(t + 3 * MS, ADD_ASK_LEVEL, EOB, 1, 500050, 6);
        }
        assertThat(s.expected).filteredOn(k -> k.contains("CROSSED_BOOK")).hasSize(5);

        final Engine engine = h.start();
        final int src = h.depthSource(ES);
        assertThat(awaitDeltas(src, s.expected.size())).containsExactlyElementsOf(s.expected);
        h.awaitDrained();
        assertThat(engine.counters().rejectedCount(RejectReason.CROSSED_BOOK)).isEqualTo(5);
        assertThat(h.bookFromJournal(h.instrumentId(ES))).isEqualTo(model.levels())
            .containsEntry("B 500000", "13x2").containsEntry("A 500050", "6x1").hasSize(2);
        final String file = DepthFormat.fileName(ES, day);
        assertThat(h.awaitLog("rejected book_delta " + file + " byte " + (64 + 24 * 3) + " (record 3): CROSSED_BOOK")).hasSize(1);
        assertThat(h.logLines(file + " byte " + (64 + 24 * 7) + " (record 7): CROSSED_BOOK")).hasSize(1);
        h.stop();
        assertThat(SierraSourceHarness.levels(engine.books().book(h.instrumentId(ES)))).isEqualTo(model.levels());
    }

    @Test
    void dayRolloverFinishesTodaysFileThenRebuildsTheBookFromTomorrowsSnapshot() throws Exception
    {
        h.contract(ES, "0.25").put("scid", false);
        final LocalDate day1 = LocalDate.of(2025, 6, 13);
        final LocalDate day2 = day1.plusDays(1);
        h.today.set(day1);
        final long t1 = dayStartNanos(day2) - 2_000 * MS;
        final long t2 = dayStartNanos(day2) + 10 * MS;
        final BookModel model = new BookModel();
        final List<String> expected = new ArrayList<>();

        try (DepthScript today = new DepthScript(h.depth(ES, day1), day1, model))
        {
            today.rec(t1, CLEAR_BOOK, 0, 0, 0, 0)
                .rec(t1, ADD_BID_LEVEL, 0, 2, 500000, 10)
                .rec(t1, ADD_ASK_LEVEL, EOB, 3, 500025, 11)
                .rec(t1 + MS, MODIFY_BID_LEVEL, EOB, 2, 500000, 12)
                .flush();
            h.start();
            final int src = h.depthSource(ES);
            assertThat(awaitDeltas(src, 4)).containsExactlyElementsOf(today.expected);

            // the last batch of the day, then the next day's file appears at once
            today.rec(t1 + 2 * MS, MODIFY_ASK_LEVEL, EOB, 1, 500025, 8).flush();
            expected.addAll(today.expected);
        }
        final int src = h.depthSource(ES);
        try (DepthScript tomorrow = new DepthScript(h.depth(ES, day2), day2, model))
        {
            tomorrow.rec(t2, CLEAR_BOOK, 0, 0, 0, 0)
                .rec(t2, ADD_BID_LEVEL, 0, 4, 501000, 5)
                .rec(t2, ADD_ASK_LEVEL, EOB, 5, 501025, 6)
                .rec(t2 + MS, ADD_BID_LEVEL, EOB, 1, 500975, 7)
                .flush();
            h.today.set(day2);
            expected.addAll(tomorrow.expected);
            assertThat(awaitDeltas(src, expected.size())).containsExactlyElementsOf(expected);

            // tomorrow's file is now the one tailed; a bad record in it is described with tomorrow's file
            final int before = tomorrow.expected.size();
            tomorrow.rec(t2 + 2 * MS, DELETE_BID_LEVEL, EOB, 0, 500975, 0)
                .rec(t2 + 3 * MS, 9, 0, 1, 501000, 1)                         // record 5
                .rec(t2 + 3 * MS, MODIFY_ASK_LEVEL, EOB, 2, 501025, 9)
                .flush();
            expected.addAll(tomorrow.expected.subList(before, tomorrow.expected.size()));
            assertThat(awaitDeltas(src, expected.size())).containsExactlyElementsOf(expected);
            assertThat(h.awaitLog(SierraSourceHarness.REJECTS_LOGGER + ": rejected book_delta " +
                DepthFormat.fileName(ES, day2) + " byte " + (64 + 24 * 5) + " (record 5): MALFORMED")).hasSize(1);
        }
        h.awaitDrained();

        final List<Long> positions = h.journal().stream().filter(m -> m.sourceId == src && m.isDelta())
            .map(m -> m.position).collect(Collectors.toList());
        assertThat(positions).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
        assertThat(positions.get(0)).isEqualTo(SierraSourceHarness.depthPosition(day1, 1));
        assertThat(positions.get(5)).isEqualTo(SierraSourceHarness.depthPosition(day2, 1));
        assertThat(h.engine.counters().rejectedTotal().get()).isEqualTo(1);
        assertThat(h.bookFromJournal(h.instrumentId(ES))).isEqualTo(model.levels())
            .containsExactly(java.util.Map.entry("A 501025", "9x2"), java.util.Map.entry("B 501000", "5x4"));
        final List<Msg> statuses = h.journal().stream().filter(Msg::isStatus).collect(Collectors.toList());
        assertThat(statuses).as("a rollover is not a rewrite").isEmpty();
    }

    @Test
    void aSnapshotBatchLargerThanTheRingIsJournaledWhole() throws Exception
    {
        h.ringSize = 256; // engine.ringSize allows 64 and up; a deep book's snapshot can be longer
        h.contract(ES, "0.25").put("scid", false);
        final LocalDate day = h.today.get();
        final long t = dayStartNanos(day) + 1_000 * MS;
        final BookModel model = new BookModel();
        final DepthScript s;
        try (DepthScript script = new DepthScript(h.depthToday(ES), day, model))
        {
            s = script;
            script.rec(t, CLEAR_BOOK, 0, 0, 0, 0);
            for (int i = 0; i < 150; i++)
            {
                script.rec(t, ADD_BID_LEVEL, 0, 1, 500000 - 25 * i, 1 + i);
            }
            for (int i = 0; i < 149; i++)
            {
                script.rec(t, ADD_ASK_LEVEL, i == 148 ? EOB : 0, 1, 500025 + 25 * i, 1 + i);
            }
            script.rec(t + MS, MODIFY_BID_LEVEL, EOB, 2, 500000, 77);
        }
        assertThat(s.expected).hasSize(301);

        // an adapter exception would be logged on every turn of the adapter loop: keep it off the console
        final ch.qos.logback.classic.Logger engineLog = (ch.qos.logback.classic.Logger)LoggerFactory.getLogger(Engine.class);
        final ListAppender<ILoggingEvent> engineErrors = new ListAppender<>();
        engineErrors.start();
        engineLog.addAppender(engineErrors);
        engineLog.setAdditive(false);
        try
        {
            final Engine engine = h.start();
            final int src = h.depthSource(ES);
            SierraSourceHarness.await("301 deltas or an adapter error",
                () -> engine.counters().errors().get() > 0 || deltas(src).size() >= s.expected.size());
            SierraSourceHarness.await("the adapter error logged", () ->
            {
                synchronized (engineErrors)
                {
                    return engine.counters().errors().get() == 0 || !engineErrors.list.isEmpty();
                }
            });
            final String firstError;
            synchronized (engineErrors)
            {
                firstError = engineErrors.list.isEmpty() ? "" : engineErrors.list.get(0).getFormattedMessage();
            }
            assertThat(engine.counters().errors().get()).as("adapter errors, the first: %s", firstError).isZero();
            assertThat(awaitDeltas(src, s.expected.size())).containsExactlyElementsOf(s.expected);
            h.awaitDrained();
            assertThat(engine.counters().rejectedTotal().get()).isZero();
            assertThat(h.bookFromJournal(h.instrumentId(ES))).isEqualTo(model.levels()).hasSize(299);
        }
        finally
        {
            try
            {
                h.stop();
            }
            catch (final AssertionError alreadyReported)
            {
                // the errors counter is asserted above
            }
            engineLog.detachAppender(engineErrors);
            engineLog.setAdditive(true);
        }
    }
}
