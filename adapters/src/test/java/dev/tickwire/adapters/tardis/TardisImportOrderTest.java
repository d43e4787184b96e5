package dev.tickwire.adapters.tardis;

import dev.tickwire.adapters.tardis.TardisHarness.Msg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.tickwire.adapters.tardis.TardisImportTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files of several datasets imported together are journaled in event-time order (a k-way merge of the
 * sources), not a source's rows in chunks: a day's small book file used to land whole before its trades.
 */
class TardisImportOrderTest
{
    @TempDir
    Path dir;

    private TardisHarness h;

    @BeforeEach
    void setUp()
    {
        h = new TardisHarness(dir);
    }

    @Test
    void tradesAndBookOfADayAreJournaledInTimeOrder() throws Exception
    {
        final List<String> trades = new ArrayList<>();
        trades.add("exchange,symbol,timestamp,local_timestamp,id,side,price,amount");
        for (int i = 0; i < 10_000; i++)
        {
            final long t = T0 + i * 1_000L; // a trade every millisecond
            trades.add("binance-futures,BTCUSDT," + t + "," + (t + 50) + "," + i + ",buy,100" + (i % 10) + ",0.5");
        }
        final List<String> book = new ArrayList<>();
        book.add("exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount");
        for (int i = 0; i < 1_500; i++)
        {
            final long t = T0 + 500 + i * 6_000L; // a book change every 6 ms, between the trades
            book.add("binance-futures,BTCUSDT," + t + "," + (t + 50) + ",false," + (i % 2 == 0 ? "bid" : "ask") + "," +
                (i % 2 == 0 ? "999" : "1011") + "," + (1 + i % 7));
        }
        final Path tradesFile = h.write("binance-futures_trades_2024-06-13_BTCUSDT.csv.gz", true, trades);
        final Path bookFile = h.write("binance-futures_incremental_book_L2_2024-06-13_BTCUSDT.csv.gz", true, book);

        h.importFiles(bookFile, tradesFile);

        final List<Msg> market = h.market();
        assertThat(market).hasSize(11_500);
        long previous = Long.MIN_VALUE;
        int outOfOrder = 0;
        for (final Msg m : market)
        {
            if (m.eventTimeNs < previous)
            {
                outOfOrder++;
            }
            previous = Math.max(previous, m.eventTimeNs);
        }
        assertThat(outOfOrder).as("events journaled before an earlier one").isZero();
        // and the first messages interleave: trade at 0 µs, book at 500 µs, trade at 1,000 µs…
        assertThat(market.subList(0, 3)).extracting(m -> (m.eventTimeNs - T0 * 1_000) / 1_000)
            .containsExactly(0L, 500L, 1_000L);
    }
}
