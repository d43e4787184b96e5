package dev.tickwire.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstrumentDefinitionsTest
{
    @TempDir
    Path dir;

    private static InstrumentDefinition perpetual(final String tick)
    {
        return new InstrumentDefinition("deribit:BTC-PERPETUAL", "BTC-PERPETUAL", "perpetual", "inverse_perpetual", "BTC",
            "USD", "", tick, "10", "10", "10", "true", "2018-08-14T00:00:00.000Z", "", "2019-03-30T00:00:00.000Z", "",
            "", "", List.of("trades", "incremental_book_L2", "quotes"));
    }

    @Test
    void aDayRoundTripsWithItsPropertiesAndEveryField() throws Exception
    {
        final InstrumentDefinitions definitions = new InstrumentDefinitions(dir);
        final LocalDate day = LocalDate.parse("2024-03-01");
        final InstrumentDefinitions.Day written = new InstrumentDefinitions.Day("deribit", day,
            Map.of("source", "tardis"), List.of(perpetual("0.5"),
                new InstrumentDefinition("deribit:BTC-29MAR24-60000-C", "BTC-29MAR24-60000-C", "option", "call_option",
                    "BTC", "USD", "", "0.0005", "0.1", "0.1", "1", "true", "", "2024-03-29T08:00:00.000Z",
                    "2024-01-05T08:00:00.000Z", "2024-03-29T08:00:00.000Z", "60000", "call", List.of())));
        definitions.write(written);

        assertThat(definitions.file("deribit", day)).isEqualTo(dir.resolve("definitions/deribit/2024-03-01.tsv"));
        assertThat(Files.readAllLines(definitions.file("deribit", day)).get(0)).isEqualTo("#source=tardis");
        assertThat(definitions.read("deribit", day)).contains(written);
        assertThat(definitions.read("deribit", day.plusDays(1))).isEmpty();
        assertThat(definitions.days("deribit")).containsExactly(day);
        assertThat(definitions.days("bitmex")).isEmpty();
    }

    @Test
    void columnsAreFoundByNameSoALaterBuildMayAddSome() throws Exception
    {
        final InstrumentDefinitions definitions = new InstrumentDefinitions(dir);
        final Path file = definitions.file("bitmex", LocalDate.parse("2024-03-02"));
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#exported=true\nnewColumn\tsymbol\tinstrument\ttickSize\nx\tXBTUSD\tbitmex:XBTUSD\t0.5\n");
        final InstrumentDefinitions.Day day = definitions.read("bitmex", LocalDate.parse("2024-03-02")).orElseThrow();
        assertThat(day.properties()).containsEntry("exported", "true");
        final InstrumentDefinition d = day.byInstrument("bitmex:XBTUSD").orElseThrow();
        assertThat(d.symbol()).isEqualTo("XBTUSD");
        assertThat(d.tickSize()).isEqualTo("0.5");
        assertThat(d.expiry()).isEmpty();
        assertThat(d.dataTypes()).isEmpty();
    }

    @Test
    void anExchangeIdCannotLeaveTheCatalog()
    {
        assertThatThrownBy(() -> new InstrumentDefinitions(dir).file("../x", LocalDate.parse("2024-03-02")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an exchange id");
    }
}
