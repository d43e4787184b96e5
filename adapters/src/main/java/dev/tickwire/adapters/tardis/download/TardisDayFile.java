package dev.tickwire.adapters.tardis.download;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file of the Tardis.dev datasets API: an exchange's data type for one symbol on one UTC day. Named
 * as the official clients (tardis-dev for Python and Node) name it, so that a folder they filled is a
 * cache this downloader and the importer use as it is: the API path
 * {@code /v1/{exchange}/{data_type}/{YYYY}/{MM}/{DD}/{SYMBOL}.csv.gz} and the file
 * {@code {exchange}_{data_type}_{YYYY-MM-DD}_{SYMBOL}.csv.gz}.
 *
 * @param symbol the dataset symbol: upper case, ':' and '/' as '-' ({@link #datasetSymbol})
 */
public record TardisDayFile(String exchange, String dataType, LocalDate date, String symbol)
{
    public static final String SUFFIX = ".csv.gz";
    private static final Pattern NAME = Pattern.compile("([^_]+)_(.+?)_(\\d{4}-\\d{2}-\\d{2})_(.+)\\.csv\\.gz");
    private static final Pattern SAFE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]*");

    public TardisDayFile
    {
        if (!SAFE.matcher(exchange).matches() || exchange.contains("_"))
        {
            throw new IllegalArgumentException("not a Tardis exchange id: " + exchange);
        }
        if (!SAFE.matcher(dataType).matches())
        {
            throw new IllegalArgumentException("not a Tardis data type: " + dataType);
        }
        if (symbol.isEmpty())
        {
            throw new IllegalArgumentException("empty symbol");
        }
    }

    /** The symbol as the datasets API takes it: upper case, ':' and '/' replaced by '-' (as the clients do). */
    public static String datasetSymbol(final String symbol)
    {
        return symbol.replace(':', '-').replace('/', '-').toUpperCase(Locale.ROOT);
    }

    /** The path under the datasets endpoint, from {@code /v1}; the symbol URL-encoded. */
    public String urlPath()
    {
        return String.format(Locale.ROOT, "/v1/%s/%s/%04d/%02d/%02d/%s%s", exchange, dataType, date.getYear(),
            date.getMonthValue(), date.getDayOfMonth(),
            URLEncoder.encode(symbol, StandardCharsets.UTF_8).replace("+", "%20"), SUFFIX);
    }

    /** The clients' default file name; characters no file system takes become '-'. */
    public String fileName()
    {
        return exchange + "_" + dataType + "_" + date + "_" + symbol.replaceAll("[:\\\\/?*<>|\"]", "-") + SUFFIX;
    }

    /** The file a name stands for, if it is a clients' day file name. */
    public static Optional<TardisDayFile> parse(final String fileName)
    {
        final Matcher m = NAME.matcher(fileName);
        if (!m.matches())
        {
            return Optional.empty();
        }
        try
        {
            return Optional.of(new TardisDayFile(m.group(1), m.group(2), LocalDate.parse(m.group(3)), m.group(4)));
        }
        catch (final RuntimeException ex)
        {
            return Optional.empty();
        }
    }

    /** Only the first day of a month is served without an API key. */
    public boolean freeWithoutKey()
    {
        return date.getDayOfMonth() == 1;
    }

    @Override
    public String toString()
    {
        return fileName();
    }
}
