package dev.tickwire.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.Secrets;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.monitor.alert.AlertChannel;
import dev.tickwire.monitor.alert.AlertsConfig;
import dev.tickwire.tools.daily.DailyConfig;
import dev.tickwire.tools.daily.DailyContext;
import dev.tickwire.tools.daily.DailyRun;
import dev.tickwire.tools.daily.DailySteps;
import dev.tickwire.tools.daily.DayState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tickwire daily}: the daily job in one command (download, import, bars, archive…), day by day, resumable. */
@Command(name = "daily", mixinStandardHelpOptions = true, sortOptions = false, subcommands = DailyCommand.Status.class,
    description = {
        "Run the config's daily chain (its 'daily' section) for each UTC day: instruments → download → import → " +
            "gaps → bars → archive → verify (→ backup), or the steps daily.steps or --steps name.",
        "Every step is idempotent: a finished day is skipped and says so; a day stopped halfway (a crash, kill -9, a " +
            "failing server) resumes at the step where it stopped, and the step where its data says (files in the " +
            "download folder, rows in the journal), nothing imported twice. A state file per day " +
            "(<stateDir>/<day>.json) has each step's status, counts, duration and error: `tickwire daily status`.",
        "A failing step stops that day's chain with a message naming the step, the day and the cause, alerts through " +
            "the config's alerts.channels, and makes the exit status 1; the other days go on (a later day's import " +
            "waits for an earlier day's: the importer reads a source's days in order). A day Tardis has not exported " +
            "yet is 'not ready', not a failure."},
    footer = {"", "Exit status: 0 = every day done or not ready yet; 1 = a step failed or a day is held; 2 = bad " +
        "arguments or config (the key named)."})
final class DailyCommand implements Callable<Integer>
{
    /** The longest range one run takes: more is a mistake in a date, not a backfill. */
    static final long MAX_DAYS = 3660;

    @Option(names = "--config", paramLabel = "FILE", description = "The YAML config with the 'daily' section.")
    Path config;

    @Option(names = "--date", paramLabel = "DAY", description = "One UTC day, YYYY-MM-DD.")
    LocalDate date;

    @Option(names = "--from", paramLabel = "DAY", description = "First UTC day of a range.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DAY", description = "Last UTC day, included (default: yesterday).")
    LocalDate to;

    @Option(names = "--steps", split = ",", paramLabel = "STEP",
        description = "Run these steps instead of daily.steps (checked the same way), e.g. archive,verify.")
    List<String> steps;

    @Option(names = "--dry-run", description = "Say what each step would do (files to fetch, rows to import, days to " +
        "archive) and change nothing.")
    boolean dryRun;

    @Option(names = "--force",
        description = "Run the steps even where the state says they are done (each is idempotent).")
    boolean force;

    @Option(names = "--shard", paramLabel = "i/n", converter = Shard.Converter.class,
        description = "Do only this host's part of the days (1/3, 2/3, 3/3: n hosts together do each day once).")
    Shard shard = Shard.ALL;

    @Override
    public Integer call() throws Exception
    {
        final TickwireConfig cfg = load(config);
        final DailyConfig daily = DailyConfig.parse(cfg, steps, "--steps");
        final List<LocalDate> days = days(daily);
        for (final AlertChannel channel : AlertsConfig.parse(cfg.alerts, new Secrets(), false).channels())
        {
            channel.close(); // checked now, not when a step fails: OneShotAlert builds them again then
        }
        try (DailyContext context = new DailyContext(cfg, daily, shard, new Secrets(), System.out))
        {
            final DailyRun run = new DailyRun(context, force);
            return dryRun ? run.dryRun(days) : run.run(days);
        }
    }

    static TickwireConfig load(final Path config)
    {
        if (config == null)
        {
            throw new IllegalArgumentException("give --config FILE: the config with the 'daily' section");
        }
        return ConfigLoader.load(config);
    }

