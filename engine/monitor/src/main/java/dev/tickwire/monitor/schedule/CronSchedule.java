package dev.tickwire.monitor.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.tickwire.engine.config.ConfigException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A Unix cron expression (minute hour day-of-month month day-of-week, parsed by cron-utils) in a time zone.
 * Slots are local times: across a DST change a daily job still runs once a day. A local time the clocks skip
 * (spring forward) runs at the first instant after the gap; one they repeat (fall back) runs the first time only.
 */
public final class CronSchedule
{
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime execution;

    private CronSchedule(final String expression, final ZoneId zone, final ExecutionTime execution)
    {
        this.expression = expression;
        this.zone = zone;
        this.execution = execution;
    }

    /**
     * @param cronKey the config key of the expression, named when it is bad (the zone's key is beside it)
     */
    public static CronSchedule parse(final String cronKey, final String expression, final String zoneKey, final String zone)
    {
        final ZoneId zoneId;
        try
        {
            zoneId = ZoneId.of(zone);
        }
        catch (final DateTimeException ex)
        {
            throw new ConfigException(zoneKey, "'" + zone + "' is not a time zone (use UTC or a name such as Europe/London)");
        }
        try
        {
            return new CronSchedule(expression, zoneId, ExecutionTime.forCron(PARSER.parse(expression.trim())));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(cronKey, "'" + expression + "' is not a cron expression (minute hour day month " +
                "weekday, e.g. \"0 8 * * *\"): " + ex.getMessage());
        }
    }

    public String expression()
    {
        return expression;
    }

    public ZoneId zone()
    {
        return zone;
    }

    /**
     * The first slot strictly after {@code after}. The expression is matched against local date-times (cron-utils
     * over a zone with DST would skip a day whose slot falls in the spring gap); a local time in the gap maps
     * forward by the gap, a repeated one to its first instant, and a local time already passed is not run again.
     */
    public Instant next(final Instant after)
    {
        LocalDateTime from = local(after);
        for (int guard = 0; guard < 4; guard++)
        {
            final Optional<ZonedDateTime> next = execution.nextExecution(from.atZone(ZoneOffset.UTC));
            if (next.isEmpty())
            {
                return null;
            }
            final LocalDateTime local = next.get().toLocalDateTime();
            final Instant slot = ZonedDateTime.ofLocal(local, zone, null).toInstant();
            if (slot.isAfter(after))
            {
                return slot;
            }
            from = local; // the clocks went back: this local time has had its run
        }
        return null;
    }

    /** The latest slot at or before {@code atOrBefore}, or null if there is none. */
    public Instant last(final Instant atOrBefore)
    {
        LocalDateTime to = local(atOrBefore).plusSeconds(1);
        for (int guard = 0; guard < 4; guard++)
        {
            final Optional<ZonedDateTime> last = execution.lastExecution(to.atZone(ZoneOffset.UTC));
            if (last.isEmpty())
            {
                return null;
            }
            final LocalDateTime local = last.get().toLocalDateTime();
            final Instant slot = ZonedDateTime.ofLocal(local, zone, null).toInstant();
            if (!slot.isAfter(atOrBefore))
            {
                return slot;
            }
            to = local; // a local time in the spring gap maps after the instant asked about
        }
        return null;
    }

    /** The slot's local time, as the config names it. */
    public LocalDateTime local(final Instant slot)
    {
        return slot.atZone(zone).toLocalDateTime();
    }

    @Override
    public String toString()
    {
        return expression + " " + zone;
    }
}
