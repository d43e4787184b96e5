package dev.tickwire.wire;

import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.MessageHeaderDecoder;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.StatusCode;
import dev.tickwire.wire.sbe.TradeDecoder;
import dev.tickwire.wire.sbe.Verdict;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The envelope fields sit at the same offsets in every message type, and {@link Envelope} reads and
 * writes them correctly on each type without knowing it.
 */
class EnvelopeTest
{
    /** A deliberately odd, non-zero offset inside a larger buffer. */
    private static final int OFFSET = 37;

    private static final int SOURCE_ID = 65_535; // uint16 max: must not come back negative
    private static final long SOURCE_POSITION = 9_000_000_000_123L;
    private static final int INSTRUMENT_ID = -123_456_789;
    private static final long EVENT_TIME = 1_795_253_400_123_456_789L;
    private static final long RECEIVE_TIME = 1_795_253_400_123_999_001L;

    /** The encoding offsets of the nine envelope fields of one message type, in schema order. */
    record Offsets(int sequence, int streamSequence, int eventTimeNs, int receiveTimeNs, int sourcePosition,
        int instrumentId, int sourceId, int verdict, int rejectReason)
    {
    }

    /** The envelope of a message as the generated decoder of its own type reads it. */
    record Decoded(long sequence, long streamSequence, long eventTimeNs, long receiveTimeNs, long sourcePosition,
        int instrumentId, int sourceId, Verdict verdict, RejectReason rejectReason)
    {
    }

    enum Type
    {
        TRADE(MessageTypes.TRADE),
        QUOTE(MessageTypes.QUOTE),
        BOOK_DELTA(MessageTypes.BOOK_DELTA),
        INSTRUMENT(MessageTypes.INSTRUMENT),
        STATUS(MessageTypes.STATUS),
        CANDLE(MessageTypes.CANDLE),
        DERIVATIVE_TICKER(MessageTypes.DERIVATIVE_TICKER),
        LIQUIDATION(MessageTypes.LIQUIDATION),
        OPTION_SUMMARY(MessageTypes.OPTION_SUMMARY);

        final int templateId;

        Type(final int templateId)
        {
            this.templateId = templateId;
        }

