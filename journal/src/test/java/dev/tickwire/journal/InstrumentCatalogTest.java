package dev.tickwire.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstrumentCatalogTest
{
    @TempDir
    Path dir;

    @Test
    void assignsIdsFromOneAndKeepsThemAcrossReopen()
    {
        try (Journal journal = JournalTestSupport.open(dir))
        {
            final InstrumentCatalog catalog = journal.instruments();
            assertThat(catalog.all()).isEmpty();
            assertThat(catalog.register("ESZ5", "CME", -2, 0, 25)).isEqualTo(new Instrument(1, "ESZ5", "CME", -2, 0, 25));
            assertThat(catalog.register("BTC-USD", "COINBASE", -2, -8, 1)).isEqualTo(new Instrument(2, "BTC-USD", "COINBASE", -2, -8, 1));
            assertThat(catalog.register("ESZ5", "CME", -2, 0, 25).id()).isEqualTo(1); // known: same entry
        }
        try (Journal journal = JournalTestSupport.open(dir))
        {
            final InstrumentCatalog catalog = journal.instruments();
            assertThat(catalog.all()).extracting(Instrument::symbol).containsExactly("ESZ5", "BTC-USD");
            assertThat(catalog.bySymbol("BTC-USD")).hasValue(new Instrument(2, "BTC-USD", "COINBASE", -2, -8, 1));
            assertThat(catalog.byId(1).map(Instrument::symbol)).hasValue("ESZ5");
            assertThat(catalog.byId(3)).isEmpty();
            assertThat(catalog.bySymbol("NQZ5")).isEmpty();
            assertThat(catalog.register("NQZ5", "CME", -2, 0, 25).id()).isEqualTo(3);
        }
    }

    @Test
    void rejectsAnExponentChangeNamingTheSymbol()
    {
        try (Journal journal = JournalTestSupport.open(dir))
        {
            final InstrumentCatalog catalog = journal.instruments();
            catalog.register("ESZ5", "CME", -2, 0, 25);
            assertThatThrownBy(() -> catalog.register("ESZ5", "CME", -3, 0, 25))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ESZ5");
            assertThatThrownBy(() -> catalog.register("ESZ5", "CME", -2, 1, 25))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ESZ5");
            assertThat(catalog.bySymbol("ESZ5")).hasValue(new Instrument(1, "ESZ5", "CME", -2, 0, 25));
        }
    }

    @Test
    void updatesTheTickSizeInPlace()
    {
        try (Journal journal = JournalTestSupport.open(dir))
        {
            journal.instruments().register("ESZ5", "CME", -2, 0, 25);
            journal.instruments().register("NQZ5", "CME", -2, 0, 25);
            assertThat(journal.instruments().register("ESZ5", "CME", -2, 0, 5)).isEqualTo(new Instrument(1, "ESZ5", "CME", -2, 0, 5));
        }
        try (Journal journal = JournalTestSupport.open(dir))
        {
            assertThat(journal.instruments().bySymbol("ESZ5").orElseThrow().tickSize()).isEqualTo(5);
            assertThat(journal.instruments().all()).hasSize(2);
        }
    }

    @Test
    void writesAHeaderedTabSeparatedFileAtomically() throws Exception
    {
        try (Journal journal = JournalTestSupport.open(dir))
        {
            journal.instruments().register("ESZ5", "CME", -2, 0, 25);
            journal.instruments().register("BTC-USD", "COINBASE", -2, -8, 1);
        }
        assertThat(Files.readAllLines(dir.resolve("instruments.tsv"), StandardCharsets.UTF_8)).containsExactly(
            "id\tsymbol\tvenue\tpriceExponent\tsizeExponent\ttickSize",
            "1\tESZ5\tCME\t-2\t0\t25",
            "2\tBTC-USD\tCOINBASE\t-2\t-8\t1");
        try (Stream<Path> files = Files.list(dir))
        {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void aReaderInAnotherProcessSeesNewInstrumentsAfterReload()
    {
        try (Journal writerSide = JournalTestSupport.open(dir))
        {
            writerSide.instruments().register("ESZ5", "CME", -2, 0, 25);
            try (Journal readerSide = Journal.open(new Journal.Context().dir(dir).readOnly(true)))
            {
                assertThat(readerSide.instruments().all()).hasSize(1);
                writerSide.instruments().register("NQZ5", "CME", -2, 0, 25);
                assertThat(readerSide.instruments().bySymbol("NQZ5")).isEmpty();
                readerSide.instruments().reload();
                assertThat(readerSide.instruments().bySymbol("NQZ5").map(Instrument::id)).hasValue(2);
                assertThatThrownBy(() -> readerSide.instruments().register("YMZ5", "CBOT", 0, 0, 1))
                    .isInstanceOf(IllegalStateException.class);
            }
        }
    }

    @Test
    void rejectsFieldsTheWireFormatCannotCarry()
    {
        try (Journal journal = JournalTestSupport.open(dir))
        {
            final InstrumentCatalog catalog = journal.instruments();
            assertThatThrownBy(() -> catalog.register("A\tB", "CME", 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> catalog.register("X".repeat(33), "CME", 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32");
            assertThatThrownBy(() -> catalog.register("ESZ5", "V".repeat(17), 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> catalog.register("ESZ5", "CME", 200, 0, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> catalog.register("ESZ5", "CME", 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> catalog.register("", "CME", 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(catalog.all()).isEmpty();
            assertThat(dir.resolve("instruments.tsv")).doesNotExist();
        }
    }
}
