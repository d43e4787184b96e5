package dev.tickwire.adapters.sierra;

import dev.tickwire.adapters.sierra.SierraSourceHarness.BookModel;
import dev.tickwire.adapters.sierra.SierraSourceHarness.DepthScript;
import dev.tickwire.adapters.sierra.SierraSourceHarness.Msg;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.StatusCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static dev.tickwire.adapters.sierra.DepthFormat.ADD_ASK_LEVEL;
import static dev.tickwire.adapters.sierra.DepthFormat.ADD_BID_LEVEL;
import static dev.tickwire.adapters.sierra.DepthFormat.CLEAR_BOOK;
import static dev.tickwire.adapters.sierra.DepthFormat.MODIFY_ASK_LEVEL;
import static dev.tickwire.adapters.sierra.DepthFormat.MODIFY_BID_LEVEL;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.ES;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.SIERRA_LOGGER;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.assertStays;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.dayStartNanos;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.eventNs;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.nanos;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.position;
import static org.assertj.core.api.Assertions.assertThat;

/** Tailing while Sierra Chart writes: chunks, partial records, restarts, rewrites, files that are not there yet. */
class SierraSourceLiveTest
{
    private static final long T0 = nanos(Instant.parse("2025-06-13T13:30:00.000Z"));
    private static final long MS = 1_000_000L;
    private static final int EOB = DepthFormat.FLAG_END_OF_BATCH;
    private static final String NQ = "NQM25_FUT_CME";

    @TempDir
    Path dir;

    private SierraSourceHarness h;

    @AfterEach
    void tearDown()
    {
        if (h != null)
        {
            h.close();
        }
    }

    /** Trade i: price 5000.00 + 0.25 × (i mod 8), at T0 + i ms, size i + 1. */
    private static void trade(final ScidFileWriter w, final int i)
    {
        w.trade(T0 + i * MS, price(i), 4999.75f, 5002.00f, i + 1, i % 2 == 0 ? 1 : -1, ScidFormat.SINGLE_TRADE);
    }

    private static float price(final int i)
    {
        return 5000.00f + 0.25f * (i % 8);
    }

    private static long mantissa(final int i)
    {
        return 500000 + 25 * (i % 8);
    }

    /** The trades of a source must be trades 0..n-1, each once, in order, accepted. */
    private static void assertTrades(final List<Msg> trades, final int n, final long epoch)
    {
        assertThat(trades).hasSize(n);
        for (int i = 0; i < n; i++)
        {
            final Msg m = trades.get(i);
            assertThat(m.accepted).as("trade %d accepted: %s", i, m).isTrue();
            assertThat(m.price).as("trade %d price", i).isEqualTo(mantissa(i));
            assertThat(m.size).as("trade %d size", i).isEqualTo(i + 1);
            assertThat(m.eventTimeNs).as("trade %d time", i).isEqualTo(T0 + i * MS);
            if (epoch >= 0)
            {
                assertThat(m.position).as("trade %d position", i).isEqualTo(position(epoch, i + 1));
                assertThat(m.tradeId).isEqualTo(i + 1);
            }
        }
        assertThat(trades).extracting(m -> m.position).isSorted().doesNotHaveDuplicates();
    }

    private List<Msg> trades(final int source)
    {
        return h.journal().stream().filter(m -> m.sourceId == source && m.isTrade()).collect(Collectors.toList());
    }

    @Test
    void recordsFlushedInChunksAreJournaledOnceInOrderAndAPartialRecordWaitsForTheRest() throws Exception
    {
        h = new SierraSourceHarness(dir);
        h.contract(ES, "0.25").put("depth", false);
        try (ScidFileWriter w = new ScidFileWriter(h.scid(ES)))
        {
            h.start();
            final int src = h.scidSource(ES);
            int n = 0;
            for (final int chunk : new int[] {3, 5, 1, 7})
            {
                for (int i = 0; i < chunk; i++)
                {
                    trade(w, n++);
                }
                w.flush();
                final int expected = n;
                h.awaitMessages("trades", m -> m.sourceId == src && m.isTrade(), expected);
            }
            trade(w, n++);
            w.flushPartial(17);
            assertStays("trades while the last record is partial", () -> trades(src).size(), 150);
            assertThat(trades(src)).hasSize(n - 1);
            w.flushPartial(40 - 17 - 1);
            assertStays("trades while the last record lacks one byte", () -> trades(src).size(), 50);
            w.flush();
            h.awaitMessages("trades", m -> m.sourceId == src && m.isTrade(), n);
            trade(w, n++);
            trade(w, n++);
            w.flush();
            h.awaitMessages("trades", m -> m.sourceId == src && m.isTrade(), n);
            h.awaitDrained();
            assertTrades(trades(src), n, 0);
            assertThat(h.engine.counters().rejectedTotal().get()).isZero();
        }
    }

