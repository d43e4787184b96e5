package dev.tickwire.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.adapters.tardis.download.TardisDayFile;
import dev.tickwire.archive.ArchiveException;
import dev.tickwire.archive.ArchiveSync;
import dev.tickwire.archive.ObjectStore;
import dev.tickwire.archive.ObjectStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code tickwire merge-catalog}: whether the outputs of a sharded job (each host's archive, or download folder) are
 * together the whole job, each part once; and, when they are, the archives copied into one.
 */
@Command(name = "merge-catalog", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Check the outputs of a job run in shards (--shard i/n on n hosts): every UTC day of the range is " +
        "in exactly one of the archives (a day is there when its manifests/<day>.json is), and every Tardis day file " +
        "(exchange × data type × symbol × day) in exactly one of the download folders. Lists each day or file " +
        "that is in no shard (incomplete) or in several (overlap).",
        "With --into, the archives' days are then copied into one archive, each day's files first and its manifest " +
            "last (as `tickwire archive sync` copies), so `tickwire sql --archive DIR` sees them all. Journals stay " +
            "on their hosts: each host exports its own, and the archives are what is merged."},
    footer = {"", "Exit status: 0 = complete and disjoint (and merged, with --into); 1 = a day or file is missing or " +
        "in several shards (nothing is merged), or an archive could not be read or copied (named; a rerun goes on); " +
        "2 = bad arguments."})
final class MergeCatalogCommand implements Callable<Integer>
{
    static final int EXIT_NOT_WHOLE = 1;
    /** Longest range checked: more is a mistake in a date (as for a download). */
    private static final long MAX_DAYS = 366L * 20;
    /** Days or files listed per kind of problem; the rest are counted. */
    private static final int LISTED = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> notes = new ArrayList<>();

    @Option(names = "--archives", split = ",", paramLabel = "LOCATION",
        description = "The shards' archives: directories or s3://bucket/prefix, comma-separated or repeated.")
    List<String> archives = new ArrayList<>();

    @Option(names = "--caches", split = ",", paramLabel = "DIR",
        description = "The shards' Tardis download folders (`download tardis --cache`), comma-separated or repeated.")
    List<Path> caches = new ArrayList<>();

    @Option(names = "--from", required = true, paramLabel = "DAY", description = "First UTC day expected, YYYY-MM-DD.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DAY", description = "Last UTC day expected, included (default: --from).")
    LocalDate to;

    @Option(names = "--exchange", paramLabel = "ID",
        description = "Folders: the exchange expected (default: each exchange found in them).")
    String exchange;

    @Option(names = "--data-types", split = ",", paramLabel = "TYPE",
        description = "Folders: the data types expected (default: each one found in them).")
    List<String> dataTypes;

    @Option(names = "--symbols", split = ",", paramLabel = "SYMBOL",
        description = "Folders: the dataset symbols expected (default: each one found in them).")
    List<String> symbols;

    @Option(names = "--into", paramLabel = "LOCATION",
        description = "Then copy the archives' days of the range into this archive (a directory or " +
            "s3://bucket/prefix).")
    String into;

    @Option(names = "--s3", split = ",", mapFallbackValue = "", paramLabel = "NAME=VALUE",
        description = "Bucket settings for s3:// locations, as for `tickwire archive sync`.")
    Map<String, String> s3 = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception
    {
        final LocalDate last = to != null ? to : from;
        if (archives.isEmpty() && caches.isEmpty())
        {
            throw new IllegalArgumentException("give the shards' outputs: --archives LOCATION,... and/or " +
                "--caches DIR,...");
        }
        if (into != null && archives.isEmpty())
        {
            throw new IllegalArgumentException("--into merges archives: give them with --archives");
        }
        if (last.isBefore(from))
        {
            throw new IllegalArgumentException("--to " + last + " is before --from " + from +
                " (both days are included)");
        }
        if (ChronoUnit.DAYS.between(from, last) >= MAX_DAYS)
        {
            throw new IllegalArgumentException("--from " + from + " --to " + last + " is more than " + MAX_DAYS +
                " days");
        }
        unique(archives, "--archives");
        unique(caches.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList(), "--caches");
        try
        {
            return check(last);
        }
        catch (final IOException | ArchiveException ex)
        {
            // a bucket refused or could not be reached, or a shard's file differs from its manifest: one line, the
            // location in it; what was copied stays, and a rerun goes on from there
            System.err.println("tickwire: merge-catalog: " + ex.getMessage());
            return EXIT_NOT_WHOLE;
        }
    }

