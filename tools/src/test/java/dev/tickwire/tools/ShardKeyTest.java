package dev.tickwire.tools;

import dev.tickwire.adapters.tardis.download.TardisDayFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What each source's file names say for {@code --shard}, and that n shards take every file exactly once. */
class ShardKeyTest
{
    private static final LocalDate MARCH_1 = LocalDate.of(2024, 3, 1);

    @TempDir
    Path dir;

    @Test
    void eachSourcesNamesSayTheirDayAndInstrument()
    {
        assertThat(ShardKey.tardis("binance-futures_trades_2024-03-01_BTCUSDT.csv.gz"))
            .isEqualTo(new ShardKey(MARCH_1, "binance-futures:BTCUSDT"));
        assertThat(ShardKey.tardis("binance-futures_incremental_book_L2_2024-03-01_BTCUSDT.csv"))
            .isEqualTo(new ShardKey(MARCH_1, "binance-futures:BTCUSDT"));
        assertThat(ShardKey.tardis("deribit_liquidations_2024-03-01_PERPETUALS.csv.gz"))
            .isEqualTo(new ShardKey(MARCH_1, "deribit:PERPETUALS"));
        assertThat(ShardKey.tardis("trades.csv")).isNull();
        // the download keys a plan's file by the name it gets: the same key as the import of that file
        final TardisDayFile planned =
            new TardisDayFile("bitmex", "trades", MARCH_1, TardisDayFile.datasetSymbol("xbt/usd"));
        assertThat(ShardKey.tardis(planned.fileName())).isEqualTo(new ShardKey(MARCH_1, "bitmex:XBT-USD"));

        assertThat(ShardKey.binance("BTCUSDT-trades-2024-03-01.csv")).isEqualTo(new ShardKey(MARCH_1, "BTCUSDT"));
        assertThat(ShardKey.binance("BTCUSDT-aggTrades-2024-03-01.csv.gz")).isEqualTo(new ShardKey(MARCH_1, "BTCUSDT"));
        assertThat(ShardKey.binance("BTCUSDT-trades-2024-03.csv")).as("a month's file").isNull();
        assertThat(ShardKey.binance("BTCUSDT-trades-2024-02-30.csv")).as("no such day").isNull();

        assertThat(ShardKey.lobster("AAPL_2012-06-21_34200000_57600000_message_10.csv"))
            .isEqualTo(ShardKey.lobster("AAPL_2012-06-21_34200000_57600000_orderbook_10.csv"))
            .isEqualTo(new ShardKey(LocalDate.of(2012, 6, 21), "AAPL"));
        assertThat(ShardKey.sierra("NQM25_FUT_CME.2025-06-02.depth"))
            .isEqualTo(new ShardKey(LocalDate.of(2025, 6, 2), "NQM25_FUT_CME"));
        assertThat(ShardKey.sierra("NQM25_FUT_CME.scid")).as("every day of the contract").isNull();
    }

