package dev.tickwire.tools;

import dev.tickwire.adapters.tardis.download.TardisTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tickwire download tardis --shard i/3} from the Tardis.dev stand-in into three folders: each day file is
 * fetched once, by one shard, and merge-catalog finds the folders complete and disjoint; a file in no folder, or in
 * two, is named.
 */
class ShardedDownloadTest
{
    private static final Pattern TAKES =
        Pattern.compile("takes (\\d+) of (\\d+) day file\\(s\\) of the plan, skips (\\d+)");

    @TempDir
    Path dir;

    private final TardisTestServer server = new TardisTestServer(DownloadTardisCommandTest.KEY);

    @AfterEach
    void stop()
    {
        server.close();
    }

    /** One shard's download into {@code cache}; returns how many files of the plan it took. */
    private int download(final Path cache, final String... args) throws Exception
    {
        final List<String> all = new ArrayList<>(List.of("download", "tardis", "--exchange", "binance-futures",
            "--base-url", server.url(), "--cache", cache.toString(), "--no-progress", "--api-key-file",
            DownloadTardisCommandTest.keyFile(dir, DownloadTardisCommandTest.KEY, "rw-------").toString()));
        all.addAll(List.of(args));
        final CliTest.Result r = CliTest.run(all.toArray(new String[0]));
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        final Matcher m = TAKES.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static List<String> files(final Path cache)
    {
        if (!Files.isDirectory(cache))
        {
            return List.of();
        }
        try (Stream<Path> list = Files.list(cache))
        {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** The day files the stand-in served, by request path: each must have been asked for once. */
    private Map<String, Integer> served()
    {
        final Map<String, Integer> served = new HashMap<>();
        server.requests.stream().filter(r -> r.path().endsWith(".csv.gz"))
            .forEach(r -> served.merge(r.path(), 1, Integer::sum));
        return served;
    }

    @Test
    void threeShardsByDayFetchEachFileOnceAndTheFoldersAreCompleteAndDisjoint() throws Exception
    {
        final String[] plan =
            {"--data-types", "trades", "--symbols", "BTCUSDT", "--from", "2024-02-29", "--to", "2024-03-03"};
        final int[] taken = new int[3];
        final String[] caches = new String[3];
        for (int i = 1; i <= 3; i++)
        {
            final Path cache = dir.resolve("cache" + i);
            final List<String> args = new ArrayList<>(List.of(plan));
            args.addAll(List.of("--shard", i + "/3"));
            taken[i - 1] = download(cache, args.toArray(new String[0]));
            caches[i - 1] = cache.toString();
        }
        // epoch days 19782..19785 round-robin: 02-29 and 03-03 are 1/3's, 03-01 2/3's, 03-02 3/3's
        assertThat(taken).containsExactly(2, 1, 1);
        assertThat(files(dir.resolve("cache1"))).containsExactly("binance-futures_trades_2024-02-29_BTCUSDT.csv.gz",
            "binance-futures_trades_2024-03-03_BTCUSDT.csv.gz");
        assertThat(files(dir.resolve("cache2"))).containsExactly("binance-futures_trades_2024-03-01_BTCUSDT.csv.gz");
        assertThat(served()).hasSize(4).allSatisfy((path, n) -> assertThat(n).as(path).isEqualTo(1));

        final CliTest.Result check = CliTest.run("merge-catalog", "--caches", String.join(",", caches), "--from",
            "2024-02-29", "--to", "2024-03-03", "--exchange", "binance-futures", "--data-types", "trades", "--symbols",
            "btcusdt");
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("folders: expecting 4 file(s)",
            "folders: complete and disjoint: each of the 4 file(s) is in exactly one shard");
    }

    @Test
    void byInstrumentEachDaysTradesAndBookGoTogetherAndMissingOrTwiceFetchedFilesAreNamed() throws Exception
    {
        final String[] plan = {"--data-types", "trades,incremental_book_L2", "--symbols", "BTCUSDT,BTCDOMUSDT",
            "--from", "2024-03-01", "--to", "2024-03-02", "--shard-by", "instrument"};
        final List<String> caches = new ArrayList<>();
        int taken = 0;
        for (int i = 1; i <= 3; i++)
        {
            final Path cache = dir.resolve("cache" + i);
            final List<String> args = new ArrayList<>(List.of(plan));
            args.addAll(List.of("--shard", i + "/3"));
            taken += download(cache, args.toArray(new String[0]));
            caches.add(cache.toString());
            for (final String name : files(cache))
            {
                // the other data type of the same instrument and day is in the same folder
                final String other = name.contains("_trades_") ? name.replace("_trades_", "_incremental_book_L2_") :
                    name.replace("_incremental_book_L2_", "_trades_");
                assertThat(cache.resolve(other)).exists();
            }
        }
        assertThat(taken).isEqualTo(8);
        assertThat(served()).hasSize(8).allSatisfy((path, n) -> assertThat(n).as(path).isEqualTo(1));
        // without --symbols and --data-types: what the folders hold, for every day of the range
        final CliTest.Result check = CliTest.run("merge-catalog", "--caches", String.join(",", caches), "--from",
            "2024-03-01", "--to", "2024-03-02");
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("folders: expecting 8 file(s)", "complete and disjoint");

        // a shard run twice, into two folders
        final Path owner = caches.stream().map(Path::of).filter(c -> !files(c).isEmpty()).findFirst().orElseThrow();
        final String shard = owner.getFileName().toString().substring("cache".length()) + "/3";
        final Path again = dir.resolve("again");
        final List<String> args = new ArrayList<>(List.of(plan));
        args.addAll(List.of("--shard", shard));
        download(again, args.toArray(new String[0]));
        final List<String> twice = files(again);
        assertThat(twice).isNotEmpty().isEqualTo(files(owner));
        final CliTest.Result overlap = CliTest.run("merge-catalog", "--caches", String.join(",", caches) + "," + again,
            "--from", "2024-03-01", "--to", "2024-03-02");
        assertThat(overlap.exitCode()).isEqualTo(MergeCatalogCommand.EXIT_NOT_WHOLE);
        assertThat(overlap.out()).contains("overlap: " + twice.size() + " file(s) in more than one shard:",
            "  " + twice.get(0) + " in " + owner + " and " + again).doesNotContain("incomplete:");

        // a file lost from its folder
        Files.delete(owner.resolve(twice.get(0)));
        final CliTest.Result missing = CliTest.run("merge-catalog", "--caches", String.join(",", caches), "--from",
            "2024-03-01", "--to", "2024-03-02", "--symbols", "BTCUSDT,BTCDOMUSDT", "--data-types",
            "trades,incremental_book_L2");
        assertThat(missing.exitCode()).isEqualTo(MergeCatalogCommand.EXIT_NOT_WHOLE);
        assertThat(missing.out()).contains("incomplete: 1 file(s) in no shard:", "  " + twice.get(0));
    }

    @Test
    void badShardsFailNamingTheOption()
    {
        for (final String bad : new String[] {"0/3", "4/3", "x"})
        {
            final CliTest.Result r = CliTest.run("download", "tardis", "--exchange", "binance-futures", "--base-url",
                server.url(), "--cache", dir.resolve("c").toString(), "--data-types", "trades", "--symbols", "BTCUSDT",
                "--from", "2024-03-01", "--shard", bad);
            assertThat(r.exitCode()).as(bad).isEqualTo(2);
            assertThat(r.err()).contains("--shard", "'" + bad + "'");
        }
        assertThat(server.requests).isEmpty();
    }
}
