package dev.tickwire.adapters.tardis.download;

import dev.tickwire.journal.InstrumentDefinitions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What is missing, per dataset symbol and data type over a range of days: what Tardis.dev has (the days'
 * instrument definitions: the symbol listed that day with the data type, and the day exported), what the
 * download folder holds (day files under the clients' names; an empty gzip is a day without data) and
 * what the journal imported (through which day, {@link TardisImported}).
 */
public final class TardisMissingData
{
    /**
     * One symbol and data type.
     *
     * @param available        days Tardis.dev has a file for
     * @param notExported      days in the range not exported yet (not counted as available)
     * @param downloaded       days in the folder, empty ones included
     * @param empty            days in the folder without rows
     * @param importedThrough  the journal's last imported day of it, or null
     * @param importable       whether the importer reads this data type
     * @param missingDownloads available days not in the folder, as ranges ("2024-03-02..2024-03-05")
     * @param notImported      days in the folder with rows that the journal has not imported, as ranges
     */
    public record Row(
        String symbol, String dataType, int available, int notExported, int downloaded, int empty,
        LocalDate importedThrough, boolean importable, List<String> missingDownloads, List<String> notImported)
    {
        /** Nothing to fetch and nothing to import. */
        public boolean complete()
        {
            return missingDownloads.isEmpty() && notImported.isEmpty();
        }
    }

    private TardisMissingData()
    {
    }

    /**
     * @param days      the definitions of each day of the range (a day without one counts nothing as available)
     * @param dataTypes the data types to report; empty: those in the folder or the journal
     * @param symbols   the dataset symbols to report; empty: those in the folder or the journal
     * @param folder    the download folder's files of the exchange in the range ({@link #folder})
     * @param imported  {@link TardisImported#through}
     */
    public static List<Row> report(
        final String exchange, final LocalDate from, final LocalDate to, final Map<LocalDate, InstrumentDefinitions.Day> days,
        final Collection<String> dataTypes, final Collection<String> symbols, final Map<TardisDayFile, Boolean> folder,
        final Map<String, LocalDate> imported)
    {
        final Set<String> symbolSet = new TreeSet<>();
        symbols.forEach(s -> symbolSet.add(TardisDayFile.datasetSymbol(s)));
        final boolean allSymbols = symbolSet.isEmpty();
        final Set<String> typeSet = new LinkedHashSet<>(dataTypes);
        final boolean allTypes = typeSet.isEmpty();
        final Map<String, Map<LocalDate, Boolean>> inFolder = new HashMap<>();
        folder.forEach((file, empty) ->
        {
            if (file.exchange().equals(exchange) && (allSymbols || symbolSet.contains(file.symbol())))
            {
                if (allSymbols)
                {
                    symbolSet.add(file.symbol());
                }
                if (allTypes)
                {
                    typeSet.add(file.dataType());
                }
                inFolder.computeIfAbsent(file.symbol() + "\t" + file.dataType(), k -> new TreeMap<>()).put(file.date(), empty);
            }
        });
        imported.keySet().forEach(key ->
        {
            final String label = key.substring(0, key.indexOf(':'));
            final String symbol = key.substring(key.indexOf(':') + 1);
            if (allSymbols)
            {
                symbolSet.add(symbol);
            }
            if (allTypes && (allSymbols || symbolSet.contains(symbol)) && !label.equals("book_snapshot") &&
                typeSet.stream().noneMatch(t -> TardisImported.importLabel(t).map(label::equals).orElse(false)))
            {
                typeSet.add(label); // the importer's label is the data type, but for book snapshots (their depth is lost)
            }
        });
        final List<Row> rows = new ArrayList<>();
        for (final String symbol : symbolSet)
        {
            for (final String type : typeSet)
            {
                rows.add(row(exchange, symbol, type, from, to, days, inFolder.getOrDefault(symbol + "\t" + type, Map.of()),
                    imported));
            }
        }
        return rows;
    }

    private static Row row(
        final String exchange, final String symbol, final String type, final LocalDate from, final LocalDate to,
        final Map<LocalDate, InstrumentDefinitions.Day> days, final Map<LocalDate, Boolean> folder,
        final Map<String, LocalDate> imported)
    {
        final Optional<String> label = TardisImported.importLabel(type);
        final LocalDate through = label.map(l -> imported.get(l + ":" + symbol)).orElse(null);
        int available = 0;
        int notExported = 0;
        int downloaded = 0;
        int empty = 0;
        final List<LocalDate> missing = new ArrayList<>();
        final List<LocalDate> notImported = new ArrayList<>();
        final String instrument = exchange + ":" + symbol;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1))
        {
            final InstrumentDefinitions.Day definitions = days.get(day);
            final boolean listed = definitions != null && definitions.byInstrument(instrument)
                .map(d -> d.dataTypes().contains(type)).orElse(false);
            final boolean exported = definitions != null && !TardisDefinitions.provisional(definitions);
            if (listed && !exported)
            {
                notExported++;
            }
            final boolean isAvailable = listed && exported;
            if (isAvailable)
            {
                available++;
            }
            final Boolean fileEmpty = folder.get(day);
            if (fileEmpty != null)
            {
                downloaded++;
                if (fileEmpty)
                {
                    empty++;
                }
                else if (label.isPresent() && (through == null || day.isAfter(through)))
                {
                    notImported.add(day);
                }
            }
            else if (isAvailable)
            {
                missing.add(day);
            }
        }
        return new Row(symbol, type, available, notExported, downloaded, empty, through, label.isPresent(), ranges(missing),
            ranges(notImported));
    }

    /** Consecutive days as "first..last", a lone day as itself. */
    static List<String> ranges(final List<LocalDate> days)
    {
        final List<String> ranges = new ArrayList<>();
        for (int i = 0; i < days.size(); )
        {
            int j = i;
            while (j + 1 < days.size() && days.get(j + 1).equals(days.get(j).plusDays(1)))
            {
                j++;
            }
            ranges.add(i == j ? days.get(i).toString() : days.get(i) + ".." + days.get(j));
            i = j + 1;
        }
        return ranges;
    }

    /** The folder's day files of {@code exchange} from {@code from} to {@code to}, each with whether it is empty. */
    public static Map<TardisDayFile, Boolean> folder(final Path folder, final String exchange, final LocalDate from,
        final LocalDate to)
    {
        final Map<TardisDayFile, Boolean> files = new HashMap<>();
        if (!Files.isDirectory(folder))
        {
            return files;
        }
        try (Stream<Path> list = Files.list(folder))
        {
            list.forEach(path -> TardisDayFile.parse(path.getFileName().toString())
                .filter(f -> f.exchange().equals(exchange) && !f.date().isBefore(from) && !f.date().isAfter(to))
                .ifPresent(f -> files.put(f, empty(path))));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + folder, ex);
        }
        return files;
    }

    private static boolean empty(final Path path)
    {
        try
        {
            return GzipFiles.isEmpty(path);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
