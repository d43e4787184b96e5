package dev.tickwire.archive;

import dev.tickwire.journal.Instrument;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Parquet schema of one archive file: its table's columns, with prices and sizes as DECIMAL
 * at the file's instrument's scale. The exponents are also kept in the file's metadata, so a
 * reader rebuilds the exact mantissas (a positive exponent has no DECIMAL scale of its own).
 */
final class TableSchema
{
    static final String PRICE_EXPONENT = "tickwire.price_exponent";
    static final String SIZE_EXPONENT = "tickwire.size_exponent";
    static final String TABLE = "tickwire.table";
    static final String FORMAT = "tickwire.archive_format";
    static final String FORMAT_VERSION = "1";
    static final String LEVELS = "tickwire.snapshot_levels";
    /** Digits of a DECIMAL held in an INT64. */
    static final int PRECISION = 18;
    /** Digits and scale of a {@link Column.Kind#SCALED} value, in a 16-byte FIXED_LEN_BYTE_ARRAY. */
    static final int SCALED_PRECISION = 38;
    static final int SCALED_SCALE = 18;
    static final int SCALED_BYTES = 16;

    final ArchiveTable table;
    final int priceExponent;
    final int sizeExponent;
    final int levels;
    /** The table's columns, and for a monthly file the day of each row. */
    final java.util.List<Column> columns;
    final MessageType schema;

    /**
     * @param monthly with a date column (a compacted month's file)
     * @param levels  of a snapshots table (its columns depend on it), else 0
     */
    TableSchema(final ArchiveTable table, final int priceExponent, final int sizeExponent, final boolean monthly,
        final int levels)
    {
        this.table = table;
        this.priceExponent = priceExponent;
        this.sizeExponent = sizeExponent;
        this.levels = levels;
        final java.util.List<Column> list = new java.util.ArrayList<>(
            table == ArchiveTable.SNAPSHOTS ? SnapshotSpec.columns(levels) : table.columns());
        if (monthly)
        {
            list.add(Column.extra("date", Column.Kind.DAY));
        }
        this.columns = java.util.List.copyOf(list);
        this.schema = build();
    }

    /** The same table and scales, for a monthly file (with a date column). */
    TableSchema monthly()
    {
        return new TableSchema(table, priceExponent, sizeExponent, true, levels);
    }

    /** The schema of a table's file for an instrument (null for the tables of every instrument). */
    static TableSchema of(final ArchiveTable table, final Instrument instrument)
    {
        return of(table, instrument, 0);
    }

    /** As {@link #of(ArchiveTable, Instrument)}, for a snapshots table of {@code levels} levels. */
    static TableSchema of(final ArchiveTable table, final Instrument instrument, final int levels)
    {
        return instrument == null ? new TableSchema(table, 0, 0, false, levels)
            : new TableSchema(table, instrument.priceExponent(), instrument.sizeExponent(), false, levels);
    }

    /** The schema a file was written with, from its footer. */
    static TableSchema of(final ParquetMetadata footer)
    {
        final Map<String, String> meta = footer.getFileMetaData().getKeyValueMetaData();
        final String table = meta.get(TABLE);
        if (table == null)
        {
            throw new IllegalArgumentException("not a tickwire archive file (no " + TABLE + " metadata)");
        }
        return new TableSchema(ArchiveTable.byDirName(table), Integer.parseInt(meta.getOrDefault(PRICE_EXPONENT, "0")),
            Integer.parseInt(meta.getOrDefault(SIZE_EXPONENT, "0")), false, Integer.parseInt(meta.getOrDefault(LEVELS, "0")));
    }

    Map<String, String> metadata()
    {
        final Map<String, String> meta = new LinkedHashMap<>();
        meta.put(FORMAT, FORMAT_VERSION);
        meta.put(TABLE, table.dirName());
        meta.put(PRICE_EXPONENT, Integer.toString(priceExponent));
        meta.put(SIZE_EXPONENT, Integer.toString(sizeExponent));
        if (levels > 0)
        {
            meta.put(LEVELS, Integer.toString(levels));
        }
        return meta;
    }

