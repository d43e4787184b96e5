package dev.tickwire.monitor.alert;

import dev.tickwire.engine.counters.SourceState;
import dev.tickwire.engine.quality.TradingCalendar;
import dev.tickwire.wire.Timestamps;

import java.util.ArrayList;
import java.util.List;

/**
 * A source silent for longer than {@code for}, counting only its calendar's open hours (the calendars of
 * {@code tickwire gaps}): a market closed for the weekend is not a silent feed. Silence counts from the
 * source's last accepted message in this run, or from the engine's start when it has none yet.
 */
final class SourceSilentRule implements AlertRule
{
    private final String name;
    private final String source;
    private final long forNs;
    private final TradingCalendar calendar;

    SourceSilentRule(final String name, final String source, final long forNs, final TradingCalendar calendar)
    {
        this.name = name;
        this.source = source;
        this.forNs = forNs;
        this.calendar = calendar;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public List<Firing> check(final Sample sample)
    {
        final List<Firing> firing = new ArrayList<>(1);
        final long nowNs = sample.nowMs() * 1_000_000L;
        for (final Sample.Source s : sample.sources())
        {
            if (source != null && !source.equals(s.name()) || s.state() == SourceState.DONE || !sample.running())
            {
                continue;
            }
            final long sinceNs = s.lastEventNs() > 0 ? s.lastEventNs() : sample.startTimeMs() * 1_000_000L;
            final long silentNs = calendar.openNanos(sinceNs, nowNs);
            if (silentNs > forNs)
            {
                firing.add(new Firing(s.name(), s.name() + " silent for " + seconds(silentNs) + " of open market (" +
                    calendar.name() + ")", "last event " + (s.lastEventNs() > 0 ? Timestamps.format(s.lastEventNs()) : "none") +
                    ", state " + s.state().label() + ", threshold " + seconds(forNs)));
            }
        }
        return firing;
    }

    static String seconds(final long ns)
    {
        return (ns / 1_000_000_000L) + " s";
    }
}
