package dev.tickwire.tools;

import dev.tickwire.adapters.lobster.LobsterFileName;
import dev.tickwire.adapters.tardis.download.TardisDayFile;
import picocli.CommandLine;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file of a batch job (an import's input, a download's day file) is, for {@code --shard}: the UTC day and
 * the instrument its name says, as each source names its files. A file is then this shard's by its day (all of a
 * day's files, every instrument and data type, on one host: a host's journal holds whole days, so its export is
 * whole days that merge with the other hosts'), or by its day and instrument (finer, for few days of many
 * instruments); a name that says no day is keyed by the name itself. The download and the import of one host key
 * a Tardis file alike, so {@code --shard 2/3} on both takes the same files.
 *
 * @param instrument as the name says it: the same string for the same instrument in every file of the source
 */
record ShardKey(LocalDate day, String instrument)
{
    /** What {@code --shard-by} splits on. */
    enum By
    {
        DAY, INSTRUMENT;

        @Override
        public String toString()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Binance public data: {@code SYMBOL-trades|aggTrades-YYYY-MM-DD.csv[.gz]} (a month's file says no day). */
    private static final Pattern BINANCE =
        Pattern.compile("([A-Za-z0-9_]+)-(?:trades|aggTrades)-(\\d{4}-\\d{2}-\\d{2})\\.csv(?:\\.gz)?");
    /** Sierra Chart: {@code SYMBOL.YYYY-MM-DD.depth}; a .scid file holds every day of its contract. */
    private static final Pattern SIERRA_DEPTH = Pattern.compile("(.+)\\.(\\d{4}-\\d{2}-\\d{2})\\.depth");

    /** {@code {exchange}_{data_type}_{YYYY-MM-DD}_{SYMBOL}.csv[.gz]}, as the tardis-dev clients name it. */
    static ShardKey tardis(final String fileName)
    {
        final Optional<TardisDayFile> file =
            TardisDayFile.parse(fileName.endsWith(".csv") ? fileName + ".gz" : fileName);
        return file.map(f -> new ShardKey(f.date(), f.exchange() + ":" + f.symbol())).orElse(null);
    }

    static ShardKey binance(final String fileName)
    {
        return dated(BINANCE.matcher(fileName));
    }

    /** {@code TICKER_DATE_START_END_message|orderbook_N…}: a message file and its book file key alike. */
    static ShardKey lobster(final String fileName)
    {
        final LobsterFileName name = LobsterFileName.parse(fileName);
        return name == null ? null : new ShardKey(name.date(), name.ticker());
    }

    static ShardKey sierra(final String fileName)
    {
        return dated(SIERRA_DEPTH.matcher(fileName));
    }

    private static ShardKey dated(final Matcher m)
    {
        if (!m.matches())
        {
            return null;
        }
        try
        {
            return new ShardKey(LocalDate.parse(m.group(2)), m.group(1));
        }
        catch (final DateTimeParseException ex)
        {
            return null;
        }
    }

    /**
     * Whether the file named {@code fileName} is {@code shard}'s.
     *
     * @param keyOf what the source's names say (null: not a name of the source's pattern)
     */
    static boolean owns(final Shard shard, final By by, final String fileName, final Function<String, ShardKey> keyOf)
    {
        final ShardKey key = keyOf.apply(fileName);
        if (key == null)
        {
            return shard.owns(fileName);
        }
        return by == By.DAY ? shard.owns(key.day) : shard.owns(key.day + ":" + key.instrument);
    }

    /** picocli: {@code --shard-by day|instrument}; a bad value fails naming the option. */
    static final class ByConverter implements CommandLine.ITypeConverter<By>
    {
        @Override
        public By convert(final String value)
        {
            for (final By by : By.values())
            {
                if (by.toString().equalsIgnoreCase(value.strip()))
                {
                    return by;
                }
            }
            throw new CommandLine.TypeConversionException("--shard-by must be day or instrument, got '" + value + "'");
        }
    }
}
