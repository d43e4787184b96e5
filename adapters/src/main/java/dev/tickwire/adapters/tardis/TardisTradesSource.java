package dev.tickwire.adapters.tardis;

import dev.tickwire.adapters.csv.CsvLines;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.Side;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Tardis {@code trades}: {@code exchange,symbol,timestamp,local_timestamp,id,side,price,amount}, a Trade a row. */
final class TardisTradesSource extends TardisSource
{
    private static final int ID = 4;
    private static final int SIDE = 5;
    private static final int PRICE = 6;
    private static final int AMOUNT = 7;
    private static final byte[] BUY = "buy".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SELL = "sell".getBytes(StandardCharsets.US_ASCII);

    TardisTradesSource(
        final int sourceId, final List<Path> files, final long[] firstEventTimeNs, final String firstExchange,
        final String firstSymbol, final TardisScales scales, final TardisImport.Refusals refusals)
    {
        super(TardisDataset.TRADES, sourceId, files, firstEventTimeNs, firstExchange, firstSymbol, scales, refusals);
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
        final long price = row.decimal(PRICE, instruments.priceExponent(entry));
        final long size = row.decimal(AMOUNT, instruments.sizeExponent(entry));
        final Side aggressor = row.is(SIDE, BUY) ? Side.BUY : row.is(SIDE, SELL) ? Side.SELL : Side.NONE;
        final long tradeId = tradeId(row, ID);
        lastEventTimeNs = eventNs;

        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        slot.length(writer.trade(slot.buffer(), 0, sourceId, rowPosition, instruments.id(entry), eventNs, receiveNs, price, size,
            aggressor, tradeId, Values.NONE, Values.NONE));
        publisher.publish(sequence);
        trades++;
    }

    /**
     * The id as a number if it is one (digits that fit a long), else a stable 64-bit hash of its
     * bytes (FNV-1a), so text ids (UUIDs, "ETH-123") still tell trades apart; 0 if empty.
     */
    static long tradeId(final CsvLines row, final int field)
    {
        final int length = row.length(field);
        if (length == 0)
        {
            return 0;
        }
        long value = 0;
        int i = 0;
        for (; i < length; i++)
        {
            final int d = row.byteAt(field, i) - '0';
            if (d < 0 || d > 9 || value > (Long.MAX_VALUE - d) / 10)
            {
                break;
            }
            value = value * 10 + d;
        }
        if (i == length)
        {
            return value;
        }
        long h = 0xcbf29ce484222325L;
        for (int k = 0; k < length; k++)
        {
            h = (h ^ (row.byteAt(field, k) & 0xff)) * 0x100000001b3L;
        }
        return h;
    }
}