        Offsets offsets()
        {
            switch (this)
            {
                case TRADE:
                    return new Offsets(TradeDecoder.sequenceEncodingOffset(), TradeDecoder.streamSequenceEncodingOffset(),
                        TradeDecoder.eventTimeNsEncodingOffset(), TradeDecoder.receiveTimeNsEncodingOffset(),
                        TradeDecoder.sourcePositionEncodingOffset(), TradeDecoder.instrumentIdEncodingOffset(),
                        TradeDecoder.sourceIdEncodingOffset(), TradeDecoder.verdictEncodingOffset(),
                        TradeDecoder.rejectReasonEncodingOffset());
                case QUOTE:
                    return new Offsets(QuoteDecoder.sequenceEncodingOffset(), QuoteDecoder.streamSequenceEncodingOffset(),
                        QuoteDecoder.eventTimeNsEncodingOffset(), QuoteDecoder.receiveTimeNsEncodingOffset(),
                        QuoteDecoder.sourcePositionEncodingOffset(), QuoteDecoder.instrumentIdEncodingOffset(),
                        QuoteDecoder.sourceIdEncodingOffset(), QuoteDecoder.verdictEncodingOffset(),
                        QuoteDecoder.rejectReasonEncodingOffset());
                case BOOK_DELTA:
                    return new Offsets(BookDeltaDecoder.sequenceEncodingOffset(),
                        BookDeltaDecoder.streamSequenceEncodingOffset(),
                        BookDeltaDecoder.eventTimeNsEncodingOffset(), BookDeltaDecoder.receiveTimeNsEncodingOffset(),
                        BookDeltaDecoder.sourcePositionEncodingOffset(), BookDeltaDecoder.instrumentIdEncodingOffset(),
                        BookDeltaDecoder.sourceIdEncodingOffset(), BookDeltaDecoder.verdictEncodingOffset(),
                        BookDeltaDecoder.rejectReasonEncodingOffset());
                case INSTRUMENT:
                    return new Offsets(InstrumentDefinitionDecoder.sequenceEncodingOffset(),
                        InstrumentDefinitionDecoder.streamSequenceEncodingOffset(),
                        InstrumentDefinitionDecoder.eventTimeNsEncodingOffset(),
                        InstrumentDefinitionDecoder.receiveTimeNsEncodingOffset(),
                        InstrumentDefinitionDecoder.sourcePositionEncodingOffset(),
                        InstrumentDefinitionDecoder.instrumentIdEncodingOffset(),
                        InstrumentDefinitionDecoder.sourceIdEncodingOffset(),
                        InstrumentDefinitionDecoder.verdictEncodingOffset(),
                        InstrumentDefinitionDecoder.rejectReasonEncodingOffset());
                case STATUS:
                    return new Offsets(SourceStatusDecoder.sequenceEncodingOffset(),
                        SourceStatusDecoder.streamSequenceEncodingOffset(),
                        SourceStatusDecoder.eventTimeNsEncodingOffset(), SourceStatusDecoder.receiveTimeNsEncodingOffset(),
                        SourceStatusDecoder.sourcePositionEncodingOffset(),
                        SourceStatusDecoder.instrumentIdEncodingOffset(),
                        SourceStatusDecoder.sourceIdEncodingOffset(), SourceStatusDecoder.verdictEncodingOffset(),
                        SourceStatusDecoder.rejectReasonEncodingOffset());
                case CANDLE:
                    return new Offsets(dev.tickwire.wire.sbe.CandleDecoder.sequenceEncodingOffset(), dev.tickwire.wire.sbe.CandleDecoder.streamSequenceEncodingOffset(),
                        dev.tickwire.wire.sbe.CandleDecoder.eventTimeNsEncodingOffset(), dev.tickwire.wire.sbe.CandleDecoder.receiveTimeNsEncodingOffset(),
                        dev.tickwire.wire.sbe.CandleDecoder.sourcePositionEncodingOffset(), dev.tickwire.wire.sbe.CandleDecoder.instrumentIdEncodingOffset(),
                        dev.tickwire.wire.sbe.CandleDecoder.sourceIdEncodingOffset(), dev.tickwire.wire.sbe.CandleDecoder.verdictEncodingOffset(),
                        dev.tickwire.wire.sbe.CandleDecoder.rejectReasonEncodingOffset());
                case DERIVATIVE_TICKER:
                    return new Offsets(dev.tickwire.wire.sbe.DerivativeTickerDecoder.sequenceEncodingOffset(), dev.tickwire.wire.sbe.DerivativeTickerDecoder.streamSequenceEncodingOffset(),
                        dev.tickwire.wire.sbe.DerivativeTickerDecoder.eventTimeNsEncodingOffset(), dev.tickwire.wire.sbe.DerivativeTickerDecoder.receiveTimeNsEncodingOffset(),
                        dev.tickwire.wire.sbe.DerivativeTickerDecoder.sourcePositionEncodingOffset(), dev.tickwire.wire.sbe.DerivativeTickerDecoder.instrumentIdEncodingOffset(),
                        dev.tickwire.wire.sbe.DerivativeTickerDecoder.sourceIdEncodingOffset(), dev.tickwire.wire.sbe.DerivativeTickerDecoder.verdictEncodingOffset(),
                        dev.tickwire.wire.sbe.DerivativeTickerDecoder.rejectReasonEncodingOffset());
                case LIQUIDATION:
                    return new Offsets(dev.tickwire.wire.sbe.LiquidationDecoder.sequenceEncodingOffset(), dev.tickwire.wire.sbe.LiquidationDecoder.streamSequenceEncodingOffset(),
                        dev.tickwire.wire.sbe.LiquidationDecoder.eventTimeNsEncodingOffset(), dev.tickwire.wire.sbe.LiquidationDecoder.receiveTimeNsEncodingOffset(),
                        dev.tickwire.wire.sbe.LiquidationDecoder.sourcePositionEncodingOffset(), dev.tickwire.wire.sbe.LiquidationDecoder.instrumentIdEncodingOffset(),
                        dev.tickwire.wire.sbe.LiquidationDecoder.sourceIdEncodingOffset(), dev.tickwire.wire.sbe.LiquidationDecoder.verdictEncodingOffset(),
                        dev.tickwire.wire.sbe.LiquidationDecoder.rejectReasonEncodingOffset());
                case OPTION_SUMMARY:
                    return new Offsets(dev.tickwire.wire.sbe.OptionSummaryDecoder.sequenceEncodingOffset(), dev.tickwire.wire.sbe.OptionSummaryDecoder.streamSequenceEncodingOffset(),
                        dev.tickwire.wire.sbe.OptionSummaryDecoder.eventTimeNsEncodingOffset(), dev.tickwire.wire.sbe.OptionSummaryDecoder.receiveTimeNsEncodingOffset(),
                        dev.tickwire.wire.sbe.OptionSummaryDecoder.sourcePositionEncodingOffset(), dev.tickwire.wire.sbe.OptionSummaryDecoder.instrumentIdEncodingOffset(),
                        dev.tickwire.wire.sbe.OptionSummaryDecoder.sourceIdEncodingOffset(), dev.tickwire.wire.sbe.OptionSummaryDecoder.verdictEncodingOffset(),
                        dev.tickwire.wire.sbe.OptionSummaryDecoder.rejectReasonEncodingOffset());
                default:
                    throw new AssertionError(this);
            }
        }

