package dev.tickwire.clickhouse;

import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No row lost, none twice, across kill -9: a child engine ({@link ClickHouseEngineMain}: a synthetic feed with
 * rejects, journaled, a ClickHouse output) is SIGKILLed at random moments (during start-up, or while it
 * journals and inserts) and started again, then runs to the feed's end. Every engine sequence the journal holds
 * must be in its table exactly once with {@code FINAL}; the duplicates plain reads see are reported (the
 * output skips what a table holds, so there should be none either).
 *
 * <p>{@code -Dclickhouse.crash.kills=20 -Dclickhouse.crash.ticks=1000000 -Dclickhouse.crash.rate=50000} for a
 * long run ({@code -Dclickhouse.crash.flushEvery=}, default 5000, sets the output's batch;
 * {@code -Dclickhouse.crash.maxWaitMs=}, default 2000, the longest a run lives before its kill);
 * {@code -Dclickhouse.crash.seed=} repeats a kill plan (not its timing).
 */
class ClickHouseCrashTest
{
    private static final String[] TABLES = {"trades", "quotes", "book_deltas", "statuses", "rejects"};

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void everyJournaledSequenceIsInItsTableExactlyOnceAcrossKills() throws Exception
    {
        final int kills = Integer.getInteger("clickhouse.crash.kills", 6);
        final long ticks = Long.getLong("clickhouse.crash.ticks", 60_000);
        final long rate = Long.getLong("clickhouse.crash.rate", 20_000);
        final long seed = Long.getLong("clickhouse.crash.seed", System.nanoTime());
        final int maxWaitMs = Integer.getInteger("clickhouse.crash.maxWaitMs", 2_000);
        System.out.println("ClickHouseCrashTest seed " + seed + ", " + kills + " kills, " + ticks + " ticks at " +
            rate + "/s");
        final Random rnd = new Random(seed);
        final long started = System.nanoTime();
        final Path dataDir = tmp.resolve("data");
        try (ClickHouseServer server = ClickHouseServer.start())
        {
            int startupKills = 0;
            for (int run = 0; run < kills; run++)
            {
                final Process child = startChild(run, dataDir, server, ticks, rate, "kill");
                try
                {
                    if (rnd.nextInt(3) == 0)
                    {
                        Thread.sleep(rnd.nextInt(900)); // JVM start, engine start, schema check, resume
                        startupKills++;
                    }
                    else
                    {
                        awaitRunning(child, run);
                        Thread.sleep(200 + rnd.nextInt(maxWaitMs - 200)); // journaling and inserting
                    }
                    assertThat(child.isAlive()).as("child run %d alive before the kill (see its log)", run).isTrue();
                }
                finally
                {
                    child.destroyForcibly(); // SIGKILL
                    assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
                }
                System.out.printf("run %d killed: rows so far %s%n", run, rows(server));
            }
            final Process last = startChild(kills, dataDir, server, ticks, rate, "finish");
            assertThat(last.waitFor(60 + ticks / Math.max(1, rate) * 3, TimeUnit.SECONDS))
                .as("the last run finishes the feed").isTrue();
            if (last.exitValue() != 0)
            {
                final String log = Files.readString(tmp.resolve("child-" + kills + ".log"));
                throw new AssertionError("the last run exited with " + last.exitValue() + "; its log's end:\n" +
                    log.substring(Math.max(0, log.length() - 6_000)));
            }

            final Map<String, LongArrayList> expected = journaled(dataDir.resolve("journal"));
            long total = 0;
            long plainDuplicates = 0;
            for (final String table : TABLES)
            {
                final LongArrayList want = expected.get(table);
                final LongArrayList got = new LongArrayList();
                for (final String line : server.query("SELECT seq FROM crash." + table + " FINAL ORDER BY seq " +
                    "FORMAT TabSeparated").split("\n"))
                {
                    if (!line.isEmpty())
                    {
                        got.addLong(Long.parseLong(line));
                    }
                }
                final String[] plain = server.query("SELECT count(), uniqExact(seq) FROM crash." + table +
                    " FORMAT TabSeparated").strip().split("\t");
                final long duplicates = Long.parseLong(plain[0]) - Long.parseLong(plain[1]);
                plainDuplicates += duplicates;
                System.out.printf("%-12s journaled %8d, in ClickHouse (FINAL) %8d, duplicates without FINAL %d%n",
                    table, want.size(), got.size(), duplicates);
                assertThat(got).as("%s: every journaled sequence exactly once (FINAL)", table).isEqualTo(want);
                total += want.size();
            }
            assertThat(expected.get("trades")).as("the feed made trades").isNotEmpty();
            assertThat(expected.get("rejects")).as("the feed made rejects").isNotEmpty();
            System.out.printf("ClickHouseCrashTest: %d kills (%d during start-up), %d rows, lost 0, duplicated 0 " +
                "with FINAL, %d without; %.1f s%n", kills, startupKills, total, plainDuplicates,
                (System.nanoTime() - started) / 1e9);
        }
    }

