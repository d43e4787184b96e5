package dev.tickwire.adapters.tardis;

import dev.tickwire.adapters.tardis.TardisHarness.Msg;
import dev.tickwire.adapters.tardis.TardisHarness.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static dev.tickwire.adapters.tardis.TardisHarness.rowPosition;
import static dev.tickwire.adapters.tardis.TardisImportTest.L2;
import static dev.tickwire.adapters.tardis.TardisImportTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * incremental_book_L2 through a real engine: batches by instrument and timestamp, snapshot runs
 * replacing the book, and the book rebuilt from the journal equal to a model computed from the rows.
 */
class TardisIncrementalBookTest
{
    @TempDir
    Path dir;

    private TardisHarness h;

    @BeforeEach
    void setUp()
    {
        h = new TardisHarness(dir);
    }

    /** One generated row; prices and amounts in tenths. */
    record Row(String symbol, long ts, boolean snapshot, boolean bid, long price, long amount)
    {
        String csv()
        {
            return "bitmex," + symbol + "," + ts + "," + (ts + 250) + "," + snapshot + "," + (bid ? "bid" : "ask") + "," +
                tenths(price) + "," + tenths(amount);
        }

        /** 1005 → "100.5", 1000 → "100" (Tardis writes no needless decimals). */
        static String tenths(final long v)
        {
            return v % 10 == 0 ? Long.toString(v / 10) : v / 10 + "." + v % 10;
        }
    }

