package dev.tickwire.adapters.sierra;

import dev.tickwire.adapters.sierra.SierraSourceHarness.BookModel;
import dev.tickwire.adapters.sierra.SierraSourceHarness.DepthScript;
import dev.tickwire.adapters.sierra.SierraSourceHarness.Msg;
import dev.tickwire.engine.Engine;
import dev.tickwire.wire.sbe.RejectReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.tickwire.adapters.sierra.DepthFormat.ADD_ASK_LEVEL;
import static dev.tickwire.adapters.sierra.DepthFormat.ADD_BID_LEVEL;
import static dev.tickwire.adapters.sierra.DepthFormat.CLEAR_BOOK;
import static dev.tickwire.adapters.sierra.DepthFormat.MODIFY_BID_LEVEL;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.ES;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.REJECTS_LOGGER;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.SIERRA_LOGGER;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.assertStays;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.dayStartNanos;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.eventNs;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.header;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.nanos;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.scidTrade;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad Sierra input: each problem is logged once with the file, byte offset and reason, counted, and
 * the engine keeps running with every good record around it.
 */
class SierraSourceBadInputTest
{
    private static final long T0 = nanos(Instant.parse("2025-06-13T13:30:00.000Z"));
    private static final long MS = 1_000_000L;
    private static final int EOB = DepthFormat.FLAG_END_OF_BATCH;
    private static final int SCID_MAGIC = ScidFormat.MAGIC;
    private static final int DEPTH_MAGIC = DepthFormat.MAGIC;

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

    private static byte[] twoTrades()
    {
        return SierraSourceHarness.concat(scidTrade(T0, 5000.25f, 5000.00f, 5000.25f, 1),
            scidTrade(T0 + MS, 5000.50f, 5000.25f, 5000.50f, 2));
    }

    private DepthScript goodDepthToday(final BookModel model) throws Exception
    {
        final LocalDate day = h.today.get();
        final long t = dayStartNanos(day) + 1_000 * MS;
        final DepthScript script = new DepthScript(h.depthToday(ES), day, model);
        script.rec(t, CLEAR_BOOK, 0, 0, 0, 0).rec(t, ADD_BID_LEVEL, 0, 1, 500000, 3)
            .rec(t, ADD_ASK_LEVEL, EOB, 1, 500025, 4).flush();
        return script;
    }

    // ---------------------------------------------------------------- headers

