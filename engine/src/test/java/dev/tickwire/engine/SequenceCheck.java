package dev.tickwire.engine;

import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.TradeDecoder;
import org.agrona.collections.LongArrayList;

import java.nio.file.Path;

/**
 * The engine sequence of every message a subscriber's listener got (definitions apart), to compare with the
 * journal: every accepted message once, in order.
 */
final class SequenceCheck implements MarketDataListener
{
    final LongArrayList sequences = new LongArrayList();
    int definitions;
    long gapMessages;

    @Override
    public void onInstrument(final InstrumentDefinitionDecoder d)
    {
        definitions++;
    }

    @Override
    public void onTrade(final TradeDecoder t)
    {
        sequences.addLong(t.sequence());
    }

    @Override
    public void onQuote(final QuoteDecoder q)
    {
        sequences.addLong(q.sequence());
    }

    @Override
    public void onBookDelta(final BookDeltaDecoder d)
    {
        sequences.addLong(d.sequence());
    }

    @Override
    public void onStatus(final SourceStatusDecoder s)
    {
        sequences.addLong(s.sequence());
    }

    @Override
    public void onGap(final long expected, final long received)
    {
        gapMessages += received - expected;
    }

    /** Sequences of the journal's accepted messages other than definitions: what the engine published. */
    static LongArrayList published(final Path journalDir)
    {
        final LongArrayList expected = new LongArrayList();
        JournalScan.forEach(journalDir, (buffer, offset, length, index, watermark) ->
        {
            if (Envelope.isAccepted(buffer, offset) && Envelope.templateId(buffer, offset) != MessageTypes.INSTRUMENT)
            {
                expected.addLong(Envelope.sequence(buffer, offset));
            }
        });
        return expected;
    }

    /** Null when {@code got} is strictly increasing (in order, no duplicate), else the first offence. */
    static String orderProblem(final LongArrayList got)
    {
        for (int i = 1; i < got.size(); i++)
        {
            if (got.getLong(i) <= got.getLong(i - 1))
            {
                return "sequence " + got.getLong(i) + " after " + got.getLong(i - 1) + " at " + i;
            }
        }
        return null;
    }
}
