package dev.tickwire.engine.bars.features;

import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BarDecoder;
import dev.tickwire.wire.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A bar's features on the wire: the Bar message's version-1 fields, 8 bytes each in {@link FeatureColumn}
 * order from {@link #OFFSET} (a test checks every field of the schema against its column), so one loop
 * writes and reads them all. A version-0 bar (or reader) has none: its block ends before them.
 */
public final class FeatureCodec
{
    /** The first feature field's offset from the start of the message (header included). */
    public static final int OFFSET = Envelope.HEADER_LENGTH + BarDecoder.notionalEncodingOffset();
    /** Where the block must reach for a bar to carry features. */
    static final int BLOCK_WITH_FEATURES = BarDecoder.notionalEncodingOffset() + FeatureColumn.COUNT * 8;

    private static final FeatureBar NONE = new FeatureBar();

    private FeatureCodec()
    {
    }

    /** Writes the features of a Bar message at {@code offset} (null: every field null). */
    public static void encode(final FeatureBar features, final MutableDirectBuffer buffer, final int offset)
    {
        final FeatureBar f = features == null ? NONE : features;
        for (int i = 0; i < FeatureColumn.COUNT; i++)
        {
            final int at = offset + OFFSET + 8 * i;
            if (FeatureColumn.VALUES[i].type().isDouble())
            {
                buffer.putDouble(at, f.doubleValue(i), java.nio.ByteOrder.LITTLE_ENDIAN);
            }
            else
            {
                buffer.putLong(at, f.longValue(i), java.nio.ByteOrder.LITTLE_ENDIAN);
            }
        }
    }

    /**
     * Reads the features of the Bar message at {@code offset} into {@code into}.
     *
     * @return false when the message has none (a version-0 bar, or a bar built without features: every field null)
     */
    public static boolean decode(final DirectBuffer buffer, final int offset, final FeatureBar into)
    {
        final int blockLength = buffer.getShort(offset + MessageHeaderDecoder.blockLengthEncodingOffset(),
            java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int version = buffer.getShort(offset + MessageHeaderDecoder.versionEncodingOffset(),
            java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (version < 1 || blockLength < BLOCK_WITH_FEATURES)
        {
            return false;
        }
        boolean any = false;
        for (int i = 0; i < FeatureColumn.COUNT; i++)
        {
            final int at = offset + OFFSET + 8 * i;
            if (FeatureColumn.VALUES[i].type().isDouble())
            {
                final double v = buffer.getDouble(at, java.nio.ByteOrder.LITTLE_ENDIAN);
                into.set(FeatureColumn.VALUES[i], v);
                any |= !Double.isNaN(v);
            }
            else
            {
                final long v = buffer.getLong(at, java.nio.ByteOrder.LITTLE_ENDIAN);
                into.set(FeatureColumn.VALUES[i], v);
                any |= v != Values.NONE;
            }
        }
        return any;
    }
}