    @Test
    void aContractWithTradesAndDepthIsDefinedOnceEachRun() throws Exception
    {
        h = new SierraSourceHarness(dir);
        h.contract(ES, "0.25"); // two sources: the .scid and the .depth
        try (ScidFileWriter w = new ScidFileWriter(h.scid(ES)))
        {
            trade(w, 0);
            w.flush();
            h.start();
            final int src = h.scidSource(ES);
            h.awaitMessages("trades", m -> m.sourceId == src && m.isTrade(), 1);
            h.awaitDrained();
            final List<SierraSourceHarness.Msg> first = definitions(ES);
            assertThat(first).as("definitions after the first run").hasSize(1);
            assertThat(first.get(0).tickSize).isEqualTo(25);

            h.stop();
            trade(w, 1);
            w.flush();
            h.start();
            h.awaitMessages("trades", m -> m.sourceId == src && m.isTrade(), 2);
            h.awaitDrained();
            // one more: a new run's validator learns its instruments from the journal's stream
            assertThat(definitions(ES)).as("definitions after the second run").hasSize(2)
                .allMatch(d -> d.instrumentId == first.get(0).instrumentId);
        }
    }

    private List<SierraSourceHarness.Msg> definitions(final String symbol)
    {
        return h.journal().stream().filter(m -> m.type.equals("I") && symbol.equals(m.symbol)).collect(Collectors.toList());
    }

    @Test
    void restartsJournalEveryRecordExactlyOnce() throws Exception
    {
        h = new SierraSourceHarness(dir);
        h.contract(ES, "0.25");
        final LocalDate day = h.today.get();
        final long t = dayStartNanos(day) + 1_000 * MS;
        final BookModel model = new BookModel();
        try (ScidFileWriter w = new ScidFileWriter(h.scid(ES));
             DepthScript depth = new DepthScript(h.depthToday(ES), day, model))
        {
            int n = 0;
            for (; n < 4; n++)
            {
                trade(w, n);
            }
            w.flush();
            depth.rec(t, CLEAR_BOOK, 0, 0, 0, 0).rec(t, ADD_BID_LEVEL, 0, 1, 500000, 5).rec(t, ADD_ASK_LEVEL, EOB, 1, 500025, 5)
                .rec(t + MS, MODIFY_BID_LEVEL, EOB, 2, 500000, 6).flush();

            // run 1: everything there
            h.start();
            final int scidSrc = h.scidSource(ES);
            final int depthSrc = h.depthSource(ES);
            h.awaitMessages("trades", m -> m.sourceId == scidSrc && m.isTrade(), 4);
            h.awaitMessages("deltas", m -> m.sourceId == depthSrc && m.isDelta(), 4);
            h.stop();

            // written while the engine is down
            for (; n < 7; n++)
            {
                trade(w, n);
            }
            w.flush();
            depth.rec(t + 2 * MS, MODIFY_ASK_LEVEL, EOB, 3, 500025, 7).flush();

            // run 2: the rest is read, then more arrives live, and the engine stops right after a write
            h.start();
            h.awaitMessages("trades", m -> m.sourceId == scidSrc && m.isTrade(), 7);
            h.awaitMessages("deltas", m -> m.sourceId == depthSrc && m.isDelta(), 5);
            for (int chunk = 0; chunk < 5; chunk++)
            {
                for (int i = 0; i < 10; i++)
                {
                    trade(w, n++);
                }
                w.flush();
                depth.rec(t + (3 + chunk) * MS, MODIFY_BID_LEVEL, EOB, 1, 500000, 10 + chunk).flush();
            }
            h.stop(); // part-way: some of the last records are probably not read yet
            final int beforeRun3 = trades(scidSrc).size();

            // run 3: the rest
            h.start();
            final int total = n;
            h.awaitMessages("trades", m -> m.sourceId == scidSrc && m.isTrade(), total);
            h.awaitMessages("deltas", m -> m.sourceId == depthSrc && m.isDelta(), depth.expected.size());
            h.awaitDrained();
            assertThat(h.engine.counters().rejectedTotal().get()).isZero();
            assertThat(h.engine.counters().rejectedCount(RejectReason.DUPLICATE_POSITION)).isZero();
            h.stop();
            assertThat(beforeRun3).isLessThanOrEqualTo(total);

            final List<Msg> all = h.journal();
            assertTrades(all.stream().filter(m -> m.sourceId == scidSrc && m.isTrade()).collect(Collectors.toList()), total, 0);
            assertThat(all.stream().filter(m -> m.sourceId == depthSrc && m.isDelta()).map(SierraSourceHarness::deltaKey))
                .containsExactlyElementsOf(depth.expected);
            assertThat(all).filteredOn(m -> !m.accepted).isEmpty();
            assertThat(all).filteredOn(Msg::isStatus).as("no resync on a plain restart").isEmpty();
            assertThat(h.bookFromJournal(h.instrumentId(ES))).isEqualTo(model.levels());
        }
        assertThat(h.logLines()).filteredOn(l -> l.contains("rewritten")).isEmpty();
    }

