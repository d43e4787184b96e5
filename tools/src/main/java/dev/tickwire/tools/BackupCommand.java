package dev.tickwire.tools;

import dev.tickwire.archive.Archive;
import dev.tickwire.archive.BucketArchive;
import dev.tickwire.archive.LocalObjectStore;
import dev.tickwire.archive.ObjectStore;
import dev.tickwire.archive.ObjectStores;
import dev.tickwire.journal.ArchiveLink;
import dev.tickwire.monitor.alert.BackupStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tickwire backup}: a consistent copy of the archive and the closed journal, while the engine runs. */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = {"Copy the archive (manifests last), the journal's closed cycle files and its catalogs and key",
        "file to a directory or a bucket, while the engine runs; a rerun sends only what changed. The copy passes",
        "'tickwire verify --journal DIR/journal'.",
        "The outcome is kept in <journal>/backup-status.json for the backupFailing alert."})
public final class BackupCommand implements Callable<Integer>
{
    @Option(names = "--journal", defaultValue = "./tickwire-data/journal", description = "Journal directory (default: ${DEFAULT-VALUE}).")
    Path journalDir;

    @Option(names = "--archive", description = "The archive, a directory or s3://bucket/prefix (default: the one the journal links to).")
    String archiveLocation;

    @Option(names = "--to", required = true,
        description = "Backup location, a directory (created) or s3://bucket/prefix (its settings: --s3).")
    String to;

    @picocli.CommandLine.Mixin
    BucketOptions bucketOptions;

    @Override
    public Integer call() throws Exception
    {
        final long files = backup(journalDir, archiveLocation, bucketOptions.s3, bucketOptions.cacheDir,
            dev.tickwire.engine.config.Sizes.parseBytes("--cache", bucketOptions.cache), to);
        System.out.printf("backed up %d file(s) to %s%n", files, to);
        return 0;
    }

    /**
     * The backup itself (the command's, and the daily chain's backup step): its outcome is kept in
     * {@code <journal>/backup-status.json}.
     *
     * @param archiveLocation the archive, or null for the one the journal links to
     * @param s3              a bucket's settings (the archive's and the target's)
     * @param cacheDir        a bucket archive's cache, or null for the default beside the journal
     * @return files copied
     */
    public static long backup(final Path journalDir, final String archiveLocation,
        final java.util.Map<String, String> s3, final Path cacheDir, final long cacheBytes, final String to)
        throws IOException
    {
        if (!Files.isDirectory(journalDir))
        {
            throw new IllegalArgumentException("no journal at " + journalDir);
        }
        final long files;
        try (BucketArchive bucket = archiveLocation == null ? BucketOptions.linked(journalDir) :
            BucketOptions.open(archiveLocation, s3, cacheDir, cacheBytes, journalDir))
        {
            final ArchiveLink link = ArchiveLink.read(journalDir);
            final Path folder = bucket != null ? null : archiveLocation != null ? Path.of(archiveLocation)
                : link != null ? link.dir() : null;
            final String toArchive = ObjectStores.isRemote(to) ? to.replaceAll("/+$", "") + "/archive"
                : Path.of(to).resolve("archive").toString();
            final String toJournal = ObjectStores.isRemote(to) ? to.replaceAll("/+$", "") + "/journal"
                : Path.of(to).resolve("journal").toString();
            // the backup's journal reaches its archive with the same settings the backup was written with
            final ArchiveLink backupLink = ObjectStores.isRemote(to)
                ? BucketArchive.link(toArchive, s3, journalDir.toAbsolutePath().normalize()
                    .resolveSibling("archive-cache-backup"), cacheBytes)
                : ArchiveLink.folder(Path.of(toArchive));
            try (ObjectStore source = bucket != null ? null : folder != null ? new LocalObjectStore(folder) : null;
                ObjectStore archiveTarget = ObjectStores.open(toArchive, "--to", s3, "--s3");
                ObjectStore journalTarget = ObjectStores.open(toJournal, "--to", s3, "--s3"))
            {
                files = Archive.backup(journalDir, bucket != null ? bucket.store() : source, archiveTarget, journalTarget,
                    backupLink);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            BackupStatus.write(journalDir, BackupStatus.failed(to, String.valueOf(ex.getMessage())));
            throw ex;
        }
        BackupStatus.write(journalDir, BackupStatus.ok(to, files));
        return files;
    }
}