    /** The exponent a column's mantissas are at. */
    int exponent(final Column column)
    {
        if (column.kind() == Column.Kind.FEATURE)
        {
            return column.feature().type().exponent(priceExponent, sizeExponent);
        }
        return column.kind() == Column.Kind.SIZE || column.kind() == Column.Kind.OPTIONAL_SIZE ? sizeExponent : priceExponent;
    }

    /**
     * The DECIMAL scale of a column at {@code exponent}: its fraction digits, at most {@link #PRECISION} (only a
     * mid at a price exponent of -18 has more: it is stored rounded to 18, see {@link RowFileWriter#decimal}).
     */
    static int scale(final int exponent)
    {
        return Math.min(PRECISION, Math.max(0, -exponent));
    }

    /**
     * True for the columns worth a dictionary: text with few distinct values (without one, a book
     * delta's action and side took 0.9 B more a row). Small integers (flags, source, instrument)
     * delta-pack to a few bits without one, and cheaper: a dictionary's per-value fallback check was
     * 7 % of a book-delta export.
     */
    static boolean dictionary(final Column column)
    {
        switch (column.kind())
        {
            case LABEL, CHARS, MESSAGE_TYPE, REJECT_REASON:
                return true;
            default:
                return false;
        }
    }

    private MessageType build()
    {
        final Types.MessageTypeBuilder b = Types.buildMessage();
        for (final Column c : columns)
        {
            switch (c.kind())
            {
                case INTEGER:
                    if (c.width() == 8)
                    {
                        b.required(PrimitiveTypeName.INT64).named(c.name());
                    }
                    else
                    {
                        b.required(PrimitiveTypeName.INT32).named(c.name());
                    }
                    break;
                case TIME:
                    b.required(PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.NANOS)).named(c.name());
                    break;
                case PRICE, SIZE, OPTIONAL_PRICE, OPTIONAL_SIZE:
                    b.primitive(PrimitiveTypeName.INT64, c.kind() == Column.Kind.OPTIONAL_PRICE || c.kind() == Column.Kind.OPTIONAL_SIZE
                        ? Repetition.OPTIONAL : Repetition.REQUIRED)
                        .as(LogicalTypeAnnotation.decimalType(scale(exponent(c)), PRECISION)).named(c.name());
                    break;
                case OPTIONAL_INTEGER:
                    b.optional(PrimitiveTypeName.INT64).named(c.name());
                    break;
                case OPTIONAL_TIME:
                    b.optional(PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.NANOS)).named(c.name());
                    break;
                case SCALED:
                    b.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(SCALED_BYTES)
                        .as(LogicalTypeAnnotation.decimalType(SCALED_SCALE, SCALED_PRECISION)).named(c.name());
                    break;
                case FEATURE:
                    feature(b, c);
                    break;
                case LABEL, CHARS, MESSAGE_TYPE, REJECT_REASON:
                    b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
                    break;
                case MESSAGE_JSON:
                    b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
                    break;
                case MESSAGE_BYTES:
                    b.required(PrimitiveTypeName.BINARY).named(c.name());
                    break;
                case WATERMARK_LAG, ZERO_AS_NULL:
                    b.optional(PrimitiveTypeName.INT64).named(c.name());
                    break;
                case BATCH_END:
                    b.required(PrimitiveTypeName.BOOLEAN).named(c.name());
                    break;
                case DAY:
                    b.required(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(c.name());
                    break;
                default:
                    throw new IllegalStateException(c.kind().name());
            }
        }
        return b.named("tickwire_" + table.dirName());
    }

    /** A bar feature, nullable, stored as its type says (docs/features.md). */
    private void feature(final Types.MessageTypeBuilder b, final Column c)
    {
        switch (c.feature().type())
        {
            case DOUBLE -> b.optional(PrimitiveTypeName.DOUBLE).named(c.name());
            case TIME_NS -> b.optional(PrimitiveTypeName.INT64)
                .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.NANOS)).named(c.name());
            case COUNT, DURATION_NS -> b.optional(PrimitiveTypeName.INT64).named(c.name());
            default -> b.optional(PrimitiveTypeName.INT64)
                .as(LogicalTypeAnnotation.decimalType(scale(exponent(c)), PRECISION)).named(c.name());
        }
    }
}
