package dev.tickwire.engine.rows;

import dev.tickwire.wire.Values;

/**
 * Where a record's fields go, one call per field in column order: one implementation per output format
 * ({@link JsonRow}, {@link CsvRow}, and the exporters' columns), one mapper per record type
 * ({@link MarketRows}), so the CLI, the HTTP API and every exporter write the same fields the same way.
 * Prices and sizes are exact decimals (a mantissa and its exponent, or the decimal text); times are epoch
 * nanoseconds. An absent value (null text or decimal, {@link Values#NONE} time) is left out of JSON and
 * empty in CSV.
 */
public interface RowWriter
{

    RowWriter text(String name, String value);

    /** A whole number; {@link dev.tickwire.wire.Values#NONE}: absent. */
    RowWriter integer(String name, long value);

    /** A measured real number (a ratio, a variance, an estimate); NaN: absent. */
    RowWriter real(String name, double value);

    /** An exact decimal as text, e.g. "5000.25"; null: absent. */
    RowWriter decimal(String name, String value);

    /** An exact decimal: mantissa × 10^exponent. */
    RowWriter decimal(String name, long mantissa, int exponent);

    /** A time both ways: {@code name} as ISO-8601 UTC with nanoseconds, {@code name_ns} as epoch nanoseconds. */
    RowWriter time(String name, long epochNs);

    /** Epoch nanoseconds only (a column whose name ends in _ns). */
    RowWriter nanos(String name, long epochNs);

    RowWriter flag(String name, boolean value);
}
