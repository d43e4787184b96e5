package dev.tickwire.adapters.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tickwire.adapters.csv.CsvImportSource;
import dev.tickwire.adapters.lobster.LobsterSource;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes as a LOBSTER message file and its order book file (split at the first 0x1E byte; the mode
 * byte as in {@link FuzzFiles} applies to both): read to the end with every message row a market
 * message, a status or a MALFORMED reject at its line, within {@link AdapterDriver.Outcome#assertSane()}.
 */
class LobsterFuzzTest
{
    @FuzzTest(maxDuration = "5m")
    void anyBytesAsLobsterFiles(final byte[] input)
    {
        final FuzzFiles files = FuzzFiles.next();
        int split = 1;
        while (split < input.length && input[split] != 0x1E)
        {
            split++;
        }
        final byte[] messages = Arrays.copyOfRange(input, 0, Math.min(split, input.length));
        final byte[] book = new byte[Math.max(1, input.length - split)];
        if (input.length > 0)
        {
            book[0] = input[0];
            System.arraycopy(input, Math.min(split + 1, input.length), book, 1, Math.max(0, input.length - split - 1));
        }
        final Path messageFile = files.write("AAPL_2012-06-21_34200000_57600000_message_2.csv", messages);
        final Path bookFile = files.write("AAPL_2012-06-21_34200000_57600000_orderbook_2.csv", book);
        final LobsterSource source = new LobsterSource(dev.tickwire.journal.SourceKind.LOBSTER.first + 1, messageFile, bookFile, "AAPL",
            "NASDAQ", LocalDate.of(2012, 6, 21), LobsterSource.DEFAULT_TICK_SIZE, 2);
        final AdapterDriver.Outcome outcome = AdapterDriver.run(files.catalog(), List.of(source)).assertSane();
        assertThat(outcome.messages.stream().filter(m -> m.templateId() != dev.tickwire.wire.MessageTypes.INSTRUMENT &&
                !(m.templateId() == dev.tickwire.wire.MessageTypes.STATUS &&
                    (m.position() & ((1L << CsvImportSource.LINE_SHIFT) - 1)) == (1L << CsvImportSource.LINE_SHIFT) - 1))
            .mapToLong(m -> m.position() >>> CsvImportSource.LINE_SHIFT).distinct().count())
            .as("message rows with a message").isEqualTo(source.rows());
        outcome.inputProblems.forEach(p -> assertThat(p).containsAnyOf(messageFile.toString(), bookFile.toString()));
    }
}
