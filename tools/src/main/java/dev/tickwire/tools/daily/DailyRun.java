package dev.tickwire.tools.daily;

import dev.tickwire.engine.net.Backoff;
import dev.tickwire.monitor.alert.OneShotAlert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The chain over a range of days: day by day, oldest first, each configured step in order. A step the day's state
 * says is done is skipped (a finished day is skipped whole, and says so); a step found {@code running} was
 * interrupted and runs again (it resumes where its data says: files in the folder, rows in the journal). A failing
 * step stops its day's chain, is recorded with its cause, alerts through the config's channels and makes the exit
 * code 1; the next days go on. A day not exported yet is "not ready", not a failure. One run at a time per state
 * folder (a lock file the OS releases when the process dies, kill -9 included).
 */
public final class DailyRun
{
    /** Exit code when a step failed or a day is held. */
    public static final int EXIT_FAILED = 1;
    /** The alert rule name a failure is sent under. */
    public static final String ALERT_RULE = "dailyFailed";
    private static final Logger LOG = LoggerFactory.getLogger(DailyRun.class);
    private static final String LOCK = "daily.lock";

    private final DailyContext context;
    private final boolean force;
    private int done;
    private int skipped;
    private int failed;
    private int held;
    private int notReady;

    /** @param force run the steps even where the state says they are done (each is idempotent) */
    public DailyRun(final DailyContext context, final boolean force)
    {
        this.context = context;
        this.force = force;
    }

