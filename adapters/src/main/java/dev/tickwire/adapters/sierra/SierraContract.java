package dev.tickwire.adapters.sierra;

/** A configured contract, resolved: its symbol, venue and the conversions of its prices and sizes. */
final class SierraContract
{
    final String symbol;
    final String venue;
    final SierraPrices prices;

    SierraContract(final String symbol, final String venue, final SierraPrices prices)
    {
        this.symbol = symbol;
        this.venue = venue;
        this.prices = prices;
    }

    /** ESM25_FUT_CME → CME: Sierra Chart symbols end with the exchange. */
    static String venueOf(final String symbol)
    {
        final int underscore = symbol.lastIndexOf('_');
        return underscore >= 0 && underscore < symbol.length() - 1 ? symbol.substring(underscore + 1) : "";
    }
}
