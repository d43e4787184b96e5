package dev.tickwire.adapters.rest;

import dev.tickwire.adapters.imports.ImportFiles;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.wire.FixedPoint;

import java.util.Optional;

/**
 * An instrument as an API defines it: {@code venue:SYMBOL}, the exponents its prices and sizes are kept at and its
 * tick (a mantissa at the price exponent).
 */
record InstrumentSpec(String symbol, String venue, int priceExponent, int sizeExponent, long tickSize)
{
    /** The longest symbol the wire format carries. */
    static final int MAX_SYMBOL = 32;

    /**
     * The spec of a tick and a step as the API writes them, at the exponents they need unless the journal already
     * knows the instrument at finer ones (changing them would corrupt the journal; finer ones hold these values).
     *
     * @throws IllegalArgumentException a symbol too long, or an exponent tickwire cannot keep
     */
    static InstrumentSpec of(
        final InstrumentCatalog catalog, final String symbol, final String venue, final String tick, final String step)
    {
        if (symbol.length() > MAX_SYMBOL)
        {
            throw new IllegalArgumentException(symbol + ": longer than " + MAX_SYMBOL + " characters");
        }
        int pe = FixedPoint.exponentOf(tick);
        int se = FixedPoint.exponentOf(step);
        final Optional<Instrument> known = catalog.bySymbol(symbol);
        if (known.isPresent() && known.get().priceExponent() <= pe)
        {
            pe = known.get().priceExponent();
        }
        if (known.isPresent() && known.get().sizeExponent() <= se)
        {
            se = known.get().sizeExponent();
        }
        ImportFiles.checkExponent(symbol + " price exponent", pe);
        ImportFiles.checkExponent(symbol + " size exponent", se);
        final long tickSize = FixedPoint.parse(tick, pe);
        if (tickSize <= 0)
        {
            throw new IllegalArgumentException(symbol + ": tick size " + tick + " is not positive");
        }
        return new InstrumentSpec(symbol, venue, pe, se, tickSize);
    }
}