    static Stream<Arguments> badScidFiles()
    {
        final byte[] good = header(56, SCID_MAGIC, 56, 40);
        return Stream.of(
            Arguments.of("wrong magic", header(56, 'X' | 'C' << 8 | 'I' << 16 | 'D' << 24, 56, 40),
                "wrong magic 'XCID' (expected SCID)"),
            Arguments.of("short header", Arrays.copyOf(good, 20), "short header: 20 of 56 bytes"),
            Arguments.of("header size 60", header(56, SCID_MAGIC, 60, 40), "header size 60 (expected 56)"),
            Arguments.of("record size 44", header(56, SCID_MAGIC, 56, 44), "record size 44 (expected 40)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badScidFiles")
    void aBadScidHeaderIsReportedOnceWithFileAndOffsetAndTheEngineKeepsRunning(
        final String name, final byte[] header, final String reason) throws Exception
    {
        h.contract(ES, "0.25");
        final Path scid = h.scid(ES);
        write(scid, header, header.length == 56 ? twoTrades() : new byte[0]);
        final BookModel model = new BookModel();
        try (DepthScript depth = goodDepthToday(model))
        {
            final Engine engine = h.start();
            final int depthSrc = h.depthSource(ES);
            h.awaitMessages("good depth deltas", m -> m.sourceId == depthSrc && m.isDelta(), 3);
            final String line = SIERRA_LOGGER + ": " + scid + " byte 0: " + reason;
            assertThat(h.awaitLog(line)).containsExactly(line);
            assertThat(h.counter("sierra " + ES + " scid: file problems")).isEqualTo(1);
            assertStays("problem lines for " + name, () -> h.logLines(scid.toString()).size(), 100);
            assertThat(h.market(h.scidSource(ES))).isEmpty();

            // the engine is alive: more depth is read, and once the file is fixed in place its trades are
            depth.rec(dayStartNanos(h.today.get()) + 2_000 * MS, MODIFY_BID_LEVEL, EOB, 2, 500000, 9).flush();
            write(scid, header(56, SCID_MAGIC, 56, 40), twoTrades());
            final int scidSrc = h.scidSource(ES);
            final List<Msg> trades = h.awaitMessages("trades after the fix", m -> m.sourceId == scidSrc && m.isTrade(), 2);
            assertThat(trades).extracting(m -> m.price).containsExactly(500025L, 500050L);
            assertThat(trades).allMatch(m -> m.accepted);
            h.awaitMessages("depth deltas", m -> m.sourceId == depthSrc && m.isDelta() && m.accepted, 4);
            assertThat(engine.counters().rejectedTotal().get()).isZero();
        }
    }

    @Test
    void aFileThatFlapsBetweenBadAndGoodIsLoggedABoundedNumberOfTimesAndCountedEveryTime() throws Exception
    {
        h.contract(ES, "0.25");
        final Path scid = h.scid(ES);
        final byte[] bad = header(56, 'X' | 'C' << 8 | 'I' << 16 | 'D' << 24, 56, 40);
        final byte[] good = header(56, SCID_MAGIC, 56, 40);
        write(scid, good, twoTrades());
        final BookModel model = new BookModel();
        try (DepthScript depth = goodDepthToday(model))
        {
            h.start();
            final int scidSrc = h.scidSource(ES);
            h.awaitMessages("the trades", m -> m.sourceId == scidSrc && m.isTrade(), 2);
            final long deadline = System.nanoTime() + 30_000_000_000L;
            for (int i = 0; h.counter("sierra " + ES + " scid: file problems") < 30 && System.nanoTime() < deadline; i++)
            {
                write(scid, i % 2 == 0 ? bad : good, twoTrades()); // each state outlives a few 5 ms polls
                Thread.sleep(25);
            }
            assertThat(h.counter("sierra " + ES + " scid: file problems")).as("every bad state counted")
                .isGreaterThanOrEqualTo(30);
            // before the fix: a line per flap and more (the problem, then "is readable"), 30 and more here
            // (the "is readable" lines are INFO, below this test's level, but count against the same budget)
            assertThat(h.logLines(scid.toString()).size()).isBetween(5, SierraFileSource.FILE_PROBLEMS_LOGGED);
        }
    }

    static Stream<Arguments> badDepthFiles()
    {
        final byte[] good = header(64, DEPTH_MAGIC, 64, 24);
        return Stream.of(
            Arguments.of("wrong magic", header(64, 'S' | 'C' << 8 | 'D' << 16 | 'X' << 24, 64, 24),
                "wrong magic 'SCDX' (expected SCDD)"),
            Arguments.of("short header", Arrays.copyOf(good, 20), "short header: 20 of 64 bytes"),
            Arguments.of("header size 56", header(64, DEPTH_MAGIC, 56, 24), "header size 56 (expected 64)"),
            Arguments.of("record size 28", header(64, DEPTH_MAGIC, 64, 28), "record size 28 (expected 24)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDepthFiles")
    void aBadDepthHeaderIsReportedOnceWithFileAndOffsetAndTheEngineKeepsRunning(
        final String name, final byte[] header, final String reason) throws Exception
    {
        h.contract(ES, "0.25");
        final Path depth = h.depthToday(ES);
        final long t = dayStartNanos(h.today.get()) + 1_000 * MS;
        final byte[] records = SierraSourceHarness.concat(
            SierraSourceHarness.depthRecord(t, CLEAR_BOOK, 0, 0, 0, 0),
            SierraSourceHarness.depthRecord(t, ADD_BID_LEVEL, EOB, 1, 5000.0f, 3));
        write(depth, header, header.length == 64 ? records : new byte[0]);
        write(h.scid(ES), header(56, SCID_MAGIC, 56, 40), twoTrades());

        final Engine engine = h.start();
        final int scidSrc = h.scidSource(ES);
        assertThat(h.awaitMessages("good trades", m -> m.sourceId == scidSrc && m.isTrade() && m.accepted, 2)).hasSize(2);
        final String line = SIERRA_LOGGER + ": " + depth + " byte 0: " + reason;
        assertThat(h.awaitLog(line)).containsExactly(line);
        assertThat(h.counter("sierra " + ES + " depth: file problems")).isEqualTo(1);
        assertStays("problem lines for " + name, () -> h.logLines(depth.toString()).size(), 100);
        assertThat(h.market(h.depthSource(ES))).isEmpty();

        write(depth, header(64, DEPTH_MAGIC, 64, 24), records);
        final int depthSrc = h.depthSource(ES);
        assertThat(h.awaitMessages("deltas after the fix", m -> m.sourceId == depthSrc && m.isDelta() && m.accepted, 2))
            .hasSize(2);
        assertThat(engine.counters().rejectedTotal().get()).isZero();
    }

    // ---------------------------------------------------------------- records

    @Test
    void aPartialLastRecordIsReportedWithItsOffsetAndReadOnceComplete() throws Exception
    {
        h.contract(ES, "0.25").put("depth", false);
        final Path scid = h.scid(ES);
        try (ScidFileWriter w = new ScidFileWriter(scid))
        {
            w.trade(T0, 5000.25f, 5000.00f, 5000.25f, 1, 1, ScidFormat.SINGLE_TRADE);
            w.trade(T0 + MS, 5000.50f, 5000.25f, 5000.50f, 2, 1, ScidFormat.SINGLE_TRADE);
            w.trade(T0 + 2 * MS, 5000.75f, 5000.50f, 5000.75f, 3, 1, ScidFormat.SINGLE_TRADE);
            w.flushPartial(2 * 40 + 15);

            h.start();
            final int src = h.scidSource(ES);
            assertThat(h.awaitMessages("whole trades", m -> m.sourceId == src && m.isTrade(), 2)).hasSize(2);
            final String line = SIERRA_LOGGER + ": " + scid + " byte 136: partial last record: 15 bytes of a record, waiting for the rest";
            assertThat(h.awaitLog(line)).isNotEmpty();
            assertThat(h.counter("sierra " + ES + " scid: partial records waited on")).isGreaterThanOrEqualTo(1);
            assertThat(h.market(src)).hasSize(2);

            w.flush();
            final List<Msg> trades = h.awaitMessages("all trades", m -> m.sourceId == src && m.isTrade(), 3);
            assertThat(trades).extracting(m -> m.price).containsExactly(500025L, 500050L, 500075L);
            assertThat(trades).extracting(m -> m.position).containsExactly(1L, 2L, 3L);
            assertThat(trades).allMatch(m -> m.accepted);
        }
    }

    @Test
    void aPartialLastRecordThatStaysIsReportedOnlyOnce() throws Exception
    {
        h.contract(ES, "0.25").put("depth", false);
        final Path scid = h.scid(ES);
        write(scid, header(56, SCID_MAGIC, 56, 40), twoTrades(), new byte[15]);

        h.start();
        final String line = SIERRA_LOGGER + ": " + scid + " byte 136: partial last record: 15 bytes of a record, waiting for the rest";
        h.awaitLog(line);
        SierraSourceHarness.observe(300); // 60 polls of the still-partial record
        assertThat(h.logLines(line).size()).as("warnings for one partial record that stays").isEqualTo(1);
        assertThat(h.counter("sierra " + ES + " scid: partial records waited on")).isEqualTo(1);
        assertThat(h.counter("sierra " + ES + " scid: file problems")).isEqualTo(1);
    }

    @Test
    void nonFiniteZeroNegativeAndOffTickPricesAreRejectedAndTheGoodTradesAroundThemKept() throws Exception
    {
        h.contract(ES, "0.25").put("depth", false);
        final Path scid = h.scid(ES);
        try (ScidFileWriter w = new ScidFileWriter(scid))
        {
            final float[] prices = {5000.00f, Float.NaN, 5000.25f, Float.POSITIVE_INFINITY, 5000.50f, 0.0f, 5000.75f,
                -5000.00f, 5001.00f, 5000.10f, 5001.25f};
            for (int i = 0; i < prices.length; i++)
            {
                w.trade(T0 + i * MS, prices[i], 4999.75f, 5001.25f, i + 1, 1, ScidFormat.SINGLE_TRADE);
            }
            w.quote(T0 + 20 * MS, Float.NaN, 5001.50f, 5, 6);   // record 11
            w.quote(T0 + 21 * MS, 5001.25f, 5001.50f, 5, 6);    // record 12
        }

        final Engine engine = h.start();
        final int src = h.scidSource(ES);
        final List<Msg> market = h.awaitMessages("market events", m -> m.sourceId == src, 13);
        h.awaitDrained();

        assertThat(market).extracting(m -> m.accepted ? "ok " + m.price : m.reason.name()).containsExactly(
            "ok 500000", "PRICE_NOT_FINITE", "ok 500025", "PRICE_NOT_FINITE", "ok 500050", "PRICE_NOT_POSITIVE",
            "ok 500075", "PRICE_NOT_POSITIVE", "ok 500100", "PRICE_OFF_TICK", "ok 500125", "PRICE_NOT_FINITE", "ok 0");
        assertThat(market.get(12).isQuote()).isTrue();
        assertThat(market.get(12).bid).isEqualTo(500125);
        assertThat(market).extracting(m -> m.position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
        assertThat(market).extracting(m -> m.eventTimeNs).isSorted();
        assertThat(engine.counters().rejectedCount(RejectReason.PRICE_NOT_FINITE)).isEqualTo(3);
        assertThat(engine.counters().rejectedCount(RejectReason.PRICE_NOT_POSITIVE)).isEqualTo(2);
        assertThat(engine.counters().rejectedCount(RejectReason.PRICE_OFF_TICK)).isEqualTo(1);
        assertThat(engine.counters().rejectedTotal().get()).isEqualTo(6);

        final String file = ES + ".scid";
        assertThat(h.awaitLog(REJECTS_LOGGER + ": rejected trade " + file + " byte 96 (record 1): PRICE_NOT_FINITE")).hasSize(1);
        assertThat(h.logLines()).filteredOn(l -> l.startsWith(REJECTS_LOGGER)).containsExactly(
            REJECTS_LOGGER + ": rejected trade " + file + " byte 96 (record 1): PRICE_NOT_FINITE",
            REJECTS_LOGGER + ": rejected trade " + file + " byte 176 (record 3): PRICE_NOT_FINITE",
            REJECTS_LOGGER + ": rejected trade " + file + " byte 256 (record 5): PRICE_NOT_POSITIVE",
            REJECTS_LOGGER + ": rejected trade " + file + " byte 336 (record 7): PRICE_NOT_POSITIVE",
            REJECTS_LOGGER + ": rejected trade " + file + " byte 416 (record 9): PRICE_OFF_TICK",
            REJECTS_LOGGER + ": rejected quote " + file + " byte 496 (record 11): PRICE_NOT_FINITE");
    }

    @Test
    void aTimestampGoingBackBeyondTheToleranceIsRejectedAndWithinItAccepted() throws Exception
    {
        h.timeTolerance = "1ms";
        h.contract(ES, "0.25").put("depth", false);
        final long[] times = {T0, T0 + 10 * MS, T0 + 5 * MS, T0 + 9 * MS + MS / 2, T0 + 20 * MS};
        final byte[][] records = new byte[times.length][];
        for (int i = 0; i < times.length; i++)
        {
            records[i] = scidTrade(times[i], 5000.00f + 0.25f * i, 4999.75f, 5001.25f, 1);
        }
        write(h.scid(ES), header(56, SCID_MAGIC, 56, 40), SierraSourceHarness.concat(records));

        final Engine engine = h.start();
        final int src = h.scidSource(ES);
        final List<Msg> trades = h.awaitMessages("trades", m -> m.sourceId == src && m.isTrade(), 5);
        assertThat(trades).extracting(m -> m.accepted ? "ok" : m.reason.name())
            .containsExactly("ok", "ok", "TIME_BACKWARDS", "ok", "ok");
        assertThat(trades).extracting(m -> m.eventTimeNs)
            .containsExactly(eventNs(times[0]), eventNs(times[1]), eventNs(times[2]), eventNs(times[3]), eventNs(times[4]));
        h.awaitDrained();
        assertThat(engine.counters().rejectedCount(RejectReason.TIME_BACKWARDS)).isEqualTo(1);
        assertThat(h.awaitLog(REJECTS_LOGGER + ": rejected trade " + ES + ".scid byte 136 (record 2): TIME_BACKWARDS"))
            .hasSize(1);
    }

    @Test
    void anUnknownDepthCommandIsJournaledAsAMalformedDeltaAndTheBatchAroundItKept() throws Exception
    {
        h.contract(ES, "0.25").put("scid", false);
        final LocalDate day = h.today.get();
        final long t = dayStartNanos(day) + 1_000 * MS;
        final BookModel model = new BookModel();
        final DepthScript s;
        try (DepthScript script = new DepthScript(h.depthToday(ES), day, model))
        {
            s = script;
            script.rec(t, CLEAR_BOOK, 0, 0, 0, 0)
                .rec(t, ADD_BID_LEVEL, 0, 1, 500000, 3)
                .rec(t, 9, 0, 1, 500025, 4)                       // record 2: undefined command
                .rec(t, ADD_ASK_LEVEL, EOB, 1, 500050, 5)
                .rec(t + MS, MODIFY_BID_LEVEL, EOB, 2, 500000, 6);
        }
        assertThat(s.expected.get(2)).contains("REJ MALFORMED");

        final Engine engine = h.start();
        final int src = h.depthSource(ES);
        final List<String> deltas = h.awaitMessages("deltas", m -> m.sourceId == src && m.isDelta(), 5).stream()
            .map(SierraSourceHarness::deltaKey).collect(Collectors.toList());
        assertThat(deltas).containsExactlyElementsOf(s.expected);
        h.awaitDrained();
        assertThat(h.counter("sierra " + ES + " depth: malformed records")).isEqualTo(1);
        assertThat(engine.counters().rejectedCount(RejectReason.MALFORMED)).isEqualTo(1);
        assertThat(engine.counters().rejectedTotal().get()).isEqualTo(1);
        assertThat(h.bookFromJournal(h.instrumentId(ES))).isEqualTo(model.levels());
        final Path file = h.depthToday(ES);
        assertThat(h.awaitLog(SIERRA_LOGGER + ": " + file + " byte 112: unknown depth command 9")).hasSize(1);
        assertThat(h.awaitLog(REJECTS_LOGGER + ": rejected book_delta " + file.getFileName() + " byte 112 (record 2): MALFORMED"))
            .hasSize(1);
    }

    @Test
    void aDepthFileOfAContractNotInTheConfigIsReportedOnceCountedAndIgnored() throws Exception
    {
        h.contract(ES, "0.25").put("scid", false);
        final Path stranger = h.depth("NQM25_FUT_CME", h.today.get());
        final long t = dayStartNanos(h.today.get()) + 1_000 * MS;
        try (DepthFileWriter w = new DepthFileWriter(stranger))
        {
            w.clearBook(t);
            w.record(t, ADD_BID_LEVEL, EOB, 1, 20000.0f, 1);
        }
        final BookModel model = new BookModel();
        try (DepthScript es = goodDepthToday(model))
        {
            final Engine engine = h.start();
            final int src = h.depthSource(ES);
            h.awaitMessages("ES deltas", m -> m.sourceId == src && m.isDelta(), 3);
            final String line = SIERRA_LOGGER + ": " + stranger + ": depth file of contract NQM25_FUT_CME which is not in the config; ignored";
            assertThat(h.awaitLog(line)).containsExactly(line);
            assertThat(h.counter(": depth files of contracts not in the config")).isEqualTo(1);
            h.awaitDrained();
            assertThat(h.journal()).filteredOn(m -> m.isDelta()).allMatch(m -> m.sourceId == src);
            assertThat(engine.instruments().bySymbol("NQM25_FUT_CME")).isEmpty();
            assertThat(engine.counters().rejectedTotal().get()).isZero();
        }
        assertThat(Files.exists(stranger)).isTrue();
    }
}
