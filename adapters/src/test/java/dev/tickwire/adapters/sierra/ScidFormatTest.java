package dev.tickwire.adapters.sierra;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScidFormatTest
{
    private static final Instant SC_EPOCH = Instant.parse("1899-12-30T00:00:00Z");

    private final byte[] bytes = new byte[256];
    private final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
    private final ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

    // ---------------------------------------------------------------- constants

    @Test
    void constantsMatchTheSpec()
    {
        assertThat(ScidFormat.HEADER_SIZE).isEqualTo(56);
        assertThat(ScidFormat.RECORD_SIZE).isEqualTo(40);
        assertThat(ScidFormat.VERSION).isEqualTo(1);
        assertThat(ScidFormat.MAGIC).isEqualTo(
            ByteBuffer.wrap("SCID".getBytes(StandardCharsets.US_ASCII)).order(ByteOrder.LITTLE_ENDIAN).getInt());
        assertThat(ScidFormat.MAGIC).isEqualTo(0x44494353);
        assertThat(ScidFormat.SC_EPOCH_OFFSET_US)
            .isEqualTo(ChronoUnit.MICROS.between(SC_EPOCH, Instant.EPOCH))
            .isEqualTo(2_209_161_600_000_000L);
        assertThat(Float.floatToRawIntBits(ScidFormat.SINGLE_TRADE)).isZero();
        assertThat(ScidFormat.FIRST_SUB_TRADE).isEqualTo(-1.99900095e+37f);
        assertThat(ScidFormat.LAST_SUB_TRADE).isEqualTo(-1.99900197e+37f);
        assertThat(Float.floatToRawIntBits(ScidFormat.FIRST_SUB_TRADE))
            .isNotEqualTo(Float.floatToRawIntBits(ScidFormat.LAST_SUB_TRADE));
    }

    // ---------------------------------------------------------------- header

    @Test
    void writtenHeaderIsValidAndMatchesTheSpecByteForByte()
    {
        java.util.Arrays.fill(bytes, (byte)0x55);
        ScidFormat.writeHeader(buffer, 0);

        assertThat(ScidFormat.checkHeader(buffer, 0, 56)).isNull();
        assertThat(ScidFormat.checkHeader(buffer, 0, 1000)).isNull();
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("SCID");
        assertThat(le.getInt(4)).isEqualTo(56);
        assertThat(le.getInt(8)).isEqualTo(40);
        assertThat(le.getShort(12)).isEqualTo((short)1);
        assertThat(le.getShort(14)).isZero();
        assertThat(le.getInt(16)).isZero();
        for (int i = 20; i < 56; i++)
        {
            assertThat(bytes[i]).as("reserve byte %d", i).isZero();
        }
        assertThat(bytes[56]).as("nothing written past the header").isEqualTo((byte)0x55);
    }

    @Test
    void headerIsCheckedAtAnOffset()
    {
        ScidFormat.writeHeader(buffer, 100);
        assertThat(ScidFormat.checkHeader(buffer, 100, 56)).isNull();
        assertThat(ScidFormat.checkHeader(buffer, 0, 156)).startsWith("wrong magic");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10, 55})
    void shortHeader(final int available)
    {
        ScidFormat.writeHeader(buffer, 0);
        assertThat(ScidFormat.checkHeader(buffer, 0, available))
            .isEqualTo("short header: " + available + " of 56 bytes");
    }

    @Test
    void wrongMagicShowsTheBytes()
    {
        ScidFormat.writeHeader(buffer, 0);
        bytes[3] = 'X';
        assertThat(ScidFormat.checkHeader(buffer, 0, 56)).isEqualTo("wrong magic 'SCIX' (expected SCID)");

        bytes[0] = 0;
        bytes[1] = 'C';
        bytes[2] = 0x7F;
        bytes[3] = (byte)0xFF;
        assertThat(ScidFormat.checkHeader(buffer, 0, 56)).isEqualTo("wrong magic '?C??' (expected SCID)");

        // a depth header is not a .scid header
        DepthFormat.writeHeader(buffer, 0);
        assertThat(ScidFormat.checkHeader(buffer, 0, 64)).isEqualTo("wrong magic 'SCDD' (expected SCID)");
    }

    @Test
    void wrongHeaderSize()
    {
        ScidFormat.writeHeader(buffer, 0);
        le.putInt(4, 64);
        assertThat(ScidFormat.checkHeader(buffer, 0, 56)).isEqualTo("header size 64 (expected 56)");
        le.putInt(4, -1);
        assertThat(ScidFormat.checkHeader(buffer, 0, 56)).isEqualTo("header size 4294967295 (expected 56)");
    }

    @Test
    void wrongRecordSize()
    {
        ScidFormat.writeHeader(buffer, 0);
        le.putInt(8, 32);
        assertThat(ScidFormat.checkHeader(buffer, 0, 56)).isEqualTo("record size 32 (expected 40)");
    }

    @Test
    void checksRunInOrder()
    {
        ScidFormat.writeHeader(buffer, 0);
        bytes[0] = 'X';
        le.putInt(4, 64);
        le.putInt(8, 32);
        assertThat(ScidFormat.checkHeader(buffer, 0, 10)).startsWith("short header");
        assertThat(ScidFormat.checkHeader(buffer, 0, 56)).startsWith("wrong magic");
        bytes[0] = 'S';
        assertThat(ScidFormat.checkHeader(buffer, 0, 56)).startsWith("header size");
        le.putInt(4, 56);
        assertThat(ScidFormat.checkHeader(buffer, 0, 56)).startsWith("record size");
        le.putInt(8, 40);
        assertThat(ScidFormat.checkHeader(buffer, 0, 56)).isNull();
    }

    // ---------------------------------------------------------------- records

    @Test
    void recordRoundTripsAndMatchesTheSpecByteForByte()
    {
        final int off = 56;
        ScidFormat.writeRecord(buffer, off, 3_958_724_400_123_456L,
            ScidFormat.FIRST_SUB_TRADE, 5001.25f, 5001.0f, 5001.25f, 1, 7, 0, 7);

        assertThat(le.getLong(off)).isEqualTo(3_958_724_400_123_456L);
        assertThat(le.getInt(off + 8)).isEqualTo(Float.floatToRawIntBits(ScidFormat.FIRST_SUB_TRADE));
        assertThat(le.getFloat(off + 12)).isEqualTo(5001.25f);
        assertThat(le.getFloat(off + 16)).isEqualTo(5001.0f);
        assertThat(le.getFloat(off + 20)).isEqualTo(5001.25f);
        assertThat(le.getInt(off + 24)).isEqualTo(1);
        assertThat(le.getInt(off + 28)).isEqualTo(7);
        assertThat(le.getInt(off + 32)).isZero();
        assertThat(le.getInt(off + 36)).isEqualTo(7);

        assertThat(ScidFormat.dateTime(buffer, off)).isEqualTo(3_958_724_400_123_456L);
        assertThat(ScidFormat.open(buffer, off)).isEqualTo(ScidFormat.FIRST_SUB_TRADE);
        assertThat(ScidFormat.high(buffer, off)).isEqualTo(5001.25f);
        assertThat(ScidFormat.low(buffer, off)).isEqualTo(5001.0f);
        assertThat(ScidFormat.close(buffer, off)).isEqualTo(5001.25f);
        assertThat(ScidFormat.numTrades(buffer, off)).isEqualTo(1);
        assertThat(ScidFormat.totalVolume(buffer, off)).isEqualTo(7);
        assertThat(ScidFormat.bidVolume(buffer, off)).isZero();
        assertThat(ScidFormat.askVolume(buffer, off)).isEqualTo(7);
    }

    @Test
    void u32FieldsReadUnsignedAndRejectOutOfRangeValues()
    {
        final long max = 0xFFFF_FFFFL;
        ScidFormat.writeRecord(buffer, 0, 1, 1.0f, 2.0f, 0.5f, 1.5f, max, max - 1, max - 2, max - 3);
        assertThat(le.getInt(24)).isEqualTo(-1);
        assertThat(ScidFormat.numTrades(buffer, 0)).isEqualTo(4_294_967_295L);
        assertThat(ScidFormat.totalVolume(buffer, 0)).isEqualTo(max - 1);
        assertThat(ScidFormat.bidVolume(buffer, 0)).isEqualTo(max - 2);
        assertThat(ScidFormat.askVolume(buffer, 0)).isEqualTo(max - 3);

        assertThatThrownBy(() -> ScidFormat.writeRecord(buffer, 40, 1, 0f, 0f, 0f, 0f, 1, max + 1, 0, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("totalVolume");
        assertThatThrownBy(() -> ScidFormat.writeRecord(buffer, 40, 1, 0f, 0f, 0f, 0f, 1, 1, -1, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bidVolume");
        assertThat(le.getLong(40)).as("nothing written on a rejected record").isZero();
    }

    // ---------------------------------------------------------------- kind

    @Test
    void singleTradeIsATrade()
    {
        ScidFormat.writeRecord(buffer, 0, 1, ScidFormat.SINGLE_TRADE, 100.5f, 100.25f, 100.5f, 1, 3, 0, 3);
        assertThat(ScidFormat.kind(buffer, 0)).isEqualTo(ScidFormat.KIND_TRADE);
    }

    @Test
    void subTradeMarkersAreTrades()
    {
        ScidFormat.writeRecord(buffer, 0, 1, ScidFormat.FIRST_SUB_TRADE, 100.5f, 100.25f, 100.5f, 1, 3, 0, 3);
        ScidFormat.writeRecord(buffer, 40, 2, ScidFormat.LAST_SUB_TRADE, 100.5f, 100.25f, 100.25f, 1, 2, 2, 0);
        assertThat(ScidFormat.kind(buffer, 0)).isEqualTo(ScidFormat.KIND_TRADE);
        assertThat(ScidFormat.kind(buffer, 40)).isEqualTo(ScidFormat.KIND_TRADE);
    }

    @Test
    void bidAskOnlyRecordIsAQuote()
    {
        ScidFormat.writeRecord(buffer, 0, 1, 0.0f, 100.5f, 100.25f, 0.0f, 1, 0, 12, 9);
        assertThat(ScidFormat.kind(buffer, 0)).isEqualTo(ScidFormat.KIND_QUOTE);
        // NumTrades 0 is still a tick record
        ScidFormat.writeRecord(buffer, 40, 1, 0.0f, 100.5f, 100.25f, 0.0f, 0, 0, 12, 9);
        assertThat(ScidFormat.kind(buffer, 40)).isEqualTo(ScidFormat.KIND_QUOTE);
    }

    @Test
    void aggregatedRecordIsABar()
    {
        // tick marker in Open but NumTrades 5
        ScidFormat.writeRecord(buffer, 0, 1, 0.0f, 101.0f, 99.0f, 100.0f, 5, 40, 20, 20);
        assertThat(ScidFormat.kind(buffer, 0)).isEqualTo(ScidFormat.KIND_BAR);
        // ordinary Open price, NumTrades 1
        ScidFormat.writeRecord(buffer, 40, 1, 100.0f, 100.0f, 100.0f, 100.0f, 1, 1, 0, 1);
        assertThat(ScidFormat.kind(buffer, 40)).isEqualTo(ScidFormat.KIND_BAR);
        // a float just next to a marker is an ordinary price
        final float nearMarker = Math.nextUp(ScidFormat.FIRST_SUB_TRADE);
        ScidFormat.writeRecord(buffer, 80, 1, nearMarker, 100.0f, 100.0f, 100.0f, 1, 1, 0, 1);
        assertThat(ScidFormat.kind(buffer, 80)).isEqualTo(ScidFormat.KIND_BAR);
    }

    @Test
    void negativeZeroOpenCountsAsTheSingleTradeMarker()
    {
        ScidFormat.writeRecord(buffer, 0, 1, -0.0f, 100.5f, 100.25f, 100.5f, 1, 3, 3, 0);
        assertThat(ScidFormat.kind(buffer, 0)).isEqualTo(ScidFormat.KIND_TRADE);
        assertThat(ScidFormat.isTickMarker(-0.0f)).isTrue();
        assertThat(ScidFormat.isTickMarker(1.0f)).isFalse();
    }

    // ---------------------------------------------------------------- time

    @Test
    void epochConversionsRoundTripAtMicrosecondPrecision()
    {
        final Instant t = Instant.parse("2025-06-13T13:30:00.123456Z");
        final long nanos = t.getEpochSecond() * 1_000_000_000L + t.getNano();
        final long sc = ScidFormat.toScDateTime(nanos);

        assertThat(sc).isEqualTo(ChronoUnit.MICROS.between(SC_EPOCH, t));
        assertThat(sc % 1_000_000L).isEqualTo(123_456L);
        assertThat(ScidFormat.toEpochNanos(sc)).isEqualTo(nanos);
        assertThat(ScidFormat.toScDateTime(ScidFormat.toEpochNanos(sc))).isEqualTo(sc);
    }

    @Test
    void toScDateTimeRoundsDown()
    {
        final long nanos = Instant.parse("2025-06-13T13:30:00.123456Z").toEpochMilli() * 1_000_000L + 456_789L;
        assertThat(ScidFormat.toScDateTime(nanos) % 1_000_000L).isEqualTo(123_456L);
        assertThat(ScidFormat.toEpochNanos(ScidFormat.toScDateTime(nanos))).isEqualTo(nanos - 789L);

        assertThat(ScidFormat.toScDateTime(0)).isEqualTo(ScidFormat.SC_EPOCH_OFFSET_US);
        assertThat(ScidFormat.toScDateTime(999)).isEqualTo(ScidFormat.SC_EPOCH_OFFSET_US);
        assertThat(ScidFormat.toScDateTime(-1)).isEqualTo(ScidFormat.SC_EPOCH_OFFSET_US - 1);
        assertThat(ScidFormat.toEpochNanos(0)).isEqualTo(-ScidFormat.SC_EPOCH_OFFSET_US * 1_000L);
    }
}