    @Test
    void nShardsTakeEveryFileOnceAndKeepADaysFilesTogether()
    {
        final List<String> names = new ArrayList<>();
        for (int d = 0; d < 40; d++)
        {
            for (final String symbol : new String[] {"BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "BTC-PERPETUAL"})
            {
                for (final String type : new String[] {"trades", "incremental_book_L2", "quotes"})
                {
                    names.add(new TardisDayFile("binance-futures", type, MARCH_1.plusDays(d), symbol).fileName());
                }
            }
        }
        names.add("my-own-trades.csv");
        names.add("binance-futures_trades_latest.csv.gz");
        for (final int n : new int[] {1, 2, 3, 7})
        {
            for (final ShardKey.By by : ShardKey.By.values())
            {
                final Map<String, Integer> owner = new HashMap<>();
                final int[] taken = new int[n];
                for (final String name : names)
                {
                    for (int i = 1; i <= n; i++)
                    {
                        if (ShardKey.owns(new Shard(i, n), by, name, ShardKey::tardis))
                        {
                            assertThat(owner.put(name, i)).as(name + " in " + i + "/" + n + " and another").isNull();
                            taken[i - 1]++;
                        }
                    }
                    assertThat(owner).as(name + " in no shard of " + n).containsKey(name);
                }
                // a day's trades, book and quotes of an instrument (by day: of every instrument) go together
                final Map<String, Integer> byGroup = new HashMap<>();
                owner.forEach((name, shard) ->
                {
                    final ShardKey key = ShardKey.tardis(name);
                    if (key != null)
                    {
                        final String group =
                            by == ShardKey.By.DAY ? key.day().toString() : key.day() + key.instrument();
                        assertThat(byGroup.computeIfAbsent(group, g -> shard)).as(name).isEqualTo(shard);
                    }
                });
                // and the work spreads: by day exactly round-robin, by instrument near even
                for (int i = 0; i < n; i++)
                {
                    assertThat(taken[i]).as(by + " " + (i + 1) + "/" + n).isGreaterThan(names.size() / n / 2);
                }
            }
        }
    }

    @Test
    void aShardWithoutAFileOfItsOwnImportsNothingAndSucceeds() throws Exception
    {
        final Path lobster = Path.of("../adapters/src/test/resources/lobster");
        final Path messages = lobster.resolve("AAPL_2012-06-21_34200000_57600000_message_10.part1.csv");
        final Path book = lobster.resolve("AAPL_2012-06-21_34200000_57600000_orderbook_10.part1.csv");
        // 2012-06-21 is epoch day 15512: 3/3's
        final Path other = dir.resolve("other");
        final CliTest.Result skipped = CliTest.run("import", "lobster", messages.toString(), book.toString(),
            "--journal", other.toString(), "--no-progress", "--shard", "1/3");
        assertThat(skipped.exitCode()).as(skipped.out() + skipped.err()).isZero();
        assertThat(skipped.out()).contains("shard 1/3 (by day): takes 0 of 1 file(s), skips 1 (the other shards')",
            "nothing to import: every file is another shard's");
        assertThat(other).doesNotExist();
        final CliTest.Result mine = CliTest.run("import", "lobster", messages.toString(), book.toString(),
            "--journal", dir.resolve("mine").toString(), "--no-progress", "--shard", "3/3");
        assertThat(mine.exitCode()).as(mine.out() + mine.err()).isZero();
        assertThat(mine.out()).contains("shard 3/3 (by day): takes 1 of 1 file(s), skips 0", "imported 500 messages");

        // Binance: each day's file to its shard (epoch days 19783 and 19784: 2/3's and 3/3's)
        final Path day1 = dir.resolve("BTCUSDT-trades-2024-03-01.csv");
        Files.writeString(day1, "1,67000.01,0.001,67.00001,1709251200000,true,true\n");
        final Path day2 = dir.resolve("BTCUSDT-trades-2024-03-02.csv");
        Files.writeString(day2, "2,67000.02,0.001,67.00002,1709337600000,true,true\n");
        final CliTest.Result binance = CliTest.run("import", "binance", day1.toString(), day2.toString(), "--journal",
            dir.resolve("binance").toString(), "--no-progress", "--shard", "3/3");
        assertThat(binance.exitCode()).as(binance.out() + binance.err()).isZero();
        assertThat(binance.out()).contains("takes 1 of 2 file(s), skips 1", "trades 1, quotes 0");
        assertThat(CliTest.run("dump", "--journal", dir.resolve("binance").toString(), "--type", "trade").out())
            .contains("\"trade_id\":2").doesNotContain("\"trade_id\":1,");

        for (final String bad : new String[] {"0/3", "4/3", "x"})
        {
            final CliTest.Result r = CliTest.run("import", "lobster", messages.toString(), book.toString(),
                "--journal", other.toString(), "--shard", bad);
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("--shard must be i/n", "'" + bad + "'");
        }
    }
}
