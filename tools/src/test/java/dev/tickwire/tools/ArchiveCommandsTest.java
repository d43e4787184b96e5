package dev.tickwire.tools;

import dev.tickwire.archive.ThreeDays;
import dev.tickwire.journal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archive from the command line, on a journal of three days: every query prints the same before
 * and after {@code tickwire archive --retain} deleted two days from the journal; verify, backup (and a
 * restore from it) and SQL over the archive.
 */
class ArchiveCommandsTest
{
    @TempDir
    Path dir;

    @Test
    void queriesPrintTheSameBeforeAndAfterRetentionAndABackupVerifies() throws Exception
    {
        final Path journal = dir.resolve("journal");
        new ThreeDays(journal).write(0, 3);
        final Path archive = dir.resolve("archive");
        final List<String> before = queries(journal);
        final int cyclesBefore = cycleFiles(journal).size();
        // each answer has data from the days retention will delete (the 4th and 5th)
        assertThat(before).allSatisfy(out -> assertThat(out.lines().count()).as(out).isGreaterThan(3));
        assertThat(before.get(0)).contains("2024-03-04T").contains("2024-03-05T");
        assertThat(before.get(5)).contains("2024-03-05T10:");

        final CliTest.Result pass = CliTest.run("archive", "--journal", journal.toString(), "--archive", archive.toString(),
            "--retain", "1h");
        assertThat(pass.exitCode()).as(pass.err()).isZero();
        assertThat(pass.out()).contains("archived 2 day(s) [2024-03-04, 2024-03-05]");
        assertThat(cycleFiles(journal)).as("retention deleted the archived days' cycles").hasSizeLessThan(cyclesBefore);
        try (Journal j = Journal.open(new Journal.Context().dir(journal).readOnly(true)))
        {
            assertThat(j.firstSequence()).isGreaterThan(1);
        }

        assertThat(queries(journal)).isEqualTo(before);

        final CliTest.Result verify = CliTest.run("verify", "--journal", journal.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("verify: OK");

        final Path backup = dir.resolve("backup");
        assertThat(CliTest.run("backup", "--journal", journal.toString(), "--to", backup.toString()).exitCode()).isZero();
        // its outcome, for the backupFailing alert
        final dev.tickwire.monitor.alert.BackupStatus status = dev.tickwire.monitor.alert.BackupStatus.read(journal);
        assertThat(status.ok()).isTrue();
        assertThat(status.files()).isPositive();
        assertThat(status.to()).isEqualTo(backup.toString());
        final CliTest.Result restored = CliTest.run("verify", "--journal", backup.resolve("journal").toString());
        assertThat(restored.exitCode()).as(restored.out() + restored.err()).isZero();
        // the backup holds the archive and the closed cycles: the first two days answer from it alone
        final CliTest.Result tas = CliTest.run("tas", "--journal", backup.resolve("journal").toString(), "--symbol", "ESH4",
            "--from", "2024-03-04T00:00:00Z", "--to", "2024-03-05T23:59:59Z");
        assertThat(tas.out()).isEqualTo(CliTest.run("tas", "--journal", journal.toString(), "--symbol", "ESH4",
            "--from", "2024-03-04T00:00:00Z", "--to", "2024-03-05T23:59:59Z").out());

        final CliTest.Result sql = CliTest.run("sql", "--archive", archive.toString(), "--format", "csv",
            "SELECT symbol, count(*) AS trades, min(date) AS first FROM trades GROUP BY symbol ORDER BY symbol");
        assertThat(sql.exitCode()).as(sql.err()).isZero();
        // 3,000 records a day, 3 in 10 are trades, 2 in 3 of those on ESH4; two complete days archived
        assertThat(sql.out()).isEqualTo("symbol,trades,first\nBTC-USDT,600,2024-03-04\nESH4,1200,2024-03-04\n");

        // a damaged file is found
        try (Stream<Path> files = Files.walk(archive.resolve("quotes")))
        {
            final Path quoteFile = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
            Files.write(quoteFile, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
        }
        final CliTest.Result damaged = CliTest.run("verify", "--archive", archive.toString());
        assertThat(damaged.exitCode()).isEqualTo(1);
        assertThat(damaged.out()).contains("PROBLEM 2024-03-0", "bytes, manifest says");
    }

    static List<String> queries(final Path journal)
    {
        final String j = journal.toString();
        final List<String> out = new ArrayList<>();
        for (final String[] args : List.of(
            new String[] {"tas", "--journal", j, "--symbol", "ESH4", "--from", "2024-03-04T00:00:00Z", "--to", "2024-03-06T23:00:00Z"},
            new String[] {"bars", "--journal", j, "--symbol", "BTC-USDT", "--interval", "15m"},
            new String[] {"book", "--journal", j, "--symbol", "ESH4", "--at", "2024-03-05T12:00:00Z", "--levels", "5"},
            new String[] {"snapshots", "--journal", j, "--symbol", "ESH4", "--levels", "2", "--every", "1h", "--format", "jsonl",
                "--from", "2024-03-04T06:00:00Z", "--to", "2024-03-05T06:00:00Z"},
            new String[] {"gaps", "--journal", j, "--max-silence", "10m", "--format", "json"},
            new String[] {"dump", "--journal", j, "--from", "2024-03-05T10:00:00Z", "--to", "2024-03-05T11:00:00Z"}))
        {
            final CliTest.Result r = CliTest.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isIn(0, 1);
            out.add(args[0] + " → " + r.exitCode() + "\n" + r.out());
        }
        return out;
    }

    private static List<Path> cycleFiles(final Path dir) throws Exception
    {
        try (Stream<Path> s = Files.walk(dir))
        {
            return s.filter(p -> p.toString().endsWith(".cq4")).toList();
        }
    }
}
