package dev.tickwire.adapters.tardis.download;

import dev.tickwire.adapters.csv.CsvImportSource;
import dev.tickwire.adapters.tardis.TardisDataset;
import dev.tickwire.journal.Checkpoint;
import dev.tickwire.journal.Journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How far a journal has imported each Tardis dataset of an exchange's instruments: the importer names its
 * sources {@code tardis:<dataset>:<exchange>:<SYMBOL>} in the journal's source catalog, and a source's last
 * checkpoint is its last row. The importer reads a day's file only after the days before it (earlier files
 * are skipped unread), so "imported through D" is what can be said: every day up to D is in, or can never
 * be added; a later day is not imported yet.
 */
public final class TardisImported
{
    private static final long DAY_NS = TimeUnit.DAYS.toNanos(1);

    private TardisImported()
    {
    }

    /** The dataset label the importer keys a data type by (book_snapshot_25 → book_snapshot), if it imports it. */
    public static Optional<String> importLabel(final String dataType)
    {
        for (final TardisDataset d : TardisDataset.values())
        {
            if (dataType.equals(d.label) ||
                (dataType.startsWith(d.label + "_") && dataType.substring(d.label.length() + 1).chars().allMatch(Character::isDigit)))
            {
                return Optional.of(d.label);
            }
        }
        return Optional.empty();
    }

    /**
     * @return by "label:SYMBOL" (e.g. "trades:BTCUSDT"), the last UTC day imported; nothing for a journal
     *         that does not exist
     */
    public static Map<String, LocalDate> through(final Path journalDir, final String exchange)
    {
        final Map<String, LocalDate> through = new HashMap<>();
        if (!Files.isDirectory(journalDir))
        {
            return through;
        }
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true)))
        {
            final Map<Integer, String> ours = new HashMap<>();
            journal.instruments().sources().entries().forEach((id, key) ->
            {
                final String[] parts = key.split(":", 4); // tardis, label, exchange, symbol
                if (parts.length == 4 && parts[0].equals("tardis") && parts[2].equals(exchange))
                {
                    ours.put(id, parts[1] + ":" + parts[3]);
                }
            });
            final Map<Integer, Checkpoint> checkpoints = journal.lastCheckpoints(ours.keySet());
            checkpoints.forEach((id, c) -> through.put(ours.get(id), lastDay(c)));
        }
        return through;
    }

    /**
     * The later of the day of its last row's event time and its file's key (the day of the file's first row):
     * a file whose first row is stamped just before midnight is keyed the day before its own.
     */
    static LocalDate lastDay(final Checkpoint c)
    {
        final long key = c.sourcePosition() < 0 ? 0 : c.sourcePosition() >>> CsvImportSource.FILE_SHIFT;
        final long eventDay = c.eventTimeNs() > 0 ? Math.floorDiv(c.eventTimeNs(), DAY_NS) : 0;
        return LocalDate.ofEpochDay(Math.max(key, eventDay));
    }
}
