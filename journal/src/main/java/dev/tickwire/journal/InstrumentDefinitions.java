package dev.tickwire.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The journal's catalog of instrument definitions by day, beside {@code instruments.tsv}:
 * {@code definitions/<exchange>/<YYYY-MM-DD>.tsv}, one per exchange and UTC day, as a vendor's metadata
 * described the instruments available that day (tick size, contract size, dates and data types change
 * over an instrument's life, so a day's file is that day's truth). A file starts with {@code #key=value}
 * lines (where it came from, when, whether the vendor had finished that day's data), then a header and
 * one line per instrument; columns are found by name, so a later build may add some. Written whole and
 * atomically ({@link AtomicFiles}), so a reader sees a day's old or new file, never half.
 */
public final class InstrumentDefinitions
{
    public static final String DIR = "definitions";
    private static final Pattern EXCHANGE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final String SUFFIX = ".tsv";

    private final Path root;

    /** The definitions of the journal in {@code journalDir} (nothing is created until a day is written). */
    public InstrumentDefinitions(final Path journalDir)
    {
        this.root = journalDir.resolve(DIR);
    }

    /** One exchange's day. */
    public record Day(String exchange, LocalDate date, Map<String, String> properties, List<InstrumentDefinition> definitions)
    {
        public Day
        {
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
            definitions = List.copyOf(definitions);
        }

        public Optional<InstrumentDefinition> byInstrument(final String instrument)
        {
            return definitions.stream().filter(d -> d.instrument().equals(instrument)).findFirst();
        }
    }

    /** Replaces the exchange's file for {@code day.date()}. */
    public void write(final Day day)
    {
        final Path file = file(day.exchange(), day.date());
        try
        {
            Files.createDirectories(file.getParent());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + file.getParent(), ex);
        }
        final StringBuilder text = new StringBuilder();
        day.properties().forEach((key, value) -> text.append('#').append(clean(key)).append('=').append(clean(value)).append('\n'));
        text.append(String.join("\t", InstrumentDefinition.COLUMNS)).append('\n');
        for (final InstrumentDefinition d : day.definitions())
        {
            final List<String> values = d.values();
            for (int i = 0; i < values.size(); i++)
            {
                text.append(i == 0 ? "" : "\t").append(clean(values.get(i)));
            }
            text.append('\n');
        }
        AtomicFiles.write(file, text.toString());
    }

    /** The exchange's file for {@code date}, if there is one. */
    public Optional<Day> read(final String exchange, final LocalDate date)
    {
        final Path file = file(exchange, date);
        final List<String> lines = AtomicFiles.lines(file);
        if (lines.isEmpty())
        {
            return Optional.empty();
        }
        final Map<String, String> properties = new LinkedHashMap<>();
        final List<InstrumentDefinition> definitions = new ArrayList<>();
        Map<String, Integer> columns = null;
        for (int n = 0; n < lines.size(); n++)
        {
            final String line = lines.get(n);
            if (line.isBlank())
            {
                continue;
            }
            if (columns == null && line.startsWith("#"))
            {
                final int eq = line.indexOf('=');
                if (eq > 1)
                {
                    properties.put(line.substring(1, eq), line.substring(eq + 1));
                }
                continue;
            }
            final String[] fields = line.split("\t", -1);
            if (columns == null)
            {
                columns = new HashMap<>();
                for (int i = 0; i < fields.length; i++)
                {
                    columns.put(fields[i], i);
                }
                if (!columns.containsKey("instrument"))
                {
                    throw new IllegalStateException(file + ":" + (n + 1) + ": no instrument column in the header: " + line);
                }
                continue;
            }
            final List<String> values = new ArrayList<>(InstrumentDefinition.COLUMNS.size());
            for (final String column : InstrumentDefinition.COLUMNS)
            {
                final Integer at = columns.get(column);
                values.add(at != null && at < fields.length ? fields[at] : "");
            }
            definitions.add(InstrumentDefinition.of(values));
        }
        return Optional.of(new Day(exchange, date, properties, definitions));
    }

    /** The days the exchange has files for, in order. */
    public List<LocalDate> days(final String exchange)
    {
        final Path dir = root.resolve(checkedExchange(exchange));
        if (!Files.isDirectory(dir))
        {
            return List.of();
        }
        final List<LocalDate> days = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir))
        {
            files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(SUFFIX)).forEach(name ->
            {
                try
                {
                    days.add(LocalDate.parse(name.substring(0, name.length() - SUFFIX.length())));
                }
                catch (final DateTimeParseException ignored)
                {
                    // not a day's file (an editor's backup, a temp file): not ours
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + dir, ex);
        }
        Collections.sort(days);
        return days;
    }

    /** Where the exchange's file for {@code date} is. */
    public Path file(final String exchange, final LocalDate date)
    {
        return root.resolve(checkedExchange(exchange)).resolve(date + SUFFIX);
    }

    private static String checkedExchange(final String exchange)
    {
        if (!EXCHANGE.matcher(exchange).matches())
        {
            throw new IllegalArgumentException("not an exchange id (lower-case letters, digits, '.', '_', '-'): " + exchange);
        }
        return exchange;
    }

    /** A tab or line break would split a field: vendor text never needs them. */
    private static String clean(final String value)
    {
        return value == null ? "" : value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
