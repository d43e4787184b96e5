package dev.tickwire.tools.daily;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tickwire.journal.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One UTC day of the daily chain: each step's status, counts, duration and error, in {@code <stateDir>/<day>.json}.
 * Written whole after every transition (and now and then while a long step runs) through {@link AtomicFiles}, so a
 * reader (or a rerun after kill -9) sees the state before or after a write, never half of one. A step found
 * {@code running} when a run starts was interrupted: that run resumes it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class DayState
{
    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String HELD = "held";
    public static final String NOT_READY = "not-ready";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // a newer build's state stays readable
    /** A long step's progress is written at most this often. */
    static final long PROGRESS_EVERY_MS = 1000;

    /** One step of the day. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Step
    {
        public String name;
        public String status = PENDING;
        /** When the last attempt started and ended (ISO-8601 UTC). */
        public String started;
        public String ended;
        /** Of the last attempt; while running, so far (with the progress). */
        public long durationMs;
        public int attempts;
        public String summary;
        public Map<String, Object> counts;
        public String error;

        public Step()
        {
        }

        Step(final String name)
        {
            this.name = name;
        }
    }

    public String day;
    /** The day as a whole: pending, running, done, failed, held or not-ready. */
    public String status = PENDING;
    /** What the day was run for: a change (a symbol added) runs its steps again. */
    public String exchange;
    public List<String> symbols;
    public List<String> dataTypes;
    public String updated;
    /** The process that wrote it last. */
    public String host;
    public long pid;
    public List<Step> steps = new ArrayList<>();

    @JsonIgnore
    private Path file;
    @JsonIgnore
    private long lastProgressMs;

    public DayState()
    {
    }

    /** The file of a day in the state folder. */
    public static Path file(final Path stateDir, final LocalDate day)
    {
        return stateDir.resolve(day + ".json");
    }

    /** The day's state, or a new one (nothing written) if it has none. */
    public static DayState read(final Path stateDir, final LocalDate day)
    {
        final Path file = file(stateDir, day);
        final DayState state;
        if (Files.isRegularFile(file))
        {
            try
            {
                state = JSON.readValue(file.toFile(), DayState.class);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot read the daily state " + file + ": " + ex.getMessage() +
                    " (delete it to run the day from its first step)", ex);
            }
        }
        else
        {
            state = new DayState();
            state.day = day.toString();
        }
        state.file = file;
        return state;
    }

    /** Every day with a state file, oldest first. */
    public static List<DayState> all(final Path stateDir)
    {
        final List<DayState> states = new ArrayList<>();
        days(stateDir).forEach(d -> states.add(read(stateDir, d)));
        return states;
    }

    /** The days with a state file, oldest first (their files not read). */
    public static List<LocalDate> days(final Path stateDir)
    {
        final List<LocalDate> days = new ArrayList<>();
        if (Files.isDirectory(stateDir))
        {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(stateDir, "????-??-??.json"))
            {
                for (final Path f : files)
                {
                    days.add(LocalDate.parse(f.getFileName().toString().substring(0, 10)));
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot list " + stateDir, ex);
            }
        }
        days.sort(null);
        return days;
    }

    /** Whether the file exists (a day run before). */
    @JsonIgnore
    public boolean exists()
    {
        return Files.isRegularFile(file);
    }

    /** The step's entry, added as pending if the day has none. */
    public Step step(final String name)
    {
        for (final Step s : steps)
        {
            if (s.name.equals(name))
            {
                return s;
            }
        }
        final Step s = new Step(name);
        steps.add(s);
        return s;
    }

    /** The step's entry, or null. */
    public Step find(final String name)
    {
        return steps.stream().filter(s -> s.name.equals(name)).findFirst().orElse(null);
    }

    /** Whether the step finished on this day. */
    public boolean done(final String name)
    {
        final Step s = find(name);
        return s != null && DONE.equals(s.status);
    }

    /**
     * For a long step: its counts so far, written at most once a second (a reader sees how far it got).
     *
     * @param step the step's name
     */
    public void progress(final String step, final Map<String, Object> counts)
    {
        final long now = System.currentTimeMillis();
        if (now - lastProgressMs < PROGRESS_EVERY_MS)
        {
            return;
        }
        lastProgressMs = now;
        final Step s = step(step);
        s.counts = new LinkedHashMap<>(counts);
        if (s.started != null)
        {
            s.durationMs = now - Instant.parse(s.started).toEpochMilli();
        }
        write();
    }

    /** Writes the whole state atomically, stamped with the time and this process. */
    public void write()
    {
        updated = Instant.now().toString();
        pid = ProcessHandle.current().pid();
        host = dev.tickwire.monitor.alert.Notice.localHost();
        try
        {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, JSON.writeValueAsString(this) + "\n");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the daily state " + file, ex);
        }
    }

    @JsonIgnore
    public Path path()
    {
        return file;
    }
}
