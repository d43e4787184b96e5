package dev.tickwire.archive;

import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.bars.JournalBars;
import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.engine.query.MarketQueries.BarRow;
import dev.tickwire.engine.replay.Replay;
import dev.tickwire.journal.Journal;
import dev.tickwire.wire.Values;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every history query's answer over a {@link ThreeDays} journal, as text, for before/after comparisons. */
public final class HistoryAnswers
{
    private static final long DAY0 = ThreeDays.DAY0;
    private static final long DAY = ThreeDays.DAY_NS;

    private HistoryAnswers()
    {
    }

    public static void assertSame(final List<String> after, final List<String> before)
    {
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++)
        {
            final String a = after.get(i);
            final String b = before.get(i);
            int at = 0;
            while (at < Math.min(a.length(), b.length()) && a.charAt(at) == b.charAt(at))
            {
                at++;
            }
            assertThat(a).as("query %d differs at char %d: …%s… vs …%s…", i, at,
                a.substring(Math.max(0, at - 80), Math.min(a.length(), at + 80)),
                b.substring(Math.max(0, at - 80), Math.min(b.length(), at + 80))).isEqualTo(b);
        }
    }

    /** Every query's answer, as text: time and sales, books, bars, a replay's messages, contract counts. */
    public static List<String> of(final ThreeDays days)
    {
        final List<String> out = new ArrayList<>();
        try (Journal journal = Journal.open(days.context().readOnly(true)))
        {
            for (final String symbol : List.of("ESH4", "BTC-USDT"))
            {
                final var instrument = JournalQueries.instrument(journal, symbol);
                out.add(JournalQueries.timeAndSales(journal, instrument, DAY0, DAY0 + 3 * DAY, 1_000_000).toString());
                out.add(JournalQueries.timeAndSales(journal, instrument, DAY0 + DAY + 7_200_000_000_000L,
                    DAY0 + DAY + 9_000_000_000_000L, 100).toString());
                for (final long at : new long[] {DAY0 + 5_000_000_000_000L, DAY0 + DAY + 40_000_000_000_000L, DAY0 + 2 * DAY + 20_000_000_000_000L})
                {
                    out.add(JournalQueries.orderBook(journal, instrument, at, 5).toString());
                }
                final List<BarRow> bars = new ArrayList<>();
                JournalBars.run(journal, symbol, BarSpec.parse("5m"), false, Values.NONE, Long.MAX_VALUE, b -> bars.add(BarRow.of(b)));
                out.add(bars.toString());
            }
            final StringBuilder replayed = new StringBuilder();
            try (Replay replay = Replay.builder().journal(journal).from(DAY0 + DAY / 2).to(DAY0 + 2 * DAY + DAY / 3)
                .sink((buffer, offset, length) -> replayed.append(ArchiveExportTest.hex(buffer, offset, length)).append('\n')).build())
            {
                replay.run();
            }
            out.add(replayed.toString());
        }
        try (JournalQueries q = JournalQueries.open(days.journalDir))
        {
            final long deadline = System.currentTimeMillis() + 10_000;
            while (q.contracts().stream().mapToLong(c -> c.trades()).sum() < 2_700 && System.currentTimeMillis() < deadline)
            {
                Thread.onSpinWait();
            }
            out.add(q.contracts().toString());
        }
        return out;
    }
}
