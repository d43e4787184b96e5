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
        return run(journal, symbol, spec, emitEmpty, fromNs, toNs, 0, 0, listener);
    }

    /**
     * Bars with features ({@code depth} &gt; 0: the top-N levels the book features read). The features of the
     * first bars depend on what came before them: the replay starts {@code warmupNs} before {@code fromNs},
     * its books restored from the nearest checkpoint, and only the bars from {@code fromNs} on are handed on
     * (time bars starting at or after the bar holding it; other bars whose first trade is at or after it).
     * From the journal's start, the bars and their features are the live bar stage's, bit for bit.
     */
    public static Outcome run(
        final Journal journal, final String symbol, final BarSpec spec, final boolean emitEmpty,
        final long fromNs, final long toNs, final int depth, final long warmupNs, final BarListener listener)
    {
        final boolean time = spec.kind() == BarKind.TIME;
        final long warmStart = fromNs == Values.NONE || warmupNs <= 0 ? fromNs : Math.max(0, fromNs - warmupNs);
        final long start = warmStart != Values.NONE && time ? spec.alignedStart(warmStart) : warmStart;
        final long shownFrom = fromNs == Values.NONE ? Values.NONE : time ? spec.alignedStart(fromNs) : fromNs;
        final BarListener shown = shownFrom == Values.NONE || shownFrom == start ? listener : bar ->
        {
            if ((time ? bar.startNs() : bar.firstEventNs()) >= shownFrom)
            {
                listener.onBar(bar);
            }
        };
        final Replay[] replay = new Replay[1];
        final BarFeed feed = new BarFeed(List.of(spec), emitEmpty, shown, depth,
            depth > 0 ? id -> replay[0].book(id) : null);
        try (Replay r = Replay.builder().journal(journal).symbols(symbol).from(start).to(toNs).books(depth > 0)
            .listener(feed).build())
        {
            replay[0] = r;
            final Instrument instrument = r.instruments().get(0);
            // fails here, before any output, when a threshold does not fit the instrument's scale
            new BarBuilder(spec, instrument.id(), instrument.priceExponent(), instrument.sizeExponent(), emitEmpty, listener);
            r.run();
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

    /** As {@link #run(Journal, String, BarSpec, boolean, long, long, int, long, BarListener)}, opening the journal read-only. */
    public static Outcome run(
        final Path journalDir, final String symbol, final BarSpec spec, final boolean emitEmpty,
        final long fromNs, final long toNs, final int depth, final long warmupNs, final BarListener listener)
    {
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true)))
        {
            return run(journal, symbol, spec, emitEmpty, fromNs, toNs, depth, warmupNs, listener);
        }
    }
}
