package dev.tickwire.tools.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tickwire.engine.query.MarketQueries.ContractSummary;
import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.Values;


/**
 * The JSON of the API's own answers (health, contracts, keys, errors) as snake_case objects. Market
 * records (trades, bars, books) are written by the one row mapper, {@code MarketRows}, as the command
 * line writes them. Prices and sizes stay exact decimal strings; times are ISO-8601 UTC with
 * nanoseconds plus epoch nanoseconds.
 */
final class ApiJson
{
    private ApiJson()
    {
    }

    /** The project's Jackson, as Javalin's JSON mapper: snake_case names, nulls left out. */
    static ObjectMapper mapper()
    {
        return new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    record Error(String error)
    {
    }

    record Health(String status, String version, String time, long timeNs)
    {
    }

    record Counts(long trades, long quotes, long bookDeltas, long rejected)
    {
    }

    /** Before its first event, a contract's times are null (present, not left out). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Contract(
        String symbol, String venue, String firstEvent, String lastEvent, Long firstEventNs, Long lastEventNs,
        Counts counts)
    {
        static Contract of(final ContractSummary c)
        {
            // JournalQueries reports 0 for both times before an instrument's first accepted event
            final boolean none = c.trades() + c.quotes() + c.bookDeltas() == 0 && c.firstEventNs() == 0 &&
                c.lastEventNs() == 0;
            final Counts counts = new Counts(c.trades(), c.quotes(), c.bookDeltas(), c.rejected());
            return none
                ? new Contract(c.symbol(), c.venue(), null, null, null, null, counts)
                : new Contract(c.symbol(), c.venue(), iso(c.firstEventNs()), iso(c.lastEventNs()),
                    nanos(c.firstEventNs()), nanos(c.lastEventNs()), counts);
        }
    }

    /** rps and bytes_per_minute: the key's own limits, left out when it has the server's defaults. */
    record KeyCreated(String name, String key, boolean admin, String created, Long rps, Long bytesPerMinute)
    {
    }

    record KeyListed(String name, boolean admin, String created, Long rps, Long bytesPerMinute)
    {
    }

    /** No event yet is reported as null, whichever sentinel the query layer uses for it. */
    private static boolean absent(final long ns)
    {
        return ns == Values.NONE || ns == Long.MAX_VALUE;
    }

    private static String iso(final long ns)
    {
        return absent(ns) ? null : Timestamps.format(ns);
    }

    private static Long nanos(final long ns)
    {
        return absent(ns) ? null : ns;
    }
}
