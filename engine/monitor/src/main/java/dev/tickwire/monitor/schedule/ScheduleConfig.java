package dev.tickwire.monitor.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.Durations;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code schedule}: a default {@code zone} and {@code jobs}, each a {@code name}, a {@code cron}
 * expression, the tickwire command line to {@code run} (text or a list), an optional {@code zone} and
 * {@code window}. A bad or unknown key fails naming it.
 */
public final class ScheduleConfig
{
    public static final String KEY = "schedule";

    private ScheduleConfig()
    {
    }

    public static List<ScheduledJob> parse(final JsonNode schedule, final JobRunner runner)
    {
        final List<ScheduledJob> jobs = new ArrayList<>();
        if (schedule == null || schedule.isNull())
        {
            return jobs;
        }
        allowed(schedule, KEY, "zone", "jobs");
        final String zone = schedule.path("zone").asText("UTC");
        final JsonNode list = schedule.get("jobs");
        if (list == null || !list.isArray())
        {
            throw new ConfigException(KEY + ".jobs", "must be a list of jobs, each with a name, a cron and a run");
        }
        final Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++)
        {
            final String at = KEY + ".jobs[" + i + "]";
            final JsonNode job = list.get(i);
            if (!job.isObject())
            {
                throw new ConfigException(at, "must be a mapping with name, cron and run");
            }
            allowed(job, at, "name", "cron", "run", "zone", "window");
            final String name = required(job, at, "name");
            if (!name.matches("[A-Za-z0-9_.-]+") || !names.add(name))
            {
                throw new ConfigException(at + ".name", "'" + name + "' must be unique and use only letters, digits, " +
                    "'_', '-' and '.' (it names the job's metrics)");
            }
            final CronSchedule cron = CronSchedule.parse(at + ".cron", required(job, at, "cron"),
                job.has("zone") ? at + ".zone" : KEY + ".zone", job.path("zone").asText(zone));
            final List<String> command = command(job.get("run"), at + ".run");
            runner.check(command, at + ".run");
            long windowMs = 0;
            if (job.hasNonNull("window"))
            {
                windowMs = Durations.parseNanos(at + ".window", job.get("window").asText()) / 1_000_000L;
                if (windowMs < 1000)
                {
                    throw new ConfigException(at + ".window", "must be at least 1s");
                }
            }
            jobs.add(new ScheduledJob(name, cron, command, windowMs));
        }
        return jobs;
    }

    /** "daily --config x.yaml" or [daily, --config, x.yaml]; words split on spaces, quotes keep a word whole. */
    public static List<String> command(final JsonNode run, final String key)
    {
        final List<String> words = new ArrayList<>();
        if (run == null || run.isNull())
        {
            throw new ConfigException(key, "is required: the tickwire command to run, e.g. \"backup --to /backups\"");
        }
        if (run.isArray())
        {
            run.forEach(w -> words.add(w.asText()));
        }
        else
        {
            final StringBuilder word = new StringBuilder();
            char quote = 0;
            boolean inWord = false;
            for (final char c : run.asText().toCharArray())
            {
                if (quote != 0)
                {
                    if (c == quote)
                    {
                        quote = 0;
                    }
                    else
                    {
                        word.append(c);
                    }
                }
                else if (c == '"' || c == '\'')
                {
                    quote = c;
                    inWord = true;
                }
                else if (Character.isWhitespace(c))
                {
                    if (inWord)
                    {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                }
                else
                {
                    word.append(c);
                    inWord = true;
                }
            }
            if (quote != 0)
            {
                throw new ConfigException(key, "has an unclosed quote: " + run.asText());
            }
            if (inWord)
            {
                words.add(word.toString());
            }
        }
        if (words.isEmpty())
        {
            throw new ConfigException(key, "is empty: give the tickwire command to run");
        }
        if (words.get(0).equals("tickwire"))
        {
            words.remove(0); // "tickwire backup …" reads naturally; the command is the same
        }
        return words;
    }

    private static String required(final JsonNode node, final String at, final String field)
    {
        if (!node.hasNonNull(field) || node.get(field).asText().isBlank())
        {
            throw new ConfigException(at + "." + field, "is required");
        }
        return node.get(field).asText();
    }

    private static void allowed(final JsonNode node, final String at, final String... keys)
    {
        final Set<String> known = Set.of(keys);
        for (final Iterator<String> it = node.fieldNames(); it.hasNext(); )
        {
            final String field = it.next();
            if (!known.contains(field))
            {
                throw new ConfigException(at + "." + field, "unknown key; use " + List.of(keys));
            }
        }
    }
}
