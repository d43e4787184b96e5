package dev.tickwire.tools;

import dev.tickwire.archive.ArchiveExport;
import dev.tickwire.archive.ArchiveSync;
import dev.tickwire.archive.BucketArchive;
import dev.tickwire.archive.DayManifest;
import dev.tickwire.archive.SnapshotSpec;
import dev.tickwire.journal.Journal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tickwire export}: the journal as Parquet files in the archive. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export the journal to Parquet: <archive>/<type>/date=YYYY-MM-DD/<venue>/<symbol>.parquet, zstd,",
        "a manifest per day (counts, sequence range, sha256 per file). Days the journal has moved past are complete;",
        "the last day is written as it is now and marked open. Exporting a day again writes the same bytes."})
final class ExportCommand implements Callable<Integer>
{
    @Mixin
    ArchiveOptions archive;

    @Option(names = "--from", description = "First UTC day, YYYY-MM-DD (default: the journal's first).")
    LocalDate from;

    @Option(names = "--to", description = "Last UTC day, YYYY-MM-DD (default: the journal's last).")
    LocalDate to;

    @Option(names = "--symbol", split = ",", description = "Only these symbols (the days are then marked partial).")
    List<String> symbols;

    @Option(names = "--type", split = ",",
        description = "Only these types: trades, quotes, book_deltas, statuses, definitions, rejects, bars, " +
            "snapshots, candles, derivative_tickers, liquidations, option_summaries.")
    List<String> types;

    @Option(names = "--snapshots", split = ",",
        description = "Top-N book snapshots at an interval, as snapshots_<N>_<interval>, e.g. 10@1s (default: none).")
    List<String> snapshots;

    @Option(names = "--shard", paramLabel = "i/n", converter = Shard.Converter.class,
        description = {"Export only this host's days: UTC days go round-robin, so n hosts given 1/n .. n/n, each " +
            "into its own archive, together export every day once; `tickwire merge-catalog` checks and merges " +
            "their archives (default: every day)."})
    Shard shard;

    @Override
    public Integer call() throws Exception
    {
        final ArchiveExport.Options options = new ArchiveExport.Options().from(from).to(to)
            .symbols(symbols == null ? null : new HashSet<>(symbols)).tables(types == null ? null : new HashSet<>(types))
            .bars(archive.barSpecs())
            .snapshots(snapshots == null ? List.of() : snapshots.stream().map(SnapshotSpec::parse).toList());
        final long started = System.nanoTime();
        final ArchiveExport.Result result;
        final String where;
        try (Journal journal = Journal.open(new Journal.Context().dir(archive.journal()).readOnly(true));
            BucketArchive bucket = archive.openBucket())
        {
            // into a bucket: written into its cache, then sent up day by day (each day's manifest last)
            final Path dir = bucket != null ? bucket.cacheDir() : archive.archiveDir();
            result = shard == null || shard.isAll() ? ArchiveExport.run(journal, dir, options) :
                exportShard(journal, dir, options);
            if (bucket != null)
            {
                final ArchiveSync.Result sent = bucket.publish();
                System.out.printf("sent %d file(s), %,d bytes to %s%n", sent.filesSent(), sent.bytesSent(), bucket.location());
            }
            where = bucket != null ? bucket.location() : archive.location;
        }
        final double seconds = (System.nanoTime() - started) / 1e9;
        result.days().forEach(d -> System.out.printf("%s  %s  %,d messages  %d files%n", d.day(),
            d.complete() ? "complete" : "open    ", d.messages(), d.files().size()));
        System.out.printf("exported %,d messages as %,d rows to %s in %.2f s (%,.0f rows/s)%n", result.messages(), result.rows(),
            where, seconds, result.rows() / Math.max(seconds, 1e-9));
        if (result.notExported() > 0)
        {
            System.out.printf("%,d messages before the journal's first market event have no day yet and were not exported%n",
                result.notExported());
        }
        return 0;
    }

    /**
     * This shard's days of the range, each exported as {@code --from D --to D} would (a day exported alone is the
     * same bytes as within a range), and the line saying what it takes and skips.
     */
    private ArchiveExport.Result exportShard(final Journal journal, final Path dir, final ArchiveExport.Options options)
    {
        final LocalDate first = from != null ? from : ArchiveExport.firstDay(journal);
        final LocalDate last = to != null ? to : ArchiveExport.lastDay(journal);
        final List<DayManifest> days = new ArrayList<>();
        long rows = 0;
        long messages = 0;
        long notExported = 0;
        int taken = 0;
        int all = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1))
        {
            all++;
            if (shard.owns(day))
            {
                taken++;
                final ArchiveExport.Result r = ArchiveExport.run(journal, dir, options.from(day).to(day));
                days.addAll(r.days());
                rows += r.rows();
                messages += r.messages();
                notExported = Math.max(notExported, r.notExported());
            }
        }
        System.out.printf("shard %s: takes %d of %d day(s)%s, skips %d (the other shards')%n", shard, taken, all,
            all == 0 ? "" : " " + first + ".." + last, all - taken);
        return new ArchiveExport.Result(days, rows, messages, notExported);
    }
}
