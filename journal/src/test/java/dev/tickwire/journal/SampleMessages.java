package dev.tickwire.journal;

import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookDeltaEncoder;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.InstrumentDefinitionEncoder;
import dev.tickwire.wire.sbe.MessageHeaderEncoder;
import dev.tickwire.wire.sbe.QuoteEncoder;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.SourceStatusEncoder;
import dev.tickwire.wire.sbe.StatusCode;
import dev.tickwire.wire.sbe.TradeEncoder;
import dev.tickwire.wire.sbe.Verdict;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/** Encodes real tickwire messages with the generated codecs; reusable encoders, so allocation-free. */
final class SampleMessages
{
    final MutableDirectBuffer buffer;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final QuoteEncoder quote = new QuoteEncoder();
    private final BookDeltaEncoder delta = new BookDeltaEncoder();
    private final InstrumentDefinitionEncoder definition = new InstrumentDefinitionEncoder();
    private final SourceStatusEncoder status = new SourceStatusEncoder();

    SampleMessages()
    {
        this(new UnsafeBuffer(new byte[512]));
    }

    SampleMessages(final MutableDirectBuffer buffer)
    {
        this.buffer = buffer;
    }

    /** Encodes a trade at offset 0; returns its length. */
    int trade(final long sequence, final int sourceId, final long sourcePosition, final long eventTimeNs,
        final boolean accepted)
    {
        trade.wrapAndApplyHeader(buffer, 0, header)
            .sequence(sequence).streamSequence(sequence).eventTimeNs(eventTimeNs).receiveTimeNs(eventTimeNs + 1_000)
            .sourcePosition(sourcePosition).instrumentId(7).sourceId(sourceId)
            .verdict(accepted ? Verdict.ACCEPTED : Verdict.REJECTED)
            .rejectReason(accepted ? RejectReason.NONE : RejectReason.TIME_IN_FUTURE)
            .price(585_325 + sequence).size(3).tradeId(sequence * 10).bidPrice(585_300).askPrice(585_350)
            .aggressor(Side.BUY);
        return MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength();
    }

    int quote(final long sequence, final int sourceId, final long sourcePosition, final long eventTimeNs)
    {
        quote.wrapAndApplyHeader(buffer, 0, header)
            .sequence(sequence).streamSequence(sequence).eventTimeNs(eventTimeNs).receiveTimeNs(eventTimeNs + 1_000)
            .sourcePosition(sourcePosition).instrumentId(7).sourceId(sourceId)
            .verdict(Verdict.ACCEPTED).rejectReason(RejectReason.NONE)
            .bidPrice(585_300 - sequence).bidSize(10).askPrice(585_350 + sequence).askSize(12);
        return MessageHeaderEncoder.ENCODED_LENGTH + quote.encodedLength();
    }

    int bookDelta(final long sequence, final int sourceId, final long sourcePosition, final long eventTimeNs)
    {
        delta.wrapAndApplyHeader(buffer, 0, header)
            .sequence(sequence).streamSequence(sequence).eventTimeNs(eventTimeNs).receiveTimeNs(eventTimeNs + 1_000)
            .sourcePosition(sourcePosition).instrumentId(7).sourceId(sourceId)
            .verdict(Verdict.ACCEPTED).rejectReason(RejectReason.NONE)
            .price(585_275).size(sequence).orderCount(2).action(BookAction.MODIFY).side(BookSide.BID);
        delta.flags().clear().endOfBatch(true);
        return MessageHeaderEncoder.ENCODED_LENGTH + delta.encodedLength();
    }

    int instrument(final long sequence, final int sourceId, final long sourcePosition, final long eventTimeNs)
    {
        definition.wrapAndApplyHeader(buffer, 0, header)
            .sequence(sequence).streamSequence(sequence).eventTimeNs(eventTimeNs).receiveTimeNs(eventTimeNs + 1_000)
            .sourcePosition(sourcePosition).instrumentId(7).sourceId(sourceId)
            .verdict(Verdict.ACCEPTED).rejectReason(RejectReason.NONE)
            .symbol("ESZ5").venue("CME").priceExponent((byte)-2).sizeExponent((byte)0).tickSize(25);
        return MessageHeaderEncoder.ENCODED_LENGTH + definition.encodedLength();
    }

    int status(final long sequence, final int sourceId, final long sourcePosition, final long eventTimeNs)
    {
        status.wrapAndApplyHeader(buffer, 0, header)
            .sequence(sequence).streamSequence(sequence).eventTimeNs(eventTimeNs).receiveTimeNs(eventTimeNs + 1_000)
            .sourcePosition(sourcePosition).instrumentId(0).sourceId(sourceId)
            .verdict(Verdict.ACCEPTED).rejectReason(RejectReason.NONE)
            .status(StatusCode.HEARTBEAT).value(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + status.encodedLength();
    }
}