        /** Encodes a message of this type at the offset with the shared envelope values; returns its length. */
        int write(final MessageWriter writer, final MutableDirectBuffer buffer, final int offset)
        {
            switch (this)
            {
                case TRADE:
                    return writer.trade(buffer, offset, SOURCE_ID, SOURCE_POSITION, INSTRUMENT_ID, EVENT_TIME,
                        RECEIVE_TIME, 585_325, 3, Side.SELL, 77, 585_300, 585_350);
                case QUOTE:
                    return writer.quote(buffer, offset, SOURCE_ID, SOURCE_POSITION, INSTRUMENT_ID, EVENT_TIME,
                        RECEIVE_TIME, 585_300, 10, 585_350, 12);
                case BOOK_DELTA:
                    return writer.bookDelta(buffer, offset, SOURCE_ID, SOURCE_POSITION, INSTRUMENT_ID, EVENT_TIME,
                        RECEIVE_TIME, BookAction.MODIFY, BookSide.ASK, 585_350, 40, 6, DeltaFlagBits.END_OF_BATCH);
                case INSTRUMENT:
                    // the writer always stamps sourcePosition -1 on a definition
                    return writer.instrument(buffer, offset, SOURCE_ID, INSTRUMENT_ID, EVENT_TIME, RECEIVE_TIME,
                        "ESZ6", "CME", -2, 0, 25);
                case STATUS:
                    return writer.status(buffer, offset, SOURCE_ID, SOURCE_POSITION, INSTRUMENT_ID, EVENT_TIME,
                        RECEIVE_TIME, StatusCode.GAP, 17);
                case CANDLE:
                    // a candle's event time is its end: start + interval
                    return writer.candle(buffer, offset, SOURCE_ID, SOURCE_POSITION, INSTRUMENT_ID, EVENT_TIME - 60,
                        60, RECEIVE_TIME, 10, 12, 9, 11, 100, 40, 7);
                case DERIVATIVE_TICKER:
                    writer.derivativeTicker(buffer, offset, SOURCE_ID, SOURCE_POSITION, INSTRUMENT_ID, EVENT_TIME,
                        RECEIVE_TIME, -8, -3, -10).markPrice(4_352_112_345_678L);
                    return MessageWriter.DERIVATIVE_TICKER_LENGTH;
                case LIQUIDATION:
                    return writer.liquidation(buffer, offset, SOURCE_ID, SOURCE_POSITION, INSTRUMENT_ID, EVENT_TIME,
                        RECEIVE_TIME, 585_325, 3, Side.BUY, Values.NONE);
                case OPTION_SUMMARY:
                    writer.optionSummary(buffer, offset, SOURCE_ID, SOURCE_POSITION, INSTRUMENT_ID, EVENT_TIME,
                        RECEIVE_TIME, dev.tickwire.wire.sbe.OptionType.PUT, 20_000, EVENT_TIME + 1, -4, 0, -1, -6)
                        .markIv(651_234);
                    return MessageWriter.OPTION_SUMMARY_LENGTH;
                default:
                    throw new AssertionError(this);
            }
        }

        long expectedSourcePosition()
        {
            return this == INSTRUMENT ? -1 : SOURCE_POSITION;
        }

