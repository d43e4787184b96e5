package dev.tickwire.tools;

import dev.tickwire.archive.Archive;
import dev.tickwire.archive.BucketArchive;
import dev.tickwire.journal.ArchiveLink;
import dev.tickwire.journal.Journal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tickwire verify}: the journal's sequence continuity and the archive's files against their manifests. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Check the journal (engine sequences follow each other; the archive covers what retention",
        "removed) and the archive (every file present, with its manifest's size, sha256, rows and sequence range;",
        "days follow each other). Prints a report; exit 1 on any problem."})
final class VerifyCommand implements Callable<Integer>
{
    @Option(names = "--journal", description = "Journal directory.")
    Path journalDir;

    @Option(names = "--archive", description = "The archive, a directory or s3://bucket/prefix (default: the one the journal links to).")
    String archiveLocation;

    @picocli.CommandLine.Mixin
    BucketOptions bucketOptions;

    @Override
    public Integer call() throws Exception
    {
        if (journalDir == null && archiveLocation == null)
        {
            throw new IllegalArgumentException("give --journal DIR, --archive DIR or both");
        }
        final ArchiveLink link = archiveLocation != null ? null
            : journalDir != null && Files.isDirectory(journalDir) ? ArchiveLink.read(journalDir) : null;
        try (BucketArchive bucket = link != null && link.remote() ? BucketArchive.open(link, "archive.link")
            : bucketOptions.open(archiveLocation, journalDir != null ? journalDir : Path.of("tickwire-data", "journal")))
        {
            final Path archive = bucket != null ? null : archiveLocation != null ? Path.of(archiveLocation)
                : link != null ? link.dir() : null;
            return verify(archive, bucket);
        }
    }

    private int verify(final Path archive, final BucketArchive bucket) throws Exception
    {
        final List<String> problems = new ArrayList<>();
        if (journalDir != null)
        {
            if (!Files.isDirectory(journalDir))
            {
                throw new IllegalArgumentException("no journal at " + journalDir);
            }
            try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true)))
            {
                problems.addAll(bucket != null ? bucket.verifyJournal(journal) : Archive.verifyJournal(journal, archive));
                System.out.printf("journal %s: seq %d..%d, %d cycle file(s)%n", journalDir, journal.firstSequence(),
                    journal.lastSequence(), journal.cycles().size());
            }
        }
        if (bucket != null)
        {
            bucket.days().forEach(m -> System.out.println("archive " + m.day() + " " + (m.complete() ? "complete" : "open") +
                " seq " + m.firstSequence() + ".." + m.lastSequence() + " messages " + m.messages() + " files " +
                m.files().size()));
            problems.addAll(bucket.verify());
        }
        else if (archive != null)
        {
            final Archive a = Archive.at(archive);
            a.days().forEach(d -> System.out.println("archive " + d));
            problems.addAll(a.verify());
        }
        if (problems.isEmpty())
        {
            System.out.println("verify: OK");
            return 0;
        }
        problems.forEach(p -> System.out.println("PROBLEM " + p));
        System.out.println("verify: " + problems.size() + " problem(s)");
        return 1;
    }
}
