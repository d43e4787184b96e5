package dev.tickwire.tools;

import dev.tickwire.archive.ThreeDays;
import dev.tickwire.s3.S3Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tickwire archive sync} to a real S3 API server (S3Proxy on loopback) and back. */
class ArchiveSyncCommandTest
{
    @TempDir
    Path dir;

    @Test
    void anArchiveGoesToTheBucketOnceAndComesBackVerified() throws Exception
    {
        final Path journal = dir.resolve("journal");
        new ThreeDays(journal).write(0, 3);
        final Path archive = dir.resolve("archive");
        assertThat(CliTest.run("archive", "--journal", journal.toString(), "--archive", archive.toString()).exitCode()).isZero();
        try (S3Server server = S3Server.start(Files.createDirectories(dir.resolve("s3"))))
        {
            server.createBucket("history");
            final Map<String, String> settings = server.settings();
            final String s3 = settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));

            final CliTest.Result up = CliTest.run("archive", "sync", "--from", archive.toString(), "--to",
                "s3://history/tickwire", "--s3", s3);
            assertThat(up.exitCode()).as(up.err()).isZero();
            assertThat(up.out()).contains("sync " + archive.toAbsolutePath() + " -> s3://history/tickwire",
                "2024-03-04: 12 sent", "synced 2 day(s) (0 already up to date)").doesNotContain(server.secret());

            final CliTest.Result again = CliTest.run("archive", "sync", "--from", archive.toString(), "--to",
                "s3://history/tickwire", "--s3", s3);
            assertThat(again.out()).contains("synced 2 day(s) (2 already up to date): 0 file(s) sent");

            final Path restored = dir.resolve("restored");
            final CliTest.Result down = CliTest.run("archive", "sync", "--from", "s3://history/tickwire", "--to",
                restored.toString(), "--s3", s3);
            assertThat(down.exitCode()).as(down.err()).isZero();
            final CliTest.Result verify = CliTest.run("verify", "--archive", restored.toString());
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();

            final String wrongSecret = server.settings("not-the-secret").entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
            final CliTest.Result denied = CliTest.run("archive", "sync", "--from", archive.toString(), "--to",
                "s3://history/tickwire", "--s3", wrongSecret);
            assertThat(denied.exitCode()).isEqualTo(1);
            assertThat(denied.err()).startsWith("tickwire: archive sync: s3://history/tickwire: access denied (403")
                .doesNotContain("not-the-secret").doesNotContain("\tat ");

            final CliTest.Result wrong = CliTest.run("archive", "sync", "--from", archive.toString(), "--to",
                "s3://history/tickwire", "--s3", s3 + ",region=Not A Region");
            assertThat(wrong.exitCode()).isNotZero();
            assertThat(wrong.err()).contains("config key '--s3.region'");
        }
    }
}