    /** Builds the rewrite scenario: 6 trades journaled, then the file is cut to 5 records (the last one rewritten). */
    private void truncateAfterSixTrades(final Path scid, final int src) throws Exception
    {
        try (ScidFileWriter w = new ScidFileWriter(scid))
        {
            for (int i = 0; i < 6; i++)
            {
                trade(w, i);
            }
        }
        h.awaitMessages("trades", m -> m.sourceId == src && m.isTrade(), 6);
        h.awaitDrained();
        // a re-download: record 4 rewritten in place (same time, a corrected size), record 5 gone
        try (FileChannel ch = FileChannel.open(scid, StandardOpenOption.WRITE))
        {
            final byte[] corrected = SierraSourceHarness.scidRecord(T0 + 4 * MS, ScidFormat.SINGLE_TRADE, 5002.00f, 4999.75f,
                price(4), 1, 99, 99, 0);
            ch.write(java.nio.ByteBuffer.wrap(corrected), 56 + 4 * 40);
            ch.truncate(56 + 5 * 40);
        }
    }

    @Test
    void aFileTruncatedWhileTailedIsResyncedAfterTheLastJournaledTime() throws Exception
    {
        h = new SierraSourceHarness(dir);
        h.contract(ES, "0.25").put("depth", false);
        final Path scid = h.scid(ES);
        Files.createDirectories(h.sierra);
        new ScidFileWriter(scid).close();
        h.start();
        final int src = h.scidSource(ES);
        truncateAfterSixTrades(scid, src);

        final List<Msg> status = h.awaitMessages("RESYNCED", m -> m.sourceId == src && m.isStatus(), 1);
        assertThat(status.get(0).status).isEqualTo(StatusCode.RESYNCED);
        assertThat(status.get(0).statusValue).as("resumes at record").isEqualTo(5);
        assertThat(status.get(0).position).isEqualTo(position(1, 5));
        final String line = SIERRA_LOGGER + ": " + scid + ": rewritten (file shrank from 296 to 256 bytes); resyncing after ";
        final List<String> lines = h.awaitLog(line);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).endsWith(" from record 5 (byte 256)");
        assertThat(h.counter("sierra " + ES + " scid: rewrites (resyncs)")).isEqualTo(1);

        // Sierra Chart goes on appending after the rewritten history
        try (ScidFileWriter w = new ScidFileWriter(scid))
        {
            trade(w, 6);
            trade(w, 7);
        }
        final List<Msg> trades = h.awaitMessages("trades", m -> m.sourceId == src && m.isTrade(), 8);
        h.awaitDrained();
        assertTrades(trades, 8, -1);
        assertThat(trades.get(6).position).isEqualTo(position(1, 6));
        assertThat(trades.get(7).position).isEqualTo(position(1, 7));
        assertThat(h.journal()).filteredOn(m -> m.sourceId == src).extracting(m -> m.position).isSorted().doesNotHaveDuplicates();
        assertThat(h.engine.counters().rejectedTotal().get()).isZero();
        assertThat(h.journal()).filteredOn(Msg::isStatus).hasSize(1);

