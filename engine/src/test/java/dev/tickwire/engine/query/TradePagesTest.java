package dev.tickwire.engine.query;

import dev.tickwire.engine.query.MarketQueries.TradePage;
import dev.tickwire.engine.query.MarketQueries.TradeRow;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Time & sales in capped pages: a cursor walks a whole day, neither skipping nor repeating while the journal grows. */
class TradePagesTest
{
    private static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void pagesWalkTheWholeRangeWhileTheJournalGrows()
    {
        try (Journal journal = Journal.open(new Journal.Context().dir(dir)))
        {
            journal.instruments().register("ES", "CME", -2, 0, 25);
            journal.instruments().register("NQ", "CME", -2, 0, 25);
            final JournalWriter writer = journal.writer();
            final MessageWriter encode = new MessageWriter();
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
            final long[] position = {0};
            final Runnable write = () ->
            {
                final long i = position[0]++;
                // ES and NQ interleaved, two ES trades a second
                writer.append(buffer, 0, encode.trade(buffer, 0, 1, i + 1, 1 + (int)(i % 2), i * S / 4, 0, 500_000 + i,
                    1, Side.BUY, i, 499_975, 500_000));
            };
            for (int i = 0; i < 5_000; i++)
            {
                write.run();
            }
            final Instrument es = JournalQueries.instrument(journal, "ES");
            final long from = 100 * S;
            final long to = 2_000 * S;
            assertThat(JournalQueries.timeAndSales(journal, es, from, to, 1_000_000)).hasSize(2_300); // 100 s .. 1249.5 s

            final List<TradeRow> paged = new ArrayList<>();
            TradePage page = JournalQueries.timeAndSales(journal, es, from, to, 1_000, null);
            paged.addAll(page.trades());
            assertThat(page.next()).isNotNull();
            // the engine goes on writing between pages
            for (int i = 0; i < 3_000; i++)
            {
                write.run();
            }
            int pages = 1;
            while (page.next() != null)
            {
                page = JournalQueries.timeAndSales(journal, es, from, to, 1_000, page.next());
                paged.addAll(page.trades());
                pages++;
            }
            // what a single query gives now: ES trades every 0.5 s from 100 s to 1999.5 s
            final List<TradeRow> all = JournalQueries.timeAndSales(journal, es, from, to, 1_000_000);
            assertThat(all).hasSize(3_800);
            assertThat(pages).isEqualTo(4);
            assertThat(paged).isEqualTo(all);
            assertThatThrownBy(() -> JournalQueries.timeAndSales(journal, es, from, to, 10, "next-please"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cursor 'next-please'");
        }
    }
}