    /** The engine sequences of the journal, by the table their message belongs in. */
    static Map<String, LongArrayList> journaled(final Path journalDir)
    {
        final Map<String, LongArrayList> byTable = new LinkedHashMap<>();
        for (final String t : TABLES)
        {
            byTable.put(t, new LongArrayList());
        }
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir));
             JournalReader reader = journal.reader())
        {
            reader.toStart();
            while (reader.poll((buffer, offset, length, index, watermarkNs) ->
            {
                final int template = Envelope.templateId(buffer, offset);
                final long seq = Envelope.sequence(buffer, offset);
                final boolean accepted = Envelope.isAccepted(buffer, offset);
                if (!accepted && (template == MessageTypes.INSTRUMENT || template == MessageTypes.TRADE ||
                    template == MessageTypes.QUOTE || template == MessageTypes.BOOK_DELTA ||
                    template == MessageTypes.STATUS))
                {
                    byTable.get("rejects").addLong(seq);
                }
                else if (template == MessageTypes.TRADE)
                {
                    byTable.get("trades").addLong(seq);
                }
                else if (template == MessageTypes.QUOTE)
                {
                    byTable.get("quotes").addLong(seq);
                }
                else if (template == MessageTypes.BOOK_DELTA)
                {
                    byTable.get("book_deltas").addLong(seq);
                }
                else if (template == MessageTypes.STATUS)
                {
                    byTable.get("statuses").addLong(seq);
                }
            }, 4096) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return byTable;
    }

    private static String rows(final ClickHouseServer server) throws IOException
    {
        if (!server.query("EXISTS TABLE crash.rejects FORMAT TabSeparated").strip().equals("1"))
        {
            return "none (killed before the output made its tables)";
        }
        final StringBuilder sb = new StringBuilder();
        for (final String t : TABLES)
        {
            sb.append(t).append('=').append(server.query("SELECT count() FROM crash." + t + " FORMAT TabSeparated")
                .strip()).append(' ');
        }
        return sb.toString().strip();
    }

    private void awaitRunning(final Process child, final int run) throws Exception
    {
        final Path log = tmp.resolve("child-" + run + ".log");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline)
        {
            if (Files.exists(log) && Files.readString(log).contains("ClickHouseEngineMain pid"))
            {
                return;
            }
            assertThat(child.isAlive()).as("child run %d alive (log: %s)", run, log).isTrue();
            Thread.sleep(10);
        }
        throw new AssertionError("child run " + run + " did not start within 30 s: " + Files.readString(log));
    }

    private Process startChild(final int run, final Path dataDir, final ClickHouseServer server, final long ticks,
        final long rate, final String mode) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports") || arg.startsWith("-Dchronicle"))
            {
                command.add(arg);
            }
        }
        command.add("-Xmx256m");
        command.add("-Dclickhouse.crash.flushEvery=" + Long.getLong("clickhouse.crash.flushEvery", 5_000));
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ClickHouseEngineMain.class.getName());
        command.add(dataDir.toString());
        command.add(server.url().toString());
        command.add(String.valueOf(ticks));
        command.add(String.valueOf(rate));
        command.add(mode);
        final Path log = tmp.resolve("child-" + run + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
