package dev.tickwire.engine.bars;

import dev.tickwire.engine.replay.Replay;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.Journal;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BarKind;

import java.nio.file.Path;
import java.util.List;

/**
 * Bars of one instrument computed from the journal: its accepted messages, replayed in journal order
 * (the engine's order), through the same {@link BarFeed} and {@link BarBuilder} as the live bar stage.
 * Over the same events the two give the same bars.
 *
 * <ul>
 *   <li>{@code from}: time bars start at the bar holding {@code from} (read from its aligned start, so
 *   the first bar is whole); tick, volume and value bars count from the first trade at or after it.</li>
 *   <li>{@code to} (inclusive): time bars that end by then are completed even with no later event;
 *   without {@code to}, the bar still open at the end of the journal is not emitted (live, it has not
 *   been published yet either).</li>
 * </ul>
 */
public final class JournalBars
{
    private JournalBars()
    {
    }

    /** What is left when the data ends: the bar still open (not emitted). */
    public record Outcome(long bars, long openTrades, long openStartNs)
    {
    }

    /**
     * @param fromNs Values.NONE for the journal's start
     * @param toNs   inclusive; Long.MAX_VALUE for the journal's end (as it is now)
     * @throws IllegalArgumentException for an unknown symbol or a spec that does not fit the instrument
     */
    public static Outcome run(
        final Journal journal, final String symbol, final BarSpec spec, final boolean emitEmpty,
        final long fromNs, final long toNs, final BarListener listener)
    {
        final long start = fromNs != Values.NONE && spec.kind() == BarKind.TIME ? spec.alignedStart(fromNs) : fromNs;
        final BarFeed feed = new BarFeed(List.of(spec), emitEmpty, listener);
        try (Replay replay = Replay.builder().journal(journal).symbols(symbol).from(start).to(toNs).books(false)
            .listener(feed).build())
        {
            final Instrument instrument = replay.instruments().get(0);
            // fails here, before any output, when a threshold does not fit the instrument's scale
            new BarBuilder(spec, instrument.id(), instrument.priceExponent(), instrument.sizeExponent(), emitEmpty, listener);
            replay.run();
            if (toNs != Long.MAX_VALUE)
            {
                feed.finish(toNs + 1);
            }
            final BarBuilder builder = feed.buildersOf(instrument.id())[0];
            return new Outcome(builder.emitted(), builder.openTrades(), builder.openStartNs());
        }
    }

    /** As {@link #run(Journal, String, BarSpec, boolean, long, long, BarListener)}, opening the journal read-only. */
    public static Outcome run(
        final Path journalDir, final String symbol, final BarSpec spec, final boolean emitEmpty,
        final long fromNs, final long toNs, final BarListener listener)
    {
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true)))
        {
            return run(journal, symbol, spec, emitEmpty, fromNs, toNs, listener);
        }
    }
}
