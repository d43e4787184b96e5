package dev.tickwire.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.adapter.SourceFactory;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.config.ByType;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.output.OutputFactory;
import dev.tickwire.engine.output.Outputs;
import dev.tickwire.journal.InstrumentCatalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The config's {@code pipelines:}: each an input, an optional filter and transformation, and an output.
 * <pre>{@code
 * pipelines:
 *   - id: option-volume-bars
 *     input: {type: kafka, topic: options.trades, ...}   # a source entry of its own, {source: 0} (the sources:
 *                                                        # entry at that index) or journal (everything)
 *     filter: {symbols: ["SPY*"], types: [trade]}
 *     transform: {bars: volume:100}                      # time (1m), tick (tick:500), volume, value bars
 *     output: {type: kafka, topicPrefix: options.bars, ...}   # any outputs: entry
 * }</pre>
 * A pipeline is no new machinery: its input is a source like any other (its ticks are validated and
 * journaled), and the rest is an output, a {@code JournalTailer} of the journal whose sink is a
 * {@link PipelineSink} in front of the output's own, with the same checkpoint and exactly-once rules.
 */
public final class Pipelines
{
    private Pipelines()
    {
    }

    /** What a run starts: every source (the config's and the pipelines' inputs) and every output. */
    public record Wiring(List<FeedAdapter> adapters, List<Outputs.Output> outputs)
    {
    }

    /** One {@code pipelines:} entry as written. */
    public static final class Entry
    {
        public String id;
        public JsonNode input;
        public Filter filter = new Filter();
        public Transform transform;
        public JsonNode output;
    }

    /** Which messages the pipeline takes; empty lists take everything. */
    public static final class Filter
    {
        public List<String> symbols = List.of();
        public List<String> types = List.of();
    }

    /** What it makes of them. */
    public static final class Transform
    {
        /** A bar spec as {@code tickwire bars --interval} takes it: 1m, tick:500, volume:100, value:1e6. */
        public String bars;
        /** The bars' features (docs/features.md); false: OHLCV only. */
        public boolean features = true;
        /** The top-N book levels the features read. */
        public int depth = 5;
    }

    /**
     * Builds the config's sources, outputs and pipelines, failing fast on a bad key.
     *
     * @throws ConfigException naming the key
     */
    public static Wiring wire(final TickwireConfig config)
    {
        final ByType<SourceFactory> sourceTypes = Sources.factories();
        final ByType<OutputFactory> outputTypes = Outputs.factories();
        final List<List<FeedAdapter>> bySource = Sources.createEach(config);
        final List<FeedAdapter> adapters = new ArrayList<>();
        final Set<Integer> ids = new HashSet<>();
        bySource.forEach(entry -> entry.forEach(a ->
        {
            adapters.add(a);
            ids.add(a.sourceId());
        }));
        final List<Outputs.Output> outputs = new ArrayList<>(Outputs.create(config));
        final Set<String> names = new HashSet<>();
        outputs.forEach(o -> names.add(o.name()));
        InstrumentCatalog catalog = null;
        for (int i = 0; i < config.pipelines.size(); i++)
        {
            final String key = TickwireConfig.PIPELINES + "[" + i + "]";
            final JsonNode node = config.pipelines.get(i);
            if (node == null || !node.isObject())
            {
                throw new ConfigException(key, "a pipeline is a map: id, input, filter, transform, output");
            }
            final Entry entry = ConfigLoader.section(key, node, Entry.class);
            if (entry.id == null || !entry.id.matches("[A-Za-z0-9._-]{1,48}"))
            {
                throw new ConfigException(key + ".id", "is required: letters, digits, '.', '_' and '-' (it names files)");
            }
            final Set<Integer> inputIds = input(key + ".input", entry.input, config, bySource, sourceTypes, ids, adapters);
            filterTypes(key + ".filter.types", entry.filter.types);
            final BarSpec bars = bars(key + ".transform", entry.transform);
            final int depth = bars == null || !entry.transform.features ? 0 : entry.transform.depth;
            if (bars != null && entry.transform.features && (depth < 1 || depth > 50))
            {
                throw new ConfigException(key + ".transform.depth", "must be 1..50, got " + depth);
            }
            if (entry.output == null)
            {
                throw new ConfigException(key + ".output", "is required: an outputs: entry, e.g. {type: jsonl, dir: ./bars}");
            }
            final Outputs.Output output = Outputs.create(key + ".output", entry.output, config, outputTypes,
                "pipeline-" + entry.id);
            if (!names.add(output.name()))
            {
                throw new ConfigException(key + ".id", "'" + output.name() + "' is taken by another output or pipeline");
            }
            if (catalog == null)
            {
                catalog = InstrumentCatalog.open(config.journalPath());
            }
            final MessageFilter filter = new MessageFilter(inputIds, entry.filter.types, entry.filter.symbols, catalog);
            outputs.add(new Outputs.Output(output.name(), new PipelineSink(output.name(), filter, bars, depth,
                output.sink(), catalog, config.journalPath()), output.flushEveryMessages(), output.flushEveryNs()));
        }
        return new Wiring(adapters, outputs);
    }

    /** The input's source ids (null: every source); an input of its own is built and added to {@code adapters}. */
    private static Set<Integer> input(final String key, final JsonNode input, final TickwireConfig config,
        final List<List<FeedAdapter>> bySource, final ByType<SourceFactory> sourceTypes, final Set<Integer> ids,
        final List<FeedAdapter> adapters)
    {
        if (input == null || input.isTextual() && "journal".equals(input.asText()))
        {
            return null;
        }
        if (!input.isObject())
        {
            throw new ConfigException(key, "is journal, {source: <index in sources>} or a source entry {type: …}");
        }
        final List<FeedAdapter> built;
        if (input.has("source"))
        {
            final int index = input.path("source").asInt(-1);
            if (input.size() != 1 || !input.path("source").canConvertToInt() || index < 0 || index >= bySource.size())
            {
                throw new ConfigException(key + ".source", "must be the index of an entry of sources: (0.." +
                    (bySource.size() - 1) + ")");
            }
            built = bySource.get(index);
        }
        else
        {
            built = Sources.create(key, input, config, sourceTypes, ids);
            adapters.addAll(built);
        }
        final Set<Integer> inputIds = new HashSet<>();
        built.forEach(a -> inputIds.add(a.sourceId()));
        return inputIds;
    }

    private static void filterTypes(final String key, final List<String> types)
    {
        for (final String type : types)
        {
            if (!MessageFilter.isTypeName(type))
            {
                throw new ConfigException(key, "unknown type '" + type +
                    "': trade, quote, book_delta, status, instrument, bar, candle, derivative_ticker, liquidation, " +
                    "option_summary or rejected");
            }
        }
    }

    private static BarSpec bars(final String key, final Transform transform)
    {
        if (transform == null)
        {
            return null;
        }
        if (transform.bars == null)
        {
            throw new ConfigException(key + ".bars", "is required in a transform: e.g. 1m, tick:500, volume:100");
        }
        try
        {
            return BarSpec.parse(transform.bars);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(key + ".bars", ex.getMessage());
        }
    }
}