        /** Reads the envelope back with this type's own generated decoder, as a real consumer would. */
        Decoded decode(final UnsafeBuffer buffer, final int offset)
        {
            final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
            assertThat(header.templateId()).isEqualTo(templateId);
            final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            final int blockLength = header.blockLength();
            final int version = header.version();
            switch (this)
            {
                case TRADE:
                {
                    final TradeDecoder d = new TradeDecoder().wrap(buffer, body, blockLength, version);
                    return new Decoded(d.sequence(), d.streamSequence(), d.eventTimeNs(), d.receiveTimeNs(),
                        d.sourcePosition(), d.instrumentId(), d.sourceId(), d.verdict(), d.rejectReason());
                }
                case QUOTE:
                {
                    final QuoteDecoder d = new QuoteDecoder().wrap(buffer, body, blockLength, version);
                    return new Decoded(d.sequence(), d.streamSequence(), d.eventTimeNs(), d.receiveTimeNs(),
                        d.sourcePosition(), d.instrumentId(), d.sourceId(), d.verdict(), d.rejectReason());
                }
                case BOOK_DELTA:
                {
                    final BookDeltaDecoder d = new BookDeltaDecoder().wrap(buffer, body, blockLength, version);
                    return new Decoded(d.sequence(), d.streamSequence(), d.eventTimeNs(), d.receiveTimeNs(),
                        d.sourcePosition(), d.instrumentId(), d.sourceId(), d.verdict(), d.rejectReason());
                }
                case INSTRUMENT:
                {
                    final InstrumentDefinitionDecoder d =
                        new InstrumentDefinitionDecoder().wrap(buffer, body, blockLength, version);
                    return new Decoded(d.sequence(), d.streamSequence(), d.eventTimeNs(), d.receiveTimeNs(),
                        d.sourcePosition(), d.instrumentId(), d.sourceId(), d.verdict(), d.rejectReason());
                }
                case STATUS:
                {
                    final SourceStatusDecoder d = new SourceStatusDecoder().wrap(buffer, body, blockLength, version);
                    return new Decoded(d.sequence(), d.streamSequence(), d.eventTimeNs(), d.receiveTimeNs(),
                        d.sourcePosition(), d.instrumentId(), d.sourceId(), d.verdict(), d.rejectReason());
                }
                case CANDLE:
                {
                    final dev.tickwire.wire.sbe.CandleDecoder d =
                        new dev.tickwire.wire.sbe.CandleDecoder().wrap(buffer, body, blockLength, version);
                    return new Decoded(d.sequence(), d.streamSequence(), d.eventTimeNs(), d.receiveTimeNs(),
                        d.sourcePosition(), d.instrumentId(), d.sourceId(), d.verdict(), d.rejectReason());
                }
                case DERIVATIVE_TICKER:
                {
                    final dev.tickwire.wire.sbe.DerivativeTickerDecoder d =
                        new dev.tickwire.wire.sbe.DerivativeTickerDecoder().wrap(buffer, body, blockLength, version);
                    return new Decoded(d.sequence(), d.streamSequence(), d.eventTimeNs(), d.receiveTimeNs(),
                        d.sourcePosition(), d.instrumentId(), d.sourceId(), d.verdict(), d.rejectReason());
                }
                case LIQUIDATION:
                {
                    final dev.tickwire.wire.sbe.LiquidationDecoder d =
                        new dev.tickwire.wire.sbe.LiquidationDecoder().wrap(buffer, body, blockLength, version);
                    return new Decoded(d.sequence(), d.streamSequence(), d.eventTimeNs(), d.receiveTimeNs(),
                        d.sourcePosition(), d.instrumentId(), d.sourceId(), d.verdict(), d.rejectReason());
                }
                case OPTION_SUMMARY:
                {
                    final dev.tickwire.wire.sbe.OptionSummaryDecoder d =
                        new dev.tickwire.wire.sbe.OptionSummaryDecoder().wrap(buffer, body, blockLength, version);
                    return new Decoded(d.sequence(), d.streamSequence(), d.eventTimeNs(), d.receiveTimeNs(),
                        d.sourcePosition(), d.instrumentId(), d.sourceId(), d.verdict(), d.rejectReason());
                }
                default:
                    throw new AssertionError(this);
            }
        }
    }

    private final MessageWriter writer = new MessageWriter();