        // a bad record in the new file version is described with its version
        try (ScidFileWriter w = new ScidFileWriter(scid))
        {
            w.trade(T0 + 8 * MS, Float.NaN, 4999.75f, 5002.00f, 1, 1, ScidFormat.SINGLE_TRADE); // record 7
        }
        assertThat(h.awaitLog(SierraSourceHarness.REJECTS_LOGGER + ": rejected trade " + ES +
            ".scid byte 336 (record 7, file version 1): PRICE_NOT_FINITE")).hasSize(1);
    }

    @Test
    void aDepthFileTruncatedWhileTailedIsResyncedInANewFileVersion() throws Exception
    {
        h = new SierraSourceHarness(dir);
        h.contract(ES, "0.25").put("scid", false);
        final LocalDate day = h.today.get();
        final long t = dayStartNanos(day) + 1_000 * MS;
        final Path file = h.depthToday(ES);
        final BookModel model = new BookModel();
        final List<String> expected = new ArrayList<>();
        try (DepthScript d = new DepthScript(file, day, model))
        {
            d.rec(t, CLEAR_BOOK, 0, 0, 0, 0).rec(t, ADD_BID_LEVEL, 0, 1, 500000, 5).rec(t, ADD_ASK_LEVEL, EOB, 1, 500025, 5)
                .rec(t + MS, MODIFY_BID_LEVEL, EOB, 1, 500000, 6)
                .rec(t + 2 * MS, MODIFY_BID_LEVEL, EOB, 1, 500000, 7)
                .flush();
            expected.addAll(d.expected);
        }
        h.start();
        final int src = h.depthSource(ES);
        h.awaitMessages("deltas", m -> m.sourceId == src && m.isDelta(), 5);

        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            ch.truncate(64 + 4 * 24); // the last batch is gone
        }
        final long version1 = SierraPositions.depthEpoch(day.toEpochDay(), 1);
        final List<Msg> status = h.awaitMessages("RESYNCED", m -> m.sourceId == src && m.isStatus(), 1);
        assertThat(status.get(0).status).isEqualTo(StatusCode.RESYNCED);
        assertThat(status.get(0).position).isEqualTo(position(version1, 4));
        assertThat(h.awaitLog(SIERRA_LOGGER + ": " + file + ": rewritten (file shrank from 184 to 160 bytes); resyncing after ",
            " from record 4 (byte 160)")).hasSize(1);

        try (DepthFileWriter w = new DepthFileWriter(file))
        {
            w.record(t + 3 * MS, MODIFY_ASK_LEVEL, EOB, 2, 5000.25f, 9);
        }
        final Msg after = new Msg();
        after.position = position(version1, 5);
        after.eventTimeNs = eventNs(t + 3 * MS);
        after.action = dev.tickwire.wire.sbe.BookAction.MODIFY;
        after.side = dev.tickwire.wire.sbe.BookSide.ASK;
        after.price = 500025;
        after.size = 9;
        after.orders = 2;
        after.endOfBatch = true;
        after.accepted = true;
        expected.add(SierraSourceHarness.deltaKey(after));
        assertThat(h.awaitMessages("deltas", m -> m.sourceId == src && m.isDelta(), 6).stream()
            .map(SierraSourceHarness::deltaKey)).containsExactlyElementsOf(expected);
        h.awaitDrained();
        assertThat(h.engine.counters().rejectedTotal().get()).isZero();
        assertThat(h.bookFromJournal(h.instrumentId(ES))).containsExactly(
            java.util.Map.entry("A 500025", "9x2"), java.util.Map.entry("B 500000", "7x1"));
        assertThat(h.counter("sierra " + ES + " depth: rewrites (resyncs)")).isEqualTo(1);
    }

    @Test
    void aRestartRightAfterAResyncDoesNotReportAnotherRewrite() throws Exception
    {
        h = new SierraSourceHarness(dir);
        h.contract(ES, "0.25").put("depth", false);
        final Path scid = h.scid(ES);
        Files.createDirectories(h.sierra);
        new ScidFileWriter(scid).close();
        h.start();
        final int src = h.scidSource(ES);
        truncateAfterSixTrades(scid, src);
        h.awaitMessages("RESYNCED", m -> m.sourceId == src && m.isStatus(), 1);
        h.awaitDrained();
        h.stop();

        // nothing changed in the file while the engine was down
        h.start();
        try (ScidFileWriter w = new ScidFileWriter(scid))
        {
            trade(w, 6);
        }
        h.awaitMessages("trades", m -> m.sourceId == src && m.isTrade(), 7);
        h.awaitDrained();
        assertThat(h.journal()).filteredOn(Msg::isStatus).as("status messages").hasSize(1);
        assertThat(h.logLines()).filteredOn(l -> l.contains("rewritten")).as("rewrite reports").hasSize(1);
    }

    @Test
    void aFileReplacedByANewFileIsReadFromTheNewFile() throws Exception
    {
        h = new SierraSourceHarness(dir);
        h.contract(ES, "0.25").put("depth", false);
        final Path scid = h.scid(ES);
        try (ScidFileWriter w = new ScidFileWriter(scid))
        {
            for (int i = 0; i < 3; i++)
            {
                trade(w, i);
            }
        }
        h.start();
        final int src = h.scidSource(ES);
        h.awaitMessages("trades", m -> m.sourceId == src && m.isTrade(), 3);

        // a re-download writes a new file and moves it over the old one: same history, then two more trades
        final Path fresh = dir.resolve("download.scid");
        try (ScidFileWriter w = new ScidFileWriter(fresh))
        {
            for (int i = 0; i < 5; i++)
            {
                trade(w, i);
            }
        }
        Files.move(fresh, scid, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        final List<Msg> trades = h.awaitMessages("trades from the new file", m -> m.sourceId == src && m.isTrade(), 5);
        h.awaitDrained();
        assertTrades(trades, 5, -1);
        assertThat(h.engine.counters().rejectedTotal().get()).isZero();
        assertThat(h.journal()).filteredOn(Msg::isStatus).as("one resync for one replacement").hasSize(1);
    }

    @Test
    void aMissingSierraFolderIsReportedAndItsFilesReadWhenTheyAppear() throws Exception
    {
        final Path sierra = dir.resolve("NotYetInstalled").resolve("Data");
        h = new SierraSourceHarness(dir, sierra);
        h.contract(ES, "0.25");
        final LocalDate day = h.today.get();
        h.start();
        final Path scid = h.scid(ES);
        final Path depth = h.depthToday(ES);
        final String scidLine = SIERRA_LOGGER + ": " + scid + ": waiting: folder not found: " + sierra;
        final String depthLine = SIERRA_LOGGER + ": " + depth + ": waiting: folder not found: " + h.depthDir;
        assertThat(h.awaitLog(scidLine)).hasSize(1);
        assertThat(h.awaitLog(depthLine)).hasSize(1);
        assertStays("reports while waiting", () -> h.logLines().size(), 100);
        assertThat(h.logLines()).containsExactlyInAnyOrder(scidLine, depthLine);
        assertThat(h.counter("sierra " + ES + " scid: file problems")).isEqualTo(1);
        assertThat(h.counter("sierra " + ES + " depth: file problems")).isEqualTo(1);

        // Sierra Chart is installed and starts writing
        final long t = dayStartNanos(day) + 1_000 * MS;
        final BookModel model = new BookModel();
        try (ScidFileWriter w = new ScidFileWriter(scid);
             DepthScript d = new DepthScript(depth, day, model))
        {
            trade(w, 0);
            trade(w, 1);
            w.flush();
            d.rec(t, CLEAR_BOOK, 0, 0, 0, 0).rec(t, ADD_BID_LEVEL, EOB, 1, 500000, 2).flush();
            final int scidSrc = h.scidSource(ES);
            final int depthSrc = h.depthSource(ES);
            assertTrades(h.awaitMessages("trades", m -> m.sourceId == scidSrc && m.isTrade(), 2), 2, 0);
            assertThat(h.awaitMessages("deltas", m -> m.sourceId == depthSrc && m.isDelta(), 2).stream()
                .map(SierraSourceHarness::deltaKey)).containsExactlyElementsOf(d.expected);
        }
        assertThat(h.engine.counters().rejectedTotal().get()).isZero();
    }

    @Test
    void aMissingContractFileIsReportedWhileTheOtherContractsAreReadAndReadWhenItAppears() throws Exception
    {
        h = new SierraSourceHarness(dir);
        h.contract(ES, "0.25").put("depth", false);
        h.contract(NQ, "0.25").put("depth", false);
        try (ScidFileWriter nq = new ScidFileWriter(h.scid(NQ)))
        {
            trade(nq, 0);
        }
        h.start();
        final int nqSrc = h.scidSource(NQ);
        h.awaitMessages("NQ trades", m -> m.sourceId == nqSrc && m.isTrade(), 1);
        final Path scid = h.scid(ES);
        final String line = SIERRA_LOGGER + ": " + scid + ": waiting: file not found";
        assertThat(h.awaitLog(line)).hasSize(1);
        assertStays("reports while waiting", () -> h.logLines(line).size(), 100);
        assertThat(h.counter("sierra " + ES + " scid: file problems")).isEqualTo(1);

        try (ScidFileWriter es = new ScidFileWriter(scid))
        {
            trade(es, 0);
            trade(es, 1);
        }
        final int esSrc = h.scidSource(ES);
        assertTrades(h.awaitMessages("ES trades", m -> m.sourceId == esSrc && m.isTrade(), 2), 2, 0);
        assertThat(h.logLines(line)).hasSize(1);
        assertThat(h.engine.counters().rejectedTotal().get()).isZero();
        final List<Msg> nqTrades = new ArrayList<>(trades(nqSrc));
        assertTrades(nqTrades, 1, 0);
    }
}
