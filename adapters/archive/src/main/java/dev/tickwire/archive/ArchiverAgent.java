package dev.tickwire.archive;

import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.config.Durations;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.engine.log.ThrottledLog;
import dev.tickwire.engine.output.ArchiverFactory;
import dev.tickwire.engine.output.IdlePriority;
import dev.tickwire.journal.Journal;
import dev.tickwire.wire.Values;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * The engine's archiver: every {@code archive.checkEvery} it archives the days the journal's
 * watermark is past by {@code archive.after}, then applies {@code journal.retain}. A failure (disk
 * full, an unwritable archive) is logged once, counted, and retried with a growing delay; nothing
 * is deleted until the days are archived and verified, and the engine never waits for it.
 */
final class ArchiverAgent implements Agent
{
    static final long MAX_BACKOFF_MS = 10 * 60_000L;
    private static final Logger LOG = LoggerFactory.getLogger(ArchiverAgent.class);

    private final Journal journal;
    private final Path archive;
    private final BucketArchive bucket;
    private final String where;
    private final Duration retain;
    private final long afterNs;
    private final long checkEveryMs;
    private final List<BarSpec> bars;
    private final List<SnapshotSpec> snapshots;
    private final long maxRate;
    private final int featureDepth;
    private final long featuresWarmupNs;
    private final ThrottledLog failures = new ThrottledLog(LOG, "archiver failures", 1);
    private final AtomicCounter days;
    private final AtomicCounter errors;
    private final AtomicCounter cyclesDeleted;
    private final AtomicCounter archivedThrough;
    private final AtomicCounter failingPasses;
    private long nextCheckMs;
    private int failing;
    private volatile String status = "starting";

    ArchiverAgent(final Journal journal, final TickwireConfig config, final EngineCounters counters, final int counterId)
    {
        this.journal = journal;
        final String location = config.archiveLocation();
        if (ObjectStores.isRemote(location))
        {
            this.bucket = BucketArchive.open(BucketArchive.link(location, config.archive.s3, config.archiveCachePath(),
                config.archiveCacheBytes()), TickwireConfig.Archive.DIR);
            this.archive = null;
            this.where = bucket.location();
        }
        else
        {
            this.bucket = null;
            this.archive = Path.of(location);
            this.where = location;
        }
        this.retain = config.retainNs() < 0 ? null : Duration.ofNanos(config.retainNs());
        this.afterNs = Durations.parseNanos(TickwireConfig.Archive.AFTER, config.archive.after);
        this.checkEveryMs = Durations.parseNanos(TickwireConfig.Archive.CHECK_EVERY, config.archive.checkEvery) / 1_000_000;
        this.bars = config.archive.bars.stream().map(BarSpec::parse).toList();
        this.snapshots = snapshots(config.archive.snapshots);
        this.maxRate = config.archive.maxMessagesPerSecond;
        this.featureDepth = config.barFeatureDepth(); // the live bars' settings: the archive's bars are the same bars
        this.featuresWarmupNs = config.archiveFeaturesWarmupNs();
        this.days = counters.outputCounter(counterId, "archive", "days archived");
        this.errors = counters.outputCounter(counterId, "archive", "errors");
        this.cyclesDeleted = counters.outputCounter(counterId, "archive", "journal cycles deleted");
        this.archivedThrough = counters.outputCounter(counterId, "archive", "archived through seq");
        this.failingPasses = counters.outputCounter(counterId, "archive", "failing");
    }

    /** Found through {@link java.util.ServiceLoader} by the engine. */
    public static final class Factory implements ArchiverFactory
    {
        @Override
        public Agent create(final Journal journal, final TickwireConfig config, final EngineCounters counters)
        {
            return new ArchiverAgent(journal, config, counters, 1_000);
        }
    }

    @Override
    public int doWork()
    {
        final long now = System.currentTimeMillis();
        if (now < nextCheckMs)
        {
            return 0;
        }
        try
        {
            final long watermark = journal.lastWatermarkNs();
            if (watermark == Values.NONE)
            {
                nextCheckMs = now + checkEveryMs;
                return 0;
            }
            // the last day whose end the watermark is past by `after`
            final LocalDate lastClosed = LocalDate.ofEpochDay(Math.floorDiv(watermark - afterNs, ArchiveExport.DAY_NS) - 1);
            final ArchiveExport.Options options = new ArchiveExport.Options().to(lastClosed).bars(bars)
                .snapshots(snapshots).maxMessagesPerSecond(maxRate).featureDepth(featureDepth)
                .featuresWarmupNs(featuresWarmupNs);
            final Archiver.Pass pass = bucket != null ? Archiver.run(journal, bucket, retain, now, options)
                : Archiver.run(journal, archive, retain, now, options);
            days.getAndAdd(pass.daysArchived().size());
            cyclesDeleted.getAndAdd(pass.cyclesDeleted().size());
            archivedThrough.setOrdered(pass.archivedThroughSequence());
            if (failing > 0)
            {
                LOG.info("archiver: {} is {} again; archived through seq {}", where, bucket != null ? "reachable" : "writable",
                    pass.archivedThroughSequence());
            }
            failing = 0;
            failingPasses.setOrdered(0);
            status = "ok: archived through seq " + pass.archivedThroughSequence();
            nextCheckMs = now + checkEveryMs;
            return 1;
        }
        catch (final RuntimeException ex)
        {
            errors.increment();
            failing++;
            failingPasses.setOrdered(failing); // passes failed in a row: the archiveFailing alert's signal
            final long delay = Math.min(MAX_BACKOFF_MS, checkEveryMs << Math.min(failing - 1, 20));
            status = "failing: " + ex.getMessage();
            failures.warn("archiver: {}; nothing is deleted from the journal; retrying in {} s", ex.getMessage(), delay / 1000);
            nextCheckMs = now + delay;
            return 0;
        }
    }

    /** Parses {@code archive.snapshots}, failing naming the key. */
    private static List<SnapshotSpec> snapshots(final List<String> specs)
    {
        final java.util.List<SnapshotSpec> out = new java.util.ArrayList<>();
        for (int i = 0; i < specs.size(); i++)
        {
            try
            {
                out.add(SnapshotSpec.parse(specs.get(i)));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new dev.tickwire.engine.config.ConfigException(TickwireConfig.Archive.SNAPSHOTS + "[" + i + "]",
                    ex.getMessage());
            }
        }
        return out;
    }

    /** "ok: ..." or "failing: reason" (for status pages). */
    String status()
    {
        return status;
    }

    @Override
    public void onStart()
    {
        IdlePriority.applyToCurrentThread(roleName());
    }

    @Override
    public void onClose()
    {
        failures.flush();
        if (bucket != null)
        {
            try
            {
                bucket.close();
            }
            catch (final java.io.IOException ignored)
            {
                // the client's connections: nothing to lose
            }
        }
    }

    @Override
    public String roleName()
    {
        return "tickwire-archiver";
    }
}
