package dev.tickwire.adapters.tardis;

import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.wire.FixedPoint;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides each instrument's exponents and tick size, once, for every source of an import: given
 * on the command line, else what the journal already holds for the symbol (a journal's exponents
 * never change), else inferred from the decimals in the scanned rows (an instrument first seen
 * after the scanned rows gets the most decimals seen in any of them).
 */
final class TardisScales
{
    static final int MAX_DECIMALS = 18;

    /** Exponents and tick size (a price mantissa) of one instrument, and where they came from. */
    record Scale(String instrument, int priceExponent, int sizeExponent, long tickSize, String origin)
    {
        String describe()
        {
            return instrument + ": price exponent " + priceExponent + ", size exponent " + sizeExponent + ", tick size " +
                FixedPoint.toDecimalString(tickSize, priceExponent) + " (" + origin + ")";
        }
    }

    private final Integer priceExponent;
    private final Integer sizeExponent;
    private final String tickSize;
    private final Map<String, int[]> decimals;
    private final int[] anyDecimals = new int[2];
    private final InstrumentCatalog catalog;
    private final Map<String, Scale> decided = new LinkedHashMap<>();

    TardisScales(
        final Integer priceExponent, final Integer sizeExponent, final String tickSize, final Map<String, int[]> decimals,
        final InstrumentCatalog catalog)
    {
        this.priceExponent = priceExponent;
        this.sizeExponent = sizeExponent;
        this.tickSize = tickSize;
        this.decimals = decimals;
        this.catalog = catalog;
        for (final int[] d : decimals.values())
        {
            anyDecimals[0] = Math.max(anyDecimals[0], d[0]);
            anyDecimals[1] = Math.max(anyDecimals[1], d[1]);
        }
        if (tickSize != null)
        {
            final BigDecimal tick;
            try
            {
                tick = new BigDecimal(tickSize);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("--tick-size '" + tickSize + "' is not a decimal number");
            }
            if (tick.signum() <= 0)
            {
                throw new IllegalArgumentException("--tick-size must be positive, got " + tickSize);
            }
        }
    }

    /**
     * @throws IllegalArgumentException if given exponents differ from the journal's for this symbol,
     *                                  or the tick size has more decimals than the price exponent
     */
    synchronized Scale of(final String instrument)
    {
        final Scale known = decided.get(instrument);
        if (known != null)
        {
            return known;
        }
        final Instrument journaled = catalog.bySymbol(instrument).orElse(null);
        final int[] d = decimals.get(instrument);
        final int[] inferred = d != null ? d : anyDecimals;
        final int pe;
        final int se;
        final String origin;
        if (priceExponent != null || sizeExponent != null)
        {
            pe = priceExponent != null ? priceExponent : journaled != null ? journaled.priceExponent() : -inferred[0];
            se = sizeExponent != null ? sizeExponent : journaled != null ? journaled.sizeExponent() : -inferred[1];
            origin = "given";
            if (journaled != null && (journaled.priceExponent() != pe || journaled.sizeExponent() != se))
            {
                throw new IllegalArgumentException("instrument " + instrument + " is journaled with price exponent " +
                    journaled.priceExponent() + " and size exponent " + journaled.sizeExponent() + "; exponents " + pe +
                    " and " + se + " would corrupt the journal");
            }
        }
        else if (journaled != null)
        {
            pe = journaled.priceExponent();
            se = journaled.sizeExponent();
            origin = "as the journal holds it" + (inferred[0] > -pe || inferred[1] > -se ? "; the data has up to " +
                inferred[0] + " price and " + inferred[1] + " amount decimals, rows with more are malformed" : "");
        }
        else
        {
            pe = -Math.min(inferred[0], MAX_DECIMALS);
            se = -Math.min(inferred[1], MAX_DECIMALS);
            origin = d != null ? "inferred from the data" : "not in the scanned rows: the most decimals of any instrument";
        }
        final long tick;
        if (tickSize != null)
        {
            tick = tickMantissa(instrument, pe);
        }
        else
        {
            tick = journaled != null && journaled.priceExponent() == pe ? journaled.tickSize() : 1;
        }
        final Scale scale = new Scale(instrument, pe, se, tick, origin);
        decided.put(instrument, scale);
        return scale;
    }

    /** Every scale decided so far, in the order decided. */
    synchronized Map<String, Scale> decided()
    {
        return new LinkedHashMap<>(decided);
    }

    private long tickMantissa(final String instrument, final int pe)
    {
        try
        {
            final long tick = new BigDecimal(tickSize).movePointRight(-pe).longValueExact();
            if (tick <= 0)
            {
                throw new ArithmeticException();
            }
            return tick;
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException("--tick-size " + tickSize + " is not a whole number of price units of " +
                instrument + " (price exponent " + pe + "); pass --price-exponent with more decimals");
        }
    }
}
