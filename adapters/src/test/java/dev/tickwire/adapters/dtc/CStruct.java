package dev.tickwire.adapters.dtc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A C struct of DTCProtocol.h laid out as a C compiler does: each field at the next multiple of its own
 * size under {@code #pragma pack(8)} (natural alignment), or back to back when packed, the whole padded to
 * its largest alignment. The test server builds and reads messages with it, from the header's field
 * lists, independently of the offsets the source hard-codes, so a wrong offset there fails a test.
 */
final class CStruct
{
    final int size;
    private final Map<String, int[]> fields = new LinkedHashMap<>(); // name → {offset, width, kind}

    private static final int INT = 0;
    private static final int FLOAT = 1;
    private static final int CHARS = 2;

    /** @param decls "u16 Size", "f64 Price", "char[64] Symbol", …; every struct starts with Size and Type */
    private CStruct(final boolean packed, final String... decls)
    {
        int offset = 0;
        int maxAlign = 1;
        for (final String decl : decls)
        {
            final String[] parts = decl.split(" ");
            final String t = parts[0];
            final int width;
            final int kind;
            int align;
            if (t.startsWith("char["))
            {
                width = Integer.parseInt(t.substring(5, t.length() - 1));
                kind = CHARS;
                align = 1;
            }
            else
            {
                width = Integer.parseInt(t.substring(1)) / 8;
                kind = t.charAt(0) == 'f' ? FLOAT : INT;
                align = width;
            }
            if (packed)
            {
                align = 1;
            }
            offset = (offset + align - 1) / align * align;
            fields.put(parts[1], new int[] {offset, width, kind});
            offset += width;
            maxAlign = Math.max(maxAlign, align);
        }
        this.size = (offset + maxAlign - 1) / maxAlign * maxAlign;
    }

    static CStruct natural(final String... decls)
    {
        return new CStruct(false, decls);
    }

    static CStruct packed(final String... decls)
    {
        return new CStruct(true, decls);
    }

    int offset(final String name)
    {
        return field(name)[0];
    }

    private int[] field(final String name)
    {
        final int[] f = fields.get(name);
        if (f == null)
        {
            throw new IllegalArgumentException("no field " + name + " in " + fields.keySet());
        }
        return f;
    }

    /** A message of this struct: Size and Type set, then name/value pairs (Number or String). */
    byte[] build(final int type, final Object... nameValues)
    {
        final ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        put(b, "Size", size);
        put(b, "Type", type);
        for (int i = 0; i < nameValues.length; i += 2)
        {
            put(b, (String)nameValues[i], nameValues[i + 1]);
        }
        return b.array();
    }

    private void put(final ByteBuffer b, final String name, final Object value)
    {
        final int[] f = field(name);
        final int at = f[0];
        if (f[2] == CHARS)
        {
            final byte[] text = ((String)value).getBytes(StandardCharsets.US_ASCII);
            b.put(at, text, 0, Math.min(text.length, f[1] - 1));
            return;
        }
        final Number n = (Number)value;
        if (f[2] == FLOAT)
        {
            if (f[1] == 4)
            {
                b.putFloat(at, n.floatValue());
            }
            else
            {
                b.putDouble(at, n.doubleValue());
            }
            return;
        }
        switch (f[1])
        {
            case 1: b.put(at, n.byteValue()); break;
            case 2: b.putShort(at, n.shortValue()); break;
            case 4: b.putInt(at, n.intValue()); break;
            default: b.putLong(at, n.longValue()); break;
        }
    }

    long integer(final byte[] message, final String name)
    {
        final int[] f = field(name);
        final ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        switch (f[1])
        {
            case 1: return b.get(f[0]);
            case 2: return b.getShort(f[0]) & 0xFFFF;
            case 4: return b.getInt(f[0]);
            default: return b.getLong(f[0]);
        }
    }

    String text(final byte[] message, final String name)
    {
        final int[] f = field(name);
        int end = f[0];
        while (end < f[0] + f[1] && end < message.length && message[end] != 0)
        {
            end++;
        }
        return new String(message, f[0], end - f[0], StandardCharsets.US_ASCII);
    }
}
