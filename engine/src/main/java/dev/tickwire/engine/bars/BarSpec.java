package dev.tickwire.engine.bars;

import dev.tickwire.engine.config.Durations;
import dev.tickwire.wire.sbe.BarKind;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What closes a bar, as written in the config and on the command line:
 * <ul>
 *   <li>a duration ({@code 15s}, {@code 1m}, {@code 5m}, {@code 1h}, {@code 1d}, {@code 90s}, {@code time:1m}): time
 *   bars starting at origin + k × interval from 1970-01-01T00:00Z (a UTC midnight), so an interval that
 *   divides 24 h starts its bars at the same times every day;</li>
 *   <li>{@code ticks:N}: a bar every N trades;</li>
 *   <li>{@code volume:V}: a bar when its traded size reaches V (size units, a decimal);</li>
 *   <li>{@code value:V}: a bar when its notional Σ price × size reaches V (currency units, a decimal);</li>
 *   <li>information-driven bars (López de Prado, <i>Advances in Financial Machine Learning</i>, ch. 2):
 *   {@code tib}, {@code vib}, {@code dib} (tick, volume, dollar imbalance) and {@code trb}, {@code vrb},
 *   {@code drb} (tick, volume, dollar runs), alone or with parameters, e.g. {@code tib:ewma=100,t0=500}
 *   ({@link InfoBarParams}, {@link InfoBarRule}).</li>
 * </ul>
 * Immutable; parsed once, at start.
 */
public final class BarSpec
{
    private static final long DAY_NS = 86_400_000_000_000L;
    private static final Pattern ORIGIN = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");

    private final String text;
    private final BarKind kind;
    private final long intervalNs;
    private final long originNs;
    private final long ticks;
    private final BigDecimal threshold;
    private final InfoBarParams info;

    private BarSpec(
        final String text, final BarKind kind, final long intervalNs, final long originNs, final long ticks,
        final BigDecimal threshold)
    {
        this(text, kind, intervalNs, originNs, ticks, threshold, null);
    }

    private BarSpec(
        final String text, final BarKind kind, final long intervalNs, final long originNs, final long ticks,
        final BigDecimal threshold, final InfoBarParams info)
    {
        this.text = text;
        this.kind = kind;
        this.intervalNs = intervalNs;
        this.originNs = originNs;
        this.ticks = ticks;
        this.threshold = threshold;
        this.info = info;
    }

    /**
     * @param text     e.g. "1m", "90s", "ticks:100", "volume:50", "value:1000000", "tib", "vrb:ewma=50,t0=1000"
     * @param originNs offset of the time-bar grid from UTC midnight (see {@link #parseOrigin(String)}); unused by
     *                 the other kinds
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static BarSpec parse(final String text, final long originNs)
    {
        if (text == null || text.isBlank())
        {
            throw new IllegalArgumentException("a bar spec must not be empty (e.g. 1m, ticks:100, volume:50, " +
                "value:1000000, tib:ewma=100)");
        }
        final String value = text.trim();
        final int colon = value.indexOf(':');
        final String named = (colon < 0 ? value : value.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        final BarKind info = infoKind(named);
        if (info != null)
        {
            final String arguments = colon < 0 ? "" : value.substring(colon + 1).trim();
            return new BarSpec(value, info, 0, 0, 0, null, InfoBarParams.parse(value, arguments));
        }
        final String kind = colon < 0 ? "time" : named;
        final String argument = colon < 0 ? value : value.substring(colon + 1).trim();
        switch (kind)
        {
            case "time":
                return time(value, argument, originNs);
            case "tick":
            case "ticks":
                return new BarSpec(value, BarKind.TICK, 0, 0, ticks(value, argument), null);
            case "volume":
                return new BarSpec(value, BarKind.VOLUME, 0, 0, 0, positiveDecimal(value, argument, "a size"));
            case "value":
                return new BarSpec(value, BarKind.VALUE, 0, 0, 0, positiveDecimal(value, argument, "a notional"));
            default:
                throw new IllegalArgumentException("'" + value + "' is not a bar spec: use a duration (1m, 90s, 1h), " +
                    "ticks:N, volume:V, value:V or an information-driven kind (tib, vib, dib, trb, vrb, drb)");
        }
    }

    /** The information-driven kind a name stands for, or null. */
    private static BarKind infoKind(final String name)
    {
        switch (name)
        {
            case "tib":
                return BarKind.TICK_IMBALANCE;
            case "vib":
                return BarKind.VOLUME_IMBALANCE;
            case "dib":
                return BarKind.DOLLAR_IMBALANCE;
            case "trb":
                return BarKind.TICK_RUN;
            case "vrb":
                return BarKind.VOLUME_RUN;
            case "drb":
                return BarKind.DOLLAR_RUN;
            default:
                return null;
        }
    }

