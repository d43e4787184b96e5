package dev.tickwire.engine.pipeline;

import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2IntHashMap;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which journal messages a pipeline takes: by source (its input), by message type and by symbol (exact or
 * with {@code *} wildcards, e.g. {@code SPY*}). A symbol's verdict is decided once per instrument id.
 * Rejected messages pass only when the types name {@code rejected}.
 */
final class MessageFilter
{
    private static final int UNDECIDED = -1;

    private final Set<Integer> sourceIds;
    private final boolean[] types = new boolean[64];
    private final boolean rejected;
    private final List<Pattern> symbols;
    private final InstrumentCatalog catalog;
    private final Int2IntHashMap verdicts = new Int2IntHashMap(UNDECIDED);

    /**
     * @param sourceIds the input's sources, or null for every source
     * @param types     message type names ({@link MessageTypes#name}) and/or "rejected"; empty: every type
     * @param symbols   symbol patterns; empty: every instrument
     */
    MessageFilter(final Set<Integer> sourceIds, final List<String> types, final List<String> symbols,
        final InstrumentCatalog catalog)
    {
        this.sourceIds = sourceIds;
        for (final String type : types)
        {
            final int id = MessageTypes.byName(type);
            if (id >= 0)
            {
                this.types[id] = true;
            }
        }
        this.rejected = types.contains("rejected");
        if (types.isEmpty() || types.stream().allMatch("rejected"::equals))
        {
            java.util.Arrays.fill(this.types, true);
        }
        this.symbols = symbols.stream().map(MessageFilter::glob).toList();
        this.catalog = catalog;
    }

    /** The names {@code types:} accepts. */
    static boolean isTypeName(final String name)
    {
        return "rejected".equals(name) || MessageTypes.byName(name) >= 0;
    }

    boolean accepts(final DirectBuffer buffer, final int offset)
    {
        final int template = Envelope.templateId(buffer, offset);
        if (template < 0 || template >= types.length || !types[template])
        {
            return false;
        }
        if (!Envelope.isAccepted(buffer, offset) && !rejected)
        {
            return false;
        }
        if (sourceIds != null && !sourceIds.contains(Envelope.sourceId(buffer, offset)))
        {
            return false;
        }
        return symbols.isEmpty() || template == MessageTypes.STATUS || symbolAccepted(Envelope.instrumentId(buffer, offset));
    }

    private boolean symbolAccepted(final int instrumentId)
    {
        int verdict = verdicts.get(instrumentId);
        if (verdict == UNDECIDED)
        {
            final Instrument instrument = catalog.find(instrumentId);
            if (instrument == null)
            {
                return false; // not decided: asked again next time
            }
            final String symbol = instrument.symbol();
            verdict = symbols.stream().anyMatch(p -> p.matcher(symbol).matches()) ? 1 : 0;
            verdicts.put(instrumentId, verdict);
        }
        return verdict == 1;
    }

    private static Pattern glob(final String pattern)
    {
        final String[] parts = pattern.split("\\*", -1);
        final StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++)
        {
            if (i > 0)
            {
                regex.append(".*");
            }
            if (!parts[i].isEmpty())
            {
                regex.append(Pattern.quote(parts[i]));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
