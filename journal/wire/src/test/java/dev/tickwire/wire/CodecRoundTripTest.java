package dev.tickwire.wire;

import dev.tickwire.wire.RecordingListener.Delta;
import dev.tickwire.wire.RecordingListener.Env;
import dev.tickwire.wire.RecordingListener.Instrument;
import dev.tickwire.wire.RecordingListener.Quote;
import dev.tickwire.wire.RecordingListener.Status;
import dev.tickwire.wire.RecordingListener.Trade;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.CandleDecoder;
import dev.tickwire.wire.sbe.DerivativeTickerDecoder;
import dev.tickwire.wire.sbe.LiquidationDecoder;
import dev.tickwire.wire.sbe.OptionSummaryDecoder;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.MessageHeaderDecoder;
import dev.tickwire.wire.sbe.MessageHeaderEncoder;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.StatusCode;
import dev.tickwire.wire.sbe.TradeDecoder;
import dev.tickwire.wire.sbe.Verdict;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every message type encoded by {@link MessageWriter} at a non-zero offset in a larger buffer, dispatched by
 * {@link MessageDispatcher}, comes back field for field.
 */
class CodecRoundTripTest
{
    private static final int OFFSET = 61;
    private static final byte SENTINEL = (byte)0xA5;

    private final MessageWriter writer = new MessageWriter();
    private final MessageDispatcher dispatcher = new MessageDispatcher();
    private final RecordingListener listener = new RecordingListener();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);

    CodecRoundTripTest()
    {
        buffer.setMemory(0, buffer.capacity(), SENTINEL);
    }

    private static Env env(final long sourcePosition, final int instrumentId, final int sourceId,
        final long eventTimeNs, final long receiveTimeNs)
    {
        return new Env(0, 0, eventTimeNs, receiveTimeNs, sourcePosition, instrumentId, sourceId,
            Verdict.ACCEPTED, RejectReason.NONE);
    }

    /** Dispatches the message at OFFSET, checks the return value and that the bytes around it are untouched. */
    private Object dispatch(final int length, final int templateId)
    {
        assertThat(buffer.getByte(OFFSET - 1)).as("byte before the message").isEqualTo(SENTINEL);
        assertThat(buffer.getByte(OFFSET + length)).as("byte after the message").isEqualTo(SENTINEL);
        assertThat(dispatcher.dispatch(buffer, OFFSET, listener)).isEqualTo(templateId);
        return listener.only();
    }

    @Test
    void tradeWithExtremeMantissasAndAbsentBidAsk()
    {
        final int length = writer.trade(buffer, OFFSET, 65_535, Long.MAX_VALUE, Integer.MIN_VALUE,
            -1L, Long.MIN_VALUE + 1, -987_654_321_012L, Long.MAX_VALUE, Side.SELL, Long.MIN_VALUE + 7,
            Values.NONE, Values.NONE);

        assertThat(length).isEqualTo(MessageHeaderEncoder.ENCODED_LENGTH + TradeDecoder.BLOCK_LENGTH);
        final Trade trade = (Trade)dispatch(length, MessageTypes.TRADE);
        assertThat(trade).isEqualTo(new Trade(env(Long.MAX_VALUE, Integer.MIN_VALUE, 65_535, -1L, Long.MIN_VALUE + 1),
            -987_654_321_012L, Long.MAX_VALUE, Long.MIN_VALUE + 7, Values.NONE, Values.NONE, Side.SELL));
        // the schema's null value for the optional prices is Values.NONE
        assertThat(trade.bidPrice()).isEqualTo(TradeDecoder.bidPriceNullValue());
        assertThat(trade.askPrice()).isEqualTo(TradeDecoder.askPriceNullValue());
    }

    @ParameterizedTest
    @EnumSource(value = Side.class, names = "NULL_VAL", mode = EnumSource.Mode.EXCLUDE)
    void tradeWithBidAskAndEveryAggressor(final Side aggressor)
    {
        final int length = writer.trade(buffer, OFFSET, 3, 123_456_789_012L, 42,
            1_795_253_400_123_456_789L, 1_795_253_400_123_999_000L, 585_325, 7, aggressor, 991_122_334_455L,
            585_300, FixedPoint.NOT_FINITE);

        assertThat(dispatch(length, MessageTypes.TRADE)).isEqualTo(new Trade(
            env(123_456_789_012L, 42, 3, 1_795_253_400_123_456_789L, 1_795_253_400_123_999_000L),
            585_325, 7, 991_122_334_455L, 585_300, FixedPoint.NOT_FINITE, aggressor));
    }

    @Test
    void quoteWithNegativeAndHugeMantissas()
    {
        final int length = writer.quote(buffer, OFFSET, 1, -5, Integer.MAX_VALUE, 0, Long.MAX_VALUE,
            -1L, Long.MAX_VALUE, Long.MIN_VALUE, -999_999_999_999_999_999L);

        assertThat(length).isEqualTo(MessageHeaderEncoder.ENCODED_LENGTH + QuoteDecoder.BLOCK_LENGTH);
        assertThat(dispatch(length, MessageTypes.QUOTE)).isEqualTo(new Quote(
            env(-5, Integer.MAX_VALUE, 1, 0, Long.MAX_VALUE),
            -1L, Long.MAX_VALUE, Long.MIN_VALUE, -999_999_999_999_999_999L));
    }

    @Test
    void emptyQuoteSidesAreZero()
    {
        final int length = writer.quote(buffer, OFFSET, 2, 10, 7, 100, 200, 0, 0, 585_350, 4);
        assertThat(dispatch(length, MessageTypes.QUOTE)).isEqualTo(new Quote(env(10, 7, 2, 100, 200), 0, 0, 585_350, 4));
    }

    @Test
    void bookDeltaWithEveryActionSideAndFlagCombination()
    {
        final List<BookAction> actions = Arrays.stream(BookAction.values())
            .filter(a -> a != BookAction.NULL_VAL).collect(Collectors.toList());
        final List<BookSide> sides = Arrays.stream(BookSide.values())
            .filter(s -> s != BookSide.NULL_VAL).collect(Collectors.toList());
        assertThat(actions).containsExactly(BookAction.CLEAR, BookAction.ADD, BookAction.MODIFY, BookAction.DELETE);
        assertThat(sides).containsExactly(BookSide.BID, BookSide.ASK);

        int checked = 0;
        for (final BookAction action : actions)
        {
            for (final BookSide side : sides)
            {
                for (int flags = 0; flags < 8; flags++)
                {
                    listener.events.clear();
                    buffer.setMemory(0, buffer.capacity(), SENTINEL); // dirty flags byte: clear() must reset it
                    final long price = side == BookSide.BID ? -123_456_789L : Long.MAX_VALUE - flags;
                    final int length = writer.bookDelta(buffer, OFFSET, 500 + flags, 1_000L * flags, -7,
                        1_795_253_400_000_000_001L, 1_795_253_400_000_000_002L, action, side, price,
                        Long.MIN_VALUE + 1, Integer.MAX_VALUE - flags, flags);

                    assertThat(length).isEqualTo(MessageHeaderEncoder.ENCODED_LENGTH + BookDeltaDecoder.BLOCK_LENGTH);
                    assertThat(dispatch(length, MessageTypes.BOOK_DELTA)).as("%s %s flags=%d", action, side, flags)
                        .isEqualTo(new Delta(
                            env(1_000L * flags, -7, 500 + flags, 1_795_253_400_000_000_001L, 1_795_253_400_000_000_002L),
                            price, Long.MIN_VALUE + 1, Integer.MAX_VALUE - flags, action, side,
                            (flags & DeltaFlagBits.SNAPSHOT) != 0,
                            (flags & DeltaFlagBits.END_OF_BATCH) != 0,
                            (flags & DeltaFlagBits.CORRECTION) != 0,
                            (short)flags));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(4 * 2 * 8);
    }

    @Test
    void deltaFlagBitsMatchTheSchemaChoices()
    {
        assertThat(DeltaFlagBits.SNAPSHOT).isEqualTo(1);
        assertThat(DeltaFlagBits.END_OF_BATCH).isEqualTo(2);
        assertThat(DeltaFlagBits.CORRECTION).isEqualTo(4);

        final int all = DeltaFlagBits.SNAPSHOT | DeltaFlagBits.END_OF_BATCH | DeltaFlagBits.CORRECTION;
        final int length = writer.bookDelta(buffer, OFFSET, 1, 2, 3, 4, 5, BookAction.ADD, BookSide.BID, 6, 7, 8, all);
        final Delta delta = (Delta)dispatch(length, MessageTypes.BOOK_DELTA);
        assertThat(delta.snapshot()).isTrue();
        assertThat(delta.endOfBatch()).isTrue();
        assertThat(delta.correction()).isTrue();
        assertThat(delta.rawFlags()).isEqualTo((short)7);
    }

    @Test
    void instrumentWithFullLengthSymbolAndVenue()
    {
        final String symbol = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
        final String venue = "XNAS.ITCH.MOLD64";
        assertThat(symbol).hasSize(32);
        assertThat(venue).hasSize(16);

        final int length = writer.instrument(buffer, OFFSET, 65_535, Integer.MIN_VALUE,
            -1_000_000_000L, Long.MAX_VALUE, symbol, venue, -8, 3, Long.MAX_VALUE);

        assertThat(length).isEqualTo(MessageHeaderEncoder.ENCODED_LENGTH + InstrumentDefinitionDecoder.BLOCK_LENGTH);
        assertThat(dispatch(length, MessageTypes.INSTRUMENT)).isEqualTo(new Instrument(
            env(-1, Integer.MIN_VALUE, 65_535, -1_000_000_000L, Long.MAX_VALUE),
            symbol, venue, (byte)-8, (byte)3, Long.MAX_VALUE));
    }

    @Test
    void instrumentWithShortSymbolIsNotPaddedWithGarbage()
    {
        // the buffer is full of 0xA5: a short symbol must be zero padded so it decodes exactly
        final int length = writer.instrument(buffer, OFFSET, 4, 9, 1, 2, "ES", "CME", -128, 127, -25);

        assertThat(dispatch(length, MessageTypes.INSTRUMENT)).isEqualTo(new Instrument(
            env(-1, 9, 4, 1, 2), "ES", "CME", (byte)-128, (byte)127, -25));
    }

    @Test
    void symbolLongerThan32CharsIsRefused()
    {
        assertThatThrownBy(() -> writer.instrument(buffer, OFFSET, 1, 1, 1, 1,
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", "CME", -2, 0, 1))
            .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @ParameterizedTest
    @EnumSource(value = StatusCode.class, names = "NULL_VAL", mode = EnumSource.Mode.EXCLUDE)
    void statusWithEveryCode(final StatusCode code)
    {
        final long value = code.ordinal() % 2 == 0 ? Long.MAX_VALUE - code.ordinal() : -1L - code.ordinal();
        final int length = writer.status(buffer, OFFSET, 12, 88_000_000_000L + code.value(), 0,
            1_795_253_400_000_000_000L, 1_795_253_400_000_000_500L, code, value);

        assertThat(length).isEqualTo(MessageHeaderEncoder.ENCODED_LENGTH + SourceStatusDecoder.BLOCK_LENGTH);
        assertThat(dispatch(length, MessageTypes.STATUS)).isEqualTo(new Status(
            env(88_000_000_000L + code.value(), 0, 12, 1_795_253_400_000_000_000L, 1_795_253_400_000_000_500L),
            code, value));
    }

    @Test
    void allStatusCodesAreCovered()
    {
        assertThat(StatusCode.values()).containsExactly(StatusCode.HEARTBEAT, StatusCode.STALLED, StatusCode.GAP,
            StatusCode.DISCONNECTED, StatusCode.RESYNCED, StatusCode.REPLAY_START, StatusCode.REPLAY_END,
            StatusCode.TRADING_HALTED, StatusCode.QUOTING_RESUMED, StatusCode.TRADING_RESUMED, StatusCode.READ_ERROR,
            StatusCode.ALERT_FIRING, StatusCode.ALERT_RESOLVED,
            StatusCode.NULL_VAL);
    }

    @Test
    void encodedLengthsAreHeaderPlusBlockLengthAndFitTheMaximum()
    {
        final int trade = writer.trade(buffer, OFFSET, 1, 1, 1, 1, 1, 1, 1, Side.BUY, 1, 1, 1);
        final int quote = writer.quote(buffer, OFFSET, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        final int delta = writer.bookDelta(buffer, OFFSET, 1, 1, 1, 1, 1, BookAction.ADD, BookSide.BID, 1, 1, 1, 0);
        final int instrument = writer.instrument(buffer, OFFSET, 1, 1, 1, 1, "X", "Y", 0, 0, 1);
        final int status = writer.status(buffer, OFFSET, 1, 1, 1, 1, 1, StatusCode.HEARTBEAT, 0);

        assertThat(trade).isEqualTo(8 + TradeDecoder.BLOCK_LENGTH).isEqualTo(8 + 89);
        assertThat(quote).isEqualTo(8 + QuoteDecoder.BLOCK_LENGTH).isEqualTo(8 + 80);
        assertThat(delta).isEqualTo(8 + BookDeltaDecoder.BLOCK_LENGTH).isEqualTo(8 + 71);
        assertThat(instrument).isEqualTo(8 + InstrumentDefinitionDecoder.BLOCK_LENGTH).isEqualTo(8 + 106);
        assertThat(status).isEqualTo(8 + SourceStatusDecoder.BLOCK_LENGTH).isEqualTo(8 + 57);

        final int candle = writer.candle(buffer, OFFSET, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        final int liquidation = writer.liquidation(buffer, OFFSET, 1, 1, 1, 1, 1, 1, 1, Side.BUY, 1);
        final int ticker = MessageWriter.DERIVATIVE_TICKER_LENGTH;
        final int option = MessageWriter.OPTION_SUMMARY_LENGTH;
        assertThat(candle).isEqualTo(8 + CandleDecoder.BLOCK_LENGTH).isEqualTo(8 + 120);
        assertThat(liquidation).isEqualTo(8 + LiquidationDecoder.BLOCK_LENGTH).isEqualTo(8 + 73);
        assertThat(ticker).isEqualTo(8 + DerivativeTickerDecoder.BLOCK_LENGTH).isEqualTo(8 + 107);
        assertThat(option).isEqualTo(8 + OptionSummaryDecoder.BLOCK_LENGTH).isEqualTo(8 + 197);

        final List<Integer> all = List.of(trade, quote, delta, instrument, status, candle, liquidation, ticker, option);
        assertThat(all).allSatisfy(length -> assertThat(length).isLessThanOrEqualTo(MessageTypes.MAX_MESSAGE_LENGTH));
        // and the maximum is tight: it is the longest message (an option summary), not an arbitrary bound
        assertThat(MessageTypes.MAX_MESSAGE_LENGTH).isEqualTo(all.stream().mapToInt(Integer::intValue).max().getAsInt())
            .isEqualTo(option);
    }

    @Test
    void headerCarriesSchemaTemplateAndBlockLength()
    {
        writer.quote(buffer, OFFSET, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, OFFSET);
        assertThat(header.schemaId()).isEqualTo(7301);
        assertThat(header.templateId()).isEqualTo(MessageTypes.QUOTE).isEqualTo(3);
        assertThat(header.blockLength()).isEqualTo(QuoteDecoder.BLOCK_LENGTH);
        assertThat(header.version()).isEqualTo(QuoteDecoder.SCHEMA_VERSION);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 7300, 7302, 65_535 })
    void messageOfAnotherSchemaIsIgnored(final int schemaId)
    {
        writer.trade(buffer, OFFSET, 1, 1, 1, 1, 1, 585_325, 1, Side.BUY, 1, Values.NONE, Values.NONE);
        buffer.putShort(OFFSET + MessageHeaderDecoder.schemaIdEncodingOffset(), (short)schemaId,
            MessageHeaderDecoder.BYTE_ORDER);

        final MarketDataListener failing = new MarketDataListener()
        {
            @Override
            public void onTrade(final TradeDecoder trade)
            {
                throw new AssertionError("onTrade called for schema " + schemaId);
            }
        };
        assertThat(dispatcher.dispatch(buffer, OFFSET, failing)).isEqualTo(-1);
        assertThat(dispatcher.dispatch(buffer, OFFSET, listener)).isEqualTo(-1);
        assertThat(listener.events).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 11, 99, 65_535 })
    void unknownTemplateOfOurSchemaIsIgnored(final int templateId)
    {
        writer.quote(buffer, OFFSET, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        buffer.putShort(OFFSET + MessageHeaderDecoder.templateIdEncodingOffset(), (short)templateId,
            MessageHeaderDecoder.BYTE_ORDER);

        assertThat(dispatcher.dispatch(buffer, OFFSET, listener)).isEqualTo(-1);
        assertThat(listener.events).isEmpty();
    }

    @Test
    void messagesBackToBackDispatchInOrder()
    {
        int at = OFFSET;
        final int first = at;
        at += writer.trade(buffer, at, 1, 10, 5, 100, 101, 585_325, 2, Side.BUY, 9, Values.NONE, 585_350);
        final int second = at;
        at += writer.status(buffer, at, 1, 11, 5, 102, 103, StatusCode.STALLED, 250);
        final int third = at;
        writer.quote(buffer, at, 1, 12, 5, 104, 105, 585_300, 1, 585_350, 2);

        assertThat(dispatcher.dispatch(buffer, first, listener)).isEqualTo(MessageTypes.TRADE);
        assertThat(dispatcher.dispatch(buffer, second, listener)).isEqualTo(MessageTypes.STATUS);
        assertThat(dispatcher.dispatch(buffer, third, listener)).isEqualTo(MessageTypes.QUOTE);
        assertThat(listener.events).containsExactly(
            new Trade(env(10, 5, 1, 100, 101), 585_325, 2, 9, Values.NONE, 585_350, Side.BUY),
            new Status(env(11, 5, 1, 102, 103), StatusCode.STALLED, 250),
            new Quote(env(12, 5, 1, 104, 105), 585_300, 1, 585_350, 2));
    }

    @Test
    void messageTypeNamesRoundTrip()
    {
        for (final int id : new int[] { MessageTypes.INSTRUMENT, MessageTypes.TRADE, MessageTypes.QUOTE,
            MessageTypes.BOOK_DELTA, MessageTypes.STATUS })
        {
            assertThat(MessageTypes.byName(MessageTypes.name(id))).isEqualTo(id);
        }
        assertThat(MessageTypes.name(MessageTypes.BOOK_DELTA)).isEqualTo("book_delta");
        assertThat(MessageTypes.name(42)).isEqualTo("unknown");
        assertThat(MessageTypes.byName("nope")).isEqualTo(-1);
        assertThat(MessageTypes.isMarketEvent(MessageTypes.TRADE)).isTrue();
        assertThat(MessageTypes.isMarketEvent(MessageTypes.BOOK_DELTA)).isTrue();
        assertThat(MessageTypes.isMarketEvent(MessageTypes.STATUS)).isFalse();
        assertThat(MessageTypes.isMarketEvent(MessageTypes.INSTRUMENT)).isFalse();
    }
}
