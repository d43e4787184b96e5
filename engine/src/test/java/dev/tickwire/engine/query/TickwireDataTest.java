package dev.tickwire.engine.query;

import dev.tickwire.engine.query.MarketQueries.TradeRow;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.TradeDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reader facade over a real journal: what it returns is what was journaled. */
class TickwireDataTest
{
    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_767_348_000L * S; // 2026-01-02T10:00:00Z

    @TempDir
    Path dir;

    @Test
    void tradesQuotesBarsBookAndReplayFromOneFacade()
    {
        try (Journal journal = Journal.open(new Journal.Context().dir(dir.resolve("journal"))))
        {
            journal.instruments().register("ES", "CME", -2, 0, 25);
            final JournalWriter writer = journal.writer();
            final MessageWriter encode = new MessageWriter();
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
            long pos = 0;
            writer.append(buffer, 0, encode.bookDelta(buffer, 0, 1, ++pos, 1, T0, 0, BookAction.CLEAR, BookSide.BID, 0, 0, 0,
                DeltaFlagBits.SNAPSHOT));
            writer.append(buffer, 0, encode.bookDelta(buffer, 0, 1, ++pos, 1, T0, 0, BookAction.ADD, BookSide.BID, 499_975, 10, 2,
                DeltaFlagBits.SNAPSHOT));
            writer.append(buffer, 0, encode.bookDelta(buffer, 0, 1, ++pos, 1, T0, 0, BookAction.ADD, BookSide.ASK, 500_000, 7, 1,
                DeltaFlagBits.SNAPSHOT | DeltaFlagBits.END_OF_BATCH));
            for (int i = 0; i < 600; i++) // a trade and a quote a second for 10 minutes
            {
                final long t = T0 + i * S;
                writer.append(buffer, 0, encode.trade(buffer, 0, 1, ++pos, 1, t, 0, 500_000 + 25L * (i % 3), 1 + i % 4,
                    Side.BUY, i, 499_975, 500_000));
                writer.append(buffer, 0, encode.quote(buffer, 0, 1, ++pos, 1, t, 0, 499_975, 10 + i, 500_000, 7));
                if (i == 300)
                {
                    writer.append(buffer, 0, encode.bookDelta(buffer, 0, 1, ++pos, 1, t, 0, BookAction.MODIFY,
                        BookSide.BID, 499_975, 99, 3, DeltaFlagBits.END_OF_BATCH));
                }
            }
        }
        try (TickwireData data = TickwireData.open(dir))
        {
            assertThat(data.instruments()).extracting(i -> i.symbol()).containsExactly("ES");
            final List<TradeRow> trades = data.trades("ES", T0 + 60 * S, T0 + 120 * S - 1);
            assertThat(trades).hasSize(60);
            assertThat(trades.get(0).price()).isEqualTo("5000.00");
            assertThat(trades.get(1).price()).isEqualTo("5000.25");
            assertThat(trades.get(0).eventTimeNs()).isEqualTo(T0 + 60 * S);
            final List<TickwireData.QuoteRow> quotes = data.quotes("ES", T0, T0 + 9 * S);
            assertThat(quotes).hasSize(10);
            assertThat(quotes.get(3).bidSize()).isEqualTo("13");
            assertThat(quotes.get(3).askPrice()).isEqualTo("5000.00");
            assertThat(data.bars("ES", "1m", T0, T0 + 600 * S - 1)).hasSize(10)
                .allSatisfy(bar -> assertThat(bar.trades()).isEqualTo(60));
            assertThat(data.book("ES", T0 + 299 * S, 5).bids()).extracting(MarketQueries.Level::size).containsExactly("10");
            assertThat(data.book("ES", T0 + 301 * S, 5).bids()).extracting(MarketQueries.Level::size).containsExactly("99");
            final int[] replayed = {0};
            try (dev.tickwire.engine.replay.Replay replay = data.replay().from(T0 + 590 * S).listener(new MarketDataListener()
            {
                @Override
                public void onTrade(final TradeDecoder trade)
                {
                    replayed[0]++;
                }
            }).build())
            {
                replay.run();
            }
            assertThat(replayed[0]).isEqualTo(10);
            assertThatThrownBy(() -> data.trades("NOPE", T0, T0)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
