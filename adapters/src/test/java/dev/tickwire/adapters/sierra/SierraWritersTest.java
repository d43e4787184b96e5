package dev.tickwire.adapters.sierra;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SierraWritersTest
{
    private static final Instant SC_EPOCH = Instant.parse("1899-12-30T00:00:00Z");
    private static final Instant T0 = Instant.parse("2025-06-13T13:30:00.123Z");
    private static final long T0_NANOS = nanos(T0);
    private static final long T0_SC = ChronoUnit.MICROS.between(SC_EPOCH, T0);

    private static final int H = ScidFormat.HEADER_SIZE;
    private static final int R = ScidFormat.RECORD_SIZE;
    private static final int DH = DepthFormat.HEADER_SIZE;
    private static final int DR = DepthFormat.RECORD_SIZE;

    @TempDir
    Path dir;

    private static long nanos(final Instant t)
    {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static ByteBuffer read(final Path file) throws IOException
    {
        return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    }

    // ================================================================ .scid

    @Test
    void newScidFileHasOnlyAValidHeaderUntilFlush() throws IOException
    {
        final Path file = dir.resolve("ESM25_FUT_CME.scid");
        try (ScidFileWriter w = new ScidFileWriter(file))
        {
            assertThat(Files.size(file)).isEqualTo(H);
            final byte[] header = Files.readAllBytes(file);
            assertThat(ScidFormat.checkHeader(new UnsafeBuffer(header), 0, header.length)).isNull();

            w.trade(T0_NANOS, 5000.25f, 5000.0f, 5000.25f, 3, 1, ScidFormat.SINGLE_TRADE);
            w.quote(T0_NANOS + 1_000_000, 5000.0f, 5000.25f, 10, 12);
            assertThat(Files.size(file)).as("nothing on disk before flush()").isEqualTo(H);
            assertThat(w.recordsWritten()).isZero();
            assertThat(w.pendingBytes()).isEqualTo(2 * R);

            w.flush();
            assertThat(Files.size(file)).isEqualTo(H + 2 * R);
            assertThat(w.recordsWritten()).isEqualTo(2);
            assertThat(w.pendingBytes()).isZero();
        }
    }

    @Test
    void tradeQuoteAndBarMatchTheSpecByteForByte() throws IOException
    {
        final Path file = dir.resolve("t.scid");
        try (ScidFileWriter w = new ScidFileWriter(file))
        {
            w.trade(T0_NANOS, 5000.25f, 5000.0f, 5000.25f, 3, +1, ScidFormat.SINGLE_TRADE);
            w.trade(T0_NANOS + 5_000_000, 5000.0f, 5000.0f, 5000.25f, 4, -1, ScidFormat.FIRST_SUB_TRADE);
            w.trade(T0_NANOS + 6_000_000, 5000.5f, 5000.25f, 5000.5f, 2, 0, ScidFormat.LAST_SUB_TRADE);
            w.quote(T0_NANOS + 7_000_000, 5000.25f, 5000.5f, 11, 13);
            w.bar(T0_NANOS - 60_000_000_000L, 4990.0f, 5001.0f, 4989.5f, 4999.75f, 250, 1234);
        }
        final ByteBuffer b = read(file);
        assertThat(b.capacity()).isEqualTo(H + 5 * R);
        assertThat(b.getInt(0)).isEqualTo(ScidFormat.MAGIC);
        assertThat(b.getInt(4)).isEqualTo(56);
        assertThat(b.getInt(8)).isEqualTo(40);
        assertThat(b.getShort(12)).isEqualTo((short)1);

        // record 1: single trade, buyer lifted the ask
        int r = H;
        assertThat(b.getLong(r)).isEqualTo(T0_SC);
        assertThat(b.getInt(r + 8)).isZero();
        assertThat(b.getFloat(r + 12)).as("High = ask").isEqualTo(5000.25f);
        assertThat(b.getFloat(r + 16)).as("Low = bid").isEqualTo(5000.0f);
        assertThat(b.getFloat(r + 20)).as("Close = price").isEqualTo(5000.25f);
        assertThat(b.getInt(r + 24)).isEqualTo(1);
        assertThat(b.getInt(r + 28)).isEqualTo(3);
        assertThat(b.getInt(r + 32)).isZero();
        assertThat(b.getInt(r + 36)).isEqualTo(3);

        // record 2: first sub-trade, seller hit the bid
        r = H + R;
        assertThat(b.getLong(r)).isEqualTo(T0_SC + 5_000);
        assertThat(b.getInt(r + 8)).isEqualTo(Float.floatToRawIntBits(-1.99900095e+37f));
        assertThat(b.getFloat(r + 12)).isEqualTo(5000.25f);
        assertThat(b.getFloat(r + 16)).isEqualTo(5000.0f);
        assertThat(b.getFloat(H + R + 20)).as("record 2's Close").isEqualTo(5000.0f);
        assertThat(b.getInt(r + 24)).isEqualTo(1);
        assertThat(b.getInt(r + 28)).isEqualTo(4);
        assertThat(b.getInt(r + 32)).isEqualTo(4);
        assertThat(b.getInt(r + 36)).isZero();

        // record 3: last sub-trade, unknown aggressor
        r = H + 2 * R;
        assertThat(b.getLong(r)).isEqualTo(T0_SC + 6_000);
        assertThat(b.getInt(r + 8)).isEqualTo(Float.floatToRawIntBits(-1.99900197e+37f));
        assertThat(b.getFloat(r + 20)).isEqualTo(5000.5f);
        assertThat(b.getInt(r + 28)).isEqualTo(2);
        assertThat(b.getInt(r + 32)).isZero();
        assertThat(b.getInt(r + 36)).isZero();

        // record 4: bid/ask-only update
        r = H + 3 * R;
        assertThat(b.getLong(r)).isEqualTo(T0_SC + 7_000);
        assertThat(b.getInt(r + 8)).isZero();
        assertThat(b.getFloat(r + 12)).isEqualTo(5000.5f);
        assertThat(b.getFloat(r + 16)).isEqualTo(5000.25f);
        assertThat(b.getInt(r + 20)).isZero();
        assertThat(b.getInt(r + 24)).isEqualTo(1);
        assertThat(b.getInt(r + 28)).isZero();
        assertThat(b.getInt(r + 32)).isEqualTo(11);
        assertThat(b.getInt(r + 36)).isEqualTo(13);

        // record 5: bar, stamped as given
        r = H + 4 * R;
        assertThat(b.getLong(r)).isEqualTo(T0_SC - 60_000_000L);
        assertThat(b.getFloat(r + 8)).isEqualTo(4990.0f);
        assertThat(b.getFloat(r + 12)).isEqualTo(5001.0f);
        assertThat(b.getFloat(r + 16)).isEqualTo(4989.5f);
        assertThat(b.getFloat(r + 20)).isEqualTo(4999.75f);
        assertThat(b.getInt(r + 24)).isEqualTo(250);
        assertThat(b.getInt(r + 28)).isEqualTo(1234);
        assertThat(b.getInt(r + 32)).isZero();
        assertThat(b.getInt(r + 36)).isZero();

        final UnsafeBuffer u = new UnsafeBuffer(b.array());
        assertThat(ScidFormat.kind(u, H)).isEqualTo(ScidFormat.KIND_TRADE);
        assertThat(ScidFormat.kind(u, H + R)).isEqualTo(ScidFormat.KIND_TRADE);
        assertThat(ScidFormat.kind(u, H + 2 * R)).isEqualTo(ScidFormat.KIND_TRADE);
        assertThat(ScidFormat.kind(u, H + 3 * R)).isEqualTo(ScidFormat.KIND_QUOTE);
        assertThat(ScidFormat.kind(u, H + 4 * R)).isEqualTo(ScidFormat.KIND_BAR);
    }

    @Test
    void sameMillisecondTradesGetAMicrosecondCounter() throws IOException
    {
        final Path file = dir.resolve("t.scid");
        try (ScidFileWriter w = new ScidFileWriter(file))
        {
            w.trade(T0_NANOS, 100.0f, 99.75f, 100.0f, 1, 1, ScidFormat.SINGLE_TRADE);
            w.trade(T0_NANOS, 100.0f, 99.75f, 100.0f, 2, 1, ScidFormat.FIRST_SUB_TRADE);
            w.trade(T0_NANOS, 100.0f, 99.75f, 100.0f, 3, 1, ScidFormat.LAST_SUB_TRADE);
            w.quote(T0_NANOS, 99.75f, 100.0f, 5, 6);
            w.trade(T0_NANOS + 1_000_000, 100.0f, 99.75f, 100.0f, 1, 1, ScidFormat.SINGLE_TRADE);
            w.trade(T0_NANOS + 500, 100.0f, 99.75f, 100.0f, 1, 1, ScidFormat.SINGLE_TRADE);
        }
        final ByteBuffer b = read(file);
        assertThat(T0_SC % 1_000_000L).isEqualTo(123_000L);
        assertThat(b.getLong(H) % 1_000_000L).isEqualTo(123_000L);
        assertThat(b.getLong(H + R) % 1_000_000L).isEqualTo(123_001L);
        assertThat(b.getLong(H + 2 * R) % 1_000_000L).isEqualTo(123_002L);
        assertThat(b.getLong(H + 3 * R) % 1_000_000L).isEqualTo(123_003L);
        assertThat(b.getLong(H + 4 * R)).as("next millisecond starts at …000").isEqualTo(T0_SC + 1_000);
        assertThat(b.getLong(H + 5 * R)).as("an earlier time never goes back").isEqualTo(T0_SC + 1_001);
    }

    @Test
    void uniqueMicros()
    {
        assertThat(ScidFileWriter.uniqueMicros(Long.MIN_VALUE, 5)).isEqualTo(5);
        assertThat(ScidFileWriter.uniqueMicros(4, 5)).isEqualTo(5);
        assertThat(ScidFileWriter.uniqueMicros(5, 5)).isEqualTo(6);
        assertThat(ScidFileWriter.uniqueMicros(9, 5)).isEqualTo(10);
    }

    @Test
    void epochNanosRoundTripThroughTheFileAtMicrosecondPrecision() throws IOException
    {
        final Instant t = Instant.parse("2025-06-13T13:30:00.123456Z");
        final Path file = dir.resolve("t.scid");
        try (ScidFileWriter w = new ScidFileWriter(file))
        {
            w.trade(nanos(t) + 999, 1.0f, 1.0f, 1.0f, 1, 0, ScidFormat.SINGLE_TRADE);
        }
        final long sc = read(file).getLong(H);
        assertThat(sc).isEqualTo(ChronoUnit.MICROS.between(SC_EPOCH, t));
        assertThat(ScidFormat.toEpochNanos(sc)).isEqualTo(nanos(t));
    }

    @Test
    void flushPartialLeavesAPartialTrailingRecord() throws IOException
    {
        final Path file = dir.resolve("t.scid");
        try (ScidFileWriter w = new ScidFileWriter(file))
        {
            w.trade(T0_NANOS, 1.0f, 1.0f, 1.0f, 1, 1, ScidFormat.SINGLE_TRADE);
            w.trade(T0_NANOS, 2.0f, 2.0f, 2.0f, 2, 1, ScidFormat.SINGLE_TRADE);
            w.flushPartial(50);
            assertThat(Files.size(file)).as("one whole record + 10 bytes").isEqualTo(H + R + 10);
            assertThat(w.recordsWritten()).isEqualTo(1);
            assertThat(w.pendingBytes()).isEqualTo(30);
            assertThat(read(file).getLong(H + R)).as("the partial record's DateTime").isEqualTo(T0_SC + 1);

            assertThatThrownBy(() -> w.flushPartial(31)).isInstanceOf(IllegalArgumentException.class);

            w.trade(T0_NANOS, 3.0f, 3.0f, 3.0f, 3, 1, ScidFormat.SINGLE_TRADE);
            w.flush();
            assertThat(Files.size(file)).isEqualTo(H + 3 * R);
            assertThat(w.recordsWritten()).isEqualTo(3);
        }
        final ByteBuffer b = read(file);
        for (int i = 0; i < 3; i++)
        {
            assertThat(b.getLong(H + i * R)).isEqualTo(T0_SC + i);
            assertThat(b.getFloat(H + i * R + 20)).isEqualTo(i + 1.0f);
            assertThat(b.getInt(H + i * R + 28)).isEqualTo(i + 1);
        }
    }

    @Test
    void reopeningAppendsAfterTheWholeRecords() throws IOException
    {
        final Path file = dir.resolve("t.scid");
        try (ScidFileWriter w = new ScidFileWriter(file))
        {
            w.trade(T0_NANOS, 1.0f, 1.0f, 1.0f, 1, 1, ScidFormat.SINGLE_TRADE);
            w.trade(T0_NANOS, 2.0f, 2.0f, 2.0f, 2, 1, ScidFormat.SINGLE_TRADE);
        }
        // a crashed writer left 10 bytes of a third record
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, java.nio.file.StandardOpenOption.APPEND);
        assertThat(Files.size(file)).isEqualTo(H + 2 * R + 10);

        try (ScidFileWriter w = new ScidFileWriter(file))
        {
            assertThat(Files.size(file)).as("partial tail cut off").isEqualTo(H + 2 * R);
            w.trade(T0_NANOS, 3.0f, 3.0f, 3.0f, 3, -1, ScidFormat.SINGLE_TRADE);
            assertThat(Files.size(file)).isEqualTo(H + 2 * R);
            w.flush();
            assertThat(w.recordsWritten()).isEqualTo(1);
        }
        final ByteBuffer b = read(file);
        assertThat(b.capacity()).isEqualTo(H + 3 * R);
        assertThat(b.getInt(0)).isEqualTo(ScidFormat.MAGIC);
        assertThat(b.getFloat(H + 20)).isEqualTo(1.0f);
        assertThat(b.getFloat(H + R + 20)).isEqualTo(2.0f);
        assertThat(b.getFloat(H + 2 * R + 20)).isEqualTo(3.0f);
        assertThat(b.getInt(H + 2 * R + 32)).isEqualTo(3);
        assertThat(b.getLong(H + 2 * R)).as("the counter continues from the file").isEqualTo(T0_SC + 2);
    }

    @Test
    void emptyExistingFileGetsAHeader() throws IOException
    {
        final Path file = Files.createFile(dir.resolve("t.scid"));
        try (ScidFileWriter w = new ScidFileWriter(file))
        {
            w.quote(T0_NANOS, 1.0f, 2.0f, 1, 1);
        }
        final ByteBuffer b = read(file);
        assertThat(b.capacity()).isEqualTo(H + R);
        assertThat(b.getInt(0)).isEqualTo(ScidFormat.MAGIC);
    }

    @Test
    void existingFileWithABadHeaderIsRefused() throws IOException
    {
        final Path shortFile = dir.resolve("short.scid");
        Files.write(shortFile, new byte[10]);
        assertThatThrownBy(() -> new ScidFileWriter(shortFile))
            .isInstanceOf(IOException.class).hasMessageContaining("short header: 10 of 56 bytes");

        final Path depth = dir.resolve("depth.scid");
        new DepthFileWriter(depth).close();
        assertThatThrownBy(() -> new ScidFileWriter(depth))
            .isInstanceOf(IOException.class).hasMessageContaining("wrong magic 'SCDD' (expected SCID)");
        assertThat(Files.size(depth)).as("left untouched").isEqualTo(DH);
    }

    @Test
    void rawRecordIsWrittenVerbatim() throws IOException
    {
        final byte[] raw = new byte[R];
        for (int i = 0; i < R; i++)
        {
            raw[i] = (byte)(0xA0 + i);
        }
        final Path file = dir.resolve("t.scid");
        try (ScidFileWriter w = new ScidFileWriter(file))
        {
            w.rawRecord(raw);
            assertThatThrownBy(() -> w.rawRecord(new byte[39])).isInstanceOf(IllegalArgumentException.class);
        }
        final byte[] all = Files.readAllBytes(file);
        assertThat(java.util.Arrays.copyOfRange(all, H, H + R)).isEqualTo(raw);
    }

    @Test
    void badArgumentsAreRejected() throws IOException
    {
        try (ScidFileWriter w = new ScidFileWriter(dir.resolve("t.scid")))
        {
            assertThatThrownBy(() -> w.trade(T0_NANOS, 1f, 1f, 1f, 1, 2, ScidFormat.SINGLE_TRADE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggressor");
            assertThatThrownBy(() -> w.trade(T0_NANOS, 1f, 1f, 1f, 1, 1, 1.0f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("marker");
            assertThatThrownBy(() -> w.trade(T0_NANOS, 1f, 1f, 1f, 0, 1, ScidFormat.SINGLE_TRADE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("volume");
            assertThatThrownBy(() -> w.trade(T0_NANOS, 1f, 1f, 1f, 1L << 32, 1, ScidFormat.SINGLE_TRADE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("u32");
            assertThat(w.pendingBytes()).isZero();
        }
    }

    @Test
    void manyRecordsBetweenFlushesGrowTheBuffer() throws IOException
    {
        final int n = 5_000;
        final Path file = dir.resolve("t.scid");
        try (ScidFileWriter w = new ScidFileWriter(file))
        {
            for (int i = 0; i < n; i++)
            {
                w.trade(T0_NANOS, 1.0f, 1.0f, 1.0f, i + 1, 1, ScidFormat.SINGLE_TRADE);
                if (i == 1_000)
                {
                    w.flushPartial(R * 700 + 13);
                }
            }
            assertThat(Files.size(file)).isEqualTo(H + R * 700 + 13);
        }
        final ByteBuffer b = read(file);
        assertThat(b.capacity()).isEqualTo(H + n * R);
        for (int i = 0; i < n; i++)
        {
            assertThat(b.getLong(H + i * R)).isEqualTo(T0_SC + i);
            assertThat(b.getInt(H + i * R + 28)).isEqualTo(i + 1);
        }
    }

    @Test
    void closeFlushesAndIsIdempotent() throws IOException
    {
        final Path file = dir.resolve("t.scid");
        final ScidFileWriter w = new ScidFileWriter(file);
        w.bar(T0_NANOS, 1f, 2f, 0.5f, 1.5f, 10, 100);
        w.close();
        w.close();
        assertThat(Files.size(file)).isEqualTo(H + R);
        assertThatThrownBy(() -> w.quote(T0_NANOS, 1f, 2f, 1, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(w::flush).isInstanceOf(IllegalStateException.class);
    }

    // ================================================================ .depth

    @Test
    void depthWriterBuffersAndMatchesTheSpecByteForByte() throws IOException
    {
        final Path file = DepthFormat.depthDir(dir).resolve(DepthFormat.fileName("ESM25_FUT_CME", LocalDate.of(2025, 6, 13)));
        try (DepthFileWriter w = new DepthFileWriter(file))
        {
            assertThat(Files.size(file)).as("header written at once").isEqualTo(DH);
            w.clearBook(T0_NANOS);
            w.record(T0_NANOS, DepthFormat.ADD_BID_LEVEL, 0, 12, 5000.0f, 40);
            w.record(T0_NANOS, DepthFormat.ADD_ASK_LEVEL, DepthFormat.FLAG_END_OF_BATCH, 9, 5000.25f, 35);
            assertThat(Files.size(file)).as("nothing on disk before flush()").isEqualTo(DH);
            w.flush();
            assertThat(w.recordsWritten()).isEqualTo(3);
        }
        final ByteBuffer b = read(file);
        assertThat(b.capacity()).isEqualTo(DH + 3 * DR);
        assertThat(b.getInt(0)).isEqualTo(0x44444353);
        assertThat(b.getInt(4)).isEqualTo(64);
        assertThat(b.getInt(8)).isEqualTo(24);
        assertThat(b.getInt(12)).isEqualTo(1);

        int r = DH;
        assertThat(b.getLong(r)).as("depth records are not made unique").isEqualTo(T0_SC);
        assertThat(b.get(r + 8)).isEqualTo((byte)1);
        assertThat(b.get(r + 9)).isZero();
        assertThat(b.getShort(r + 10)).isZero();
        assertThat(b.getInt(r + 12)).isZero();
        assertThat(b.getInt(r + 16)).isZero();
        assertThat(b.getInt(r + 20)).isZero();

        r = DH + DR;
        assertThat(b.getLong(r)).isEqualTo(T0_SC);
        assertThat(b.get(r + 8)).isEqualTo((byte)2);
        assertThat(b.get(r + 9)).isZero();
        assertThat(b.getShort(r + 10)).isEqualTo((short)12);
        assertThat(b.getFloat(r + 12)).isEqualTo(5000.0f);
        assertThat(b.getInt(r + 16)).isEqualTo(40);

        r = DH + 2 * DR;
        assertThat(b.get(r + 8)).isEqualTo((byte)3);
        assertThat(b.get(r + 9)).isEqualTo((byte)1);
        assertThat(b.getShort(r + 10)).isEqualTo((short)9);
        assertThat(b.getFloat(r + 12)).isEqualTo(5000.25f);
        assertThat(b.getInt(r + 16)).isEqualTo(35);
        assertThat(b.getInt(r + 20)).isZero();
    }

    @Test
    void depthWriterRoundTripsEveryCommand() throws IOException
    {
        final Path file = dir.resolve("X.2025-06-13.depth");
        try (DepthFileWriter w = new DepthFileWriter(file))
        {
            for (int c = DepthFormat.NO_COMMAND; c <= DepthFormat.DELETE_ASK_LEVEL; c++)
            {
                w.record(T0_NANOS + c * 1_000L, c, c == 7 ? DepthFormat.FLAG_END_OF_BATCH : 0, c, 100.0f + c, c * 10L);
            }
            assertThatThrownBy(() -> w.record(T0_NANOS, 8, 0, 0, 0f, 0)).isInstanceOf(IllegalArgumentException.class);
        }
        final byte[] all = Files.readAllBytes(file);
        final UnsafeBuffer u = new UnsafeBuffer(all);
        assertThat(DepthFormat.checkHeader(u, 0, all.length)).isNull();
        assertThat(all.length).isEqualTo(DH + 8 * DR);
        for (int c = 0; c <= 7; c++)
        {
            final int off = DH + c * DR;
            assertThat(DepthFormat.dateTime(u, off)).isEqualTo(T0_SC + c);
            assertThat(DepthFormat.command(u, off)).isEqualTo(c);
            assertThat(DepthFormat.flags(u, off)).isEqualTo(c == 7 ? 1 : 0);
            assertThat(DepthFormat.numOrders(u, off)).isEqualTo(c);
            assertThat(DepthFormat.price(u, off)).isEqualTo(100.0f + c);
            assertThat(DepthFormat.quantity(u, off)).isEqualTo(c * 10L);
            assertThat(DepthFormat.reserved(u, off)).isZero();
        }
    }

    @Test
    void depthFlushPartialAndReopen() throws IOException
    {
        final Path file = dir.resolve("X.2025-06-13.depth");
        try (DepthFileWriter w = new DepthFileWriter(file))
        {
            w.record(T0_NANOS, DepthFormat.ADD_BID_LEVEL, 0, 1, 1.0f, 1);
            w.record(T0_NANOS, DepthFormat.ADD_ASK_LEVEL, DepthFormat.FLAG_END_OF_BATCH, 1, 2.0f, 2);
            w.flushPartial(30);
            assertThat(Files.size(file)).as("one whole record + 6 bytes").isEqualTo(DH + DR + 6);
            assertThat(w.recordsWritten()).isEqualTo(1);
        }
        assertThat(Files.size(file)).isEqualTo(DH + 2 * DR);

        Files.write(file, new byte[] {9, 9, 9}, java.nio.file.StandardOpenOption.APPEND);
        try (DepthFileWriter w = new DepthFileWriter(file))
        {
            assertThat(Files.size(file)).isEqualTo(DH + 2 * DR);
            w.rawRecord(new byte[DR]);
            assertThatThrownBy(() -> w.rawRecord(new byte[25])).isInstanceOf(IllegalArgumentException.class);
        }
        final ByteBuffer b = read(file);
        assertThat(b.capacity()).isEqualTo(DH + 3 * DR);
        assertThat(b.getFloat(DH + 12)).isEqualTo(1.0f);
        assertThat(b.getFloat(DH + DR + 12)).isEqualTo(2.0f);
        assertThat(b.getLong(DH + 2 * DR)).isZero();

        final Path bad = dir.resolve("bad.depth");
        Files.write(bad, new byte[64]);
        assertThatThrownBy(() -> new DepthFileWriter(bad))
            .isInstanceOf(IOException.class).hasMessageContaining("wrong magic '????' (expected SCDD)");
    }
}
