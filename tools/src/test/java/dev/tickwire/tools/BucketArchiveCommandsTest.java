package dev.tickwire.tools;

import dev.tickwire.archive.ThreeDays;
import dev.tickwire.journal.Journal;
import dev.tickwire.s3.S3Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands over an archive in a bucket (a real S3 API server, S3Proxy): {@code archive} sends the
 * days up and trims the journal; tas, bars, book, snapshots, gaps and dump print what they printed
 * before, reading the trimmed days from the bucket through a cache of 1 MB; verify, sql and backup
 * (to another bucket) work on it as on a folder.
 */
class BucketArchiveCommandsTest
{
    @TempDir
    Path dir;

    @Test
    void everyCommandWorksOnABucketArchiveAsOnAFolder() throws Exception
    {
        final Path journal = dir.resolve("journal");
        new ThreeDays(journal).write(0, 3);
        final List<String> before = ArchiveCommandsTest.queries(journal);
        assertThat(before.get(0)).contains("2024-03-04T").contains("2024-03-05T");
        try (S3Server server = S3Server.start(Files.createDirectories(dir.resolve("s3"))))
        {
            server.createBucket("history");
            server.createBucket("backups");
            final String s3 = server.settings().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));

            final CliTest.Result pass = CliTest.run("archive", "--journal", journal.toString(), "--archive",
                "s3://history/tickwire", "--s3", s3, "--cache", "1m", "--retain", "1h");
            assertThat(pass.exitCode()).as(pass.err()).isZero();
            assertThat(pass.out()).contains("archived 2 day(s) [2024-03-04, 2024-03-05]");
            try (Journal j = Journal.open(new Journal.Context().dir(journal).readOnly(true)))
            {
                assertThat(j.firstSequence()).as("retention deleted the first two days' cycles").isGreaterThan(1);
            }
            assertThat(Files.readString(journal.resolve("archive.link"))).startsWith("s3://history/tickwire\n")
                .doesNotContain(server.secret());

            assertThat(ArchiveCommandsTest.queries(journal)).isEqualTo(before);

            final CliTest.Result verify = CliTest.run("verify", "--journal", journal.toString());
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
            assertThat(verify.out()).contains("archive 2024-03-05 complete", "verify: OK");

            final CliTest.Result sql = CliTest.run("sql", "--archive", "s3://history/tickwire", "--s3", s3, "--journal",
                journal.toString(), "--format", "csv",
                "SELECT symbol, count(*) AS trades, min(date) AS first FROM trades GROUP BY symbol ORDER BY symbol");
            assertThat(sql.exitCode()).as(sql.err()).isZero();
            assertThat(sql.out()).isEqualTo("symbol,trades,first\nBTC-USDT,600,2024-03-04\nESH4,1200,2024-03-04\n");
            final CliTest.Result oneDay = CliTest.run("sql", "--archive", "s3://history/tickwire", "--s3", s3, "--journal",
                journal.toString(), "--from", "2024-03-05", "--format", "csv", "SELECT count(*) AS n, min(date) AS d FROM trades");
            assertThat(oneDay.out()).isEqualTo("n,d\n900,2024-03-05\n");

            final CliTest.Result backup = CliTest.run("backup", "--journal", journal.toString(), "--to", "s3://backups/daily",
                "--s3", s3);
            assertThat(backup.exitCode()).as(backup.err()).isZero();
            final CliTest.Result backedUp = CliTest.run("verify", "--archive", "s3://backups/daily/archive", "--s3", s3,
                "--cache-dir", dir.resolve("verify-cache").toString());
            assertThat(backedUp.exitCode()).as(backedUp.out() + backedUp.err()).isZero();
            assertThat(backedUp.out()).contains("archive 2024-03-04 complete", "archive 2024-03-05 complete", "verify: OK");
            try (Stream<Path> objects = Files.walk(dir.resolve("s3")))
            {
                assertThat(objects.map(p -> p.getFileName().toString()))
                    .as("the journal's closed cycles and catalogs are in the backup bucket")
                    .anyMatch(n -> n.endsWith(".cq4")).contains("instruments.tsv", "archive.link");
            }
            final CliTest.Result again = CliTest.run("backup", "--journal", journal.toString(), "--to", "s3://backups/daily",
                "--s3", s3);
            assertThat(again.out()).as("a rerun sends only what changed: the last backup's status").contains("backed up 1 file(s)");

            final String wrong = server.settings("not-the-secret").entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
            final CliTest.Result denied = CliTest.run("archive", "--journal", journal.toString(), "--archive",
                "s3://history/tickwire", "--s3", wrong, "--retain", "1h");
            assertThat(denied.exitCode()).isNotZero();
            assertThat(denied.err()).contains("s3://history/tickwire: access denied (403").doesNotContain("not-the-secret");
        }
    }
}
