package dev.tickwire.tools;

import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tickwire logs} on a crafted log file, and the rolling file appender long-running commands add. */
class LogsCommandTest
{
    @TempDir
    Path dir;

    @Test
    void printsExactlyTheLastLines() throws Exception
    {
        final Path log = logFile();
        Files.write(log, IntStream.rangeClosed(1, 10).mapToObj(i -> "line " + i).toList());

        final Result three = run("logs", "--data-dir", dir.toString(), "--lines", "3");
        assertThat(three.code).as(three.err).isZero();
        assertThat(three.out.lines().toList()).containsExactly("line 8", "line 9", "line 10");

        assertThat(run("logs", "--data-dir", dir.toString(), "-n", "50").out.lines().toList()).hasSize(10);
        assertThat(run("logs", "--data-dir", dir.toString(), "-n", "0").out).isEmpty();
        Files.writeString(log, "line 11 (no newline yet)", StandardOpenOption.APPEND);
        assertThat(run("logs", "--data-dir", dir.toString(), "-n", "2").out.lines().toList())
            .containsExactly("line 10", "line 11 (no newline yet)");
    }

    @Test
    void findsTheLogThroughTheConfigsDataDir() throws Exception
    {
        final Path data = dir.resolve("elsewhere");
        Files.createDirectories(data.resolve("logs"));
        Files.writeString(data.resolve("logs/tickwire.log"), "from the config's dataDir\n");
        final Path config = Files.writeString(dir.resolve("tickwire.yaml"), "dataDir: " + data + "\n");

        assertThat(run("logs", "--config", config.toString()).out).isEqualTo("from the config's dataDir\n");
        assertThat(run("logs", "--config", config.toString(), "--data-dir", data.toString()).code).isEqualTo(2);
    }

    @Test
    void noLogFileIsAClearErrorNamingThePath()
    {
        final Result result = run("logs", "--data-dir", dir.toString());

        assertThat(result.code).isEqualTo(2);
        assertThat(result.err).contains("no log file at " + dir.resolve("logs/tickwire.log"));
    }

    @Test
    void followPrintsAppendedLinesAcrossRollsAndTruncations() throws Exception
    {
        final Path log = logFile();
        Files.write(log, List.of("old 1", "old 2"));
        final StringWriter out = new StringWriter();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread follow = new Thread(() ->
        {
            final CommandLine cli = TickwireCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            exit.set(cli.execute("logs", "--data-dir", dir.toString(), "-f", "-n", "1"));
        }, "logs-f-under-test");
        follow.start();
        try
        {
            awaitLines(out::toString, "old 2");
            assertThat(out.toString()).doesNotContain("old 1");

            append(log, "new 1", "new 2");
            awaitLines(out::toString, "old 2", "new 1", "new 2");

            // the logger's roll: the file is renamed and a new one started; a line can land just before it
            append(log, "late in the old file");
            Files.move(log, log.resolveSibling("tickwire.2026-12-04.0.log"));
            Files.write(log, List.of("first after the roll"));
            awaitLines(out::toString, "old 2", "new 1", "new 2", "late in the old file", "first after the roll");

            // a file cut short in place (copy-and-truncate rotation)
            Files.write(log, List.of("cut short"), StandardOpenOption.TRUNCATE_EXISTING);
            awaitLines(out::toString, "old 2", "new 1", "new 2", "late in the old file", "first after the roll", "cut short");
        }
        finally
        {
            follow.interrupt();
            follow.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertThat(follow.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
    }

    @Test
    void fileLogsWriteTheLogToTickwireLogAndLeaveNothingAttached() throws Exception
    {
        final Path logs = dir.resolve("logs");
        final Logger root = (Logger)LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        final int appendersBefore = appenders(root);

        try (FileLogs first = FileLogs.start(logs); FileLogs second = FileLogs.start(dir.resolve("logs/../logs")))
        {
            assertThat(appenders(root)).as("one appender per file").isEqualTo(appendersBefore + 1);
            LoggerFactory.getLogger("file-logs-test").warn("hello from the engine");
        }
        assertThat(appenders(root)).isEqualTo(appendersBefore);

        final List<String> lines = Files.readAllLines(logs.resolve("tickwire.log"));
        assertThat(lines).anySatisfy(line -> assertThat(line)
            .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[.+] file-logs-test: hello from the engine"));
        LoggerFactory.getLogger("file-logs-test").warn("after close");
        assertThat(Files.readString(logs.resolve("tickwire.log"))).doesNotContain("after close");
        assertThat(run("logs", "--data-dir", dir.toString(), "-n", "1").out).contains("hello from the engine");
    }

    // ------------------------------------------------------------------------------------------------

    private Path logFile() throws Exception
    {
        return Files.createDirectories(dir.resolve("logs")).resolve("tickwire.log");
    }

    private static void append(final Path log, final String... lines) throws Exception
    {
        Files.write(log, List.of(lines), StandardOpenOption.APPEND);
    }

    private static int appenders(final Logger logger)
    {
        final AtomicInteger count = new AtomicInteger();
        logger.iteratorForAppenders().forEachRemaining(appender -> count.incrementAndGet());
        return count.get();
    }

    private static void awaitLines(final Supplier<String> output, final String... expected) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!output.get().lines().toList().equals(List.of(expected)) && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
        }
        assertThat(output.get().lines().toList()).containsExactly(expected);
    }

    private static Result run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = TickwireCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Result(cli.execute(args), out.toString(), err.toString());
    }

    private record Result(int code, String out, String err)
    {
    }
}
