package dev.tickwire.engine.rows;

import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.OptionType;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Reference data with real values, for the tests of every reader and output: a perpetual (price exponent -1,
 * size exponent -3) with candles, derivative tickers and liquidations, and an option with summaries. Round
 * {@code r} is at {@code t0 + r} minutes; odd rounds leave the optional values out. The messages are encoded
 * with the one writer, accepted, sequence 0 (the caller or the ring stamps it).
 *
 * <p>Values of round 0: candle 43500.0 / 43525.5 / 43490.1 / 43521.1, volume 12.345, buy 7.5, 321 trades;
 * ticker funding -0.00012345 (at t0 + 8 h), open interest 12345.678, last 43521.1, index 43520.98765432, mark
 * 43521.12345678; liquidation sell 0.25 @ 43480.5 id 99; option call, strike 50000, mark 0.0415, mark IV
 * 65.1234, delta 0.5123, gamma 0.00001234, theta -45.6789, vega 12.3456, bid 0.041 × 12.5 (IV 64.5), ask
 * 0.042 × 3.0 (IV 66), underlying 43521.12, open interest 1234.5. Round r adds r to the last digit of the
 * candle's prices, the open interest, the mark price and the mark IV.
 */
public final class ReferenceSamples
{
    public static final String PERP = "BTC-PERP";
    public static final String OPTION = "BTC-27DEC24-50000-C";
    public static final String VENUE = "DERIBIT";
    public static final long EXPIRATION_NS = Timestamps.parse("2024-12-27T08:00:00Z");
    public static final long MINUTE_NS = 60_000_000_000L;
    /** Messages a round holds. */
    public static final int PER_ROUND = 4;

    private final MessageWriter writer = new MessageWriter();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private final int source;
    private long position;

    /** @param source the source id stamped on the messages */
    public ReferenceSamples(final int source)
    {
        this.source = source;
    }

    /** Registers the perpetual and the option in a journal's catalog: {perp, option}. */
    public static Instrument[] register(final InstrumentCatalog catalog)
    {
        return new Instrument[] {catalog.register(PERP, VENUE, -1, -3, 1), catalog.register(OPTION, VENUE, -4, -1, 5)};
    }

    /** The definitions of both instruments, as a source journals them before their data. */
    public List<byte[]> definitions(final Instrument[] instruments, final long t0)
    {
        final List<byte[]> out = new ArrayList<>();
        for (final Instrument i : instruments)
        {
            out.add(copy(writer.instrument(buffer, 0, source, i.id(), t0, t0, i.symbol(), i.venue(), i.priceExponent(),
                i.sizeExponent(), i.tickSize())));
        }
        return out;
    }

    /** One round: a candle, a derivative ticker and a liquidation of the perpetual, a summary of the option. */
    public List<byte[]> round(final Instrument[] instruments, final long t0, final int r)
    {
        final int perp = instruments[0].id();
        final int option = instruments[1].id();
        final long t = t0 + r * MINUTE_NS;
        final boolean full = r % 2 == 0;
        final List<byte[]> out = new ArrayList<>();
        out.add(copy(writer.candle(buffer, 0, source, ++position, perp, t - MINUTE_NS, MINUTE_NS, t + 1_000,
            435_000 + r, 435_255 + r, 434_901 + r, 435_211 + r, 12_345, full ? 7_500 : Values.NONE,
            full ? 321 : Values.NONE)));
        final var ticker = writer.derivativeTicker(buffer, 0, source, ++position, perp, t + 1, t + 2_000, -8, -3, -8)
            .fundingRate(-12_345).openInterest(12_345_678 + r).lastPrice(4_352_110_000_000L)
            .indexPrice(4_352_098_765_432L).markPrice(4_352_112_345_678L + r);
        if (full)
        {
            ticker.fundingTimeNs(t0 + 480 * MINUTE_NS);
        }
        out.add(copy(MessageWriter.DERIVATIVE_TICKER_LENGTH));
        out.add(copy(writer.liquidation(buffer, 0, source, ++position, perp, t + 2, t + 3_000, 434_805, 250,
            full ? Side.SELL : Side.BUY, full ? 99 : Values.NONE)));
        final var summary = writer.optionSummary(buffer, 0, source, ++position, option, t + 3, t + 4_000,
            OptionType.CALL, 5_000_000, EXPIRATION_NS, -4, -2, -1, -8)
            .markPrice(415).markIv(6_512_340_000L + r).delta(51_230_000).gamma(1_234).theta(-4_567_890_000L)
            .underlyingPrice(4_352_112).openInterest(12_345 + r);
        if (full)
        {
            summary.bidPrice(410).bidSize(125).bidIv(6_450_000_000L).askPrice(420).askSize(30).askIv(6_600_000_000L)
                .vega(1_234_560_000L);
        }
        out.add(copy(MessageWriter.OPTION_SUMMARY_LENGTH));
        return out;
    }

    /** A derivative ticker whose rate exponent (-40) is out of range, as the validator journals it: rejected. */
    public byte[] rejectedTicker(final Instrument perp, final long t)
    {
        writer.derivativeTicker(buffer, 0, source, ++position, perp.id(), t, t, -8, -3, -40).fundingRate(7);
        Envelope.reject(buffer, 0, RejectReason.MALFORMED);
        return copy(MessageWriter.DERIVATIVE_TICKER_LENGTH);
    }

    private byte[] copy(final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
