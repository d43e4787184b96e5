package dev.tickwire.engine.quality;

/** A market that never closes (crypto, or "judge every silence"). */
public final class AlwaysOpenCalendar implements TradingCalendar
{
    public static final String NAME = "24x7";
    public static final AlwaysOpenCalendar INSTANCE = new AlwaysOpenCalendar();

    private AlwaysOpenCalendar()
    {
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "always open";
    }

    @Override
    public long openNanos(final long fromNs, final long toNs)
    {
        return toNs > fromNs ? toNs - fromNs : 0;
    }
}
