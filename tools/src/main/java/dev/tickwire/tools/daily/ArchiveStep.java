package dev.tickwire.tools.daily;

import dev.tickwire.archive.Archive;
import dev.tickwire.archive.ArchiveExport;
import dev.tickwire.archive.Archiver;
import dev.tickwire.archive.BucketArchive;
import dev.tickwire.archive.DayManifest;
import dev.tickwire.archive.ObjectStores;
import dev.tickwire.archive.SnapshotSpec;
import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.Journal;
import dev.tickwire.wire.Values;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal's days into the archive ({@code archive.dir}: a folder or a bucket), with the archiver's own pass
 * ({@link Archiver}: the days the journal has moved past, each complete and verified, then the journal's link and
 * {@code journal.retain}); then the day itself if the journal has not moved past it yet, written as an open day.
 *
 * <p>A day is complete in the archive once the journal holds a later one (the archive's rule: the day of a message
 * is its watermark's, and the first rows of the next day's files may still belong to this one), so the last day of
 * a run stays open until the next day's import, whose archive step completes it (the same files, rewritten). The
 * daily chain is a batch job: it exports flat out, not paced as the engine's archiver is beside a live engine.
 */
final class ArchiveStep implements DailyStep
{
    static final String NAME = "archive";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public List<String> needs()
    {
        return List.of(ImportStep.NAME);
    }

    /** The archive's settings from the config (archive.bars, snapshots, the bars' features), unpaced. */
    private static ArchiveExport.Options options(final TickwireConfig config)
    {
        final List<SnapshotSpec> snapshots = new ArrayList<>();
        config.archive.snapshots.stream().filter(s -> !s.isBlank()).forEach(s -> snapshots.add(SnapshotSpec.parse(s)));
        return new ArchiveExport.Options().bars(config.archive.bars.stream().filter(b -> !b.isBlank())
                .map(BarSpec::parse).toList())
            .snapshots(snapshots).featureDepth(config.barFeatureDepth())
            .featuresWarmupNs(config.archiveFeaturesWarmupNs()).maxMessagesPerSecond(0);
    }

    /** The bucket of {@code archive.dir}, or null for a folder; its cache beside the daily journal by default. */
    static BucketArchive bucket(final DailyContext context)
    {
        final String location = context.daily.archive;
        if (!ObjectStores.isRemote(location))
        {
            return null;
        }
        final TickwireConfig c = context.config;
        final Path cache = c.archive.cacheDir != null && !c.archive.cacheDir.isBlank() ? Path.of(c.archive.cacheDir) :
            TickwireConfig.defaultArchiveCache(context.daily.journal);
        return BucketArchive.open(BucketArchive.link(location, c.archive.s3, cache, c.archiveCacheBytes()),
            TickwireConfig.Archive.DIR);
    }

    /** A day's manifest in the archive, or null. */
    static DayManifest manifest(final DailyContext context, final BucketArchive bucket, final LocalDate day)
        throws IOException
    {
        return bucket != null ? bucket.day(day.toString()) :
            Archive.at(Path.of(context.daily.archive)).manifest(day);
    }

    @Override
    public String dryRun(final DailyContext context, final LocalDate day) throws IOException
    {
        try (BucketArchive bucket = bucket(context))
        {
            final DayManifest m = manifest(context, bucket, day);
            if (m != null && m.complete())
            {
                return day + " is complete in " + context.daily.archive + " already; would archive any " +
                    "later day the journal has moved past";
            }
            return "would archive the days the journal has moved past through " + day + " into " +
                context.daily.archive + ", and " + day + " as an open day if the journal has not moved " +
                "past it (completed by the next day's run)";
        }
    }

    @Override
    public Outcome run(final DailyContext context, final LocalDate day, final DayState state) throws IOException
    {
        final TickwireConfig config = context.config;
        final Duration retain = config.retainNs() < 0 ? null : Duration.ofNanos(config.retainNs());
        final Path folder = ObjectStores.isRemote(context.daily.archive) ? null : Path.of(context.daily.archive);
        final Map<String, Object> counts = new LinkedHashMap<>();
        final List<String> days = new ArrayList<>();
        String open = null;
        try (Journal journal = Journal.open(new Journal.Context().dir(context.daily.journal));
            BucketArchive bucket = bucket(context))
        {
            final long now = System.currentTimeMillis();
            final Archiver.Pass pass = bucket != null ?
                Archiver.run(journal, bucket, retain, now, options(config).to(day)) :
                Archiver.run(journal, folder, retain, now, options(config).to(day));
            days.addAll(pass.daysArchived());
            counts.put("archived", pass.daysArchived());
            counts.put("cyclesDeleted", pass.cyclesDeleted().size());
            DayManifest m = manifest(context, bucket, day);
            final long watermark = journal.lastWatermarkNs();
            final LocalDate journalDay = watermark == Values.NONE ? null :
                LocalDate.ofEpochDay(Math.floorDiv(watermark, DailyContext.DAY_NS));
            if ((m == null || !m.complete()) && day.equals(journalDay))
            {
                ArchiveExport.run(journal, bucket != null ? bucket.cacheDir() : folder,
                    options(config).from(day).to(day));
                if (bucket != null)
                {
                    bucket.publish();
                }
                m = manifest(context, bucket, day);
                open = day.toString();
                days.add(open);
            }
            counts.put("open", open);
            counts.put("days", days);
            if (m == null)
            {
                return new Outcome("archived " + pass.daysArchived() + "; " + day + " has no data in the journal " +
                    (journalDay == null ? "(empty)" : "(its last day is " + journalDay + ")"), counts);
            }
            counts.put("complete", m.complete());
            counts.put("messages", m.messages());
            counts.put("files", m.files().size());
            return new Outcome("archived " + (pass.daysArchived().isEmpty() ? "no closed day" : pass.daysArchived()) +
                "; " + day + " " + (m.complete() ? "complete" : "open until the journal moves past it (the next " +
                "day's run completes it)") + ": " + m.messages() + " message(s) in " + m.files().size() + " file(s)" +
                (pass.cyclesDeleted().isEmpty() ? "" : "; retention deleted " + pass.cyclesDeleted().size() +
                    " journal cycle file(s)"), counts);
        }
    }
}