    private int check(final LocalDate last) throws IOException
    {
        boolean whole = true;
        Map<String, Set<String>> archiveDays = null;
        if (!archives.isEmpty())
        {
            archiveDays = archiveDays(last);
            whole = report("archives", "day(s)", expectedDays(last), archiveDays);
            notes.forEach(System.out::println);
        }
        if (!caches.isEmpty())
        {
            final Map<String, Set<String>> found = cacheFiles(last);
            whole &= report("folders", "file(s)", expectedFiles(last, found), found);
        }
        if (!whole)
        {
            if (into != null)
            {
                System.out.println("nothing merged into " + into);
            }
            return EXIT_NOT_WHOLE;
        }
        if (into != null)
        {
            merge(archiveDays);
        }
        return 0;
    }

    private static void unique(final List<String> locations, final String option)
    {
        final Set<String> seen = new HashSet<>();
        for (final String l : locations)
        {
            if (!seen.add(l))
            {
                throw new IllegalArgumentException(option + " names " + l + " twice");
            }
        }
    }

    private List<String> expectedDays(final LocalDate last)
    {
        final List<String> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(last); d = d.plusDays(1))
        {
            days.add(d.toString());
        }
        return days;
    }

    /** Each archive's days of the range (those with a manifest), by archive; open days are noted. */
    private Map<String, Set<String>> archiveDays(final LocalDate last) throws IOException
    {
        final Map<String, Set<String>> byArchive = new LinkedHashMap<>();
        for (final String location : archives)
        {
            if (!ObjectStores.isRemote(location) && !Files.isDirectory(Path.of(location)))
            {
                throw new IllegalArgumentException("--archives: no archive at " + location);
            }
            final Set<String> days = new TreeSet<>();
            final List<String> open = new ArrayList<>();
            try (ObjectStore store = ObjectStores.open(location, "--archives", s3, "--s3"))
            {
                for (final ObjectStore.Entry e : store.list("manifests/"))
                {
                    final String name = e.key().substring("manifests/".length());
                    if (!name.matches("\\d{4}-\\d{2}-\\d{2}\\.json"))
                    {
                        continue; // a manifest being written (.name.tmp), or not a day's
                    }
                    final String day = name.substring(0, 10);
                    if (day.compareTo(from.toString()) >= 0 && day.compareTo(last.toString()) <= 0)
                    {
                        days.add(day);
                        if (!JSON.readTree(store.read(e.key())).path("complete").asBoolean())
                        {
                            open.add(day);
                        }
                    }
                }
            }
            if (!open.isEmpty())
            {
                notes.add("note: " + location + " has " + open.size() + " day(s) exported open (the journal had not " +
                    "moved past them, or a partial export): " + listed(open));
            }
            byArchive.put(location, days);
        }
        return byArchive;
    }

    /** Each folder's Tardis day files of the range and filters, by folder. */
    private Map<String, Set<String>> cacheFiles(final LocalDate last) throws IOException
    {
        final Set<String> wantedSymbols = symbols == null ? null :
            new HashSet<>(symbols.stream().map(TardisDayFile::datasetSymbol).toList());
        final Map<String, Set<String>> byCache = new LinkedHashMap<>();
        for (final Path cache : caches)
        {
            if (!Files.isDirectory(cache))
            {
                throw new IllegalArgumentException("--caches: no folder at " + cache);
            }
            final Set<String> files = new TreeSet<>();
            try (DirectoryStream<Path> list = Files.newDirectoryStream(cache, "*" + TardisDayFile.SUFFIX))
            {
                for (final Path p : list)
                {
                    TardisDayFile.parse(p.getFileName().toString())
                        .filter(f -> !f.date().isBefore(from) && !f.date().isAfter(last))
                        .filter(f -> exchange == null || f.exchange().equals(exchange))
                        .filter(f -> dataTypes == null || dataTypes.contains(f.dataType()))
                        .filter(f -> wantedSymbols == null || wantedSymbols.contains(f.symbol()))
                        .ifPresent(f -> files.add(f.fileName()));
                }
            }
            byCache.put(cache.toString(), files);
        }
        return byCache;
    }

    /** Every day of the range for each exchange, data type and symbol: as given, else as found in any folder. */
    private List<String> expectedFiles(final LocalDate last, final Map<String, Set<String>> found)
    {
        final Set<String> exchanges = new TreeSet<>();
        final Set<String> types = new LinkedHashSet<>(dataTypes == null ? List.of() : dataTypes);
        final Set<String> syms = new LinkedHashSet<>(symbols == null ? List.of() :
            symbols.stream().map(TardisDayFile::datasetSymbol).toList());
        if (exchange != null)
        {
            exchanges.add(exchange);
        }
        for (final Set<String> files : found.values())
        {
            for (final String name : files)
            {
                final TardisDayFile f = TardisDayFile.parse(name).orElseThrow();
                exchanges.add(f.exchange());
                if (dataTypes == null)
                {
                    types.add(f.dataType());
                }
                if (symbols == null)
                {
                    syms.add(f.symbol());
                }
            }
        }
        final List<String> expected = new ArrayList<>();
        for (final String ex : exchanges)
        {
            for (final String type : types)
            {
                for (final String symbol : syms)
                {
                    for (LocalDate d = from; !d.isAfter(last); d = d.plusDays(1))
                    {
                        expected.add(new TardisDayFile(ex, type, d, symbol).fileName());
                    }
                }
            }
        }
        System.out.printf("folders: expecting %d file(s): exchange %s, data types %s, symbols %s, %s..%s%n",
            expected.size(), String.join(",", exchanges), String.join(",", types), String.join(",", syms), from, last);
        return expected;
    }

    /** Prints which expected items are in no shard and which are in several; true when each is in exactly one. */
    private static boolean report(final String what, final String unit, final List<String> expected,
        final Map<String, Set<String>> byShard)
    {
        final Map<String, List<String>> holders = new TreeMap<>();
        expected.forEach(item -> holders.put(item, new ArrayList<>()));
        byShard.forEach((shard, items) -> items.forEach(item ->
            holders.computeIfAbsent(item, k -> new ArrayList<>()).add(shard)));
        System.out.printf("%s: %d shard(s), %d %s expected%n", what, byShard.size(), expected.size(), unit);
        byShard.forEach((shard, items) -> System.out.printf("  %s: %d %s%s%n", shard, items.size(), unit,
            items.isEmpty() ? "" : " (" + new TreeSet<>(items).first() + " .. " + new TreeSet<>(items).last() + ")"));
        final List<String> missing = new ArrayList<>();
        final List<String> overlap = new ArrayList<>();
        holders.forEach((item, shards) ->
        {
            if (shards.isEmpty())
            {
                missing.add(item);
            }
            else if (shards.size() > 1)
            {
                overlap.add(item + " in " + String.join(" and ", shards));
            }
        });
        print("incomplete: " + missing.size() + " " + unit + " in no shard:", missing);
        print("overlap: " + overlap.size() + " " + unit + " in more than one shard:", overlap);
        if (missing.isEmpty() && overlap.isEmpty())
        {
            System.out.printf("%s: complete and disjoint: each of the %d %s is in exactly one shard%n", what,
                expected.size(), unit);
            return true;
        }
        return false;
    }

    private static void print(final String heading, final List<String> items)
    {
        if (!items.isEmpty())
        {
            System.out.println(heading);
            items.stream().limit(LISTED).forEach(i -> System.out.println("  " + i));
            if (items.size() > LISTED)
            {
                System.out.println("  … and " + (items.size() - LISTED) + " more");
            }
        }
    }

    private static String listed(final List<String> items)
    {
        return items.size() <= LISTED ? String.join(", ", items) :
            String.join(", ", items.subList(0, LISTED)) + " … and " + (items.size() - LISTED) + " more";
    }

    /** Each archive's days into {@link #into}, through {@link ArchiveSync}: a day's files first, its manifest last. */
    private void merge(final Map<String, Set<String>> archiveDays) throws IOException
    {
        int days = 0;
        try (ObjectStore target = ObjectStores.open(into, "--into", s3, "--s3"))
        {
            for (final Map.Entry<String, Set<String>> shard : archiveDays.entrySet())
            {
                if (shard.getValue().isEmpty())
                {
                    continue;
                }
                try (ObjectStore source = ObjectStores.open(shard.getKey(), "--archives", s3, "--s3"))
                {
                    // uploads left unfinished by a crash over an hour ago are removed, as `archive sync` does
                    final ArchiveSync.Result r = ArchiveSync.run(source, target,
                        Instant.now().minus(1, ChronoUnit.HOURS), ArchiveSync.Progress.NONE, shard.getValue());
                    System.out.printf("merged %s: %d day(s), %d file(s) sent (%,d bytes), %d up to date%n",
                        shard.getKey(), r.days(), r.filesSent(), r.bytesSent(), r.filesUpToDate());
                    days += r.days();
                }
            }
        }
        System.out.printf("merged %d day(s) into %s%n", days, into);
    }
}
