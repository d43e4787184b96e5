package dev.tickwire.engine.rows;

/** JSON string literals for hand-written JSON (rows, dump lines): no mapper per line. */
public final class JsonText
{
    private JsonText()
    {
    }

    /** Appends {@code text} as a quoted JSON string, escaping quotes, backslashes and control characters. */
    public static StringBuilder appendString(final StringBuilder sb, final String text)
    {
        sb.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                sb.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                sb.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        return sb.append('"');
    }
}
