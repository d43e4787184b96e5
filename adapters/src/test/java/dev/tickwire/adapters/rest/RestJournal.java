package dev.tickwire.adapters.rest;

import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalHandler;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.CandleDecoder;
import dev.tickwire.wire.sbe.DerivativeTickerDecoder;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.OptionSummaryDecoder;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.Verdict;

import java.util.ArrayList;
import java.util.List;

/** The journal read back as one line per message of the polled types, with its source id, for exact comparisons. */
final class RestJournal
{
    /** One journaled message: its source, its line. */
    record Line(int source, String text)
    {
    }

    private RestJournal()
    {
    }

    static List<Line> read(final Journal journal)
    {
        final List<Line> out = new ArrayList<>();
        final MessageDispatcher dispatcher = new MessageDispatcher();
        final MarketDataListener listener = new MarketDataListener()
        {
            @Override
            public void onInstrument(final InstrumentDefinitionDecoder d)
            {
                out.add(new Line(d.sourceId(), "I " + d.symbol() + " " + d.priceExponent() + " " + d.sizeExponent() + " " +
                    d.tickSize()));
            }

            @Override
            public void onCandle(final CandleDecoder d)
            {
                out.add(new Line(d.sourceId(), "C " + d.startNs() / 1_000_000 + "+" + d.intervalNs() / 1_000_000 + " " +
                    d.openPrice() + " " + d.highPrice() + " " + d.lowPrice() + " " + d.closePrice() + " v" + d.volume() +
                    " b" + v(d.buyVolume()) + " n" + v(d.tradeCount()) + verdict(d.verdict(), d.rejectReason().name())));
            }

            @Override
            public void onDerivativeTicker(final DerivativeTickerDecoder d)
            {
                out.add(new Line(d.sourceId(), "T " + d.sourcePosition() / 1_000_000 + " e" + d.priceExponent() + "/" +
                    d.sizeExponent() + "/" + d.rateExponent() + " ft" + v(d.fundingTimeNs()) + " fr" + v(d.fundingRate()) +
                    " oi" + v(d.openInterest()) + " idx" + v(d.indexPrice()) + " mark" + v(d.markPrice()) +
                    verdict(d.verdict(), d.rejectReason().name())));
            }

            @Override
            public void onOptionSummary(final OptionSummaryDecoder d)
            {
                out.add(new Line(d.sourceId(), "O " + d.sourcePosition() + " " + d.optionType() + " e" + d.priceExponent() +
                    "/" + d.underlyingExponent() + "/" + d.sizeExponent() + "/" + d.valueExponent() + " K" +
                    d.strikePrice() + " x" + d.expirationNs() / 1_000_000 + " oi" + v(d.openInterest()) + " last" +
                    v(d.lastPrice()) + " bid" + v(d.bidPrice()) + "x" + v(d.bidSize()) + "@" + v(d.bidIv()) + " ask" +
                    v(d.askPrice()) + "x" + v(d.askSize()) + "@" + v(d.askIv()) + " mark" + v(d.markPrice()) + "@" +
                    v(d.markIv()) + " u" + v(d.underlyingPrice()) + " greeks " + v(d.delta()) + " " + v(d.gamma()) + " " +
                    v(d.vega()) + " " + v(d.theta()) + " " + v(d.rho()) + verdict(d.verdict(), d.rejectReason().name())));
            }

            @Override
            public void onStatus(final SourceStatusDecoder d)
            {
                out.add(new Line(d.sourceId(), "S " + d.status() + " " + d.value()));
            }
        };
        final JournalHandler handler = (buffer, offset, length, index, watermark) ->
            dispatcher.dispatch(buffer, offset, listener);
        try (JournalReader reader = journal.reader())
        {
            while (reader.poll(handler, 1000) > 0)
            {
                // to the end
            }
        }
        return out;
    }

    static List<String> of(final List<Line> lines, final int source)
    {
        return lines.stream().filter(l -> l.source == source).map(Line::text).toList();
    }

    private static String v(final long value)
    {
        return value == Values.NONE ? "-" : String.valueOf(value);
    }

    private static String verdict(final Verdict verdict, final String reason)
    {
        return verdict == Verdict.ACCEPTED ? " ok" : " REJ " + reason;
    }
}
