package dev.tickwire.adapters.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tickwire.adapters.sierra.DepthFormat;
import dev.tickwire.adapters.sierra.ScidFormat;
import dev.tickwire.adapters.sierra.SierraImport;
import dev.tickwire.wire.MessageTypes;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes as a Sierra Chart .scid file (mode bit 3 clear) or .depth file (set) through the Sierra
 * importer, the live sources in finite mode. Bit 2 puts a valid header before the bytes, so the fuzzer
 * reaches the records quickly. Either refused up front naming the file, or read to the end with every
 * whole record accounted for (a market message at its record number, or counted as skipped), within
 * {@link AdapterDriver.Outcome#assertSane()}.
 */
class SierraFuzzTest
{
    @FuzzTest(maxDuration = "5m")
    void anyBytesAsASierraFile(final byte[] input)
    {
        final FuzzFiles files = FuzzFiles.next();
        final int mode = input.length > 0 ? input[0] : 0;
        final boolean depth = (mode & 8) != 0;
        final boolean header = (mode & 4) != 0;
        final int headerSize = depth ? DepthFormat.HEADER_SIZE : ScidFormat.HEADER_SIZE;
        final int recordSize = depth ? DepthFormat.RECORD_SIZE : ScidFormat.RECORD_SIZE;
        final byte[] body = input.length > 0 ? Arrays.copyOfRange(input, 1, input.length) : input;
        final byte[] bytes = new byte[(header ? headerSize : 0) + body.length];
        if (header)
        {
            if (depth)
            {
                DepthFormat.writeHeader(new UnsafeBuffer(bytes), 0);
            }
            else
            {
                ScidFormat.writeHeader(new UnsafeBuffer(bytes), 0);
            }
        }
        System.arraycopy(body, 0, bytes, bytes.length - body.length, body.length);
        final Path file = files.write(depth ? "ESZ6.2026-12-04.depth" : "ESZ6.scid", bytes, false, -1);
        final SierraImport sierra;
        try
        {
            sierra = new SierraImport(List.of(file), null, (mode & 16) != 0 ? null : "0.25", null, null, files.catalog());
        }
        catch (final IllegalArgumentException ex)
        {
            assertThat(ex.getMessage()).isNotBlank(); // refused up front (e.g. no price to infer the tick size from)
            return;
        }
        final AdapterDriver.Outcome outcome = AdapterDriver.run(files.catalog(), sierra.adapters()).assertSane();
        final dev.tickwire.adapters.imports.ImportSummary s = sierra.summary();
        final long[] summary = {s.read(), s.trades(), s.quotes(), s.deltas(), s.details().get("bar records skipped")};
        final long wholeRecords = bytes.length < headerSize ? 0 : (bytes.length - headerSize) / recordSize;
        final boolean readable = outcome.inputProblems.stream().noneMatch(p -> p.contains("not read"));
        if (readable)
        {
            assertThat(summary[0]).as("records read").isEqualTo(wholeRecords);
        }
        final long recordsWithMessages = outcome.market().stream().mapToLong(m -> m.position()).distinct().count();
        if (depth)
        {
            assertThat(recordsWithMessages).as("depth records with a delta").isEqualTo(summary[3]);
            assertThat(summary[3]).isLessThanOrEqualTo(summary[0]); // the rest are NO_COMMAND, counted as skipped
        }
        else
        {
            assertThat(recordsWithMessages + summary[4]).as("scid records as trades, quotes or skipped bars")
                .isEqualTo(summary[0]);
            assertThat(outcome.count(MessageTypes.TRADE) + outcome.count(MessageTypes.QUOTE)).isEqualTo(summary[1] + summary[2]);
        }
        if (bytes.length > headerSize && (bytes.length - headerSize) % recordSize != 0 && readable)
        {
            assertThat(outcome.inputProblems).anyMatch(p -> p.contains("partial last record") && p.contains(file.toString()));
        }
        assertThat(Files.exists(file)).isTrue();
    }
}
