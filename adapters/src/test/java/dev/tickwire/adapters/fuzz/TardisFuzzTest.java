package dev.tickwire.adapters.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tickwire.adapters.csv.CsvImportSource;
import dev.tickwire.adapters.tardis.TardisImport;
import dev.tickwire.engine.adapter.FeedAdapter;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes as a Tardis CSV file (plain or gzip, whole or cut short) through the Tardis importer:
 * either refused up front with a message naming the file, or imported to its end with every data row
 * accounted for (a market message at its position, or a MALFORMED reject), within the bounds
 * {@link AdapterDriver.Outcome#assertSane()} sets. Seeds: {@code TardisFuzzTestInputs/}.
 */
class TardisFuzzTest
{
    @FuzzTest(maxDuration = "5m")
    void anyBytesAsATardisFile(final byte[] input)
    {
        final FuzzFiles files = FuzzFiles.next();
        final Path file = files.write("input.csv.gz", input);
        final TardisImport tardis;
        try
        {
            tardis = new TardisImport(List.of(file), null, null, null, files.catalog());
        }
        catch (final IllegalArgumentException ex)
        {
            assertThat(ex.getMessage()).contains(file.toString()); // refused, naming the file
            return;
        }
        tardis.unreadable().forEach(p -> assertThat(p).startsWith(file + ": ").endsWith("the file is skipped"));
        final AdapterDriver.Outcome outcome = AdapterDriver.run(files.catalog(), tardis.adapters()).assertSane();
        long rows = 0;
        for (final FeedAdapter adapter : tardis.adapters())
        {
            rows += ((CsvImportSource)adapter).rows();
        }
        // every data row left a market message (or its MALFORMED reject) at its own line
        assertThat(outcome.market().stream().mapToLong(m -> m.position() >>> CsvImportSource.LINE_SHIFT).distinct().count())
            .as("rows with a message").isEqualTo(rows);
        assertThat(outcome.count(dev.tickwire.wire.MessageTypes.STATUS)).as("READ_ERROR statuses")
            .isEqualTo(outcome.inputProblems.size());
        outcome.inputProblems.forEach(p -> assertThat(p).contains(file.toString()));
    }
}
