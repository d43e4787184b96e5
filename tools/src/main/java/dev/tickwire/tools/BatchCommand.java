package dev.tickwire.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.Durations;
import dev.tickwire.monitor.schedule.ScheduleConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code tickwire batch --config jobs.yaml}: a list of tickwire commands run with bounded parallelism, each in a
 * child JVM with its own log, retried as configured; one summary table; exit 0 only if every job succeeded.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
    description = "Run a file of jobs (tickwire commands) with bounded parallelism: one summary, exit 0 only if all succeed.")
final class BatchCommand implements Callable<Integer>
{
    @Option(names = "--config", required = true, description = "The jobs file (YAML or JSON): parallel and jobs.")
    Path config;

    @Option(names = "--parallel", description = "Jobs at a time (default: the file's 'parallel', else 2).")
    Integer parallel;

    @Option(names = "--logs", description = "Folder of the jobs' logs (default: batch-logs/<start time> beside the file).")
    Path logs;

    @Option(names = "--dry-run", description = "Check the file and list the jobs; run nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "The summary as JSON.")
    boolean json;

    /** One job of the file. */
    record Job(String name, List<String> command, int retries, long timeoutMs)
    {
    }

    /** How a job went. */
    record Outcome(Job job, String status, int exitCode, int attempts, long durationMs, Path log, String lastLine)
    {
    }

    @Override
    public Integer call() throws Exception
    {
        final JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(config.toFile());
        final int defaultParallel = root != null && root.has("parallel") ? root.get("parallel").asInt() : 2;
        final List<Job> jobs = parse(root);
        final int threads = parallel != null ? parallel : defaultParallel;
        if (threads < 1)
        {
            throw new ConfigException(parallel != null ? "--parallel" : "parallel", "must be at least 1");
        }
        if (dryRun)
        {
            jobs.forEach(j -> System.out.printf(Locale.ROOT, "%-20s tickwire %s%n", j.name(), String.join(" ", j.command())));
            System.out.println(jobs.size() + " job(s), " + threads + " at a time; nothing run (--dry-run)");
            return 0;
        }
        final Path logDir = logs != null ? logs : config.toAbsolutePath().getParent().resolve("batch-logs")
            .resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        final List<Future<Outcome>> futures = new ArrayList<>();
        try
        {
            for (final Job job : jobs)
            {
                futures.add(pool.submit(() -> run(job, logDir.resolve(job.name() + ".log"))));
            }
            final List<Outcome> outcomes = new ArrayList<>();
            for (final Future<Outcome> f : futures)
            {
                outcomes.add(f.get());
            }
            print(outcomes, logDir);
            return outcomes.stream().allMatch(o -> o.status().equals("ok")) ? 0 : 1;
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    private static Outcome run(final Job job, final Path log) throws IOException, InterruptedException
    {
        final ProcessJobRunner runner = new ProcessJobRunner(log, job.timeoutMs());
        final long start = System.nanoTime();
        int code = -1;
        int attempts = 0;
        while (attempts <= job.retries())
        {
            attempts++;
            code = runner.run(job.command());
            if (code == 0)
            {
                break;
            }
        }
        final long durationMs = (System.nanoTime() - start) / 1_000_000L;
        final String status = code == 0 ? "ok" : code == 124 ? "timeout" : "failed";
        return new Outcome(job, status, code, attempts, durationMs, log, code == 0 ? "" : lastLine(log));
    }

    private void print(final List<Outcome> outcomes, final Path logDir)
    {
        if (json)
        {
            final ArrayNode out = new ObjectMapper().createArrayNode();
            outcomes.forEach(o -> out.addObject().put("job", o.job().name()).put("status", o.status())
                .put("exit_code", o.exitCode()).put("attempts", o.attempts()).put("duration_s", o.durationMs() / 1e3)
                .put("log", o.log().toString()).put("error", o.lastLine().isEmpty() ? null : o.lastLine()));
            System.out.println(out.toPrettyString());
            return;
        }
        System.out.printf(Locale.ROOT, "%-20s %-8s %4s %8s %9s  %s%n", "JOB", "STATUS", "EXIT", "ATTEMPTS", "DURATION",
            "ERROR");
        for (final Outcome o : outcomes)
        {
            System.out.printf(Locale.ROOT, "%-20s %-8s %4d %8d %8.1fs  %s%n", o.job().name(), o.status(), o.exitCode(),
                o.attempts(), o.durationMs() / 1e3, o.lastLine());
        }
        final long ok = outcomes.stream().filter(o -> o.status().equals("ok")).count();
        System.out.println(ok + " of " + outcomes.size() + " job(s) succeeded; logs in " + logDir);
    }

    /** The last non-blank line a failed job wrote: usually the reason. */
    private static String lastLine(final Path log)
    {
        try
        {
            final List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--)
            {
                if (!lines.get(i).isBlank())
                {
                    final String line = lines.get(i).strip();
                    return line.length() > 160 ? line.substring(0, 157) + "..." : line;
                }
            }
        }
        catch (final IOException ex)
        {
            return "cannot read " + log;
        }
        return "(no output)";
    }

    static List<Job> parse(final JsonNode root)
    {
        if (root == null || !root.isObject())
        {
            throw new ConfigException("jobs", "the file must be a mapping with 'jobs' (and optionally 'parallel')");
        }
        for (final Iterator<String> it = root.fieldNames(); it.hasNext(); )
        {
            final String field = it.next();
            if (!field.equals("jobs") && !field.equals("parallel"))
            {
                throw new ConfigException(field, "unknown key; use [parallel, jobs]");
            }
        }
        final JsonNode list = root.get("jobs");
        if (list == null || !list.isArray() || list.isEmpty())
        {
            throw new ConfigException("jobs", "must be a list of jobs, each with a name and a run");
        }
        final CommandJobRunner checks = new CommandJobRunner();
        final Set<String> names = new HashSet<>();
        final List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++)
        {
            final String at = "jobs[" + i + "]";
            final JsonNode job = list.get(i);
            for (final Iterator<String> it = job.fieldNames(); it.hasNext(); )
            {
                final String field = it.next();
                if (!Set.of("name", "run", "retries", "timeout").contains(field))
                {
                    throw new ConfigException(at + "." + field, "unknown key; use [name, run, retries, timeout]");
                }
            }
            final String name = job.path("name").asText("");
            if (!name.matches("[A-Za-z0-9_.-]+") || !names.add(name))
            {
                throw new ConfigException(at + ".name", "'" + name + "' must be unique and use only letters, digits, " +
                    "'_', '-' and '.' (it names the job's log)");
            }
            final List<String> command = ScheduleConfig.command(job.get("run"), at + ".run");
            checks.check(command, at + ".run");
            final int retries = job.path("retries").asInt(0);
            if (retries < 0 || retries > 10)
            {
                throw new ConfigException(at + ".retries", "must be 0 to 10");
            }
            final long timeoutMs = job.hasNonNull("timeout") ?
                Durations.parseNanos(at + ".timeout", job.get("timeout").asText()) / 1_000_000L : 0;
            jobs.add(new Job(name, command, retries, timeoutMs));
        }
        return jobs;
    }
}