    /** Runs the chain over the days (those of other shards left out); returns the exit code. */
    public int run(final List<LocalDate> days) throws InterruptedException
    {
        final List<LocalDate> mine = days.stream().filter(context.shard::owns).toList();
        context.out.println(header(days, mine) + "; state in " + context.daily.stateDir);
        try (FileChannel ignored = lock())
        {
            for (final LocalDate day : mine)
            {
                runDay(day);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot lock " + context.daily.stateDir.resolve(LOCK), ex);
        }
        context.out.printf(Locale.ROOT, "daily: %d day(s) done, %d done before (skipped), %d failed, %d held, %d not " +
            "ready%n", done, skipped, failed, held, notReady);
        return failed + held > 0 ? EXIT_FAILED : 0;
    }

    /** What each step would do, day by day; changes nothing (no state, no lock, no folder). */
    public int dryRun(final List<LocalDate> days) throws InterruptedException
    {
        final List<LocalDate> mine = days.stream().filter(context.shard::owns).toList();
        context.out.println(header(days, mine) + " (dry run: nothing is changed)");
        for (final LocalDate day : mine)
        {
            final DayState state = DayState.read(context.daily.stateDir, day);
            if (!force && samePlan(state) && context.daily.steps.stream().allMatch(s -> state.done(s.name())))
            {
                context.out.println(day + ": done (finished " + state.updated + "): would be skipped");
                continue;
            }
            context.out.println(day + (state.exists() ? " (state: " + state.status + ")" : ""));
            for (final DailyStep step : context.daily.steps)
            {
                String what;
                if (!force && state.done(step.name()) && samePlan(state))
                {
                    what = "done " + state.find(step.name()).ended + ": skipped";
                }
                else
                {
                    try
                    {
                        what = step.dryRun(context, day);
                    }
                    catch (final DailyStep.NotReady ex)
                    {
                        context.out.printf(Locale.ROOT, "  %-12s not ready: %s%n", step.name(), ex.getMessage());
                        break; // a run stops the day here too
                    }
                    catch (final InterruptedException ex)
                    {
                        throw ex;
                    }
                    catch (final Exception ex)
                    {
                        what = "cannot tell: " + Backoff.describe(ex);
                    }
                }
                context.out.printf(Locale.ROOT, "  %-12s %s%n", step.name(), what);
            }
        }
        return 0;
    }

    private String header(final List<LocalDate> days, final List<LocalDate> mine)
    {
        final DailyConfig d = context.daily;
        return "daily: " + d.exchange + " " + String.join(",", d.symbols) + " " + String.join(",", d.dataTypes) + "; " +
            (days.isEmpty() ? "no day" : days.get(0) + ".." + days.get(days.size() - 1)) +
            (context.shard.isAll() ? "" : " (shard " + context.shard + ": " + mine.size() + " of " + days.size() +
                " day(s))") + "; steps " + String.join(",", d.steps.stream().map(DailyStep::name).toList());
    }

    /** The state folder's lock, held while the channel is open (the OS drops it when the process dies). */
    private FileChannel lock() throws IOException
    {
        Files.createDirectories(context.daily.stateDir);
        final Path file = context.daily.stateDir.resolve(LOCK);
        final FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.READ);
        if (channel.tryLock() == null)
        {
            channel.close();
            final String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
            throw new IllegalStateException("another tickwire daily is running with the state folder " +
                context.daily.stateDir + " (" + holder + "): two runs must not work on the same days at once");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " on " + dev.tickwire.monitor.alert.Notice.localHost() +
            " since " + Instant.now()).getBytes(StandardCharsets.UTF_8)), 0);
        return channel;
    }

    /** Whether the day was run for what the config says now (exchange, symbols, data types). */
    private boolean samePlan(final DayState state)
    {
        return !state.exists() || Objects.equals(state.exchange, context.daily.exchange) &&
            Objects.equals(state.symbols, context.daily.symbols) &&
            Objects.equals(state.dataTypes, context.daily.dataTypes);
    }

    private void runDay(final LocalDate day) throws InterruptedException
    {
        final DayState state = DayState.read(context.daily.stateDir, day);
        if (!samePlan(state))
        {
            context.out.println(day + ": the config changed since it ran (" + state.symbols + " " + state.dataTypes +
                " then): its steps run again");
            state.steps.forEach(s -> s.status = DayState.PENDING);
        }
        state.exchange = context.daily.exchange;
        state.symbols = context.daily.symbols;
        state.dataTypes = context.daily.dataTypes;
        final List<DailyStep> steps = context.daily.steps;
        if (!force && steps.stream().allMatch(s -> state.done(s.name())))
        {
            final DayState.Step last = state.find(steps.get(steps.size() - 1).name());
            context.out.println(day + ": done (finished " + last.ended + "): skipped");
            skipped++;
            return;
        }
        context.out.println(day);
        final long dayStart = System.nanoTime();
        for (final DailyStep step : steps)
        {
            final DayState.Step s = state.step(step.name());
            if (!force && DayState.DONE.equals(s.status))
            {
                context.out.printf(Locale.ROOT, "  %-12s done earlier (%s)%n", step.name(), s.summary);
                continue;
            }
            if (DayState.RUNNING.equals(s.status))
            {
                context.out.printf(Locale.ROOT, "  %-12s was interrupted (last written %s by pid %d): resuming%n",
                    step.name(), state.updated, state.pid);
            }
            if (!runStep(day, state, step, s))
            {
                return;
            }
        }
        // done once the configured chain is (a run of some steps, --steps, leaves the others pending)
        state.status = context.daily.section.steps.stream().allMatch(state::done) ? DayState.DONE : DayState.PENDING;
        state.write();
        done++;
        context.out.printf(Locale.ROOT, "%s: %s in %.1f s%n", day, DayState.DONE.equals(state.status) ? "done" :
            "steps " + String.join(",", steps.stream().map(DailyStep::name).toList()) + " done",
            (System.nanoTime() - dayStart) / 1e9);
    }

    /** @return whether the chain goes on with the day's next step */
    private boolean runStep(final LocalDate day, final DayState state, final DailyStep step, final DayState.Step s)
        throws InterruptedException
    {
        final long start = System.nanoTime();
        s.status = DayState.RUNNING;
        s.started = Instant.now().toString();
        s.ended = null;
        s.error = null;
        s.summary = null;
        s.counts = null;
        s.durationMs = 0;
        s.attempts++;
        state.status = DayState.RUNNING;
        state.write();
        try
        {
            final DailyStep.Outcome outcome = step.run(context, day, state);
            end(s, start, DayState.DONE, outcome.summary(), new LinkedHashMap<>(outcome.counts()), null);
            state.write();
            context.out.printf(Locale.ROOT, "  %-12s done in %.2f s: %s%n", step.name(), s.durationMs / 1e3, s.summary);
            return true;
        }
        catch (final DailyStep.NotReady ex)
        {
            end(s, start, DayState.NOT_READY, ex.getMessage(), null, null);
            state.status = DayState.NOT_READY;
            state.write();
            notReady++;
            context.out.printf(Locale.ROOT, "  %-12s not ready: %s%n", step.name(), ex.getMessage());
            return false;
        }
        catch (final DailyStep.Held ex)
        {
            end(s, start, DayState.HELD, null, null, ex.getMessage());
            state.status = DayState.HELD;
            state.write();
            held++;
            context.out.printf(Locale.ROOT, "  %-12s held: %s%n", step.name(), ex.getMessage());
            return false;
        }
        catch (final InterruptedException ex)
        {
            end(s, start, DayState.FAILED, null, null, "interrupted");
            state.status = DayState.FAILED;
            state.write();
            throw ex;
        }
        catch (final Exception | LinkageError ex)
        {
            final String cause = ex instanceof StepFailure || ex instanceof IllegalArgumentException ||
                ex instanceof IllegalStateException ? String.valueOf(ex.getMessage()) : Backoff.describe(ex);
            end(s, start, DayState.FAILED, null, ex instanceof StepFailure f ? new LinkedHashMap<>(f.counts()) : null,
                cause);
            state.status = DayState.FAILED;
            state.write();
            failed++;
            if (!(ex instanceof StepFailure) && !(ex instanceof IllegalArgumentException))
            {
                LOG.warn("daily {} {}: {}", day, step.name(), cause, ex);
            }
            final String summary = "tickwire daily: " + step.name() + " failed for " + day + " (" +
                context.daily.exchange + ")";
            final int channels = OneShotAlert.send(context.config, ALERT_RULE, summary, step.name() + " of " + day +
                " failed: " + cause + "; state in " + state.path());
            context.out.printf(Locale.ROOT, "  %-12s FAILED after %.2f s: %s%n", step.name(), s.durationMs / 1e3,
                cause);
            context.out.println(day + ": " + step.name() + " failed: " + cause +
                (channels > 0 ? " (alert sent through " + channels + " channel(s))" : ""));
            return false;
        }
    }

    private static void end(final DayState.Step s, final long startNs, final String status, final String summary,
        final java.util.Map<String, Object> counts, final String error)
    {
        s.status = status;
        s.ended = Instant.now().toString();
        s.durationMs = (System.nanoTime() - startNs) / 1_000_000L;
        s.summary = summary;
        if (counts != null)
        {
            s.counts = counts; // else what the step's progress said last, if anything
        }
        s.error = error;
    }
}