    /** True for the information-driven kinds (imbalance and run bars). */
    public static boolean isInformationDriven(final BarKind kind)
    {
        switch (kind)
        {
            case TICK_IMBALANCE:
            case VOLUME_IMBALANCE:
            case DOLLAR_IMBALANCE:
            case TICK_RUN:
            case VOLUME_RUN:
            case DOLLAR_RUN:
                return true;
            default:
                return false;
        }
    }

    /** A time-bar spec with the origin at UTC midnight. */
    public static BarSpec parse(final String text)
    {
        return parse(text, 0);
    }

    /**
     * "HH:MM" or "HH:MM:SS" after UTC midnight, e.g. "13:30" to start bars at a 09:30 New York open (EDT).
     *
     * @return nanoseconds after midnight
     */
    public static long parseOrigin(final String text)
    {
        final Matcher m = text == null ? null : ORIGIN.matcher(text.trim());
        if (m == null || !m.matches())
        {
            throw new IllegalArgumentException("'" + text + "' is not a time of day: use HH:MM or HH:MM:SS (UTC), e.g. 13:30");
        }
        final int hours = Integer.parseInt(m.group(1));
        final int minutes = Integer.parseInt(m.group(2));
        final int seconds = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        if (hours > 23 || minutes > 59 || seconds > 59)
        {
            throw new IllegalArgumentException("'" + text + "' is not a time of day (00:00 .. 23:59:59)");
        }
        return ((hours * 60L + minutes) * 60L + seconds) * 1_000_000_000L;
    }

    private static BarSpec time(final String text, final String argument, final long originNs)
    {
        final long interval;
        try
        {
            interval = Durations.parseNanos("bar interval", argument);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is not a bar spec: use a duration (15s, 1m, 5m, 1h, " +
                "4h, 1d, 90s), ticks:N, volume:V, value:V or an information-driven kind (tib, vib, dib, trb, vrb, " +
                "drb)", ex);
        }
        if (interval <= 0)
        {
            throw new IllegalArgumentException("'" + text + "': a bar interval must be positive");
        }
        if (originNs < 0 || originNs >= DAY_NS)
        {
            throw new IllegalArgumentException("bar origin must be within a day, got " + originNs + " ns");
        }
        return new BarSpec(text, BarKind.TIME, interval, originNs, 0, null);
    }

    private static long ticks(final String text, final String argument)
    {
        final long n;
        try
        {
            n = Long.parseLong(argument);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + text + "': ticks:N needs a whole number of trades", ex);
        }
        if (n <= 0)
        {
            throw new IllegalArgumentException("'" + text + "': ticks:N needs at least 1 trade");
        }
        return n;
    }

    private static BigDecimal positiveDecimal(final String text, final String argument, final String what)
    {
        final BigDecimal value;
        try
        {
            value = new BigDecimal(argument);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + text + "': needs " + what + " as a decimal number, e.g. 50 or 0.5", ex);
        }
        if (value.signum() <= 0)
        {
            throw new IllegalArgumentException("'" + text + "': the threshold must be positive");
        }
        return value;
    }

    /** Start of the time bar holding {@code eventTimeNs}: origin + k × interval, start inclusive. */
    public long alignedStart(final long eventTimeNs)
    {
        return eventTimeNs - Math.floorMod(eventTimeNs - originNs, intervalNs);
    }

    public BarKind kind()
    {
        return kind;
    }

    /** Interval of a time bar, in nanoseconds (0 for the other kinds). */
    public long intervalNs()
    {
        return intervalNs;
    }

    /** Offset of the time-bar grid after UTC midnight, in nanoseconds. */
    public long originNs()
    {
        return originNs;
    }

    /** Trades per tick bar (0 for the other kinds). */
    public long ticks()
    {
        return ticks;
    }

    /** Volume (size units) or notional (currency units) of a volume or value bar; null for the other kinds. */
    public BigDecimal threshold()
    {
        return threshold;
    }

    /** Parameters of an information-driven kind; null for the other kinds. */
    public InfoBarParams info()
    {
        return info;
    }

    /** The spec as written. */
    public String text()
    {
        return text;
    }

    /** Same kind and size (origin included for time bars): the same bars. */
    public boolean sameBarsAs(final BarSpec other)
    {
        return kind == other.kind && intervalNs == other.intervalNs && originNs == other.originNs &&
            ticks == other.ticks && (threshold == null ? other.threshold == null :
            other.threshold != null && threshold.compareTo(other.threshold) == 0) &&
            (info == null ? other.info == null : info.equals(other.info));
    }

    @Override
    public String toString()
    {
        return text;
    }
}
