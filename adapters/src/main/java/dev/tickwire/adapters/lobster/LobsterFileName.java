package dev.tickwire.adapters.lobster;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a LOBSTER file name says: {@code TICKER_DATE_START_END_message_N.csv} or {@code …_orderbook_N.csv}, START and
 * END in milliseconds after midnight, N the number of levels. Anything after N (".part1.csv", ".csv.gz") is ignored.
 *
 * @param kind {@link #MESSAGE} or {@link #ORDER_BOOK}
 */
public record LobsterFileName(String ticker, LocalDate date, long startMs, long endMs, String kind, int levels)
{
    public static final String MESSAGE = "message";
    public static final String ORDER_BOOK = "orderbook";

    private static final Pattern NAME =
        Pattern.compile("^(.+?)_(\\d{4}-\\d{2}-\\d{2})_(\\d{1,9})_(\\d{1,9})_(message|orderbook)_(\\d{1,4})(\\..*)?$");

    /** @return the parts of a LOBSTER file name, or null if the name does not follow the pattern. */
    public static LobsterFileName parse(final String fileName)
    {
        final Matcher m = NAME.matcher(fileName);
        if (!m.matches())
        {
            return null;
        }
        try
        {
            return new LobsterFileName(m.group(1), LocalDate.parse(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), m.group(5), Integer.parseInt(m.group(6)));
        }
        catch (final DateTimeParseException ex)
        {
            return null;
        }
    }
}
