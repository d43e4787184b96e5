package dev.tickwire.engine.fanout;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import dev.tickwire.engine.config.IdleStrategies;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's Aeron: an embedded media driver (default) or an external one found by its
 * directory, and the client connected to it; optionally an embedded Aeron Archive inside that driver.
 *
 * <p>With an archive and the SHARED driver, driver and archive share one thread: both run as invokers
 * (the archive's conductor invokes the driver's, as Aeron's ArchivingMediaDriver does in INVOKER mode),
 * so recording adds no thread to the engine's count (REFERENCE.md section 7).
 */
public final class AeronTransport implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(AeronTransport.class);

    private final MediaDriver driver;
    private final Archive archive;
    private final AgentRunner sharedRunner;
    private final Aeron aeron;

    private AeronTransport(final MediaDriver driver, final Archive archive, final AgentRunner sharedRunner,
        final Aeron aeron)
    {
        this.driver = driver;
        this.archive = archive;
        this.sharedRunner = sharedRunner;
        this.aeron = aeron;
    }

    /** Never a busy spinner, and no yields, on a 2-core machine: the engine's default backoff. */
    public static IdleStrategy driverIdle()
    {
        return IdleStrategies.of("aeron.idle", "backoff");
    }

    /**
     * The driver's idle strategy: with only IPC channels the driver is off the data path (subscribers read
     * the publication's log directly), so when idle it parks 50 ms at a time; with a UDP channel its
     * sender must wake at once for the first message after a lull, so it never goes quiet.
     */
    static IdleStrategy driverIdle(final boolean ipcOnly)
    {
        return IdleStrategies.of("aeron.idle", ipcOnly ? "backoff:50ms" : "backoff:0");
    }

    /**
     * @param embedded      launch a driver in this process (else connect to a running one)
     * @param directory     the Aeron directory (driver and clients must agree on it)
     * @param threadingMode the embedded driver's threading: SHARED (1 thread, default), SHARED_NETWORK or DEDICATED
     * @param termLength    term buffer length for publications (power of two, 64 KB to 1 GB)
     * @param quiet         {@code engine.idle: quiet}: idle threads may park long
     * @param ipcOnly       every channel is aeron:ipc (the driver may idle deeply)
     */
    public static AeronTransport start(
        final boolean embedded, final String directory, final ThreadingMode threadingMode, final int termLength,
        final boolean quiet, final boolean ipcOnly)
    {
        return start(embedded, directory, threadingMode, termLength, quiet, ipcOnly, null);
    }

    /**
     * As above, with an embedded Aeron Archive when {@code archiveContext} is not null (its folder, control
     * channel and the like set; this sets the driver directory, threading and idle strategy).
     */
    public static AeronTransport start(
        final boolean embedded, final String directory, final ThreadingMode threadingMode, final int termLength,
        final boolean quiet, final boolean ipcOnly, final Archive.Context archiveContext)
    {
        if (!quiet)
        {
            return start(embedded, directory, threadingMode, termLength, () -> driverIdle(false), 16, archiveContext);
        }
        return start(embedded, directory, threadingMode, termLength, () -> driverIdle(ipcOnly), 50, archiveContext);
    }

    private static AeronTransport start(
        final boolean embedded, final String directory, final ThreadingMode threadingMode, final int termLength,
        final java.util.function.Supplier<IdleStrategy> idle, final long clientSleepMs,
        final Archive.Context archiveContext)
    {
        MediaDriver driver = null;
        Archive archive = null;
        AgentRunner sharedRunner = null;
        // one thread for driver and archive: both as invokers, run by our own runner
        final boolean shareThread = embedded && archiveContext != null && threadingMode == ThreadingMode.SHARED;
        if (embedded)
        {
            driver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(directory)
                .threadingMode(shareThread ? ThreadingMode.INVOKER : threadingMode)
                .sharedIdleStrategy(idle.get())
                .conductorIdleStrategy(idle.get())
                .senderIdleStrategy(idle.get())
                .receiverIdleStrategy(idle.get())
                .ipcTermBufferLength(termLength)
                .publicationTermBufferLength(termLength)
                // its tasks (resolving UDP endpoint names) run on the conductor: one thread less, waking
                // ~600 times a second for nothing (1.6 % of a core idle, measured)
                .asyncExecutorEnabled(false)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
        }
        try
        {
            if (archiveContext != null)
            {
                archiveContext.aeronDirectoryName(directory)
                    .errorHandler(ex -> LOG.warn("aeron archive: {}", ex.toString()));
                if (shareThread)
                {
                    // the archive's own client invokes the driver while it connects, so launching cannot deadlock
                    archive = Archive.launch(archiveContext.threadingMode(ArchiveThreadingMode.INVOKER)
                        .mediaDriverAgentInvoker(driver.sharedAgentInvoker()));
                    sharedRunner = new AgentRunner(idle.get(), ex -> LOG.warn("aeron driver: {}", ex.toString()), null,
                        new Invoking("aeron-driver-archive", archive.invoker()));
                    AgentRunner.startOnThread(sharedRunner);
                }
                else
                {
                    archive = Archive.launch(archiveContext.threadingMode(ArchiveThreadingMode.SHARED)
                        .idleStrategySupplier(idle));
                }
            }
            // the client's conductor only keeps the client alive (every 500 ms) and handles responses at start
            final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(directory)
                .idleStrategy(new org.agrona.concurrent.SleepingMillisIdleStrategy(clientSleepMs)));
            return new AeronTransport(driver, archive, sharedRunner, aeron);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(sharedRunner, archive, driver);
            throw new IllegalStateException("cannot connect to the Aeron media driver in " + directory +
                (embedded ? "" : " (is the external driver running? set aeron.driver: embedded to start one)"), ex);
        }
    }

    public ExclusivePublication publication(final String channel, final int streamId)
    {
        return aeron.addExclusivePublication(channel, streamId);
    }

    /**
     * Subscriptions connected to a stream: the driver keeps one subscriber-position counter per
     * subscription image (read from its counters, off the engine thread).
     */
    public int subscribers(final int streamId)
    {
        final org.agrona.concurrent.status.CountersReader counters = aeron.countersReader();
        final int[] count = new int[1];
        counters.forEach((id, type, key, label) ->
        {
            if (type == io.aeron.AeronCounters.DRIVER_SUBSCRIBER_POSITION_TYPE_ID &&
                key.getInt(io.aeron.driver.status.StreamCounter.STREAM_ID_OFFSET) == streamId)
            {
                count[0]++;
            }
        });
        return count[0];
    }

    public Aeron aeron()
    {
        return aeron;
    }

    /** The embedded archive, or null. */
    public Archive archive()
    {
        return archive;
    }

    @Override
    public void close()
    {
        // the client first, then the thread that runs driver and archive, then the archive, then the driver
        CloseHelper.closeAll(aeron, sharedRunner, archive, driver);
    }

    /** Runs an invoker (the archive's conductor, which invokes the driver's) on an AgentRunner. */
    private record Invoking(String roleName, AgentInvoker invoker) implements Agent
    {
        @Override
        public int doWork()
        {
            return invoker.invoke();
        }
    }
}