    private static List<Row> snapshotRun(final Random random, final String symbol, final long ts)
    {
        final List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++)
        {
            rows.add(new Row(symbol, ts, true, true, 1045 - 5 * i, 1 + random.nextInt(500)));
            rows.add(new Row(symbol, ts, true, false, 1050 + 5 * i, 1 + random.nextInt(500)));
        }
        return rows;
    }

    private static long updates(final Random random, final List<Row> rows, final long from, final int count)
    {
        long ts = from;
        String symbol = rows.get(rows.size() - 1).symbol();
        for (int i = 0; i < count; i++)
        {
            if (random.nextInt(4) == 0)
            {
                symbol = symbol.equals("XBTUSD") ? "ETHUSD" : "XBTUSD";
            }
            if (random.nextBoolean())
            {
                ts += 1 + random.nextInt(3); // else the same timestamp: the same batch if the same instrument
            }
            final boolean bid = random.nextBoolean();
            final long price = bid ? 1000 + 5 * random.nextInt(10) : 1050 + 5 * random.nextInt(10); // never crossed
            final long amount = random.nextInt(10) < 3 ? 0 : 1 + random.nextInt(500);
            rows.add(new Row(symbol, ts, false, bid, price, amount));
        }
        return ts;
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void batchesSnapshotsAndTheRebuiltBookMatchAModelOfTheRows(final boolean gzip)
    {
        final Random random = new Random(20240613);
        final List<Row> rows = new ArrayList<>(snapshotRun(random, "XBTUSD", T0));
        rows.addAll(snapshotRun(random, "ETHUSD", T0 + 1));
        long ts = updates(random, rows, T0 + 1, 150);
        rows.addAll(snapshotRun(random, "XBTUSD", ++ts)); // after updates: replaces XBTUSD's book
        updates(random, rows, ts + 1, 100);
        final List<String> lines = new ArrayList<>();
        lines.add(L2);
        rows.forEach(r -> lines.add(r.csv()));
        final Path file = h.write(gzip ? "bitmex_incremental_book_L2.csv.gz" : "bitmex_incremental_book_L2.csv", gzip, lines);

        final Run run = h.importFiles(file);

        final int xbt = h.instrumentId("bitmex:XBTUSD");
        final int eth = h.instrumentId("bitmex:ETHUSD");
        final int source = TardisImport.sourceId(h.catalog(), "bitmex:XBTUSD", TardisDataset.INCREMENTAL_BOOK_L2);
        assertThat(source).isEqualTo(10_000 + 4 * xbt + 1);

        // the expected deltas and books, from the rows by the dataset's rules
        final Map<String, Integer> ids = Map.of("XBTUSD", xbt, "ETHUSD", eth);
        final Map<String, TreeMap<String, Long>> model = new HashMap<>();
        final Map<String, Boolean> inSnapshot = new HashMap<>();
        final List<String> expected = new ArrayList<>();
        Row previous = null;
        int clears = 0;
        for (int r = 0; r < rows.size(); r++)
        {
            final Row row = rows.get(r);
            final long position = rowPosition(0, r + 2);
            final boolean startsRun = row.snapshot() && !inSnapshot.getOrDefault(row.symbol(), false);
            inSnapshot.put(row.symbol(), row.snapshot());
            final boolean sameBatch = previous != null && previous.symbol().equals(row.symbol()) && !startsRun &&
                previous.snapshot() == row.snapshot() && (row.snapshot() || previous.ts() == row.ts());
            if (previous != null && !sameBatch)
            {
                markEnd(expected);
            }
            final String envelope = "src=" + source + " pos=%d i=" + ids.get(row.symbol()) + " ts=" + row.ts() * 1000 +
                " recv=" + (row.ts() + 250) * 1000;
            final TreeMap<String, Long> book = model.computeIfAbsent(row.symbol(), k -> new TreeMap<>());
            long deltaPosition = position;
            if (startsRun)
            {
                expected.add("D " + String.format(envelope, position) + " CLEAR BID p=0 q=0 snap ok");
                book.clear();
                clears++;
                deltaPosition++;
            }
            expected.add("D " + String.format(envelope, deltaPosition) + " " + (row.amount() == 0 ? "DELETE" : "MODIFY") + " " +
                (row.bid() ? "BID" : "ASK") + " p=" + row.price() + " q=" + row.amount() + (row.snapshot() ? " snap" : "") + " ok");
            final String level = (row.bid() ? "B " : "A ") + row.price();
            if (row.amount() == 0)
            {
                book.remove(level);
            }
            else
            {
                book.put(level, row.amount());
            }
            previous = row;
        }
        markEnd(expected);

        assertThat(clears).isEqualTo(3);
        assertThat(run.summary.snapshots()).isEqualTo(3);
        assertThat(run.summary.deltas()).isEqualTo(rows.size() + 3);
        assertThat(run.summary.malformed()).isZero();
        final List<String> journaled = h.market().stream().map(Msg::toString).collect(Collectors.toList());
        assertThat(journaled).containsExactlyElementsOf(expected);
        // the rows exercised many multi-delta batches, not only one delta a batch
        assertThat(expected.stream().filter(e -> e.contains(" end ")).count()).isLessThan(expected.size() - 50);

        final Map<Integer, TreeMap<String, Long>> books = h.books();
        assertThat(books.get(xbt)).isEqualTo(model.get("XBTUSD")).isNotEmpty();
        assertThat(books.get(eth)).isEqualTo(model.get("ETHUSD")).isNotEmpty();
    }

    private static void markEnd(final List<String> expected)
    {
        final int last = expected.size() - 1;
        final String d = expected.get(last);
        expected.set(last, d.substring(0, d.length() - " ok".length()) + " end ok");
    }

    @Test
    void aMalformedRowEndsTheOpenBatchAndKeepsPositionsInOrder()
    {
        final Path file = h.write("l2.csv", false, L2,
            "bitmex,XBTUSD," + T0 + "," + T0 + ",false,bid,100,1",
            "bitmex,XBTUSD," + T0 + "," + T0 + ",false,ask,101,1",
            "bitmex,XBTUSD," + T0 + "," + T0 + ",false,middle,101,1",
            "bitmex,XBTUSD," + T0 + "," + T0 + ",false,ask,102,3");
        final Run run = h.importFiles(file);

        assertThat(run.summary.malformed()).isEqualTo(1);
        assertThat(run.logs).anySatisfy(l -> assertThat(l).contains(file + " line 4: ").contains("'middle'"));
        assertThat(h.market()).extracting(m -> m.position + " " + m.type + " " + (m.action != null ? m.action : "") +
                (m.endOfBatch ? " end" : "") + " " + (m.accepted ? "ok" : m.reason))
            .containsExactly(
                rowPosition(0, 2) + " D MODIFY ok",
                rowPosition(0, 3) + " D MODIFY end ok",
                rowPosition(0, 4) + " T  MALFORMED",
                rowPosition(0, 5) + " D MODIFY end ok");
        final int id = h.instrumentId("bitmex:XBTUSD");
        assertThat(h.books().get(id)).containsExactly(Map.entry("A 101", 1L), Map.entry("A 102", 3L), Map.entry("B 100", 1L));
    }

    @Test
    void aSnapshotLargerThanHalfTheRingGoesOutInRangesWithOneEnd()
    {
        h.ringSize = 64;
        final List<String> lines = new ArrayList<>();
        lines.add(L2);
        for (int i = 0; i < 50; i++)
        {
            lines.add("bitmex,XBTUSD," + T0 + "," + T0 + ",true,bid," + (1000 - i) + ",1");
            lines.add("bitmex,XBTUSD," + T0 + "," + T0 + ",true,ask," + (1001 + i) + ",2");
        }
        lines.add("bitmex,XBTUSD," + (T0 + 1) + "," + (T0 + 1) + ",false,ask,1001,0");
        final Path file = h.write("l2.csv.gz", true, lines);
        h.importFiles(file);

        final List<Msg> deltas = h.market();
        assertThat(deltas).hasSize(102);
        assertThat(deltas).allSatisfy(m -> assertThat(m.accepted).as(m.toString()).isTrue());
        assertThat(deltas.subList(0, 101)).allSatisfy(m -> assertThat(m.snapshot).isTrue());
        assertThat(deltas).filteredOn(m -> m.endOfBatch).extracting(m -> m.position)
            .containsExactly(rowPosition(0, 101), rowPosition(0, 102));
        final TreeMap<String, Long> book = h.books().get(h.instrumentId("bitmex:XBTUSD"));
        assertThat(book).hasSize(99).doesNotContainKey("A 1001").containsEntry("B 1000", 1L).containsEntry("A 1050", 2L);
    }
}
