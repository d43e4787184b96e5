package dev.tickwire.adapters.tardis;

import dev.tickwire.adapters.csv.CsvFormatException;
import dev.tickwire.adapters.csv.CsvLines;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Tardis {@code liquidations}: {@code exchange,symbol,timestamp,local_timestamp,id,side,price,amount}, a Liquidation
 * a row, price and amount at the instrument's exponents (as trades). The side is the forced order's ({@code buy}: a
 * short was liquidated); any other side is a malformed row. The id: digits that fit a long are the number, other text
 * a stable 64-bit hash of its bytes (FNV-1a, as trade ids), an empty id is absent (null).
 */
final class TardisLiquidationsSource extends TardisSource
{
    private static final int ID = 4;
    private static final int SIDE = 5;
    private static final int PRICE = 6;
    private static final int AMOUNT = 7;
    private static final byte[] BUY = "buy".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SELL = "sell".getBytes(StandardCharsets.US_ASCII);

    TardisLiquidationsSource(
        final int sourceId, final List<Path> files, final long[] firstEventTimeNs, final String firstExchange,
        final String firstSymbol, final TardisScales scales, final TardisImport.Refusals refusals)
    {
        super(TardisDataset.LIQUIDATIONS, sourceId, files, firstEventTimeNs, firstExchange, firstSymbol, scales,
            refusals);
    }

    @Override
    protected void row(final CsvLines row, final long rowPosition)
    {
        if (!fresh(rowPosition))
        {
            alreadyJournaled++;
            return;
        }
        final int entry = instrument(row);
        final long eventNs = nanos(row, TardisHeader.TIMESTAMP);
        final long receiveNs = nanos(row, TardisHeader.LOCAL_TIMESTAMP);
        final Side side = row.is(SIDE, BUY) ? Side.BUY : row.is(SIDE, SELL) ? Side.SELL : null;
        if (side == null)
        {
            throw new CsvFormatException("field " + (SIDE + 1) + " (side) is not a liquidation side (buy or sell): " +
                row.quoted(SIDE));
        }
        final long price = row.decimal(PRICE, instruments.priceExponent(entry));
        final long size = row.decimal(AMOUNT, instruments.sizeExponent(entry));
        final long id = row.isEmpty(ID) ? Values.NONE : TardisTradesSource.tradeId(row, ID);
        lastEventTimeNs = eventNs;

        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(writer.liquidation(slot.buffer(), 0, sourceId, rowPosition, instruments.id(entry), eventNs,
            receiveNs, price, size, side, id));
        publisher.publish(sequence);
        liquidations++;
    }

    /** A malformed row is journaled as a liquidation without values, rejected MALFORMED. */
    @Override
    protected void publishMalformed(final long position, final int instrumentId)
    {
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(writer.liquidation(slot.buffer(), 0, sourceId, position, instrumentId, lastEventTimeNs,
            clock.nanoTime(), 0, 0, Side.NONE, Values.NONE));
        Envelope.reject(slot.buffer(), 0, RejectReason.MALFORMED);
        publisher.publish(sequence);
    }
}
