package dev.tickwire.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bug that filled a disk: a Tardis download cut short, imported by the command line in its own
 * process. It must end, say so in a few lines, exit 3, and keep each row before the cut exactly once;
 * importing the complete file afterwards adds exactly the rest.
 */
class TruncatedDownloadTest
{
    private static final long T0 = 1_700_000_000_000_000L;
    private static final int ROWS = 300_000;

    @TempDir
    Path dir;

    @Test
    void aTruncatedGzipImportEndsQuicklyWithAFewLinesAndKeepsEveryRowBeforeTheCutOnce() throws Exception
    {
        final StringBuilder csv = new StringBuilder("exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n");
        for (int i = 1; i <= ROWS; i++)
        {
            csv.append("binance,BTCUSDT,").append(T0 + i * 1000L).append(',').append(T0 + i * 1000L + 400).append(',')
                .append(i).append(i % 3 == 0 ? ",sell," : ",buy,").append(35000 + i % 500).append('.')
                .append(String.format("%02d", i % 100)).append(",0.").append(String.format("%03d", 1 + i % 999)).append('\n');
        }
        final ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(gz))
        {
            z.write(csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        final byte[] whole = gz.toByteArray();
        final Path complete = Files.write(dir.resolve("binance_trades_2023-11-14_BTCUSDT.csv.gz"), whole);
        final Path cut = Files.write(Files.createDirectories(dir.resolve("cut")).resolve(complete.getFileName()),
            Arrays.copyOf(whole, whole.length / 4));
        final Path journal = dir.resolve("journal");

        final Child child = tickwire("import", "tardis", cut.toString(), "--journal", journal.toString(), "--no-progress");
        assertThat(child.finished).as("the import ended").isTrue();
        assertThat(child.exitCode).as(child.output).isEqualTo(3);
        assertThat(child.output.length()).as("bytes of output: %s", child.output).isLessThan(4_096);
        assertThat(child.output).contains(cut + ": cut short at byte " + whole.length / 4)
            .contains("incomplete input: 1 file(s)");

        final List<Long> ids = tradeIds(journal);
        assertThat(ids.size()).isGreaterThan(ROWS / 10);
        assertThat(ids).as("the rows before the cut, each once, in order").isEqualTo(range(1, ids.size()));

        final CliTest.Result rest = CliTest.run("import", "tardis", complete.toString(), "--journal", journal.toString(),
            "--no-progress");
        assertThat(rest.exitCode()).as(rest.err()).isZero();
        assertThat(rest.out()).contains("already in the journal " + ids.size());
        assertThat(tradeIds(journal)).as("after the complete file: every row once").isEqualTo(range(1, ROWS));
    }

    private static List<Long> tradeIds(final Path journal) throws IOException
    {
        final CliTest.Result dump = CliTest.run("dump", "--journal", journal.toString(), "--type", "trade");
        assertThat(dump.exitCode()).as(dump.err()).isZero();
        final ObjectMapper json = new ObjectMapper();
        final List<Long> ids = new ArrayList<>();
        for (final String line : dump.out().split("\n"))
        {
            if (!line.isBlank())
            {
                final JsonNode trade = json.readTree(line);
                assertThat(trade.get("verdict").asText()).isEqualTo("accepted");
                ids.add(trade.get("trade_id").asLong());
            }
        }
        return ids;
    }

    private static List<Long> range(final long from, final long to)
    {
        final List<Long> ids = new ArrayList<>();
        for (long i = from; i <= to; i++)
        {
            ids.add(i);
        }
        return ids;
    }

    private record Child(boolean finished, int exitCode, String output)
    {
    }

    /** {@code tickwire ARGS} in a JVM of its own, with this JVM's flags and class path; at most 60 s. */
    private static Child tickwire(final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (flag.startsWith("--add-") || flag.startsWith("-Dchronicle"))
            {
                command.add(flag);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TickwireCli.class.getName());
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final Thread reader = new Thread(() ->
        {
            try
            {
                process.getInputStream().transferTo(output);
            }
            catch (final IOException ignore)
            {
                // the process was killed
            }
        });
        reader.start();
        final boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        if (!finished)
        {
            process.destroyForcibly();
        }
        reader.join(5_000);
        return new Child(finished, finished ? process.exitValue() : -1, output.toString(StandardCharsets.UTF_8));
    }
}
