package dev.tickwire.journal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one registry of source ids of a journal, kept beside it in {@code sources.tsv} (id, kind, key):
 * each source (a Sierra contract's .scid, a Tardis dataset of an instrument, …) is named by a key and
 * gets one id for the journal's whole life, so its checkpoint is always its own.
 *
 * <p>A new key takes the id its kind's formula gave it in earlier builds (so their journals keep
 * their checkpoints) if that id is in the kind's range and free; else the lowest free id of its
 * kind's range; else of the {@link SourceKind#SHARED} range. Before this registry each kind computed
 * its id from the instrument id alone, and a Sierra contract with a large instrument id got an id of
 * the Tardis range. Thread-safe by locking; not on the hot path.
 */
public final class SourceCatalog
{
    public static final String FILE_NAME = "sources.tsv";
    private static final String HEADER = "id\tkind\tkey";

    private final Path file;
    private final TreeMap<Integer, String> keyById = new TreeMap<>();
    private final Map<String, Integer> idByKey = new HashMap<>();

    SourceCatalog(final Path journalDir)
    {
        this.file = journalDir.resolve(FILE_NAME);
        final java.util.List<String> lines = AtomicFiles.lines(file);
        for (int i = 1; i < lines.size(); i++)
        {
            final String[] fields = lines.get(i).split("\t", -1);
            if (fields.length != 3)
            {
                if (lines.get(i).isBlank())
                {
                    continue;
                }
                throw new IllegalStateException(file + ":" + (i + 1) + ": expected id, kind, key: " + lines.get(i));
            }
            final int id = Integer.parseInt(fields[0]);
            keyById.put(id, fields[2]);
            idByKey.put(fields[2], id);
        }
    }

    /**
     * The source id of {@code key}, allocated and persisted if it is new.
     *
     * @param legacyId the id earlier builds gave this source (taken if free and in range), or 0
     * @throws IllegalStateException if every id of the kind's range and the shared range is taken
     */
    public synchronized int register(final SourceKind kind, final String key, final int legacyId)
    {
        if (kind == SourceKind.EXPLICIT)
        {
            throw new IllegalArgumentException("explicit source ids come from the config, not the catalog");
        }
        if (key.indexOf('\t') >= 0 || key.indexOf('\n') >= 0)
        {
            throw new IllegalArgumentException("a source key has no tabs or line breaks: " + key);
        }
        final Integer known = idByKey.get(key);
        if (known != null)
        {
            return known;
        }
        int id = kind.contains(legacyId) && !keyById.containsKey(legacyId) ? legacyId : free(kind);
        if (id < 0)
        {
            id = free(SourceKind.SHARED);
        }
        if (id < 0)
        {
            throw new IllegalStateException("no source id left for " + key + ": " + kind + " and shared ranges are full");
        }
        final TreeMap<Integer, String> updated = new TreeMap<>(keyById);
        updated.put(id, key);
        write(updated); // persist first: memory never holds an id the file lacks
        keyById.put(id, key);
        idByKey.put(key, id);
        return id;
    }

    /** The key of a registered id. */
    public synchronized Optional<String> keyOf(final int sourceId)
    {
        return Optional.ofNullable(keyById.get(sourceId));
    }

    /** Every registered source: id → key, in id order. */
    public synchronized java.util.SortedMap<Integer, String> entries()
    {
        return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(keyById));
    }

    private int free(final SourceKind kind)
    {
        for (int id = kind.first; id <= kind.last; id++)
        {
            if (!keyById.containsKey(id))
            {
                return id;
            }
        }
        return -1;
    }

    private void write(final TreeMap<Integer, String> entries)
    {
        final StringBuilder text = new StringBuilder(HEADER).append('\n');
        entries.forEach((id, key) -> text.append(id).append('\t').append(kindOf(id)).append('\t').append(key).append('\n'));
        AtomicFiles.write(file, text.toString());
    }

    private static String kindOf(final int id)
    {
        for (final SourceKind kind : SourceKind.values())
        {
            if (kind.contains(id))
            {
                return kind.name().toLowerCase(java.util.Locale.ROOT);
            }
        }
        return "?";
    }
}
