package dev.tickwire.engine;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.tickwire.engine.adapter.AdapterContext;
import dev.tickwire.engine.adapter.AdapterGuard;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.adapter.InstrumentDefinitions;
import dev.tickwire.engine.adapter.SourceContext;
import dev.tickwire.engine.bars.BarPublication;
import dev.tickwire.engine.bars.BarStage;
import dev.tickwire.engine.book.BookRestore;
import dev.tickwire.engine.book.BookStage;
import dev.tickwire.engine.book.TopOfBook;
import dev.tickwire.engine.book.checkpoint.BookCheckpointer;
import dev.tickwire.engine.config.DriverMode;
import dev.tickwire.engine.config.IdleStrategies;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.counters.CountersFile;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.engine.fanout.AeronTransport;
import dev.tickwire.engine.fanout.Offerer;
import dev.tickwire.engine.fanout.PublishStage;
import dev.tickwire.engine.fanout.StreamRecorder;
import dev.tickwire.engine.heartbeat.Heartbeat;
import dev.tickwire.engine.journal.JournalStage;
import dev.tickwire.engine.log.ThrottledLog;
import dev.tickwire.engine.output.JournalTailer;
import dev.tickwire.engine.output.Outputs;
import dev.tickwire.engine.ring.TickPublisher;
import dev.tickwire.engine.ring.TickRing;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.engine.validate.RejectLog;
import dev.tickwire.engine.validate.ValidateStage;
import dev.tickwire.engine.validate.ValidationLimits;
import dev.tickwire.journal.Checkpoint;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Values;
import io.aeron.ExclusivePublication;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running engine: adapters publish into the ring; the stages validate, journal, update books
 * and publish over Aeron. {@link EnginePipeline} declares the stage graph; this class owns the
 * lifecycle of everything around it.
 */
