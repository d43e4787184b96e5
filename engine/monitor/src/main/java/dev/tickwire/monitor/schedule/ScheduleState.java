package dev.tickwire.monitor.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.journal.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the scheduler knows of each job, kept beside the journal ({@code <journal>/schedule-state.json}) so that
 * a restart knows which slot ran last (a missed run is caught up once), and {@code schedule list}, {@code status},
 * the metrics and the {@code scheduleFailing} alert read the same outcome. Written by the scheduler's thread only.
 */
public final class ScheduleState
{
    public static final String FILE = "schedule-state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Job> jobs = new LinkedHashMap<>();

    /** One job's record; every time is epoch ms, 0 when it has not happened. */
    public static final class Job
    {
        /** The slot (cron time) of the last run started. */
        public long lastSlotMs;
        public long lastStartMs;
        public long lastEndMs;
        public long lastSuccessMs;
        public long nextSlotMs;
        /** never, running, ok, failed. */
        public String outcome = "never";
        public int exitCode;
        public String error;
        public long runs;
        public long failures;
        /** Slots skipped because the previous run was still going. */
        public long overlaps;
        /** The current or last run went past its window (cleared by a run that ends within it). */
        public boolean overran;
        public boolean catchUp;

        public boolean running()
        {
            return outcome.equals("running");
        }

        public long lastDurationMs()
        {
            return lastEndMs >= lastStartMs && lastStartMs > 0 ? lastEndMs - lastStartMs : 0;
        }
    }

    public Map<String, Job> jobs()
    {
        return jobs;
    }

    public Job job(final String name)
    {
        return jobs.get(name);
    }

    public Job getOrAdd(final String name)
    {
        return jobs.computeIfAbsent(name, n -> new Job());
    }

    /** The state in {@code journal}, empty if there is none; a file that cannot be read is an IOException. */
    public static ScheduleState read(final Path journal) throws IOException
    {
        final ScheduleState state = new ScheduleState();
        final Path file = journal.resolve(FILE);
        if (!Files.isRegularFile(file))
        {
            return state;
        }
        final JsonNode root = JSON.readTree(file.toFile());
        root.path("jobs").fields().forEachRemaining(e ->
        {
            final JsonNode n = e.getValue();
            final Job j = state.getOrAdd(e.getKey());
            j.lastSlotMs = n.path("last_slot_ms").asLong();
            j.lastStartMs = n.path("last_start_ms").asLong();
            j.lastEndMs = n.path("last_end_ms").asLong();
            j.lastSuccessMs = n.path("last_success_ms").asLong();
            j.nextSlotMs = n.path("next_slot_ms").asLong();
            j.outcome = n.path("outcome").asText("never");
            j.exitCode = n.path("exit_code").asInt();
            j.error = n.hasNonNull("error") ? n.get("error").asText() : null;
            j.runs = n.path("runs").asLong();
            j.failures = n.path("failures").asLong();
            j.overlaps = n.path("overlaps").asLong();
            j.overran = n.path("overran").asBoolean();
            j.catchUp = n.path("catch_up").asBoolean();
        });
        return state;
    }

    /** The state, or an empty one when it is missing or unreadable (for readers that only report). */
    public static ScheduleState readOrEmpty(final Path journal)
    {
        try
        {
            return journal == null ? new ScheduleState() : read(journal);
        }
        catch (final IOException ex)
        {
            return new ScheduleState();
        }
    }

    public void write(final Path journal)
    {
        AtomicFiles.write(journal.resolve(FILE), toJson().toPrettyString() + "\n");
    }

    public ObjectNode toJson()
    {
        final ObjectNode root = JSON.createObjectNode();
        final ObjectNode all = root.putObject("jobs");
        jobs.forEach((name, j) -> all.putObject(name)
            .put("last_slot_ms", j.lastSlotMs).put("last_start_ms", j.lastStartMs).put("last_end_ms", j.lastEndMs)
            .put("last_success_ms", j.lastSuccessMs).put("next_slot_ms", j.nextSlotMs).put("outcome", j.outcome)
            .put("exit_code", j.exitCode).put("error", j.error).put("runs", j.runs).put("failures", j.failures)
            .put("overlaps", j.overlaps).put("overran", j.overran).put("catch_up", j.catchUp));
        return root;
    }
}
