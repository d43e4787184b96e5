package dev.tickwire.adapters.sierra;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DepthFormatTest
{
    private static final String ES = "ESM25_FUT_CME";

    private final byte[] bytes = new byte[512];
    private final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
    private final ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

    @Test
    void constantsMatchTheSpec()
    {
        assertThat(DepthFormat.HEADER_SIZE).isEqualTo(64);
        assertThat(DepthFormat.RECORD_SIZE).isEqualTo(24);
        assertThat(DepthFormat.VERSION).isEqualTo(1);
        assertThat(DepthFormat.MAGIC).isEqualTo(
            ByteBuffer.wrap("SCDD".getBytes(StandardCharsets.US_ASCII)).order(ByteOrder.LITTLE_ENDIAN).getInt());
        assertThat(new int[] {
            DepthFormat.NO_COMMAND, DepthFormat.CLEAR_BOOK, DepthFormat.ADD_BID_LEVEL, DepthFormat.ADD_ASK_LEVEL,
            DepthFormat.MODIFY_BID_LEVEL, DepthFormat.MODIFY_ASK_LEVEL, DepthFormat.DELETE_BID_LEVEL,
            DepthFormat.DELETE_ASK_LEVEL}).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(DepthFormat.FLAG_END_OF_BATCH).isEqualTo(1);
    }

    // ---------------------------------------------------------------- header

    @Test
    void writtenHeaderIsValidAndMatchesTheSpecByteForByte()
    {
        java.util.Arrays.fill(bytes, (byte)0x55);
        DepthFormat.writeHeader(buffer, 0);

        assertThat(DepthFormat.checkHeader(buffer, 0, 64)).isNull();
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("SCDD");
        assertThat(le.getInt(0)).isEqualTo(0x44444353);
        assertThat(le.getInt(4)).isEqualTo(64);
        assertThat(le.getInt(8)).isEqualTo(24);
        assertThat(le.getInt(12)).isEqualTo(1);
        for (int i = 16; i < 64; i++)
        {
            assertThat(bytes[i]).as("reserve byte %d", i).isZero();
        }
        assertThat(bytes[64]).as("nothing written past the header").isEqualTo((byte)0x55);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10, 55, 63})
    void shortHeader(final int available)
    {
        DepthFormat.writeHeader(buffer, 0);
        assertThat(DepthFormat.checkHeader(buffer, 0, available))
            .isEqualTo("short header: " + available + " of 64 bytes");
    }

    @Test
    void wrongMagicShowsTheBytes()
    {
        DepthFormat.writeHeader(buffer, 0);
        bytes[2] = 'I';
        assertThat(DepthFormat.checkHeader(buffer, 0, 64)).isEqualTo("wrong magic 'SCID' (expected SCDD)");
        bytes[0] = '\n';
        bytes[3] = (byte)0x80;
        assertThat(DepthFormat.checkHeader(buffer, 0, 64)).isEqualTo("wrong magic '?CI?' (expected SCDD)");
    }

    @Test
    void wrongHeaderSize()
    {
        DepthFormat.writeHeader(buffer, 0);
        le.putInt(4, 56);
        assertThat(DepthFormat.checkHeader(buffer, 0, 64)).isEqualTo("header size 56 (expected 64)");
    }

    @Test
    void wrongRecordSize()
    {
        DepthFormat.writeHeader(buffer, 0);
        le.putInt(8, 32);
        assertThat(DepthFormat.checkHeader(buffer, 0, 64)).isEqualTo("record size 32 (expected 24)");
    }

    // ---------------------------------------------------------------- records

    @Test
    void everyCommandRoundTripsAndMatchesTheSpecByteForByte()
    {
        java.util.Arrays.fill(bytes, (byte)0x55);
        for (int command = 0; command <= 7; command++)
        {
            final int off = 64 + command * 24;
            final long dateTime = 3_958_724_400_000_000L + command;
            final float price = 5000.0f + command * 0.25f;
            DepthFormat.writeRecord(buffer, off, dateTime, command, 0, command + 10, price, 100L + command);

            assertThat(le.getLong(off)).isEqualTo(dateTime);
            assertThat(bytes[off + 8]).isEqualTo((byte)command);
            assertThat(bytes[off + 9]).isZero();
            assertThat(le.getShort(off + 10)).isEqualTo((short)(command + 10));
            assertThat(le.getFloat(off + 12)).isEqualTo(price);
            assertThat(le.getInt(off + 16)).isEqualTo(100 + command);
            assertThat(le.getInt(off + 20)).as("reserved").isZero();

            assertThat(DepthFormat.dateTime(buffer, off)).isEqualTo(dateTime);
            assertThat(DepthFormat.command(buffer, off)).isEqualTo(command);
            assertThat(DepthFormat.flags(buffer, off)).isZero();
            assertThat(DepthFormat.numOrders(buffer, off)).isEqualTo(command + 10);
            assertThat(DepthFormat.price(buffer, off)).isEqualTo(price);
            assertThat(DepthFormat.quantity(buffer, off)).isEqualTo(100L + command);
            assertThat(DepthFormat.reserved(buffer, off)).isZero();
        }
        assertThat(bytes[64 + 8 * 24]).as("nothing written past the last record").isEqualTo((byte)0x55);
    }

    @Test
    void endOfBatchFlag()
    {
        DepthFormat.writeRecord(buffer, 0, 1, DepthFormat.ADD_BID_LEVEL, 0, 1, 100.0f, 5);
        DepthFormat.writeRecord(buffer, 24, 1, DepthFormat.ADD_ASK_LEVEL, DepthFormat.FLAG_END_OF_BATCH, 1, 100.25f, 6);
        assertThat(bytes[9]).isZero();
        assertThat(bytes[24 + 9]).isEqualTo((byte)0x01);
        assertThat(DepthFormat.flags(buffer, 0) & DepthFormat.FLAG_END_OF_BATCH).isZero();
        assertThat(DepthFormat.flags(buffer, 24) & DepthFormat.FLAG_END_OF_BATCH).isEqualTo(1);
    }

    @Test
    void unsignedFieldsReadUnsignedAndRejectOutOfRangeValues()
    {
        DepthFormat.writeRecord(buffer, 0, -5, 255, 0xFF, 65535, -1.5f, 0xFFFF_FFFFL);
        le.putInt(20, -1);
        assertThat(DepthFormat.dateTime(buffer, 0)).isEqualTo(-5);
        assertThat(DepthFormat.command(buffer, 0)).isEqualTo(255);
        assertThat(DepthFormat.flags(buffer, 0)).isEqualTo(255);
        assertThat(DepthFormat.numOrders(buffer, 0)).isEqualTo(65535);
        assertThat(DepthFormat.price(buffer, 0)).isEqualTo(-1.5f);
        assertThat(DepthFormat.quantity(buffer, 0)).isEqualTo(4_294_967_295L);
        assertThat(DepthFormat.reserved(buffer, 0)).isEqualTo(4_294_967_295L);

        assertThatThrownBy(() -> DepthFormat.writeRecord(buffer, 24, 1, 256, 0, 0, 0f, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("command");
        assertThatThrownBy(() -> DepthFormat.writeRecord(buffer, 24, 1, 0, -1, 0, 0f, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flags");
        assertThatThrownBy(() -> DepthFormat.writeRecord(buffer, 24, 1, 0, 0, 65536, 0f, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numOrders");
        assertThatThrownBy(() -> DepthFormat.writeRecord(buffer, 24, 1, 0, 0, 0, 0f, 1L << 32))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantity");
        assertThat(le.getLong(24)).as("nothing written on a rejected record").isZero();
    }

    // ---------------------------------------------------------------- file naming

    @Test
    void fileNameAndDayOfRoundTrip()
    {
        final LocalDate day = LocalDate.of(2025, 6, 13);
        assertThat(DepthFormat.fileName(ES, day)).isEqualTo("ESM25_FUT_CME.2025-06-13.depth");
        assertThat(DepthFormat.dayOf("ESM25_FUT_CME.2025-06-13.depth", ES)).isEqualTo(day);
        assertThat(DepthFormat.fileName("X", LocalDate.of(7, 1, 2))).isEqualTo("X.0007-01-02.depth");
        assertThat(DepthFormat.dayOf("X.0007-01-02.depth", "X")).isEqualTo(LocalDate.of(7, 1, 2));
        assertThat(DepthFormat.dayOf("A.B.2024-02-29.depth", "A.B")).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void dayOfRejectsAnotherSymbol()
    {
        assertThat(DepthFormat.dayOf("NQM25_FUT_CME.2025-06-13.depth", ES)).isNull();
        assertThat(DepthFormat.dayOf("ESM25_FUT_CME.2025-06-13.depth", "ESM25")).isNull();
        assertThat(DepthFormat.dayOf("XESM25_FUT_CME.2025-06-13.depth", ES)).isNull();
        assertThat(DepthFormat.dayOf("ESM25_FUT_CME_2025-06-13.depth", ES)).isNull();
    }

    @Test
    void dayOfRejectsABadDate()
    {
        assertThat(DepthFormat.dayOf("ESM25_FUT_CME.2025-02-30.depth", ES)).isNull();
        assertThat(DepthFormat.dayOf("ESM25_FUT_CME.2025-13-01.depth", ES)).isNull();
        assertThat(DepthFormat.dayOf("ESM25_FUT_CME.2025-6-13.depth", ES)).isNull();
        assertThat(DepthFormat.dayOf("ESM25_FUT_CME.2025-06-1x.depth", ES)).isNull();
        assertThat(DepthFormat.dayOf("ESM25_FUT_CME.2025/06/13.depth", ES)).isNull();
        assertThat(DepthFormat.dayOf("ESM25_FUT_CME.+2025-06-1.depth", ES)).isNull();
        assertThat(DepthFormat.dayOf("ESM25_FUT_CME.20250613.depth", ES)).isNull();
    }

    @Test
    void dayOfRejectsAnotherExtension()
    {
        assertThat(DepthFormat.dayOf("ESM25_FUT_CME.2025-06-13.scid", ES)).isNull();
        assertThat(DepthFormat.dayOf("ESM25_FUT_CME.2025-06-13.depth.tmp", ES)).isNull();
        assertThat(DepthFormat.dayOf("ESM25_FUT_CME.2025-06-13.DEPTH", ES)).isNull();
        assertThat(DepthFormat.dayOf("ESM25_FUT_CME.2025-06-13.", ES)).isNull();
        assertThat(DepthFormat.dayOf("", ES)).isNull();
    }

    @Test
    void depthDirIsUnderTheDataDir()
    {
        final Path data = Path.of("SierraChart", "Data");
        assertThat(DepthFormat.depthDir(data)).isEqualTo(Path.of("SierraChart", "Data", "MarketDepthData"));
    }
}
