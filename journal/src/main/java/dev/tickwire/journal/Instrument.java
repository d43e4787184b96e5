package dev.tickwire.journal;

/**
 * One entry of a journal's {@link InstrumentCatalog}. Prices and sizes in the journal are
 * mantissas scaled by these exponents, which is why they can never change for a symbol.
 *
 * @param id            stable instrument id carried by every message
 * @param symbol        unique key, at most 32 ASCII characters
 * @param venue         at most 16 ASCII characters
 * @param priceExponent price = mantissa × 10^priceExponent
 * @param sizeExponent  size = mantissa × 10^sizeExponent
 * @param tickSize      price increment in price-mantissa units
 */
public record Instrument(int id, String symbol, String venue, int priceExponent, int sizeExponent, long tickSize)
{
}
