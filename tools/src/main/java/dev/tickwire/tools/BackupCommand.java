package dev.tickwire.tools;

import dev.tickwire.archive.Archive;
import dev.tickwire.journal.Journal;
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
        "file to a directory, while the engine runs. The copy passes 'tickwire verify --journal DIR/journal'.",
        "The outcome is kept in <journal>/backup-status.json for the backupFailing alert."})
final class BackupCommand implements Callable<Integer>
{
    @Option(names = "--journal", defaultValue = "./tickwire-data/journal", description = "Journal directory (default: ${DEFAULT-VALUE}).")
    Path journalDir;

    @Option(names = "--archive", description = "Archive directory (default: the one the journal links to).")
    Path archiveDir;

    @Option(names = "--to", required = true, description = "Backup directory (created).")
    Path to;

    @Override
    public Integer call() throws Exception
    {
        if (!Files.isDirectory(journalDir))
        {
            throw new IllegalArgumentException("no journal at " + journalDir);
        }
        final Path archive = archiveDir != null ? archiveDir : Journal.Context.linkedArchive(journalDir);
        final long files;
        try
        {
            files = Archive.backup(journalDir, archive, to);
        }
        catch (final IOException | RuntimeException ex)
        {
            BackupStatus.write(journalDir, BackupStatus.failed(to.toString(), String.valueOf(ex.getMessage())));
            throw ex;
        }
        BackupStatus.write(journalDir, BackupStatus.ok(to.toString(), files));
        System.out.printf("backed up %d file(s) to %s%n", files, to);
        return 0;
    }
}
