package dev.tickwire.tools.snapshots;

import dev.tickwire.engine.book.L2Book;
import dev.tickwire.journal.Instrument;
import dev.tickwire.wire.FixedPoint;

import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A LOBSTER order book file: no header; per snapshot one row
 * {@code AskP1,AskS1,BidP1,BidS1,AskP2,AskS2,BidP2,BidS2,…} for N levels. Like LOBSTER's own files
 * it carries no time: row k is the book after snapshot k (the times are in the other formats).
 *
 * <p>Prices are integers, the price × 10000: the fixed-point mantissa × 10^(4 + priceExponent),
 * computed in integer arithmetic, exactly whenever the exponent is -4 or coarser (5000.25 at
 * exponent -2 is 500025 × 100 = 50002500). An instrument priced finer than 4 decimals cannot be
 * represented exactly: its price is rounded half up to the nearest 1/10000, ties away from zero
 * ({@link RoundingMode#HALF_UP}, symmetric for negative prices). Sizes are integers, the size
 * mantissa scaled to exponent 0 (rounded the same way if the size exponent is negative, i.e. the
 * instrument trades fractional sizes). Missing levels are padded as LOBSTER does: ask price
 * 9999999999, bid price -9999999999, size 0.
 */
final class LobsterFormat extends SnapshotFormat
{
    static final long EMPTY_ASK_PRICE = 9_999_999_999L;
    static final long EMPTY_BID_PRICE = -9_999_999_999L;
    /** LOBSTER prices are dollars × 10000: 4 implied decimals. */
    static final int PRICE_DECIMALS = 4;

    LobsterFormat(final Instrument instrument, final int levels, final Writer out)
    {
        super(instrument, levels, out);
    }

    @Override
    public void write(final BookLevels book, final long timestampNs, final long localTimestampNs)
    {
        for (int i = 0; i < levels; i++)
        {
            if (i > 0)
            {
                line.append(',');
            }
            level(book, L2Book.ASK, i);
            line.append(',');
            level(book, L2Book.BID, i);
        }
        endLine();
    }

    private void level(final BookLevels book, final int side, final int index)
    {
        if (index < book.count(side))
        {
            line.append(scale(book.price(side, index), instrument.priceExponent() + PRICE_DECIMALS)).append(',')
                .append(scale(book.size(side, index), instrument.sizeExponent()));
        }
        else
        {
            line.append(side == L2Book.ASK ? EMPTY_ASK_PRICE : EMPTY_BID_PRICE).append(",0");
        }
    }

    /**
     * mantissa × 10^shift as a long: exact for shift >= 0, rounded half up (ties away from zero)
     * for shift < 0.
     *
     * @throws ArithmeticException if the result does not fit a long
     */
    static long scale(final long mantissa, final int shift)
    {
        if (shift >= 0)
        {
            if (shift > 18)
            {
                return BigDecimal.valueOf(mantissa).movePointRight(shift).longValueExact();
            }
            return Math.multiplyExact(mantissa, FixedPoint.pow10(shift));
        }
        if (-shift > 18)
        {
            return BigDecimal.valueOf(mantissa).movePointLeft(-shift).setScale(0, RoundingMode.HALF_UP).longValueExact();
        }
        final long divisor = FixedPoint.pow10(-shift);
        final long quotient = mantissa / divisor;
        final long remainder = Math.abs(mantissa % divisor); // < divisor <= 10^18: doubling it cannot overflow
        if (remainder * 2 >= divisor)
        {
            return mantissa < 0 ? quotient - 1 : quotient + 1;
        }
        return quotient;
    }
}
