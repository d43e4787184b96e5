package dev.tickwire.engine.pipeline;

import dev.tickwire.engine.bars.Bar;
import dev.tickwire.engine.bars.BarBuilder;
import dev.tickwire.engine.bars.BarFeed;
import dev.tickwire.engine.bars.BarListener;
import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.output.OutputSink;
import dev.tickwire.journal.AtomicFiles;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.TradeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One pipeline between the journal and an output: the messages its {@link MessageFilter} takes, either as
 * they are or transformed into bars (time, tick, volume, value: the engine's {@link BarBuilder}), handed
 * to the output's sink. It is itself an {@link OutputSink}, fed by a {@code JournalTailer}.
 *
 * <p><b>Restarts with bars.</b> A bar in progress lives only in memory, so the pipeline keeps its own
 * resume point in {@code <journal>/outputs/<name>.pipeline}, written after each flush of the output: the
 * last index read, the index before the oldest bar still open (reading resumes there), for each
 * instrument with an open bar the index before its first trade (its older messages are not applied
 * again), and the engine sequence of the message that completed the last bar handed on (bars completed
 * again up to it are not handed on twice). So a restart builds exactly the bars an uninterrupted run
 * builds. A bar's envelope sequence is that completing message's: unique per pipeline and increasing,
 * the key an output deduplicates on (a crash between the output's flush and this file's write hands on
 * the bars of that one flush again, with the same sequences).
 *
 * <p><b>Features</b> (with {@code depth} &gt; 0) ride on the same {@link BarFeed} as the live bars, with books of
 * its own. From the journal's start they are the live ones. After a restart the state they carry from before the
 * resumed bars is gone: the books count again from their next snapshot (book features null until then) and the
 * rolling windows warm up again; never a made-up value, but not the uninterrupted run's either.
 */
final class PipelineSink implements OutputSink, BarListener
{
    /** No journal index is this (Values.NONE, "before the first", is one the maps hold). */
    private static final long ABSENT = Long.MAX_VALUE;

    private final String name;
    private final MessageFilter filter;
    private final BarSpec bars;
    private final OutputSink output;
    private final InstrumentCatalog catalog;
    private final Path stateFile;
    private final MessageDispatcher dispatcher = new MessageDispatcher();
    private final MessageWriter writer = new MessageWriter();
    private final UnsafeBuffer barBuffer = new UnsafeBuffer(new byte[MessageTypes.BAR_LENGTH + 64]);
    private final UnsafeBuffer barView = new UnsafeBuffer(0, 0);
    private final int depth;
    private BarFeed feed;
    /** Per instrument with an open bar: the journal index read just before the bar's first trade. */
    private final Long2LongHashMap openedAfter = new Long2LongHashMap(ABSENT);
    /** After a restart: per instrument, its messages at or before this index are in the state already. */
    private final Long2LongHashMap appliedThrough = new Long2LongHashMap(ABSENT);
    private final List<byte[]> completed = new ArrayList<>();
    private long appliedThroughAll = Values.NONE;
    private long previousIndex = Values.NONE;
    private long completingSequence;
    private long handedThroughSequence = Values.NONE;

    /**
     * @param bars null: messages pass through unchanged
     */
    PipelineSink(final String name, final MessageFilter filter, final BarSpec bars, final int depth,
        final OutputSink output, final InstrumentCatalog catalog, final Path journalDir)
    {
        this.name = name;
        this.filter = filter;
        this.bars = bars;
        this.depth = depth;
        this.feed = bars == null ? null : new BarFeed(List.of(bars), false, this, depth, null);
        this.output = output;
        this.catalog = catalog;
        this.stateFile = journalDir.resolve("outputs").resolve(name + ".pipeline");
    }

    @Override
    public long resumeAfter(final long checkpoint)
    {
        // the output gets its say either way: it may (re)connect and recover its own state here
        final long outputResume = output.resumeAfter(checkpoint);
        if (bars == null)
        {
            return outputResume;
        }
        // a rewind after a failure, or a start: the bars in progress are built again from the resume point
        feed = new BarFeed(List.of(bars), false, this, depth, null);
        openedAfter.clear();
        appliedThrough.clear();
        completed.clear();
        appliedThroughAll = Values.NONE;
        handedThroughSequence = Values.NONE;
        previousIndex = Values.NONE;
        final List<String> lines = AtomicFiles.lines(stateFile);
        if (lines.isEmpty())
        {
            return Values.NONE; // never flushed: from the journal's start
        }
        // resume=<index> read=<index> handed=<sequence> open=<id>:<index>,...
        long resume = Values.NONE;
        for (final String field : lines.get(0).trim().split(" "))
        {
            final String[] kv = field.split("=", 2);
            switch (kv[0])
            {
                case "resume" -> resume = Long.parseLong(kv[1]);
                case "read" -> appliedThroughAll = Long.parseLong(kv[1]);
                case "handed" -> handedThroughSequence = Long.parseLong(kv[1]);
                case "open" ->
                {
                    for (final String open : kv[1].split(","))
                    {
                        if (!open.isEmpty())
                        {
                            final String[] idIndex = open.split(":");
                            appliedThrough.put(Long.parseLong(idIndex[0]), Long.parseLong(idIndex[1]));
                        }
                    }
                }
                default -> throw new IllegalStateException(stateFile + ": unknown field " + kv[0]);
            }
        }
        previousIndex = resume;
        feed.fromSnapshot(); // mid-journal: the books it missed are not known until their next snapshot
        return resume;
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length, final long index,
        final long watermarkNs)
    {
        if (!filter.accepts(buffer, offset))
        {
            previousIndex = index;
            return;
        }
        if (bars == null)
        {
            output.onMessage(buffer, offset, length, index, watermarkNs);
            previousIndex = index;
            return;
        }
        final int template = Envelope.templateId(buffer, offset);
        final int instrumentId = Envelope.instrumentId(buffer, offset);
        if (Envelope.isAccepted(buffer, offset) && MessageTypes.isMarketEvent(template) && !alreadyApplied(instrumentId, index))
        {
            final BarBuilder builder = builder(instrumentId);
            if (builder != null)
            {
                final boolean wasOpen = builder.openTrades() > 0;
                completingSequence = Envelope.sequence(buffer, offset);
                dispatcher.dispatch(buffer, offset, feed);
                final boolean open = builder.openTrades() > 0;
                if (open && (!wasOpen || !completed.isEmpty()))
                {
                    openedAfter.put(instrumentId, previousIndex); // its bar starts with this message
                }
                else if (!open)
                {
                    openedAfter.remove(instrumentId);
                }
            }
        }
        previousIndex = index;
        handOn(watermarkNs);
    }

    /** Bars completed by the message just read go out after it, so their index is a safe place to resume. */
    private void handOn(final long watermarkNs)
    {
        if (completed.isEmpty())
        {
            return;
        }
        final long resume = resumeIndex();
        for (final byte[] bar : completed)
        {
            barView.wrap(bar);
            final long sequence = Envelope.sequence(barView, 0);
            if (handedThroughSequence == Values.NONE || sequence > handedThroughSequence)
            {
                output.onMessage(barView, 0, bar.length, resume, watermarkNs);
                handedThroughSequence = sequence;
            }
        }
        completed.clear();
    }

    private boolean alreadyApplied(final int instrumentId, final long index)
    {
        if (appliedThroughAll == Values.NONE)
        {
            return false;
        }
        final long through = appliedThrough.get(instrumentId);
        return index <= (through == ABSENT ? appliedThroughAll : through);
    }

    /** Where reading must resume for no open bar to lose a trade: before the oldest one's first. */
    private long resumeIndex()
    {
        long resume = previousIndex;
        for (final Long2LongHashMap.EntryIterator it = openedAfter.entrySet().iterator(); it.hasNext(); )
        {
            it.next();
            resume = Math.min(resume, it.getLongValue()); // Values.NONE (before the first) is the least
        }
        return resume;
    }

    private BarBuilder builder(final int instrumentId)
    {
        BarBuilder[] builders = feed.buildersOf(instrumentId);
        if (builders == null)
        {
            final Instrument instrument = catalog.find(instrumentId);
            if (instrument == null)
            {
                return null; // a market event always follows its definition in the journal: not reached
            }
            feed.define(instrumentId, instrument.priceExponent(), instrument.sizeExponent());
            builders = feed.buildersOf(instrumentId);
        }
        return builders.length == 0 ? null : builders[0];
    }

    @Override
    public void onBar(final Bar bar)
    {
        final int length = bar.encode(writer, barBuffer, 0);
        // the completing message's sequence: increasing, one bar per message (see the class comment)
        Envelope.sequence(barBuffer, 0, completingSequence);
        final byte[] copy = new byte[length];
        barBuffer.getBytes(0, copy);
        completed.add(copy);
    }

    @Override
    public void flush() throws Exception
    {
        output.flush();
        if (bars != null)
        {
            final StringBuilder open = new StringBuilder();
            for (final Long2LongHashMap.EntryIterator it = openedAfter.entrySet().iterator(); it.hasNext(); )
            {
                it.next();
                open.append(open.length() == 0 ? "" : ",").append(it.getLongKey()).append(':').append(it.getLongValue());
            }
            AtomicFiles.write(stateFile, "resume=" + resumeIndex() + " read=" + previousIndex + " handed=" +
                handedThroughSequence + " open=" + open + "\n");
        }
    }

    @Override
    public void close()
    {
        output.close();
    }

    @Override
    public String toString()
    {
        return "pipeline " + name;
    }
}
