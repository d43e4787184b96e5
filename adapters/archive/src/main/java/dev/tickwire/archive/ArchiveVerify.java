package dev.tickwire.archive;

import dev.tickwire.archive.DayManifest.FileEntry;
import dev.tickwire.archive.DayManifest.Verification;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks archived days: every file of a manifest exists, has the recorded checksum, and its footer
 * has the recorded rows and sequence range; the rows of the journal's tables add up to the day's
 * journal messages.
 */
final class ArchiveVerify
{
    static final String METHOD = "files read back: footer rows, seq statistics, sha256";

    private ArchiveVerify()
    {
    }

    private static String sha256(final Path file)
    {
        try
        {
            return ArchiveExport.sha256(file);
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /**
     * Reads back a day's files against its manifest.
     *
     * @throws ArchiveException on the first difference, naming the file
     */
    static Verification readBack(final ArchiveLayout layout, final DayManifest manifest)
    {
        final List<String> problems = problems(layout, manifest);
        if (!problems.isEmpty())
        {
            throw new ArchiveException("day " + manifest.day() + " does not verify: " + String.join("; ", problems));
        }
        long rows = 0;
        for (final FileEntry f : manifest.files())
        {
            rows += f.rows();
        }
        return new Verification(manifest.messages(), rows, METHOD);
    }

    /** Every difference between a day's manifest and its files (empty when the day verifies). */
    static List<String> problems(final ArchiveLayout layout, final DayManifest manifest)
    {
        return problems(layout, manifest, new java.util.HashMap<>());
    }

    /** @param checksums files already summed (a monthly file is named by every day of its month) */
    static List<String> problems(final ArchiveLayout layout, final DayManifest manifest,
        final java.util.Map<Path, String> checksums)
    {
        final List<String> problems = new ArrayList<>();
        long journaledRows = 0;
        for (final FileEntry f : manifest.files())
        {
            final Path file = layout.root().resolve(f.path());
            try
            {
                if (!Files.isRegularFile(file))
                {
                    problems.add(f.path() + ": missing");
                    continue;
                }
                if (Files.size(file) != f.bytes())
                {
                    problems.add(f.path() + ": " + Files.size(file) + " bytes, manifest says " + f.bytes());
                    continue;
                }
                final String sum = checksums.computeIfAbsent(file, ArchiveVerify::sha256);
                if (!sum.equals(f.sha256()))
                {
                    problems.add(f.path() + ": checksum " + sum + " differs from the manifest's " + f.sha256());
                    continue;
                }
                final ParquetMetadata footer = ParquetFiles.footer(file);
                long rows = 0;
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                for (final BlockMetaData block : footer.getBlocks())
                {
                    rows += block.getRowCount();
                    for (final ColumnChunkMetaData column : block.getColumns())
                    {
                        if (column.getPath().toDotString().equals("seq"))
                        {
                            final Statistics<?> stats = column.getStatistics();
                            min = Math.min(min, (Long)stats.genericGetMin());
                            max = Math.max(max, (Long)stats.genericGetMax());
                        }
                    }
                }
                if (rows != f.fileRows())
                {
                    problems.add(f.path() + ": " + rows + " rows, manifest says " + f.fileRows());
                }
                final boolean shared = f.rowsInFile() != null; // a monthly file holds more than this day
                if (!ArchiveTable.byDirName(f.table()).equals(ArchiveTable.BARS) && rows > 0 &&
                    (shared ? min > f.firstSequence() || max < f.lastSequence() : min != f.firstSequence() || max != f.lastSequence()))
                {
                    problems.add(f.path() + ": seq " + min + ".." + max + ", manifest says " + f.firstSequence() + ".." +
                        f.lastSequence());
                }
                if (ArchiveTable.byDirName(f.table()).journaled())
                {
                    journaledRows += f.rows();
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                problems.add(f.path() + ": unreadable (" + ex.getMessage() + ")");
            }
        }
        if (manifest.complete() && problems.isEmpty() && journaledRows != manifest.messages())
        {
            problems.add("the day's files hold " + journaledRows + " messages, the journal had " + manifest.messages());
        }
        return problems;
    }
}