public final class Engine implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    public static final int MAX_INSTRUMENTS_ON_STATUS = 4096;

    private final TickwireConfig config;
    private final Journal journal;
    private final CountersFile countersFile;
    private final EngineCounters counters;
    private final AeronTransport transport;
    private final ExclusivePublication publication;
    /** Records the streams into an Aeron Archive ({@code archive.aeron.record}), or null. */
    private final StreamRecorder recorder;
    private final Disruptor<TickSlot> disruptor;
    private final RingBuffer<TickSlot> ring;
    private final TickPublisher publisher;
    private final BookStage bookStage;
    private final PublishStage publishStage;
    private final ExclusivePublication barsPublication;
    private final BarPublication barPublication;
    private final BarStage barStage;
    private final TopOfBook topOfBook = new TopOfBook(MAX_INSTRUMENTS_ON_STATUS);
    private final List<FeedAdapter> adapters;
    private final EpochNanoClock clock = new OffsetEpochNanoClock();
    /**
     * How far back in event time a restart reads the journal to rebuild each book from its last
     * snapshot: a day covers the daily files of Sierra Chart and Tardis, which open with one.
     */
    static final long RESTORE_WINDOW_NS = TimeUnit.HOURS.toNanos(24);
    private AgentRunner adapterRunner;
    private final List<AgentRunner> outputRunners;
    private final AgentRunner archiverRunner;
    private final RejectLog rejectLog;
    private final StageExceptionHandler stageErrors;
    private final List<AdapterGuard> guards = new ArrayList<>();
    private final ThrottledLog premapperErrors = new ThrottledLog(LOG, "journal premapper errors", 1);
    private final ThrottledLog adapterRunnerErrors = new ThrottledLog(LOG, "adapter thread errors", 1);
    private final AgentRunner premapRunner;
    private final AgentRunner heartbeatRunner;
    private final AgentRunner checkpointRunner;
    private boolean closed;

    private Engine(final Context context)
    {
        final TickwireConfig config = context.config;
        this.config = config;
        this.adapters = context.adapters;
        try
        {
            Files.createDirectories(config.dataPath());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create dataDir " + config.dataPath(), ex);
        }
        journal = Journal.open(new Journal.Context().dir(config.journalPath()).rollCycle(config.journal.rollCycle)
            .blockSize(config.journalBlockSizeBytes()));
        countersFile = CountersFile.create(config.countersPath(), 1024);
        counters = new EngineCounters(countersFile.manager());

        final TickRing memory = new TickRing(config.engine.ringSize, TickRing.SLOT_LENGTH);
        disruptor = new Disruptor<>(memory.slotFactory(), config.engine.ringSize, threadFactory(),
            ProducerType.MULTI, config.engine.waitStrategy.create(config.quietIdle()));
        stageErrors = new StageExceptionHandler(counters);
        disruptor.setDefaultExceptionHandler(stageErrors);
        ring = disruptor.getRingBuffer();

        // positions only: the last journaled record may be a reject with a bogus time, which must not become the
        // source's clock; the clock restarts with the first accepted tick
        final Map<Integer, Checkpoint> checkpoints = journal.lastCheckpoints(sourceIds(adapters));
        final Map<Integer, Checkpoint> positions = new HashMap<>();
        checkpoints.forEach((source, cp) -> positions.put(source,
            new Checkpoint(source, cp.sourcePosition(), cp.sequence(), Values.NONE, cp.index())));
        rejectLog = new RejectLog(this.adapters);
        final ValidateStage validate = new ValidateStage(ring, new ValidationLimits(
            config.timeToleranceNs(), config.maxFutureNs(), config.validation.priceBandBps), counters, positions)
            .rejectReporter(rejectLog);
        final JournalWriter journalWriter = journal.writer();
        final JournalStage journalStage = new JournalStage(journalWriter, counters);
        bookStage = new BookStage(counters, topOfBook);

        // fan-out: the market-data stream, and the bars stream when bar specs are configured
        if (context.fanOut)
        {
            final boolean embeddedArchive = config.recording() && config.archive.aeron.mode == DriverMode.EMBEDDED;
            transport = AeronTransport.start(config.embeddedDriver(), config.aeron.dir, config.driverThreading(),
                config.termLengthBytes(), config.quietIdle(), config.aeron.channel.startsWith("aeron:ipc") &&
                    (config.barSpecs().isEmpty() || config.barsChannel().startsWith("aeron:ipc")),
                embeddedArchive ? archiveContext(config) : null);
            publication = transport.publication(config.publishedChannel(config.aeron.channel), config.aeron.stream);
            recorder = config.recording() ? startRecording(config, embeddedArchive) : null;
            publishStage = new PublishStage(new Offerer(publication, config.aeron.offerRetries, counters.streamCounters()),
                counters.definitionsRepeated(), config.definitionsEveryNs());
        }
        else
        {
            transport = null;
            publication = null;
            recorder = null;
            publishStage = null;
        }
        if (context.bars)
        {
            barsPublication = transport.publication(config.publishedChannel(config.barsChannel()), config.bars.stream);
            if (recorder != null && config.archive.aeron.bars && config.archive.aeron.recordChannel == null)
            {
                recorder.record(barsPublication, null, config.archive.aeron.keep);
            }
            barPublication = BarPublication.create(barsPublication, config.bars.stream, counters, config.aeron.offerRetries);
            // one thread runs a slot through every stage: the book stage's book is this slot's; with a thread per
            // stage it may be ahead, so the bar stage keeps books of its own
            barStage = new BarStage(config.barSpecs(), config.bars.emitEmpty, barPublication, config.barFeatureDepth(),
                config.singleThreaded() ? bookStage::book : null);
        }
        else
        {
            barsPublication = null;
            barPublication = null;
            barStage = null;
        }

        restoreBooks(validate);
        EnginePipeline.wire(disruptor, config.singleThreaded(), validate, journalStage, bookStage, barStage, publishStage);
        disruptor.start();
        premapRunner = config.journal.premap ? new AgentRunner(IdleStrategies.of("journal.premap", config.quietIdle() ? "backoff:100ms" : "sleeping"),
            ex ->
            {
                counters.errors().incrementRelease();
                premapperErrors.warn("journal premapper: {} (the engine thread maps chunks itself meanwhile)", ex.toString());
            },
            null, journalWriter.premapper()) : null;
        if (premapRunner != null)
        {
            AgentRunner.startOnThread(premapRunner);
        }
        outputRunners = startOutputs(context.outputs);
        archiverRunner = startArchiver(context.outputs.size());
        checkpointRunner = startCheckpoints();

        publisher = new TickPublisher(ring, journal.lastSequence() + 1);
        heartbeatRunner = startHeartbeat(context.fanOut);
        final InstrumentDefinitions definitions = new InstrumentDefinitions(journal.instruments(), publisher, clock);
        for (final FeedAdapter adapter : this.adapters)
        {
            counters.registerSource(adapter.sourceId(), adapter.roleName());
            adapter.start(new SourceContext(adapter, checkpoints.get(adapter.sourceId()), publisher, definitions, counters,
                clock));
        }
    }

    /**
     * Heartbeats for a live engine (one that publishes); an import journals history, where a status at
     * today's wall-clock time has no place.
     */
    private AgentRunner startHeartbeat(final boolean live)
    {
        final long everyNs = config.heartbeatEveryNs();
        if (!live || everyNs == 0)
        {
            return null; // heartbeat time stays 0: watchers can tell "no heartbeats" from "heartbeats stopped"
        }
        counters.heartbeatTimeMs().setRelease(System.currentTimeMillis()); // alive from the start
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(Heartbeat.sleepMs(everyNs)),
            ex -> adapterRunnerErrors.error(ex, "heartbeat thread: {}", ex.toString()), null,
            new Heartbeat(publisher, counters, clock, everyNs, () -> transport.subscribers(config.aeron.stream)));
        AgentRunner.startOnThread(runner);
        return runner;
    }

    private static List<Integer> sourceIds(final List<FeedAdapter> adapters)
    {
        final List<Integer> ids = new ArrayList<>(adapters.size());
        adapters.forEach(a -> ids.add(a.sourceId()));
        return ids;
    }

    /**
     * The outputs run off the engine thread, each a {@link JournalTailer} of the journal on a thread of
     * its own that sleeps between polls ({@code engine.outputIdleStrategy}): an output that is slow or
     * failing makes itself lag, never the engine and never another output.
     */
    private List<AgentRunner> startOutputs(final List<Outputs.Output> outputs)
    {
        final List<AgentRunner> runners = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++)
        {
            final Outputs.Output output = outputs.get(i);
            final int id = i;
            final java.util.function.Function<String, AtomicCounter> counter =
                what -> counters.outputCounter(id, output.name(), what);
            final JournalTailer tailer = new JournalTailer(journal, output.name(), output.sink(),
                output.flushEveryMessages(), output.flushEveryNs(), counter.apply("messages"), counter.apply("errors"))
                .gauges(new JournalTailer.Gauges(counter.apply("flushed seq"), counter.apply("lag messages"),
                    counter.apply("lag ms"), counter.apply("failing")));
            final AgentRunner runner = new AgentRunner(
                config.outputIdleStrategy(),
                ex -> adapterRunnerErrors.error(ex, "output thread: {}", ex.toString()), null, tailer);
            AgentRunner.startOnThread(runner);
            runners.add(runner);
        }
        return runners;
    }

    /**
     * The archiver ({@code archive.dir}), like an output off the engine thread: a thread of its own at
     * the lowest priority (SCHED_IDLE: Java priorities do nothing on Linux) that sleeps between checks; a failing archive makes it retry later, never
     * slows the engine, and deletes nothing.
     */
    private AgentRunner startArchiver(final int counterId)
    {
        if (config.archiveLocation() == null)
        {
            return null;
        }
        final java.util.Iterator<dev.tickwire.engine.output.ArchiverFactory> found =
            java.util.ServiceLoader.load(dev.tickwire.engine.output.ArchiverFactory.class).iterator();
        if (!found.hasNext())
        {
            throw new dev.tickwire.engine.config.ConfigException(TickwireConfig.Archive.DIR,
                "needs the archive module (tickwire-archive) on the class path");
        }
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(200),
            ex -> adapterRunnerErrors.error(ex, "archiver thread: {}", ex.toString()), null,
            found.next().create(journal, config, counters));
        AgentRunner.startOnThread(runner, r ->
        {
            final Thread thread = new Thread(r);
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
        return runner;
    }

    /**
     * Book checkpoints ({@code checkpoints.enabled}): a journal tailer of their own, like an output, on a
     * sleeping thread at the lowest priority; it resumes from its last checkpoint.
     */
    private AgentRunner startCheckpoints()
    {
        if (!config.checkpoints.enabled)
        {
            return null;
        }
        // caught up, it looks again every 100 ms: checkpoints lag the journal by that at most
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(100),
            ex -> adapterRunnerErrors.error(ex, "book checkpoints: {}", ex.toString()), null,
            new BookCheckpointer(journal, config.checkpointEveryNs(), config.checkpoints.everyDeltas,
                counters.engineCounter("book_checkpoints", "book checkpoints written")));
        AgentRunner.startOnThread(runner, r ->
        {
            final Thread thread = new Thread(r, "tickwire-checkpoints");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
        return runner;
    }

    /**
     * A restart continues each book where the journal left it (instead of empty until every level
     * is touched again): the live book, its top, and the validator's shadow book. Runs before the
     * engine thread starts, so each stage still has one writer.
     */
    private void restoreBooks(final ValidateStage validate)
    {
        if (journal.lastSequence() < 0)
        {
            return;
        }
        final long t0 = System.nanoTime();
        try (BookRestore restore = BookRestore.fromJournal(journal, RESTORE_WINDOW_NS))
        {
            restore.books().forEach((id, book) ->
            {
                bookStage.restore(book, restore.lastEventTimeNs(id));
                validate.restore(book);
            });
            if (!restore.books().isEmpty())
            {
                LOG.info("restored {} order book(s) from the journal's last day ({} deltas, {} messages read) in {} ms",
                    restore.books().size(), restore.applied(), restore.scanned(), (System.nanoTime() - t0) / 1_000_000);
            }
        }
    }

    /** Starts the engine, its outputs and its adapters. */
    public static Engine launch(final Context context)
    {
        final Engine engine = create(context);
        engine.startAdapters();
        return engine;
    }

    /** Starts the engine over {@code adapters}, without outputs. */
    public static Engine launch(final TickwireConfig config, final List<FeedAdapter> adapters)
    {
        return launch(new Context().config(config).adapters(adapters));
    }

    /**
     * The engine with its stages running and its publication open, but its adapters not yet reading:
     * for a caller that must see subscribers connected before the first tick (call {@link #startAdapters()}).
     */
    public static Engine create(final Context context)
    {
        return new Engine(context.conclude());
    }

    /** Starts the adapters' thread; once. */
    public synchronized void startAdapters()
    {
        if (adapters.isEmpty() || adapterRunner != null)
        {
            return;
        }
        final List<Agent> agents = new ArrayList<>(adapters.size());
        for (final FeedAdapter adapter : adapters)
        {
            final AdapterGuard guard = new AdapterGuard(adapter, counters.errors(),
                counters.sourceCounter(adapter.sourceId(), adapter.roleName(), "errors"), SystemNanoClock.INSTANCE)
                .state(counters.sourceState(adapter.sourceId()));
            guards.add(guard);
            agents.add(guard);
        }
        adapterRunner = new AgentRunner(
            config.adapterIdleStrategy(),
            ex -> adapterRunnerErrors.error(ex, "adapter thread: {}", ex.toString()),
            null,
            agents.size() == 1 ? agents.get(0) : new CompositeAgent(agents));
        AgentRunner.startOnThread(adapterRunner);
    }

    /** True when every adapter is finite and has published everything (or was given up). */
    public boolean adaptersDone()
    {
        if (guards.isEmpty())
        {
            return adapters.stream().allMatch(FeedAdapter::isDone);
        }
        for (final AdapterGuard guard : guards)
        {
            if (!guard.isDone())
            {
                return false;
            }
        }
        return true;
    }

    /** Finite adapters given up after failing repeatedly: "role: error", for an import's summary. */
    public List<String> adapterFailures()
    {
        final List<String> failures = new ArrayList<>();
        for (final AdapterGuard guard : guards)
        {
            if (guard.failure() != null)
            {
                failures.add(guard.roleName() + ": " + guard.failure());
            }
        }
        return failures;
    }

    /** Waits until every published tick has passed every stage; false on timeout. */
    public boolean awaitDrained(final long timeout, final TimeUnit unit)
    {
        final long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (ring.getMinimumGatingSequence() < ring.getCursor())
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        return true;
    }

    public EngineCounters counters()
    {
        return counters;
    }

    public TopOfBook topOfBook()
    {
        return topOfBook;
    }

    public InstrumentCatalog instruments()
    {
        return journal.instruments();
    }

    public Journal journal()
    {
        return journal;
    }

    /** The live books; read them only when the engine is drained or from the engine thread. */
    public BookStage books()
    {
        return bookStage;
    }

    /** The publish stage, or null when {@code aeron.publish} is false (for tests of this package). */
    PublishStage publishStage()
    {
        return publishStage;
    }

    /** The bar stage, or null when no bars are configured or the engine does not fan out (for tests). */
    BarStage barStage()
    {
        return barStage;
    }

    /** Where completed bars are offered (with their counters), or null without a bar stage (for tests). */
    BarPublication barPublication()
    {
        return barPublication;
    }

    /** A publisher of the engine's own statuses (alerts), for one thread. */
    public dev.tickwire.engine.heartbeat.EngineStatuses statuses()
    {
        return new dev.tickwire.engine.heartbeat.EngineStatuses(publisher, clock);
    }

    public TickPublisher publisher()
    {
        return publisher;
    }

    public TickwireConfig config()
    {
        return config;
    }

    /** Stops adapters, lets the ring drain through every stage, then closes Aeron and the journal. */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        CloseHelper.quietClose(adapterRunner);
        CloseHelper.quietClose(heartbeatRunner);
        if (!awaitDrained(10, TimeUnit.SECONDS))
        {
            LOG.warn("engine did not drain within 10 s; closing anyway");
        }
        try
        {
            disruptor.shutdown(5, TimeUnit.SECONDS);
        }
        catch (final com.lmax.disruptor.TimeoutException ex)
        {
            disruptor.halt();
        }
        // what was only counted since the last summary line, said once at the end
        rejectLog.flush();
        stageErrors.log.flush();
        premapperErrors.flush();
        adapterRunnerErrors.flush();
        // each output flushes what it has read and stores its checkpoint (JournalTailer.onClose); the rest it
        // reads at the next start
        CloseHelper.closeAll(outputRunners);
        CloseHelper.close(archiverRunner);
        CloseHelper.close(checkpointRunner);
        if (recorder != null)
        {
            recorder.awaitRecorded(); // the recordings end where the streams ended
        }
        CloseHelper.closeAll(premapRunner, barsPublication, publication, recorder, transport, journal, countersFile);
    }

    /** Connects to the archive and records the market-data stream before the first tick, or fails whole. */
    private StreamRecorder startRecording(final TickwireConfig config, final boolean embeddedArchive)
    {
        StreamRecorder started = null;
        try
        {
            started = StreamRecorder.connect(transport.aeron(), embeddedArchive, config.archive.aeron.controlChannel,
                config.archive.aeron.responseChannel);
            started.record(publication, config.archive.aeron.recordChannel, config.archive.aeron.keep);
            return started;
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(started, publication, transport, journal, countersFile);
            throw ex;
        }
    }

    /** The embedded Aeron Archive: its folder and control channel; AeronTransport sets threading and driver. */
    private static io.aeron.archive.Archive.Context archiveContext(final TickwireConfig config)
    {
        return new io.aeron.archive.Archive.Context()
            .archiveDir(config.aeronArchivePath().toFile())
            .controlChannel(config.archive.aeron.controlChannel)
            // required by the archive; used only to replicate from another archive, which tickwire never asks
            .replicationChannel("aeron:udp?endpoint=localhost:0")
            .recordingEventsEnabled(false)
            .deleteArchiveOnStart(false)
            .fileSyncLevel(0); // a distribution cache: the journal is what is synced
    }

    private static java.util.concurrent.ThreadFactory threadFactory()
    {
        final AtomicInteger n = new AtomicInteger();
        return runnable ->
        {
            final Thread thread = new Thread(runnable, "tickwire-engine-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A failing stage must not stop the engine: log, count, go on with the next tick. */
    private static final class StageExceptionHandler implements ExceptionHandler<TickSlot>
    {
        private final EngineCounters counters;
        private final ThrottledLog log = new ThrottledLog(LOG, "stage failures", 10);

        StageExceptionHandler(final EngineCounters counters)
        {
            this.counters = counters;
        }

        @Override
        public void handleEventException(final Throwable ex, final long sequence, final TickSlot slot)
        {
            counters.errors().incrementRelease();
            log.error(ex, "stage failed on ring sequence {} (message type {}); continuing: {}", sequence,
                MessageTypes.name(slot.templateId()), ex.toString());
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            LOG.error("stage failed to start", ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            LOG.error("stage failed to shut down", ex);
        }
    }

    /**
     * What an engine is made of, assembled in one place (as Aeron's contexts are): the config, the feeds
     * and the outputs. {@link #conclude()} checks them and decides what the engine builds: the Aeron
     * fan-out when {@code aeron.publish}, the bars stream when bar specs are configured too.
     */
    public static final class Context
    {
        private TickwireConfig config;
        private List<FeedAdapter> adapters = List.of();
        private List<Outputs.Output> outputs = List.of();
        private boolean fanOut;
        private boolean bars;
        private boolean concluded;

        public Context config(final TickwireConfig config)
        {
            this.config = config;
            return this;
        }

        public Context adapters(final List<FeedAdapter> adapters)
        {
            this.adapters = List.copyOf(adapters);
            return this;
        }

        public Context outputs(final List<Outputs.Output> outputs)
        {
            this.outputs = List.copyOf(outputs);
            return this;
        }

        /**
         * @throws IllegalArgumentException (a ConfigException naming the key) for a bad config, two
         *                                  adapters with one source id or two outputs with one name
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (config == null)
            {
                throw new IllegalStateException("an engine needs a config");
            }
            config.conclude();
            final Set<Integer> ids = new HashSet<>();
            for (final FeedAdapter adapter : adapters)
            {
                if (adapter.sourceId() == dev.tickwire.wire.MessageTypes.ENGINE_SOURCE_ID)
                {
                    throw new IllegalArgumentException("source id " + adapter.sourceId() + " (" + adapter.roleName() +
                        ") is the engine's own (heartbeats, alerts): use another");
                }
                if (!ids.add(adapter.sourceId()))
                {
                    throw new IllegalArgumentException("source id " + adapter.sourceId() + " (" + adapter.roleName() +
                        ") is used twice");
                }
            }
            final Set<String> names = new HashSet<>();
            for (final Outputs.Output output : outputs)
            {
                if (!names.add(output.name()))
                {
                    throw new IllegalArgumentException("two outputs are named '" + output.name() + "'");
                }
            }
            fanOut = config.aeron.publish;
            bars = fanOut && !config.barSpecs().isEmpty();
            if (!fanOut && !config.barSpecs().isEmpty())
            {
                LOG.info("bars.specs ignored: aeron.publish is false, so there is no bars stream to publish on");
            }
            concluded = true;
            return this;
        }
    }
}
