package dev.tickwire.monitor.schedule;

import java.util.List;

/**
 * One job of {@code schedule.jobs}: a tickwire command line run at each slot of its cron expression.
 *
 * @param name     unique, names the job in logs, alerts, metrics and {@code schedule list}
 * @param cron     when
 * @param command  the command and its arguments, e.g. {@code [daily, --config, tickwire.yaml]}
 * @param windowMs how long a run may take before it is reported as overrunning; 0: until the next slot
 */
public record ScheduledJob(String name, CronSchedule cron, List<String> command, long windowMs)
{
    public ScheduledJob
    {
        command = List.copyOf(command);
    }
}
