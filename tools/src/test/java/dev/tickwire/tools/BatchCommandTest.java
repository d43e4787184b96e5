package dev.tickwire.tools;

import dev.tickwire.archive.ThreeDays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A jobs file run in child JVMs: bounded parallelism, retries, one summary, the exit code says if all succeeded. */
class BatchCommandTest
{
    @TempDir
    Path dir;

    @Test
    void jobsRunInParallelWithRetriesAndOneSummary() throws Exception
    {
        final Path journal = dir.resolve("journal");
        new ThreeDays(journal).write(0, 2);
        final Path jobs = dir.resolve("jobs.yaml");
        Files.writeString(jobs, "parallel: 2\njobs:\n" +
            "  - {name: verify, run: 'verify --journal " + journal + "'}\n" +
            "  - {name: missing, run: 'verify --journal " + dir.resolve("none") + "', retries: 1}\n" +
            "  - {name: backup, run: 'tickwire backup --journal " + journal + " --to " + dir.resolve("b") + "'}\n");
        final Path logs = dir.resolve("logs");

        final CliTest.Result dry = CliTest.run("batch", "--config", jobs.toString(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("3 job(s), 2 at a time; nothing run (--dry-run)");
        assertThat(Files.exists(dir.resolve("b"))).isFalse();

        final CliTest.Result run = CliTest.run("batch", "--config", jobs.toString(), "--logs", logs.toString());
        assertThat(run.exitCode()).as("one job failed").isEqualTo(1);
        assertThat(run.out()).containsPattern("verify +ok +0 +1 ")
            .containsPattern("missing +failed +[1-9]\\d* +2 ")
            .containsPattern("backup +ok +0 +1 ")
            .contains("2 of 3 job(s) succeeded; logs in " + logs);
        assertThat(Files.readString(logs.resolve("verify.log"))).contains("verify: OK");
        assertThat(Files.readString(logs.resolve("missing.log"))).contains(dir.resolve("none").toString());
        assertThat(Files.isDirectory(dir.resolve("b").resolve("journal"))).as("the backup ran").isTrue();
    }

    @Test
    void aBadJobsFileFailsNamingTheKey() throws Exception
    {
        final Path jobs = dir.resolve("jobs.yaml");
        Files.writeString(jobs, "jobs:\n  - {name: a, run: 'verify --journal x'}\n  - {name: b, run: 'verify', retry: 2}\n");
        final CliTest.Result bad = CliTest.run("batch", "--config", jobs.toString());
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("jobs[1].retry");
        Files.writeString(jobs, "jobs:\n  - {name: a, run: 'serve --port 1'}\n");
        assertThat(CliTest.run("batch", "--config", jobs.toString()).err()).contains("jobs[0].run", "'serve' cannot be scheduled");
    }
}
