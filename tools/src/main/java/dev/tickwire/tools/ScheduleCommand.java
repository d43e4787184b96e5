package dev.tickwire.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.monitor.schedule.ScheduleConfig;
import dev.tickwire.monitor.schedule.ScheduleState;
import dev.tickwire.monitor.schedule.ScheduledJob;
import dev.tickwire.wire.Timestamps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tickwire schedule list}: the configured jobs, when each runs next and how its last run went. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
    description = "The jobs of the config's 'schedule' section (run by `tickwire run`).",
    subcommands = ScheduleCommand.ListJobs.class)
final class ScheduleCommand
{
    @Command(name = "list", mixinStandardHelpOptions = true,
        description = "Each scheduled job: its cron and zone, next run, last run, outcome and duration.")
    static final class ListJobs implements Callable<Integer>
    {
        @Option(names = "--config", required = true, description = "The engine's YAML config (its 'schedule' section).")
        Path config;

        @Option(names = "--json", description = "One JSON document instead of a table.")
        boolean json;

        @Override
        public Integer call() throws Exception
        {
            final TickwireConfig cfg = ConfigLoader.load(config);
            cfg.conclude();
            final List<ScheduledJob> jobs = ScheduleConfig.parse(cfg.schedule, new CommandJobRunner());
            final ScheduleState state = ScheduleState.read(cfg.journalPath());
            final Instant now = Instant.now();
            final ArrayNode out = new ObjectMapper().createArrayNode();
            if (!json)
            {
                System.out.printf(Locale.ROOT, "%-16s %-16s %-16s %-20s %-20s %-8s %9s %5s %8s%n", "JOB", "CRON", "ZONE",
                    "NEXT RUN (UTC)", "LAST RUN (UTC)", "OUTCOME", "DURATION", "RUNS", "FAILURES");
            }
            for (final ScheduledJob job : jobs)
            {
                final ScheduleState.Job s = state.job(job.name());
                final Instant next = job.cron().next(now);
                final String outcome = s == null ? "never" : s.outcome + (s.overran ? "+overran" : "");
                final String last = s == null || s.lastStartMs == 0 ? "-" : time(s.lastStartMs);
                final String duration = s == null || s.lastEndMs == 0 ? "-" : s.lastDurationMs() / 1000 + "s";
                if (json)
                {
                    out.addObject().put("job", job.name()).put("cron", job.cron().expression())
                        .put("zone", job.cron().zone().getId()).put("run", String.join(" ", job.command()))
                        .put("next_run", next == null ? null : next.toString())
                        .put("last_run", s == null || s.lastStartMs == 0 ? null : Instant.ofEpochMilli(s.lastStartMs).toString())
                        .put("outcome", s == null ? "never" : s.outcome).put("overran", s != null && s.overran)
                        .put("duration_s", s == null ? 0 : s.lastDurationMs() / 1e3)
                        .put("runs", s == null ? 0 : s.runs).put("failures", s == null ? 0 : s.failures)
                        .put("error", s == null ? null : s.error);
                }
                else
                {
                    System.out.printf(Locale.ROOT, "%-16s %-16s %-16s %-20s %-20s %-8s %9s %5d %8d%s%n", job.name(),
                        job.cron().expression(), job.cron().zone().getId(),
                        next == null ? "-" : time(next.toEpochMilli()), last, outcome, duration,
                        s == null ? 0 : s.runs, s == null ? 0 : s.failures,
                        s != null && s.error != null ? "  " + s.error : "");
                }
            }
            if (json)
            {
                System.out.println(out.toPrettyString());
            }
            return 0;
        }

        private static String time(final long ms)
        {
            return Timestamps.format(ms * 1_000_000L).substring(0, 19).replace('T', ' ');
        }
    }
}
