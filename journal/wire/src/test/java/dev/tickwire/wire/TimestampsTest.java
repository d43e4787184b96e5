package dev.tickwire.wire;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampsTest
{
    /** 2026-11-21T09:30:00Z in epoch seconds (computed independently). */
    private static final long OPEN_SECONDS = 1_795_253_400L;
    private static final long OPEN = OPEN_SECONDS * 1_000_000_000L;
    /** 2026-11-21T00:00:00Z. */
    private static final long MIDNIGHT = 1_795_219_200L * 1_000_000_000L;

    @Test
    void isoWithZ()
    {
        assertThat(Timestamps.parse("2026-11-21T09:30:00Z")).isEqualTo(OPEN);
        assertThat(Timestamps.parse("2026-11-21T09:30:00.123456Z")).isEqualTo(OPEN + 123_456_000L);
        assertThat(Timestamps.parse("2026-11-21T09:30:00.123456789Z")).isEqualTo(OPEN + 123_456_789L);
        assertThat(Timestamps.parse("2026-11-21T09:30:00.1Z")).isEqualTo(OPEN + 100_000_000L);
    }

    @Test
    void isoWithOffset()
    {
        assertThat(Timestamps.parse("2026-11-21T10:30:00.123456+01:00")).isEqualTo(OPEN + 123_456_000L);
        assertThat(Timestamps.parse("2026-11-21T04:30:00-05:00")).isEqualTo(OPEN);
        assertThat(Timestamps.parse("2026-11-21T09:30:00+00:00")).isEqualTo(OPEN);
        assertThat(Timestamps.parse("2026-11-21T15:00:00.000000001+05:30")).isEqualTo(OPEN + 1);
    }

    @Test
    void isoWithOffsetWithoutColon()
    {
        // Timestamps' own zone detection ([+-]HH:?MM) accepts the basic ISO-8601 offset form "+0100",
        // so it must parse to the same instant as "+01:00".
        assertThat(Timestamps.parse("2026-11-21T10:30:00+0100")).isEqualTo(OPEN);
        assertThat(Timestamps.parse("2026-11-21T04:30:00-0500")).isEqualTo(OPEN);
    }

    @Test
    void isoWithoutZoneIsUtc()
    {
        assertThat(Timestamps.parse("2026-11-21T09:30:00")).isEqualTo(OPEN);
        assertThat(Timestamps.parse("2026-11-21T09:30:00.123456")).isEqualTo(OPEN + 123_456_000L);
        assertThat(Timestamps.parse("2026-11-21T09:30:00.000000001")).isEqualTo(OPEN + 1);
        assertThat(Timestamps.parse("2026-11-21T09:30:00")).isEqualTo(Timestamps.parse("2026-11-21T09:30:00Z"));
    }

    @Test
    void dateOnlyIsMidnightUtc()
    {
        assertThat(Timestamps.parse("2026-11-21")).isEqualTo(MIDNIGHT);
        assertThat(Timestamps.parse("1970-01-01")).isZero();
        assertThat(Timestamps.parse("1969-12-31")).isEqualTo(-86_400L * 1_000_000_000L);
    }

    @Test
    void epochNanos()
    {
        assertThat(Timestamps.parse("1795253400123456789")).isEqualTo(OPEN + 123_456_789L);
        assertThat(Timestamps.parse("1000000000")).isEqualTo(1_000_000_000L);
        assertThat(Timestamps.parse("-14182940000000000")).isEqualTo(-14_182_940_000_000_000L); // 1969-07-20T20:17:40Z
        assertThat(Timestamps.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void surroundingWhitespaceIsIgnored()
    {
        assertThat(Timestamps.parse("  2026-11-21\t")).isEqualTo(MIDNIGHT);
        assertThat(Timestamps.parse(" 1795253400000000000 ")).isEqualTo(OPEN);
        assertThat(Timestamps.parse(" 2026-11-21T09:30:00Z\n")).isEqualTo(OPEN);
    }

    @ParameterizedTest
    @CsvSource({
        "1795253400123456000, 2026-11-21T09:30:00.123456000Z",
        "1795253400000000000, 2026-11-21T09:30:00.000000000Z",
        "1795253400000000001, 2026-11-21T09:30:00.000000001Z",
        "0, 1970-01-01T00:00:00.000000000Z",
        "-1, 1969-12-31T23:59:59.999999999Z",
        "-14182940000000000, 1969-07-20T20:17:40.000000000Z",
        "9223372036854775807, 2262-04-11T23:47:16.854775807Z",
    })
    void formatGivesNineFractionalDigits(final long nanos, final String expected)
    {
        assertThat(Timestamps.format(nanos)).isEqualTo(expected);
        assertThat(Timestamps.parse(expected)).isEqualTo(nanos);
    }

    @Provide
    Arbitrary<Long> representableNanos()
    {
        // from the first whole second after Long.MIN_VALUE up to Long.MAX_VALUE (see formatOfTheEarliestNanos)
        return Arbitraries.longs().between(-9_223_372_036_000_000_000L, Long.MAX_VALUE);
    }

    @Property(tries = 3000)
    void formatRoundTripsWithParse(@ForAll("representableNanos") final long nanos)
    {
        final String text = Timestamps.format(nanos);
        assertThat(text).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");
        assertThat(Timestamps.parse(text)).isEqualTo(nanos);
    }

    @Test
    void formatOfTheEarliestNanosRoundTrips()
    {
        // Long.MIN_VALUE is 1677-09-21T00:12:43.145224192Z: representable, so parse must give it back
        // rather than overflow on the whole seconds before adding the fraction.
        assertThat(Timestamps.format(Long.MIN_VALUE)).isEqualTo("1677-09-21T00:12:43.145224192Z");
        assertThat(Timestamps.parse(Timestamps.format(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "yesterday",
        "2026-13-01",
        "2026-11-21T25:00:00Z",
        "2026/11/21",
        "21-11-2026",
        "12345",
        "2026-11-21T09:30:00 UTC",
        "",
    })
    void badTextThrowsNamingTheText(final String text)
    {
        assertThatThrownBy(() -> Timestamps.parse(text))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'" + text + "'");
    }

    @Test
    void wellFormedTimeOutsideTheNanosecondRangeThrowsIllegalArgumentNamingTheText()
    {
        // epoch nanoseconds in a long end at 2262-04-11; a later time is a user error, reported like any other
        assertThatThrownBy(() -> Timestamps.parse("2300-01-01T00:00:00Z"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("2300-01-01T00:00:00Z");
        assertThatThrownBy(() -> Timestamps.parse("2300-01-01"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("2300-01-01");
    }

    @Test
    void epochNanosTooLargeForALongThrowsIllegalArgumentNamingTheText()
    {
        assertThatThrownBy(() -> Timestamps.parse("99999999999999999999"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("99999999999999999999");
    }

    /** The hand-written formatter against java.time's, over the whole epoch-nanosecond range. */
    @Property(tries = 5000)
    void formatMatchesJavaTime(@ForAll("anyNanos") final long epochNs)
    {
        final java.time.Instant instant = java.time.Instant.ofEpochSecond(
            Math.floorDiv(epochNs, 1_000_000_000L), Math.floorMod(epochNs, 1_000_000_000L));
        final String expected = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(java.time.ZoneOffset.UTC).format(instant);
        assertThat(Timestamps.format(epochNs)).isEqualTo(expected);
        assertThat(Timestamps.parse(Timestamps.format(epochNs))).isEqualTo(epochNs);
    }

    @Provide
    Arbitrary<Long> anyNanos()
    {
        return Arbitraries.oneOf(Arbitraries.longs(),
            Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, OPEN, MIDNIGHT - 1, 951_782_400L * 1_000_000_000L));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 1970-01-01T00:00:00.000000000Z",
        "-1, 1969-12-31T23:59:59.999999999Z",
        "951782400000000000, 2000-02-29T00:00:00.000000000Z",
        "1795253400123456789, 2026-11-21T09:30:00.123456789Z"})
    void formatsKnownInstants(final long epochNs, final String text)
    {
        assertThat(Timestamps.format(epochNs)).isEqualTo(text);
    }
}
