package dev.tickwire.kafka;

import dev.tickwire.engine.rows.MessageJson;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the Kafka output must have sent for a journal: by engine sequence, the message's type, dump line, verdict. */
final class JournalExpectations
{
    record Expected(long sequence, int templateId, boolean accepted, int instrumentId, String json)
    {
    }

    private JournalExpectations()
    {
    }

    static Map<Long, Expected> read(final Path journalDir, final boolean rejectedTopic)
    {
        final Map<Long, Expected> expected = new LinkedHashMap<>();
        final MessageJson json = new MessageJson(InstrumentCatalog.open(journalDir));
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true));
             JournalReader reader = journal.reader())
        {
            while (reader.poll((buffer, offset, length, index, watermarkNs) ->
            {
                if (KafkaOutput.sends(buffer, offset, rejectedTopic))
                {
                    final long sequence = Envelope.sequence(buffer, offset);
                    expected.put(sequence, new Expected(sequence, Envelope.templateId(buffer, offset),
                        Envelope.isAccepted(buffer, offset), Envelope.instrumentId(buffer, offset),
                        json.format(buffer, offset)));
                }
            }, 10_000) > 0)
            {
                // to the end
            }
        }
        return expected;
    }

    /** Market events (trades, quotes, deltas) journaled from the synthetic source: what its {@code count} counts. */
    static long marketEvents(final Path journalDir)
    {
        final long[] n = new long[1];
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true));
             JournalReader reader = journal.reader())
        {
            while (reader.poll((buffer, offset, length, index, watermarkNs) ->
            {
                if (MessageTypes.isMarketEvent(Envelope.templateId(buffer, offset)) && Envelope.sourceId(buffer, offset) == 1)
                {
                    n[0]++;
                }
            }, 10_000) > 0)
            {
                // to the end
            }
        }
        return n[0];
    }

    static String kind(final int templateId)
    {
        return templateId == MessageTypes.TRADE ? "trades" : templateId == MessageTypes.QUOTE ? "quotes" :
            templateId == MessageTypes.BOOK_DELTA ? "book" : templateId == MessageTypes.INSTRUMENT ? "instruments" :
            templateId == MessageTypes.BAR ? "bars" : templateId == MessageTypes.CANDLE ? "candles" :
            templateId == MessageTypes.LIQUIDATION ? "liquidations" :
            templateId == MessageTypes.DERIVATIVE_TICKER ? "derivative_tickers" :
            templateId == MessageTypes.OPTION_SUMMARY ? "option_summaries" : "status";
    }
}
