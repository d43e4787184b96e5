package dev.tickwire.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static dev.tickwire.tools.ShardedExportTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tickwire import tardis --shard i/3} on three hosts (three journals) against one unsharded import of the same
 * Tardis.dev folder: together they import every instrument's day once. By day, each host's export holds whole days,
 * and merge-catalog merges the three archives into one that SQL answers exactly as the unsharded one.
 */
class ShardedImportTest
{
    private static final String FROM = "2024-02-29";
    private static final String TO = "2024-03-03";
    /**
     * Per archive day, instrument and UTC day of the event: trades (count, sums, first and last time, duplicates) and
     * book deltas. The archive files a message under its journal watermark's day; the import merges its sources by
     * event time, so the two days agree, and the query shows it if they do not.
     */
    private static final String TRADES = "SELECT date, epoch_ms(ts::TIMESTAMPTZ) // 86400000 AS day, venue, symbol, " +
        "count(*) AS n, count(*) - count(DISTINCT (ts, trade_id)) AS duplicates, " +
        "CAST(sum(price) AS DECIMAL(38, 9)) AS prices, CAST(sum(size) AS DECIMAL(38, 9)) AS sizes, min(ts) AS first, " +
        "max(ts) AS last FROM trades GROUP BY ALL ORDER BY ALL";
    private static final String BOOK = "SELECT date, epoch_ms(ts::TIMESTAMPTZ) // 86400000 AS day, venue, symbol, " +
        "action, side, count(*) AS n, CAST(sum(price) AS DECIMAL(38, 9)) AS prices, " +
        "CAST(sum(size) AS DECIMAL(38, 9)) AS sizes FROM book_deltas GROUP BY ALL ORDER BY ALL";
    /** What a journal numbers its own way: its sequences, instrument and source ids, positions within a source. */
    private static final List<String> JOURNAL_OWN = List.of("seq", "instrument_id", "source", "source_pos");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TAKES = Pattern.compile("takes (\\d+) of (\\d+) file\\(s\\), skips (\\d+)");

    @TempDir
    Path dir;

