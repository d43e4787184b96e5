package dev.tickwire.archive;

import dev.tickwire.engine.bars.features.FeatureColumn;

/**
 * One column of an archived table and where its value lives in the SBE message: the one mapping
 * between the journal's bytes and the archive's rows, used to write a row and to rebuild the message.
 *
 * @param name      the column name, as {@code dump} names the field
 * @param kind      how the value is stored
 * @param offset    offset of the field from the start of the message (header included); -1 if not in the message
 * @param width     bytes of the field (1, 2, 4 or 8; the length of a character field)
 * @param labels    for {@link Kind#LABEL}: the text of each raw code
 * @param feature   for {@link Kind#FEATURE}: the bar feature it holds (its type says how it is stored)
 * @param exponentAt for {@link Kind#SCALED}: offset of the int8 field holding the value's exponent in the message
 */
record Column(String name, Kind kind, int offset, int width, String[] labels, FeatureColumn feature, int exponentAt)
{
    enum Kind
    {
        /** a signed integer field, INT64 (8 bytes) or INT32 (1, 2 unsigned, 4 bytes) */
        INTEGER,
        /** a signed INT64 field that is almost always 0, stored as null when 0 (cheaper than encoding the zeros) */
        ZERO_AS_NULL,
        /** epoch nanoseconds, a UTC TIMESTAMP(NANOS) */
        TIME,
        /** a price mantissa, DECIMAL at the instrument's price exponent */
        PRICE,
        /** as {@link #PRICE}, null when the field holds no value */
        OPTIONAL_PRICE,
        /** a size mantissa, DECIMAL at the instrument's size exponent */
        SIZE,
        /** as {@link #SIZE}, null when the field holds no value (an empty book level) */
        OPTIONAL_SIZE,
        /** a signed INT64 field whose null is {@link dev.tickwire.wire.Values#NONE}, stored as null */
        OPTIONAL_INTEGER,
        /** as {@link #TIME}, null when the field holds {@link dev.tickwire.wire.Values#NONE} */
        OPTIONAL_TIME,
        /**
         * a mantissa whose exponent is a field of the same message (a derivative ticker's, an option summary's
         * values): DECIMAL(38, 18) in a 16-byte FIXED_LEN_BYTE_ARRAY, exactly mantissa × 10^exponent for any
         * exponent the validator accepts (-18..0), null when absent; the exponent has its own column, so the
         * mantissa comes back exactly (docs/design.md, "Reference data in the archive")
         */
        SCALED,
        /** a one-byte code written as its text */
        LABEL,
        /** a fixed-length character field, as text up to its first NUL */
        CHARS,
        /**
         * the journal watermark minus {@code ts} (not in the message): null when 0 in the market-event
         * tables (an accepted event's watermark is at least its time), null while there was no watermark
         * yet in the others
         */
        WATERMARK_LAG,
        /** book delta flags bit "end of batch", as a boolean (read from the flags column's byte) */
        BATCH_END,
        /** the partition day, a DATE, in monthly (compacted) files whose path has no day (not in the message) */
        DAY,
        /** a rejected message: its type name */
        MESSAGE_TYPE,
        /** a rejected message: the reject reason's name */
        REJECT_REASON,
        /** a rejected message: the {@code dump} JSON of it */
        MESSAGE_JSON,
        /** a rejected message: its bytes, exactly as journaled */
        MESSAGE_BYTES,
        /**
         * a bar feature (docs/features.md), null when the message holds its null: a DOUBLE, a DECIMAL at the
         * column type's exponent, a TIMESTAMP(NANOS) or an INT64, as its {@link FeatureColumn#type()} says
         */
        FEATURE
    }

    static Column integer(final String name, final int offset, final int width)
    {
        return new Column(name, Kind.INTEGER, offset, width, null, null, -1);
    }

    static Column of(final String name, final Kind kind, final int offset, final int width)
    {
        return new Column(name, kind, offset, width, null, null, -1);
    }

    static Column label(final String name, final int offset, final String... labels)
    {
        return new Column(name, Kind.LABEL, offset, 1, labels, null, -1);
    }

    static Column extra(final String name, final Kind kind)
    {
        return new Column(name, kind, -1, 0, null, null, -1);
    }

    /** A bar feature's column, its 8-byte field at {@code offset}. */
    static Column feature(final FeatureColumn feature, final int offset)
    {
        return new Column(feature.columnName(), Kind.FEATURE, offset, 8, null, feature, -1);
    }

    /** A value (8 bytes at {@code offset}) at the exponent the message holds at {@code exponentAt}: SCALED. */
    static Column scaled(final String name, final int offset, final int exponentAt)
    {
        return new Column(name, Kind.SCALED, offset, 8, null, null, exponentAt);
    }

    /** True when the column is written from, and read back into, the message bytes. */
    boolean inMessage()
    {
        return offset >= 0;
    }
}