    /** A buffer filled with a sentinel, so a field the writer forgot to set would show as garbage. */
    private static UnsafeBuffer dirtyBuffer()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        buffer.setMemory(0, buffer.capacity(), (byte)0x5A);
        return buffer;
    }

    @Test
    void tradeEnvelopeOffsetsAreTheSchemaOrderWithNoPadding()
    {
        assertThat(Type.TRADE.offsets()).isEqualTo(new Offsets(0, 8, 16, 24, 32, 40, 44, 46, 47));
        assertThat(Envelope.ENVELOPE_LENGTH).isEqualTo(48);
        assertThat(Envelope.HEADER_LENGTH).isEqualTo(8);
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void everyMessageTypeHasTheEnvelopeAtTradeOffsets(final Type type)
    {
        assertThat(type.offsets()).isEqualTo(Type.TRADE.offsets());
    }

    @Test
    void envelopeFieldsHaveTheSameEncodingLengthsInEveryMessageType()
    {
        assertThat(new int[] {
            QuoteDecoder.sourceIdEncodingLength(), BookDeltaDecoder.sourceIdEncodingLength(),
            InstrumentDefinitionDecoder.sourceIdEncodingLength(), SourceStatusDecoder.sourceIdEncodingLength() })
            .containsOnly(TradeDecoder.sourceIdEncodingLength());
        assertThat(new int[] {
            QuoteDecoder.instrumentIdEncodingLength(), BookDeltaDecoder.instrumentIdEncodingLength(),
            InstrumentDefinitionDecoder.instrumentIdEncodingLength(), SourceStatusDecoder.instrumentIdEncodingLength() })
            .containsOnly(TradeDecoder.instrumentIdEncodingLength());
        assertThat(new int[] {
            QuoteDecoder.rejectReasonEncodingLength(), BookDeltaDecoder.rejectReasonEncodingLength(),
            InstrumentDefinitionDecoder.rejectReasonEncodingLength(), SourceStatusDecoder.rejectReasonEncodingLength() })
            .containsOnly(TradeDecoder.rejectReasonEncodingLength()).containsOnly(1);
        assertThat(java.util.List.of(
            QuoteDecoder.BLOCK_LENGTH, BookDeltaDecoder.BLOCK_LENGTH, InstrumentDefinitionDecoder.BLOCK_LENGTH,
            SourceStatusDecoder.BLOCK_LENGTH, TradeDecoder.BLOCK_LENGTH))
            .allSatisfy(length -> assertThat(length).isGreaterThanOrEqualTo(Envelope.ENVELOPE_LENGTH));
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void readsTheEnvelopeOfEveryMessageType(final Type type)
    {
        final UnsafeBuffer buffer = dirtyBuffer();
        type.write(writer, buffer, OFFSET);

        assertThat(Envelope.templateId(buffer, OFFSET)).isEqualTo(type.templateId);
        assertThat(Envelope.sequence(buffer, OFFSET)).isZero();
        assertThat(Envelope.streamSequence(buffer, OFFSET)).isZero();
        assertThat(Envelope.eventTimeNs(buffer, OFFSET)).isEqualTo(EVENT_TIME);
        assertThat(Envelope.receiveTimeNs(buffer, OFFSET)).isEqualTo(RECEIVE_TIME);
        assertThat(Envelope.sourcePosition(buffer, OFFSET)).isEqualTo(type.expectedSourcePosition());
        assertThat(Envelope.instrumentId(buffer, OFFSET)).isEqualTo(INSTRUMENT_ID);
        assertThat(Envelope.sourceId(buffer, OFFSET)).isEqualTo(SOURCE_ID);
        assertThat(Envelope.isAccepted(buffer, OFFSET)).isTrue();
        assertThat(Envelope.rejectReasonCode(buffer, OFFSET)).isZero();
        assertThat(Envelope.rejectReason(buffer, OFFSET)).isEqualTo(RejectReason.NONE);

        // and it agrees with the type's own decoder
        assertThat(type.decode(buffer, OFFSET)).isEqualTo(new Decoded(0, 0, EVENT_TIME, RECEIVE_TIME,
            type.expectedSourcePosition(), INSTRUMENT_ID, SOURCE_ID, Verdict.ACCEPTED, RejectReason.NONE));
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void writesSequencesThatTheGeneratedDecoderReadsBack(final Type type)
    {
        final UnsafeBuffer buffer = dirtyBuffer();
        final int length = type.write(writer, buffer, OFFSET);
        final byte[] before = new byte[length];
        buffer.getBytes(OFFSET, before);

        Envelope.sequence(buffer, OFFSET, 0x0102_0304_0506_0708L);
        Envelope.streamSequence(buffer, OFFSET, -42L);

        assertThat(type.decode(buffer, OFFSET)).isEqualTo(new Decoded(0x0102_0304_0506_0708L, -42L, EVENT_TIME,
            RECEIVE_TIME, type.expectedSourcePosition(), INSTRUMENT_ID, SOURCE_ID, Verdict.ACCEPTED, RejectReason.NONE));
        assertThat(Envelope.sequence(buffer, OFFSET)).isEqualTo(0x0102_0304_0506_0708L);
        assertThat(Envelope.streamSequence(buffer, OFFSET)).isEqualTo(-42L);

        // only the 16 sequence bytes changed: the header and every other field are untouched
        final byte[] after = new byte[length];
        buffer.getBytes(OFFSET, after);
        final int seqStart = Envelope.HEADER_LENGTH + TradeDecoder.sequenceEncodingOffset();
        for (int i = 0; i < length; i++)
        {
            if (i < seqStart || i >= seqStart + 16)
            {
                assertThat(after[i]).as("byte %d of %s", i, type).isEqualTo(before[i]);
            }
        }
        // and nothing outside the message
        assertThat(buffer.getByte(OFFSET - 1)).isEqualTo((byte)0x5A);
        assertThat(buffer.getByte(OFFSET + length)).isEqualTo((byte)0x5A);
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void rejectSetsVerdictAndReason(final Type type)
    {
        final UnsafeBuffer buffer = dirtyBuffer();
        type.write(writer, buffer, OFFSET);

        Envelope.reject(buffer, OFFSET, RejectReason.PRICE_OFF_TICK);

        assertThat(Envelope.isAccepted(buffer, OFFSET)).isFalse();
        assertThat(Envelope.rejectReason(buffer, OFFSET)).isEqualTo(RejectReason.PRICE_OFF_TICK);
        assertThat(Envelope.rejectReasonCode(buffer, OFFSET)).isEqualTo(4);
        final Decoded decoded = type.decode(buffer, OFFSET);
        assertThat(decoded.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(decoded.rejectReason()).isEqualTo(RejectReason.PRICE_OFF_TICK);
        // the rest of the envelope is untouched
        assertThat(decoded).isEqualTo(new Decoded(0, 0, EVENT_TIME, RECEIVE_TIME, type.expectedSourcePosition(),
            INSTRUMENT_ID, SOURCE_ID, Verdict.REJECTED, RejectReason.PRICE_OFF_TICK));
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void rejectKeepsTheFirstReason(final Type type)
    {
        final UnsafeBuffer buffer = dirtyBuffer();
        type.write(writer, buffer, OFFSET);

        Envelope.reject(buffer, OFFSET, RejectReason.TIME_IN_FUTURE);
        Envelope.reject(buffer, OFFSET, RejectReason.CROSSED_BOOK);

        assertThat(Envelope.isAccepted(buffer, OFFSET)).isFalse();
        assertThat(Envelope.rejectReason(buffer, OFFSET)).isEqualTo(RejectReason.TIME_IN_FUTURE);
        assertThat(type.decode(buffer, OFFSET).rejectReason()).isEqualTo(RejectReason.TIME_IN_FUTURE);
        assertThat(type.decode(buffer, OFFSET).verdict()).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void everyRejectReasonSurvivesTheEnvelope()
    {
        for (final RejectReason reason : RejectReason.values())
        {
            if (reason == RejectReason.NULL_VAL || reason == RejectReason.NONE)
            {
                continue;
            }
            final UnsafeBuffer buffer = dirtyBuffer();
            Type.QUOTE.write(writer, buffer, 0);
            Envelope.reject(buffer, 0, reason);
            assertThat(Envelope.rejectReason(buffer, 0)).isEqualTo(reason);
            assertThat(Envelope.rejectReasonCode(buffer, 0)).isEqualTo(reason.value());
        }
    }

    @Test
    void envelopeWorksAtOffsetZeroAndAtTheEndOfTheBuffer()
    {
        final int length = Type.INSTRUMENT.write(writer, new UnsafeBuffer(new byte[512]), 0);
        final UnsafeBuffer exact = new UnsafeBuffer(new byte[100 + length]);
        Type.INSTRUMENT.write(writer, exact, 100);
        Envelope.sequence(exact, 100, 5);
        assertThat(Envelope.sequence(exact, 100)).isEqualTo(5);
        assertThat(Envelope.instrumentId(exact, 100)).isEqualTo(INSTRUMENT_ID);
        assertThat(Envelope.templateId(exact, 100)).isEqualTo(MessageTypes.INSTRUMENT);
    }
}
