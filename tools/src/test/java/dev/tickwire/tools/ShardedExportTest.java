package dev.tickwire.tools;

import dev.tickwire.archive.ThreeDays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tickwire export --shard i/n} over one journal (three UTC days), then {@code tickwire merge-catalog} on the
 * three archives: each day in exactly one, merged into one archive that is the unsharded export byte for byte; a
 * day in no archive, or in two, is named and nothing is merged.
 */
class ShardedExportTest
{
    private static final String FROM = "2024-03-04";
    private static final String TO = "2024-03-06";

    @TempDir
    Path dir;

    /** Every file of an archive (manifests too) by its path under the archive, with its bytes' SHA-256. */
    private static Map<String, String> files(final Path archive) throws IOException
    {
        final Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(archive))
        {
            for (final Path p : walk.filter(Files::isRegularFile).toList())
            {
                files.put(archive.relativize(p).toString(), sha256(p));
            }
        }
        return files;
    }

    static String sha256(final Path file) throws IOException
    {
        try
        {
            return java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        }
        catch (final java.security.NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    static CliTest.Result ok(final String... args)
    {
        final CliTest.Result r = CliTest.run(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
        return r;
    }

    @Test
    void threeShardsExportEachDayOnceAndMergeIntoTheUnshardedArchive() throws Exception
    {
        final Path journal = dir.resolve("journal");
        new ThreeDays(journal).write(0, 3);
        final Path whole = dir.resolve("whole");
        ok("export", "--journal", journal.toString(), "--archive", whole.toString());

        final Path[] shards = new Path[3];
        for (int i = 0; i < 3; i++)
        {
            shards[i] = dir.resolve("shard" + (i + 1));
            final CliTest.Result r = ok("export", "--journal", journal.toString(), "--archive", shards[i].toString(),
                "--shard", (i + 1) + "/3");
            // epoch days 19786..19788: 2024-03-04 is 2/3's, 03-05 3/3's, 03-06 1/3's
            assertThat(r.out()).contains("shard " + (i + 1) + "/3: takes 1 of 3 day(s) " + FROM + ".." + TO +
                ", skips 2 (the other shards')");
            assertThat(shards[i].resolve("manifests")).isDirectoryContaining(p -> true);
        }
        assertThat(files(shards[1]).keySet()).contains("manifests/2024-03-04.json");
        assertThat(files(shards[2]).keySet()).contains("manifests/2024-03-05.json");
        assertThat(files(shards[0]).keySet()).contains("manifests/2024-03-06.json");
        // a day exported alone is the same bytes as within the whole range: every shard's file is the whole's
        final Map<String, String> wholeFiles = files(whole);
        for (final Path shard : shards)
        {
            assertThat(wholeFiles).containsAllEntriesOf(files(shard));
        }

        final Path merged = dir.resolve("merged");
        final CliTest.Result check = ok("merge-catalog", "--archives", shards[0] + "," + shards[1] + "," + shards[2],
            "--from", FROM, "--to", TO, "--into", merged.toString());
        assertThat(check.out())
            .contains("archives: complete and disjoint: each of the 3 day(s) is in exactly one shard")
            .contains("merged 3 day(s) into " + merged)
            .contains("note: " + shards[0] + " has 1 day(s) exported open"); // the journal's last day
        assertThat(files(merged)).isEqualTo(wholeFiles);
        assertThat(ok("verify", "--archive", merged.toString()).out()).contains("verify: OK");
        final String query =
            "SELECT date, symbol, count(*) AS n, sum(price) AS p FROM trades GROUP BY ALL ORDER BY ALL";
        assertThat(ok("sql", "--archive", merged.toString(), "--format", "csv", query).out())
            .isEqualTo(ok("sql", "--archive", whole.toString(), "--format", "csv", query).out())
            .contains("2024-03-04", "2024-03-05", "2024-03-06");
    }

    @Test
    void aDayInNoShardOrInTwoIsNamedAndNothingIsMerged() throws Exception
    {
        final Path journal = dir.resolve("journal");
        new ThreeDays(journal, 300).write(0, 3);
        final Path[] shards = new Path[3];
        for (int i = 0; i < 3; i++)
        {
            shards[i] = dir.resolve("shard" + (i + 1));
            ok("export", "--journal", journal.toString(), "--archive", shards[i].toString(), "--shard", (i + 1) + "/3",
                "--bars", "none");
        }
        // shard 1/3 run a second time, into another folder: its day is in two archives
        final Path again = dir.resolve("shard1-again");
        ok("export", "--journal", journal.toString(), "--archive", again.toString(), "--shard", "1/3", "--bars",
            "none");
        final Path merged = dir.resolve("merged");
        final CliTest.Result overlap = CliTest.run("merge-catalog", "--archives", shards[0] + "," + shards[1] + "," +
            shards[2], "--archives", again.toString(), "--from", FROM, "--to", TO, "--into", merged.toString());
        assertThat(overlap.exitCode()).as(overlap.out() + overlap.err()).isEqualTo(MergeCatalogCommand.EXIT_NOT_WHOLE);
        assertThat(overlap.out()).contains("overlap: 1 day(s) in more than one shard:",
            "  2024-03-06 in " + shards[0] + " and " + again, "nothing merged into " + merged)
            .doesNotContain("incomplete:");
        assertThat(merged).doesNotExist();

        // a file lost from a shard's archive (its manifest still lists it): the copy stops, naming it
        final Path lost;
        try (Stream<Path> walk = Files.walk(shards[2].resolve("trades")))
        {
            lost = walk.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Files.delete(lost);
        final CliTest.Result broken = CliTest.run("merge-catalog", "--archives", shards[0] + "," + shards[1] + "," +
            shards[2], "--from", FROM, "--to", TO, "--into", merged.toString());
        assertThat(broken.exitCode()).as(broken.out() + broken.err()).isEqualTo(MergeCatalogCommand.EXIT_NOT_WHOLE);
        assertThat(broken.err()).startsWith("tickwire: merge-catalog: " + shards[2])
            .contains(shards[2].relativize(lost).toString(), "run tickwire verify on the source");

        // 2/3's day removed (its manifest: the day is no longer in that archive)
        Files.delete(shards[1].resolve("manifests/2024-03-04.json"));
        final CliTest.Result missing = CliTest.run("merge-catalog", "--archives", shards[0] + "," + shards[1] + "," +
            shards[2], "--from", FROM, "--to", TO);
        assertThat(missing.exitCode()).as(missing.out() + missing.err()).isEqualTo(MergeCatalogCommand.EXIT_NOT_WHOLE);
        assertThat(missing.out()).contains("incomplete: 1 day(s) in no shard:", "  2024-03-04")
            .doesNotContain("overlap:");
        // a range wider than the job: the days before and after are in no shard either
        assertThat(CliTest.run("merge-catalog", "--archives", shards[0] + "," + shards[2], "--from", "2024-03-05",
            "--to", "2024-03-07").out()).contains("incomplete: 1 day(s) in no shard:", "  2024-03-07");
    }

    @Test
    void badShardsAndMissingArchivesFailNamingTheOption() throws Exception
    {
        final Path journal = dir.resolve("journal");
        for (final String bad : new String[] {"0/3", "4/3", "x"})
        {
            final CliTest.Result r = CliTest.run("export", "--journal", journal.toString(), "--archive",
                dir.resolve("a").toString(), "--shard", bad);
            assertThat(r.exitCode()).as(bad).isEqualTo(2);
            assertThat(r.err()).contains("--shard", "'" + bad + "'");
        }
        final CliTest.Result none = CliTest.run("merge-catalog", "--archives", dir.resolve("nowhere").toString(),
            "--from", FROM);
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--archives: no archive at " + dir.resolve("nowhere"));
        final CliTest.Result twice = CliTest.run("merge-catalog", "--archives", dir + "," + dir, "--from", FROM);
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("--archives names " + dir + " twice");
        assertThat(CliTest.run("merge-catalog", "--from", FROM).err()).contains("--archives", "--caches");
        assertThat(CliTest.run("merge-catalog", "--caches", dir.toString(), "--from", FROM, "--into", "x").err())
            .contains("--into merges archives");
    }
}