    /** --date; --from [--to]; or, with neither, the last daily.lookback days up to yesterday (UTC). */
    List<LocalDate> days(final DailyConfig daily)
    {
        if (date != null && (from != null || to != null))
        {
            throw new IllegalArgumentException("give --date, or --from (and --to), not both");
        }
        if (to != null && from == null)
        {
            throw new IllegalArgumentException("--to needs --from");
        }
        final LocalDate yesterday = DailyContext.yesterday();
        final LocalDate first = date != null ? date : from != null ? from :
            yesterday.minusDays(daily.section.lookback - 1L);
        final LocalDate last = date != null ? date : to != null ? to : yesterday;
        if (last.isBefore(first))
        {
            throw new IllegalArgumentException((to != null ? "--to " + to : "yesterday (" + yesterday + ")") +
                " is before --from " + first);
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS)
        {
            throw new IllegalArgumentException("--from " + first + " to " + last + " is more than " + MAX_DAYS +
                " days");
        }
        final List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1))
        {
            days.add(d);
        }
        return days;
    }

    /** {@code tickwire daily status}: each day's state as a table (or JSON). */
    @Command(name = "status", mixinStandardHelpOptions = true,
        description = "The state of each day the daily chain ran: per step its status and duration, the day's error.")
    static final class Status implements Callable<Integer>
    {
        private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

        @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The config (its daily.stateDir).")
        Path config;

        @Option(names = "--from", paramLabel = "DAY", description = "Only days from this one.")
        LocalDate from;

        @Option(names = "--to", paramLabel = "DAY", description = "Only days up to this one.")
        LocalDate to;

        @Option(names = "--json", description = "The state files as one JSON array.")
        boolean json;

        @Override
        public Integer call() throws Exception
        {
            final TickwireConfig cfg = load(config);
            final DailyConfig daily = DailyConfig.parse(cfg);
            final List<DayState> states = DayState.all(daily.stateDir).stream()
                .filter(s -> from == null || !LocalDate.parse(s.day).isBefore(from))
                .filter(s -> to == null || !LocalDate.parse(s.day).isAfter(to)).toList();
            if (json)
            {
                System.out.println(JSON.writeValueAsString(states));
                return 0;
            }
            if (states.isEmpty())
            {
                System.out.println("no day in " + daily.stateDir + " yet (`tickwire daily --config " + config +
                    "` runs the chain)");
                return 0;
            }
            final List<String> names = DailySteps.names().stream()
                .filter(n -> states.stream().anyMatch(s -> s.find(n) != null)).toList();
            final List<String> header = new ArrayList<>(List.of("day", "status"));
            header.addAll(names);
            header.addAll(List.of("total", "updated (UTC)", "error"));
            final TextTable table = new TextTable(header.toArray(new String[0]));
            for (final DayState s : states)
            {
                final List<Object> row = new ArrayList<>(List.of(s.day, s.status));
                long total = 0;
                String error = "";
                for (final String n : names)
                {
                    final DayState.Step step = s.find(n);
                    row.add(cell(s, step));
                    if (step != null)
                    {
                        total += step.durationMs;
                        if (step.error != null && error.isEmpty())
                        {
                            error = n + ": " + step.error;
                        }
                    }
                }
                row.add(seconds(total));
                row.add(s.updated == null ? "" :
                    s.updated.substring(0, Math.min(19, s.updated.length())).replace('T', ' '));
                row.add(error.length() > 160 ? error.substring(0, 157) + "..." : error);
                table.row(row.toArray());
            }
            table.print(System.out);
            return 0;
        }

        private static String cell(final DayState day, final DayState.Step step)
        {
            if (step == null)
            {
                return "-";
            }
            switch (step.status)
            {
                case DayState.DONE:
                    return seconds(step.durationMs);
                case DayState.RUNNING:
                    // a run killed while the step ran left it "running": the next run resumes it
                    return !alive(day) ? "interrupted" : "running " + (step.started == null ? "" :
                        seconds(Duration.between(Instant.parse(step.started), Instant.now()).toMillis()));
                case DayState.FAILED:
                    return "FAILED";
                case DayState.NOT_READY:
                    return "not ready";
                case DayState.PENDING:
                    return "-";
                default:
                    return step.status;
            }
        }

        /** Whether the process that wrote the state is still running (on another host: assumed so). */
        private static boolean alive(final DayState day)
        {
            return day.host == null || !day.host.equals(dev.tickwire.monitor.alert.Notice.localHost()) ||
                ProcessHandle.of(day.pid).map(ProcessHandle::isAlive).orElse(false);
        }

        private static String seconds(final long ms)
        {
            return String.format(Locale.ROOT, "%.1fs", ms / 1e3);
        }
    }
}
