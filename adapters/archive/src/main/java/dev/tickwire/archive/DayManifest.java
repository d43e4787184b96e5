package dev.tickwire.archive;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * What an archived day holds: its journal range, its files with row counts, sequence ranges and
 * checksums, and its instrument catalog with counts. Written last, atomically: a day with a
 * manifest is whole; one without it is not archived, whatever files exist.
 *
 * @param complete every message of the day, every table and instrument, and the day had ended in the journal
 * @param verified set once the files were read back and matched the journal
 * @param compactedInto the month whose files now hold the day (tickwire archive compact), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DayManifest(
    String day, boolean complete, long firstSequence, long lastSequence, long messages,
    long firstWatermarkNs, long lastWatermarkNs, List<FileEntry> files, List<InstrumentEntry> instruments,
    Verification verified, String compactedInto)
{
    static final ObjectMapper JSON = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One file.
     *
     * @param instrumentId 0 for a file of every instrument
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FileEntry(
        String path, String table, int instrumentId, String symbol, String venue, long rows,
        long firstSequence, long lastSequence, long bytes, @JsonProperty("sha256") String sha256, Long rowsInFile)
    {
        /** Rows the file holds: the day's, or a whole month's for a compacted file. */
        long fileRows()
        {
            return rowsInFile == null ? rows : rowsInFile;
        }
    }

    /** The catalog of the day: what was known, and what each instrument did. */
    public record InstrumentEntry(
        int instrumentId, String symbol, String venue, int priceExponent, int sizeExponent, long tickSize,
        long trades, long quotes, long deltas, long rejected, long firstEventNs, long lastEventNs)
    {
    }

    /** How the day was checked: the journal's count and the files read back. */
    public record Verification(long journalMessages, long rowsRead, String method)
    {
    }

    DayManifest verified(final Verification verification)
    {
        return new DayManifest(day, complete, firstSequence, lastSequence, messages, firstWatermarkNs, lastWatermarkNs,
            files, instruments, verification, compactedInto);
    }

    DayManifest compacted(final String month, final List<FileEntry> monthlyFiles)
    {
        return new DayManifest(day, complete, firstSequence, lastSequence, messages, firstWatermarkNs, lastWatermarkNs,
            monthlyFiles, instruments, verified, month);
    }

    static DayManifest read(final Path file) throws IOException
    {
        return JSON.readValue(file.toFile(), DayManifest.class);
    }

    /** Writes under a temporary name, forces it to disk, then renames: whole or not at all. */
    void write(final Path file) throws IOException
    {
        Files.createDirectories(file.getParent());
        final Path tmp = ArchiveLayout.temporary(file);
        Files.write(tmp, JSON.writeValueAsBytes(this));
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE))
        {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
