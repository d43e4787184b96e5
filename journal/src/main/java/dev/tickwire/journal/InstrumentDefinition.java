package dev.tickwire.journal;

import java.util.List;

/**
 * What a vendor says an instrument was on one day: kind, currencies, increments, dates, the data it
 * has. Numbers stay the vendor's decimal text (e.g. "0.5", "1e-8" is written "0.00000001"): nothing
 * here is computed with, so nothing is rounded. An unknown field is "".
 *
 * @param instrument         the journal's name for it, {@code exchange:SYMBOL} as the importers name it
 * @param symbol             the vendor's own id (its case, e.g. "btcusdt")
 * @param type               spot, perpetual, future, option, combo
 * @param contractType       e.g. linear_perpetual, inverse_future, call_option ("" for spot)
 * @param base               normalized base currency
 * @param quote              normalized quote currency
 * @param settlement         settlement currency (quanto instruments), else ""
 * @param tickSize           price increment that day
 * @param amountIncrement    amount increment that day
 * @param minTradeAmount     smallest order
 * @param contractMultiplier contract size that day (derivatives)
 * @param inverse            "true", "false" or ""
 * @param listing            exchange listing time (ISO-8601), if known
 * @param expiry             expiry time (futures, options)
 * @param availableSince     the vendor's data starts (ISO-8601)
 * @param availableTo        the vendor's data ends, "" while it goes on
 * @param strikePrice        options
 * @param optionType         call or put
 * @param dataTypes          the datasets the vendor has for it, e.g. trades, incremental_book_L2
 */
public record InstrumentDefinition(
    String instrument, String symbol, String type, String contractType, String base, String quote, String settlement,
    String tickSize, String amountIncrement, String minTradeAmount, String contractMultiplier, String inverse,
    String listing, String expiry, String availableSince, String availableTo, String strikePrice, String optionType,
    List<String> dataTypes)
{
    /** The columns of a definitions file, in order. */
    static final List<String> COLUMNS = List.of("instrument", "symbol", "type", "contractType", "base", "quote",
        "settlement", "tickSize", "amountIncrement", "minTradeAmount", "contractMultiplier", "inverse", "listing",
        "expiry", "availableSince", "availableTo", "strikePrice", "optionType", "dataTypes");

    public InstrumentDefinition
    {
        dataTypes = List.copyOf(dataTypes);
    }

    /** The field values in {@link #COLUMNS} order. */
    List<String> values()
    {
        return List.of(instrument, symbol, type, contractType, base, quote, settlement, tickSize, amountIncrement,
            minTradeAmount, contractMultiplier, inverse, listing, expiry, availableSince, availableTo, strikePrice,
            optionType, String.join(",", dataTypes));
    }

    /** From values in {@link #COLUMNS} order. */
    static InstrumentDefinition of(final List<String> v)
    {
        final String types = v.get(18);
        return new InstrumentDefinition(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7),
            v.get(8), v.get(9), v.get(10), v.get(11), v.get(12), v.get(13), v.get(14), v.get(15), v.get(16), v.get(17),
            types.isEmpty() ? List.of() : List.of(types.split(",")));
    }
}
