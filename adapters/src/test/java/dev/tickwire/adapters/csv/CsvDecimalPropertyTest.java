package dev.tickwire.adapters.csv;

import dev.tickwire.wire.FixedPoint;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The importers' allocation-free decimal parser agrees with the exact one ({@link FixedPoint#parse}, on
 * BigDecimal) for every exponent an importer accepts (−18..18): the same mantissa, or both refuse. A
 * positive exponent (sizes in lots of ten) was read as if it were 0: 20 with exponent 1 gave 20, not 2.
 */
class CsvDecimalPropertyTest
{
    private static final Path FILE = temp();

    private static Path temp()
    {
        try
        {
            final Path file = Files.createTempFile("decimal", ".csv");
            file.toFile().deleteOnExit();
            return file;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Property(tries = 3000)
    void agreesWithTheExactParser(@ForAll("decimals") final String text, @ForAll @IntRange(min = -18, max = 18) final int exponent)
    {
        Long expected;
        try
        {
            expected = FixedPoint.parse(text, exponent);
        }
        catch (final IllegalArgumentException ex)
        {
            expected = null;
        }
        if (expected == null)
        {
            assertThatThrownBy(() -> decimal(text, exponent)).isInstanceOf(CsvFormatException.class);
        }
        else
        {
            assertThat(decimal(text, exponent)).as("%s at 10^%d", text, exponent).isEqualTo(expected);
        }
    }

    @Property(tries = 10)
    void aValueThatIsNotAWholeNumberOfLotsIsRefusedNamingIt(@ForAll @IntRange(min = 1, max = 9) final int units)
    {
        assertThat(decimal("20", 1)).isEqualTo(2);
        assertThat(decimal("-300", 2)).isEqualTo(-3);
        assertThatThrownBy(() -> decimal("2" + units, 1)).isInstanceOf(CsvFormatException.class)
            .hasMessage("field 1 '2" + units + "' is not a whole multiple of 10^1");
        assertThatThrownBy(() -> decimal("0.12", -1)).isInstanceOf(CsvFormatException.class)
            .hasMessage("field 1 '0.12' has more than 1 decimals");
    }

    @Provide
    Arbitrary<String> decimals()
    {
        final Arbitrary<String> integer = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12);
        final Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(12);
        final Arbitrary<String> sign = Arbitraries.of("", "-", "+");
        return Combinators.combine(sign, integer, fraction).as((s, i, f) -> s + i + (f.isEmpty() ? "" : "." + f));
    }

    private static long decimal(final String text, final int exponent)
    {
        try
        {
            Files.writeString(FILE, text + "\n");
            try (CsvLines lines = new CsvLines(FILE))
            {
                assertThat(lines.next()).isTrue();
                return lines.decimal(0, exponent);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
