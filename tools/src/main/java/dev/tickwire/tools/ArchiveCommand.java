package dev.tickwire.tools;

import dev.tickwire.archive.ArchiveExport;
import dev.tickwire.archive.Archiver;
import dev.tickwire.archive.BucketArchive;
import dev.tickwire.journal.Journal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code tickwire archive}: one archiving pass, with retention; safe to schedule and to repeat. */
@Command(name = "archive", mixinStandardHelpOptions = true, subcommands = {ArchiveCommand.Compact.class, ArchiveSyncCommand.class},
    description = {"Archive the days the journal has moved past (export, verify, manifest), link the journal to",
        "its archive, and with --retain delete journal cycle files older than that whose every message is in a",
        "complete, verified day. Queries read the deleted days from the archive. Safe to repeat and to kill."})
final class ArchiveCommand implements Callable<Integer>
{
    @Mixin
    ArchiveOptions archive;

    @Option(names = "--retain", converter = Converters.Duration.class,
        description = "Keep journal cycles younger than this (e.g. 14d); unset: delete nothing.")
    Long retainNs;

    /** {@code tickwire archive compact --month YYYY-MM}. */
    @Command(name = "compact", mixinStandardHelpOptions = true,
        description = {"Merge a month's daily files into one file per table and instrument under",
            "<archive>/monthly/<table>/month=YYYY-MM/ (a date column keeps each row's day). Queries, SQL and verify",
            "read them as before. Safe to kill and to repeat."})
    static final class Compact implements Callable<Integer>
    {
        @Option(names = "--archive", defaultValue = "./tickwire-data/archive", description = "Archive directory (default: ${DEFAULT-VALUE}).")
        Path archiveDir;

        @Option(names = "--month", required = true, description = "The month, YYYY-MM.")
        java.time.YearMonth month;

        @Override
        public Integer call() throws Exception
        {
            final dev.tickwire.archive.ArchiveCompact.Result r = dev.tickwire.archive.ArchiveCompact.run(archiveDir, month);
            System.out.printf("compacted %s: %d day(s), %d daily file(s) into %d%n", month, r.days(), r.filesBefore(),
                r.filesAfter());
            return 0;
        }
    }

    @Override
    public Integer call() throws Exception
    {
        try (Journal journal = Journal.open(new Journal.Context().dir(archive.journal()));
            BucketArchive bucket = archive.openBucket())
        {
            final Duration retain = retainNs == null ? null : Duration.ofNanos(retainNs);
            final ArchiveExport.Options options = new ArchiveExport.Options().bars(archive.barSpecs());
            final Archiver.Pass pass = bucket != null
                ? Archiver.run(journal, bucket, retain, System.currentTimeMillis(), options)
                : Archiver.run(journal, archive.archiveDir(), retain, System.currentTimeMillis(), options);
            System.out.printf("archived %d day(s) %s; journal archived through seq %d; deleted %d cycle file(s)%n",
                pass.daysArchived().size(), pass.daysArchived(), pass.archivedThroughSequence(), pass.cyclesDeleted().size());
        }
        return 0;
    }
}
