package dev.tickwire.adapters.fuzz;

import dev.tickwire.adapters.csv.CsvImportSource;
import dev.tickwire.adapters.csv.CsvLines;
import dev.tickwire.adapters.sierra.DepthFormat;
import dev.tickwire.adapters.sierra.ScidFormat;
import dev.tickwire.adapters.sierra.SierraImport;
import dev.tickwire.adapters.tardis.TardisImport;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.sbe.RejectReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hand-made broken files every parser must survive, each with what must come of it: the run ends
 * (within {@link AdapterDriver#DEADLINE_MS}), one clear message names the file, the place and the
 * reason, the output stays bounded, the good records around the bad ones are kept, and the bad ones
 * are counted and journaled as rejected. The fuzz targets in this package try everything else.
 */
class BadInputCorpusTest
{
    private static final String TRADES_HEADER = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount";
    private static final long T0 = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    private static List<String> trades(final int n)
    {
        final List<String> lines = new ArrayList<>();
        lines.add(TRADES_HEADER);
        for (int i = 1; i <= n; i++)
        {
            lines.add("binance,BTCUSDT," + (T0 + i * 1000L) + "," + (T0 + i * 1000L + 500) + "," + i + "," +
                (i % 2 == 0 ? "buy" : "sell") + "," + (35000 + i % 100) + "." + String.format("%02d", i % 100) + ",0.001");
        }
        return lines;
    }

    private static byte[] text(final List<String> lines, final String eol)
    {
        return (String.join(eol, lines) + eol).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(final byte[] bytes) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(out))
        {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    private AdapterDriver.Outcome importTardis(final Path... files)
    {
        final FuzzFiles run = FuzzFiles.next();
        final TardisImport tardis = new TardisImport(List.of(files), null, null, null, run.catalog());
        final AdapterDriver.Outcome outcome = AdapterDriver.run(run.catalog(), tardis.adapters()).assertSane();
        outcome.inputProblems.addAll(0, tardis.unreadable());
        return outcome;
    }

    private static List<Long> tradeIds(final AdapterDriver.Outcome outcome)
    {
        // row k of trades(n) is line k + 1, and its trade id is k
        return outcome.market().stream().filter(AdapterDriver.Msg::accepted)
            .map(m -> ((m.position() >>> CsvImportSource.LINE_SHIFT) & 0xFFFFFFFFL) - 1).toList();
    }

    private static List<Long> range(final long from, final long to)
    {
        final List<Long> ids = new ArrayList<>();
        for (long i = from; i <= to; i++)
        {
            ids.add(i);
        }
        return ids;
    }

    @Test
    void aTruncatedGzipEndsWithOneMessageKeepingEveryWholeRowBeforeTheCut() throws IOException
    {
        final byte[] whole = gzip(text(trades(200_000), "\n"));
        final Path cut = Files.write(dir.resolve("trades_cut.csv.gz"), Arrays.copyOf(whole, whole.length / 3));
        final AdapterDriver.Outcome outcome = importTardis(cut);

        assertThat(outcome.inputProblems).hasSize(1);
        final String message = outcome.inputProblems.get(0);
        assertThat(message).startsWith(cut + ": cut short at byte " + whole.length / 3 + " of " + whole.length / 3)
            .contains("the gzip data ends early").contains("the lines before it are kept");
        final List<Long> ids = tradeIds(outcome);
        assertThat(ids).as("every row before the cut, in order, once").isEqualTo(range(1, ids.size()));
        assertThat(ids.size()).isGreaterThan(50_000);
        assertThat(message).contains("after line " + (ids.size() + 1)); // header + rows
        assertThat(outcome.count(MessageTypes.STATUS)).isEqualTo(1); // READ_ERROR, journaled after the last row
        assertThat(outcome.logs).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void aCorruptGzipEndsThereAndSaysSoTheRowsBeforeKept() throws IOException
    {
        final byte[] bytes = gzip(text(trades(50_000), "\n"));
        for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++)
        {
            bytes[i] ^= (byte)0x5A; // a damaged block in the middle
        }
        final Path corrupt = Files.write(dir.resolve("trades_corrupt.csv.gz"), bytes);
        final AdapterDriver.Outcome outcome = importTardis(corrupt);

        assertThat(outcome.inputProblems).hasSize(1);
        assertThat(outcome.inputProblems.get(0)).startsWith(corrupt + ": cut short at byte ").contains("corrupt gzip data");
        final List<Long> ids = tradeIds(outcome);
        assertThat(ids.subList(0, 10_000)).as("the rows before the damage").isEqualTo(range(1, 10_000));
        assertThat(outcome.logs.size()).isLessThanOrEqualTo(AdapterDriver.MAX_LOG_LINES);
    }

    @Test
    void aFileThatVanishesBeforeItIsReadIsReportedAndTheNextFileIsRead() throws IOException
    {
        final List<String> day1 = trades(100);
        final Path first = Files.write(dir.resolve("day1.csv"), text(day1, "\n"));
        final List<String> day2 = new ArrayList<>();
        day2.add(TRADES_HEADER);
        day2.add("binance,BTCUSDT," + (T0 + 86_400_000_000L) + "," + (T0 + 86_400_000_000L) + ",1,buy,35000.01,0.001");
        final Path second = Files.write(dir.resolve("day2.csv"), text(day2, "\n"));
        final FuzzFiles run = FuzzFiles.next();
        final TardisImport tardis = new TardisImport(List.of(first, second), null, null, null, run.catalog());
        Files.delete(first); // after the scan, before the import reads it
        final AdapterDriver.Outcome outcome = AdapterDriver.run(run.catalog(), tardis.adapters()).assertSane();

        assertThat(outcome.inputProblems).singleElement().asString().startsWith(first + ": cannot read: ")
            .contains("NoSuchFileException");
        assertThat(outcome.market()).hasSize(1); // the second day's row
    }

    @Test
    void aFileThatShrinksWhileItIsReadIsCutShortThere() throws IOException
    {
        final Path file = Files.write(dir.resolve("growing.csv"), text(trades(20_000), "\n"));
        try (CsvLines lines = new CsvLines(file); FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            assertThat(lines.next()).isTrue();
            channel.truncate(200_000); // beyond what the reader has buffered (64 KB)
            long rows = 0;
            while (lines.next())
            {
                rows++;
            }
            assertThat(lines.readError()).startsWith(file + ": cut short: the file shrank from ").contains(" to 200000 bytes");
            assertThat(rows).isBetween(1_000L, 200_000L / 60);
        }
    }

    @Test
    void aByteOrderMarkAndCrlfLineEndsAreReadAsPlainLines() throws IOException
    {
        final byte[] body = text(trades(100), "\r\n");
        final byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte)0xEF;
        withBom[1] = (byte)0xBB;
        withBom[2] = (byte)0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        final AdapterDriver.Outcome outcome = importTardis(Files.write(dir.resolve("bom_crlf.csv"), withBom));
        assertThat(outcome.inputProblems).isEmpty();
        assertThat(tradeIds(outcome)).isEqualTo(range(1, 100));
        assertThat(outcome.logs).isEmpty();
    }

    @Test
    void anEmptyFileIsSkippedWithOneMessageAndAHeaderOnlyFileHasNoRows() throws IOException
    {
        final Path empty = Files.write(dir.resolve("empty.csv.gz"), new byte[0]);
        final Path headerOnly = Files.write(dir.resolve("header_only.csv"), text(List.of(TRADES_HEADER), "\n"));
        final Path good = Files.write(dir.resolve("good.csv"), text(trades(10), "\n"));
        final AdapterDriver.Outcome outcome = importTardis(empty, headerOnly, good);
        assertThat(outcome.inputProblems).singleElement().asString()
            .isEqualTo(empty + ": empty file (no Tardis CSV header), as after a failed download; the file is skipped");
        assertThat(tradeIds(outcome)).isEqualTo(range(1, 10));
    }

    @Test
    void aTenMegabyteLineIsOneMalformedRowTheRowsAroundItKept() throws IOException
    {
        final List<String> lines = trades(10);
        final String huge = "binance,BTCUSDT," + T0 + "," + T0 + ",99,buy," + "9".repeat(10 << 20) + ",0.001";
        lines.add(6, huge);
        final AdapterDriver.Outcome outcome = importTardis(Files.write(dir.resolve("long_line.csv"), text(lines, "\n")));
        assertThat(outcome.inputProblems).isEmpty();
        final List<AdapterDriver.Msg> rejected = outcome.market().stream().filter(m -> !m.accepted()).toList();
        assertThat(rejected).singleElement().extracting(AdapterDriver.Msg::reason).isEqualTo(RejectReason.MALFORMED);
        assertThat(outcome.market().stream().filter(AdapterDriver.Msg::accepted).count()).isEqualTo(10);
        assertThat(outcome.logs).singleElement().asString()
            .endsWith("long_line.csv line 7: a line of " + huge.length() + " bytes, longer than a row may be (1048576)");
    }

    @Test
    void binaryGarbageIsRefusedNamingTheFileWithAShortMessage() throws IOException
    {
        final byte[] garbage = new byte[1 << 20];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = 'x'; // not a gzip magic
        final Path file = Files.write(dir.resolve("garbage.csv"), garbage);
        assertThatThrownBy(() -> importTardis(file)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith(file + ": unknown Tardis CSV header 'x")
            .satisfies(ex -> assertThat(ex.getMessage().length()).isLessThan(1_000));
    }

    @Test
    void garbageRowsNaNInfinityNegativeAndBackwardTimesAreRejectedAndCountedTheRestKept() throws IOException
    {
        final List<String> lines = new ArrayList<>(trades(6));
        lines.add(2, "binance,BTCUSDT," + (T0 + 1500) + "," + T0 + ",90,buy,NaN,0.001");
        lines.add(3, "binance,BTCUSDT," + (T0 + 1600) + "," + T0 + ",91,buy,Infinity,0.001");
        lines.add(4, "binance,BTCUSDT," + (T0 + 1700) + "," + T0 + ",92,buy,-35000.00,0.001");
        lines.add(5, "binance,BTCUSDT," + (T0 + 100) + "," + T0 + ",93,buy,35000.00,0.001"); // time going backwards
        lines.add(6, "\u0000\u0001\u0002\u00ff garbage \u0007");
        final AdapterDriver.Outcome outcome = importTardis(Files.write(dir.resolve("bad_values.csv"),
            text(lines, "\n")));
        assertThat(outcome.market().stream().filter(m -> !m.accepted()).map(AdapterDriver.Msg::reason).toList())
            .containsExactly(RejectReason.MALFORMED, RejectReason.MALFORMED, RejectReason.PRICE_NOT_POSITIVE,
                RejectReason.TIME_BACKWARDS, RejectReason.MALFORMED);
        assertThat(outcome.market().stream().filter(AdapterDriver.Msg::accepted).count()).isEqualTo(6);
        assertThat(outcome.logs).hasSize(3) // the three malformed rows (the validator's rejects log elsewhere)
            .anySatisfy(l -> assertThat(l).endsWith("bad_values.csv line 3: field 7 is not a decimal: 'NaN'"))
            .anySatisfy(l -> assertThat(l).endsWith("bad_values.csv line 7: 1 fields, a trades row has 8"));
    }

    // ------------------------------------------------------------------ Sierra Chart

    private static byte[] scid(final float[][] records)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[ScidFormat.HEADER_SIZE + records.length * ScidFormat.RECORD_SIZE]);
        ScidFormat.writeHeader(b, 0);
        final long t = ScidFormat.toScDateTime(1_796_400_000_000_000_000L);
        for (int i = 0; i < records.length; i++)
        {
            final int off = ScidFormat.HEADER_SIZE + i * ScidFormat.RECORD_SIZE;
            b.putLong(off, t + (long)records[i][0] * 1_000_000L, java.nio.ByteOrder.LITTLE_ENDIAN);
            b.putFloat(off + 8, 0f, java.nio.ByteOrder.LITTLE_ENDIAN);           // Open: a single trade
            b.putFloat(off + 12, records[i][1] + 0.25f, java.nio.ByteOrder.LITTLE_ENDIAN); // High = ask
            b.putFloat(off + 16, records[i][1] - 0.25f, java.nio.ByteOrder.LITTLE_ENDIAN); // Low = bid
            b.putFloat(off + 20, records[i][1], java.nio.ByteOrder.LITTLE_ENDIAN);         // Close = price
            b.putInt(off + 24, 1, java.nio.ByteOrder.LITTLE_ENDIAN);
            b.putInt(off + 28, 2, java.nio.ByteOrder.LITTLE_ENDIAN);
            b.putInt(off + 36, 2, java.nio.ByteOrder.LITTLE_ENDIAN);
        }
        return b.byteArray();
    }

    private AdapterDriver.Outcome importSierra(final Path file)
    {
        final FuzzFiles run = FuzzFiles.next();
        final SierraImport sierra = new SierraImport(List.of(file), null, "0.25", null, null, run.catalog());
        return AdapterDriver.run(run.catalog(), sierra.adapters()).assertSane();
    }

    @Test
    void aScidFileWithBadPricesBackwardTimeAndACutRecordKeepsTheGoodOnes() throws IOException
    {
        final byte[] bytes = scid(new float[][] {
            {0, 5000f}, {1, Float.NaN}, {2, Float.POSITIVE_INFINITY}, {3, -5000f}, {4, 1e30f}, {5, 5001f}, {1, 5001.25f},
            {6, 5000.1f}, {7, 5002f}});
        final Path file = Files.write(dir.resolve("ESZ6.scid"), Arrays.copyOf(bytes, bytes.length - 13));
        final AdapterDriver.Outcome outcome = importSierra(file);
        assertThat(outcome.market().stream().map(m -> m.accepted() ? "ok" : m.reason().name()).toList()).containsExactly(
            "ok", "PRICE_NOT_FINITE", "PRICE_NOT_FINITE", "PRICE_NOT_POSITIVE", "PRICE_NOT_FINITE", "ok", "TIME_BACKWARDS",
            "PRICE_OFF_TICK"); // the 9th record is cut: 27 of its 40 bytes
        assertThat(outcome.inputProblems).singleElement().asString()
            .isEqualTo(file + " byte " + (ScidFormat.HEADER_SIZE + 8 * ScidFormat.RECORD_SIZE) +
                ": partial last record: 27 bytes of a record: the file is cut short; the whole records before it are imported");
    }

    @Test
    void aScidFileWithABadHeaderOrEmptyIsNotReadAndSaysWhy() throws IOException
    {
        final byte[] bytes = scid(new float[][] {{0, 5000f}});
        bytes[0] = 'X';
        final Path badMagic = Files.write(dir.resolve("BAD.scid"), bytes);
        assertThat(importSierra(badMagic).inputProblems).singleElement().asString()
            .startsWith(badMagic + ": not read: ").contains("SCID");
        final Path empty = Files.write(dir.resolve("EMPTY.scid"), new byte[0]);
        assertThat(importSierra(empty).inputProblems).singleElement().asString()
            .isEqualTo(empty + ": not read: empty file (waiting for its header)");
    }

    @Test
    void aDepthFileEndingInAPartialRecordIsImportedToItsLastWholeRecordAndEnds() throws IOException
    {
        // found by SierraFuzzTest: this import never ended
        final int records = 3;
        final UnsafeBuffer b = new UnsafeBuffer(ByteBuffer.allocate(DepthFormat.HEADER_SIZE + records * DepthFormat.RECORD_SIZE + 5));
        DepthFormat.writeHeader(b, 0);
        final long t = ScidFormat.toScDateTime(1_796_400_000_000_000_000L);
        DepthFormat.writeRecord(b, DepthFormat.HEADER_SIZE, t, DepthFormat.CLEAR_BOOK, 0, 0, 0f, 0);
        DepthFormat.writeRecord(b, DepthFormat.HEADER_SIZE + 24, t, DepthFormat.ADD_BID_LEVEL, 0, 1, 5000f, 3);
        DepthFormat.writeRecord(b, DepthFormat.HEADER_SIZE + 48, t, 42, DepthFormat.FLAG_END_OF_BATCH, 1, 5000f, 3);
        final Path file = Files.write(dir.resolve("ESZ6.2026-12-04.depth"), b.byteArray());
        final AdapterDriver.Outcome outcome = importSierra(file);
        assertThat(outcome.market().stream().map(m -> m.accepted() ? "ok" : m.reason().name()).toList())
            .containsExactly("ok", "ok", "MALFORMED"); // the unknown command is rejected, the batch's other records stand
        assertThat(outcome.inputProblems).singleElement().asString().contains("partial last record: 5 bytes");
        assertThat(outcome.logs).anySatisfy(l -> assertThat(l).contains("unknown depth command 42"));
    }
}
