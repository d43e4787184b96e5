package dev.tickwire.adapters.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tickwire.adapters.binance.BinanceImport;
import dev.tickwire.adapters.binance.BinanceTradeSource;
import dev.tickwire.adapters.csv.CsvImportSource;
import dev.tickwire.wire.MessageTypes;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes as a Binance trades or aggTrades file (the name says which: bit 2 of the mode byte) through
 * the Binance importer: refused up front naming the file, or imported to its end with every data row
 * a trade or a MALFORMED reject at its line, within {@link AdapterDriver.Outcome#assertSane()}.
 */
class BinanceFuzzTest
{
    @FuzzTest(maxDuration = "5m")
    void anyBytesAsABinanceFile(final byte[] input)
    {
        final FuzzFiles files = FuzzFiles.next();
        final boolean agg = input.length > 0 && (input[0] & 4) != 0;
        final Path file = files.write("BTCUSDT-" + (agg ? "aggTrades" : "trades") + "-2024-03-01.csv", input);
        final BinanceImport binance;
        try
        {
            binance = new BinanceImport(List.of(file), null, null, null, null, null, files.catalog());
        }
        catch (final IllegalArgumentException ex)
        {
            assertThat(ex.getMessage()).containsAnyOf(file.toString(), "BTCUSDT"); // the file or its instrument
            return;
        }
        binance.unreadable().forEach(p -> assertThat(p).startsWith(file + ": ").endsWith("the file is skipped"));
        final AdapterDriver.Outcome outcome = AdapterDriver.run(files.catalog(), binance.adapters()).assertSane();
        long dataRows = 0;
        for (final BinanceTradeSource source : binance.sources())
        {
            dataRows += source.dataRows();
        }
        assertThat(outcome.market().stream().mapToLong(m -> m.position() >>> CsvImportSource.LINE_SHIFT).distinct().count())
            .as("rows with a message").isEqualTo(dataRows);
        assertThat(outcome.market()).allMatch(m -> m.templateId() == MessageTypes.TRADE);
        assertThat(outcome.count(MessageTypes.STATUS)).isEqualTo(outcome.inputProblems.size());
        outcome.inputProblems.forEach(p -> assertThat(p).contains(file.toString()));
    }
}
