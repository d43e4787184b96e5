package dev.tickwire.engine.bars;

import java.util.Locale;

/**
 * Parameters of an information-driven bar spec ({@code tib}, {@code vib}, {@code dib}, {@code trb}, {@code vrb},
 * {@code drb}), written after the kind as comma-separated {@code key=value} pairs, e.g.
 * {@code tib:ewma=100,t0=500}. See {@link InfoBarRule} for what they do.
 *
 * @param ewma      span, in bars, of the EWMAs of the bar length and of the expected flow per trade
 *                  (α = 2 / (ewma + 1)); default {@value #DEFAULT_EWMA}
 * @param t0        the initial expected bar length, in trades: the first bar is a tick bar of t0 trades whose
 *                  mean flow per trade starts the expectations; default {@value #DEFAULT_T0}
 * @param minTrades lower clamp of the expected bar length after each bar (trades); default 1 (no clamp)
 * @param maxTrades upper clamp of the expected bar length (trades); default Long.MAX_VALUE (no clamp)
 * @param aggressor true: a trade's sign is its aggressor side where the source gives it, the tick rule
 *                  otherwise ({@code sign=aggressor}); false: the tick rule only ({@code sign=tick}, the default,
 *                  as in the book)
 */
public record InfoBarParams(int ewma, long t0, long minTrades, long maxTrades, boolean aggressor)
{
    public static final int DEFAULT_EWMA = 100;
    public static final long DEFAULT_T0 = 100;
    static final String KEYS = "ewma, t0, min, max, sign";

    /** The defaults: {@code ewma=100,t0=100,sign=tick}, no clamps. */
    public static InfoBarParams defaults()
    {
        return new InfoBarParams(DEFAULT_EWMA, DEFAULT_T0, 1, Long.MAX_VALUE, false);
    }

    /**
     * @param spec      the whole spec as written, for the messages
     * @param arguments the text after the colon, possibly empty
     * @throws IllegalArgumentException naming the parameter that is wrong
     */
    static InfoBarParams parse(final String spec, final String arguments)
    {
        int ewma = DEFAULT_EWMA;
        long t0 = DEFAULT_T0;
        long min = 1;
        long max = Long.MAX_VALUE;
        boolean aggressor = false;
        String seen = ",";
        if (!arguments.isEmpty())
        {
            for (final String pair : arguments.split(",", -1))
            {
                final int eq = pair.indexOf('=');
                if (pair.isBlank() || eq < 0)
                {
                    throw new IllegalArgumentException("'" + spec + "': parameters are key=value pairs separated by " +
                        "commas (" + KEYS + "), e.g. tib:ewma=100,t0=500; got '" + pair.trim() + "'");
                }
                final String key = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                final String value = pair.substring(eq + 1).trim();
                if (seen.contains("," + key + ","))
                {
                    throw new IllegalArgumentException("'" + spec + "': parameter " + key + " is given twice");
                }
                seen += key + ",";
                switch (key)
                {
                    case "ewma":
                        ewma = (int)whole(spec, key, value, Integer.MAX_VALUE, "a span in bars");
                        break;
                    case "t0":
                        t0 = whole(spec, key, value, Long.MAX_VALUE, "the initial expected number of trades per bar");
                        break;
                    case "min":
                        min = whole(spec, key, value, Long.MAX_VALUE, "a number of trades");
                        break;
                    case "max":
                        max = whole(spec, key, value, Long.MAX_VALUE, "a number of trades");
                        break;
                    case "sign":
                        if ("tick".equalsIgnoreCase(value))
                        {
                            aggressor = false;
                        }
                        else if ("aggressor".equalsIgnoreCase(value))
                        {
                            aggressor = true;
                        }
                        else
                        {
                            throw new IllegalArgumentException("'" + spec + "': sign must be tick or aggressor, got '" +
                                value + "'");
                        }
                        break;
                    default:
                        throw new IllegalArgumentException("'" + spec + "': unknown parameter '" + key + "' (known: " +
                            KEYS + ")");
                }
            }
        }
        if (min > max)
        {
            throw new IllegalArgumentException("'" + spec + "': min (" + min + ") must not exceed max (" + max + ")");
        }
        if (t0 < min || t0 > max)
        {
            throw new IllegalArgumentException("'" + spec + "': t0 (" + t0 + ") must lie within min .. max (" + min +
                " .. " + (max == Long.MAX_VALUE ? "unbounded" : Long.toString(max)) + ")");
        }
        return new InfoBarParams(ewma, t0, min, max, aggressor);
    }

    private static long whole(
        final String spec, final String key, final String value, final long limit, final String what)
    {
        final long n;
        try
        {
            n = Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + spec + "': " + key + " needs a whole number (" + what +
                "), got '" + value + "'", ex);
        }
        if (n < 1 || n > limit)
        {
            throw new IllegalArgumentException("'" + spec + "': " + key + " must be at least 1" +
                (limit == Long.MAX_VALUE ? "" : " and at most " + limit) + " (" + what + "), got " + n);
        }
        return n;
    }

    /** α of the EWMAs. */
    public double alpha()
    {
        return 2.0 / (ewma + 1.0);
    }

    /** The parameters as a spec writes them, defaults included (for messages and docs). */
    public String text()
    {
        return "ewma=" + ewma + ",t0=" + t0 + (minTrades != 1 ? ",min=" + minTrades : "") +
            (maxTrades != Long.MAX_VALUE ? ",max=" + maxTrades : "") + ",sign=" + (aggressor ? "aggressor" : "tick");
    }
}