    /**
     * The recorded Tardis.dev day files of the stand-in (binance-futures BTCUSDT trades 2024-02-29..03-03 and book
     * 03-01..02, BTCDOMUSDT's empty days), and the same rows as two more instruments (ETHUSDT as plain .csv, SOLUSDT
     * gzipped): 22 files, named as the tardis-dev clients name them.
     */
    private Path tardisFolder() throws IOException
    {
        final Path folder = dir.resolve("tardis");
        Files.createDirectories(folder);
        final String[][] recorded = {
            {"trades", "2024-02-29", "BTCUSDT"}, {"trades", "2024-03-01", "BTCUSDT"},
            {"trades", "2024-03-02", "BTCUSDT"}, {"trades", "2024-03-03", "BTCUSDT"},
            {"incremental_book_L2", "2024-03-01", "BTCUSDT"},
            {"incremental_book_L2", "2024-03-02", "BTCUSDT"}, {"trades", "2024-03-01", "BTCDOMUSDT"},
            {"trades", "2024-03-02", "BTCDOMUSDT"}, {"incremental_book_L2", "2024-03-01", "BTCDOMUSDT"},
            {"incremental_book_L2", "2024-03-02", "BTCDOMUSDT"}};
        for (final String[] r : recorded)
        {
            final byte[] gz;
            try (InputStream in = getClass().getResourceAsStream("/tardis-api/datasets/v1/binance-futures/" + r[0] +
                "/" + r[1].replace('-', '/') + "/" + r[2] + ".csv.gz"))
            {
                gz = in.readAllBytes();
            }
            final String name = "binance-futures_" + r[0] + "_" + r[1] + "_";
            Files.write(folder.resolve(name + r[2] + ".csv.gz"), gz);
            if (r[2].equals("BTCUSDT"))
            {
                final String csv;
                try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz)))
                {
                    csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                Files.writeString(folder.resolve(name + "ETHUSDT.csv"), csv.replace(",BTCUSDT,", ",ETHUSDT,"));
                try (OutputStream out =
                    new GZIPOutputStream(Files.newOutputStream(folder.resolve(name + "SOLUSDT.csv.gz"))))
                {
                    out.write(csv.replace(",BTCUSDT,", ",SOLUSDT,").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return folder;
    }

    /** Imports {@code folder} into {@code root/journal} (its part, when sharded) and exports it to its archive. */
    private static int importAndExport(final Path folder, final Path root, final String... shard)
    {
        final List<String> args = new ArrayList<>(List.of("import", "tardis", folder.toString(), "--journal",
            root.resolve("journal").toString(), "--no-progress"));
        args.addAll(List.of(shard));
        final CliTest.Result imported = ok(args.toArray(new String[0]));
        int taken = 22;
        if (shard.length > 0)
        {
            final Matcher m = TAKES.matcher(imported.out());
            assertThat(m.find()).as(imported.out()).isTrue();
            assertThat(m.group(2)).isEqualTo("22");
            taken = Integer.parseInt(m.group(1));
            assertThat(taken + Integer.parseInt(m.group(3))).isEqualTo(22);
        }
        if (taken > 0)
        {
            ok("export", "--journal", root.resolve("journal").toString(), "--archive",
                root.resolve("archive").toString(), "--bars", "none");
        }
        return taken;
    }

    /**
     * The journal's trades and book deltas as {@code tickwire dump} prints them, without what each journal numbers
     * its own way, sorted: the same for the same rows in any journal.
     */
    private static List<String> rows(final Path root) throws IOException
    {
        final List<String> rows = new ArrayList<>();
        for (final String line : ok("dump", "--journal", root.resolve("journal").toString(), "--type",
            "trade,book_delta").out().lines().toList())
        {
            final ObjectNode row = (ObjectNode)JSON.readTree(line);
            row.remove(JOURNAL_OWN);
            rows.add(row.toString());
        }
        rows.sort(null);
        return rows;
    }

    private static String sql(final Path archive, final String query)
    {
        return ok("sql", "--archive", archive.toString(), "--format", "csv", query).out();
    }

    @Test
    void threeShardsByDayImportWhatOneImportDoesAndTheirArchivesMergeIntoTheSame() throws Exception
    {
        final Path folder = tardisFolder();
        final Path whole = dir.resolve("whole");
        importAndExport(folder, whole);
        int taken = 0;
        final String[] archives = new String[3];
        for (int i = 1; i <= 3; i++)
        {
            final Path host = dir.resolve("host" + i);
            final int took = importAndExport(folder, host, "--shard", i + "/3");
            // 02-29 and 03-03 are 1/3's (BTC, ETH and SOL trades), 03-01 2/3's and 03-02 3/3's (trades and book of 4)
            assertThat(took).isEqualTo(i == 1 ? 6 : 8);
            taken += took;
            archives[i - 1] = host.resolve("archive").toString();
        }
        assertThat(taken).isEqualTo(22);

        // together the hosts' journals hold the whole import's rows, each once
        final List<String> wholeRows = rows(whole);
        final List<String> hostRows = new ArrayList<>();
        for (int i = 1; i <= 3; i++)
        {
            hostRows.addAll(rows(dir.resolve("host" + i)));
        }
        hostRows.sort(null);
        // 3 instruments: 4 days of 60 trades, 2 days of 50 book rows, each day's book a clear and its levels
        assertThat(wholeRows).hasSize(3 * (4 * 60 + 2 * (1 + 50)));
        assertThat(hostRows).isEqualTo(wholeRows);

        final Path merged = dir.resolve("merged");
        final CliTest.Result check = ok("merge-catalog", "--archives", String.join(",", archives), "--from", FROM,
            "--to", TO, "--into", merged.toString());
        assertThat(check.out()).contains(
            "archives: complete and disjoint: each of the 4 day(s) is in exactly one shard",
            "merged 4 day(s) into " + merged);
        final String trades = sql(whole.resolve("archive"), TRADES);
        assertThat(sql(merged, TRADES)).isEqualTo(trades);
        assertThat(trades.lines().skip(1).toList()).hasSize(12) // 3 instruments × 4 days
            .allSatisfy(row ->
            {
                assertThat(row).matches(
                    "2024-0[23]-\\d\\d,1978[2-5],binance-futures,binance-futures_(BTC|ETH|SOL)USDT,60,0,.*");
                // archived under the day of its events
                assertThat(java.time.LocalDate.parse(row.substring(0, 10)).toEpochDay())
                    .hasToString(row.substring(11, 16));
            });
        final String book = sql(whole.resolve("archive"), BOOK);
        assertThat(sql(merged, BOOK)).isEqualTo(book)
            .contains("2024-03-01,19783,binance-futures,binance-futures_ETHUSDT,clear");
    }

    @Test
    void threeShardsByInstrumentTogetherImportEachInstrumentDayOnce() throws Exception
    {
        final Path folder = tardisFolder();
        final Path whole = dir.resolve("whole");
        importAndExport(folder, whole);
        final List<String> rows = new ArrayList<>();
        final List<String> archives = new ArrayList<>();
        int taken = 0;
        for (int i = 1; i <= 3; i++)
        {
            final Path host = dir.resolve("host" + i);
            final int took = importAndExport(folder, host, "--shard", i + "/3", "--shard-by", "instrument");
            taken += took;
            if (took > 0)
            {
                rows.addAll(rows(host));
                archives.add(host.resolve("archive").toString());
            }
        }
        assertThat(taken).isEqualTo(22);
        // each instrument's day is on one host only: the hosts' rows together are the whole import's, none twice
        rows.sort(null);
        assertThat(rows).isEqualTo(rows(whole));
        // but a day's instruments are spread over hosts: their archives share days, and do not merge
        final CliTest.Result check = CliTest.run("merge-catalog", "--archives", String.join(",", archives), "--from",
            FROM, "--to", TO);
        assertThat(check.exitCode()).as(check.out()).isEqualTo(MergeCatalogCommand.EXIT_NOT_WHOLE);
        assertThat(check.out()).contains("overlap:");
    }

    @Test
    void badShardsFailNamingTheOption() throws Exception
    {
        final Path folder = tardisFolder();
        for (final String bad : new String[] {"0/3", "4/3", "x"})
        {
            for (final String source : new String[] {"tardis", "binance", "sierra"})
            {
                final CliTest.Result r = CliTest.run("import", source, folder.toString(), "--journal",
                    dir.resolve("j").toString(), "--shard", bad);
                assertThat(r.exitCode()).as(source + " " + bad).isEqualTo(2);
                assertThat(r.err()).contains("--shard", "'" + bad + "'");
            }
        }
        final CliTest.Result by = CliTest.run("import", "tardis", folder.toString(), "--journal",
            dir.resolve("j").toString(), "--shard", "1/3", "--shard-by", "symbol");
        assertThat(by.exitCode()).isEqualTo(2);
        assertThat(by.err()).contains("--shard-by must be day or instrument, got 'symbol'");
        assertThat(dir.resolve("j")).doesNotExist();
    }
}
