package dev.tickwire.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.tickwire.engine.adapter.AdapterGuard;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.adapter.InstrumentDefinitions;
import dev.tickwire.engine.adapter.SourceContext;
import dev.tickwire.engine.adapter.SourceFactory;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.Secrets;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.engine.ring.TickPublisher;
import dev.tickwire.engine.ring.TickRing;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.engine.rows.MessageJson;
import dev.tickwire.engine.validate.ValidateStage;
import dev.tickwire.engine.validate.ValidationLimits;
import dev.tickwire.journal.Checkpoint;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.SourceCatalog;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code tickwire sources poll --dry-run}: every polled REST source of a config, each stream polled until caught up
 * once (from the journal's last position of the stream, or its backfill depth), through the real ring and the real
 * validate stage, with what would be journaled printed and nothing journaled: no journal is opened for writing,
 * and the catalogs (instrument and source ids) are copies in a temporary folder, deleted at the end.
 */
public final class DryRun
{
    /** What one stream would journal. */
    public record StreamSummary(String name, long accepted, long rejected, long statuses, long duplicates,
        List<String> problems)
    {
    }

    private DryRun()
    {
    }

    /**
     * @param config  the engine's config (its journal is read, never written)
     * @param only    a source entry's name to poll alone, or null for every polled source
     * @param show    messages printed per stream (the first and the last ones), 0 for none
     * @param timeout how long the whole run may take
     * @return one summary per stream
     */
    public static List<StreamSummary> run(final TickwireConfig config, final String only, final int show,
        final long timeoutNs, final PrintStream out)
    {
        final Path realJournal = config.journalPath();
        final Path temp;
        try
        {
            temp = Files.createTempDirectory("tickwire-dry-run");
            for (final String file : List.of(InstrumentCatalog.FILE_NAME, SourceCatalog.FILE_NAME))
            {
                if (Files.isRegularFile(realJournal.resolve(file)))
                {
                    Files.copy(realJournal.resolve(file), temp.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("dry run: cannot prepare a temporary catalog: " + ex.getMessage(), ex);
        }
        final String journalDir = config.journal.dir;
        config.journal.dir = temp.toString();
        try
        {
            final List<FeedAdapter> adapters = polledSources(config, only, true);
            return run(adapters, checkpoints(realJournal, adapters), InstrumentCatalog.open(temp), show, timeoutNs,
                out);
        }
        finally
        {
            config.journal.dir = journalDir;
            delete(temp);
        }
    }

    /**
     * The streams of the config's polled REST sources (or of the one named {@code only}).
     *
     * @param once each stream polled until caught up once, then done (finite sources)
     * @throws ConfigException when there is none, or naming a bad key
     */
    public static List<FeedAdapter> polledSources(final TickwireConfig config, final String only, final boolean once)
    {
        final var factories = Sources.factories();
        final List<FeedAdapter> adapters = new ArrayList<>();
        boolean found = false;
        for (int i = 0; i < config.sources.size(); i++)
        {
            final JsonNode node = config.sources.get(i);
            final String type = node.path("type").asText();
            final SourceFactory factory = factories.types().contains(type) ?
                factories.get("sources[" + i + "].type", type) : null;
            if (!(factory instanceof RestSourceFactory rest))
            {
                continue;
            }
            final String name = node.hasNonNull("name") ? node.get("name").asText() : null;
            if (only != null && !only.equals(name) && !(name == null && only.equals(rest.type().replace("-rest", ""))))
            {
                continue;
            }
            found = true;
            adapters.addAll(rest.create("sources[" + i + "]", node, config, new Secrets(), once));
        }
        if (!found)
        {
            throw new ConfigException("sources", only == null ? "no polled REST source (binance-futures-rest, " +
                "deribit-rest) in the config" : "no polled REST source named '" + only + "'");
        }
        return adapters;
    }

    /** The journal's last message of each stream, read-only; none when there is no journal yet. */
    private static Map<Integer, Checkpoint> checkpoints(final Path journalDir, final List<FeedAdapter> adapters)
    {
        if (!Files.isDirectory(journalDir) || !hasQueueFiles(journalDir))
        {
            return Map.of();
        }
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true)))
        {
            return journal.lastCheckpoints(adapters.stream().map(FeedAdapter::sourceId).toList());
        }
    }

    private static boolean hasQueueFiles(final Path dir)
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".cq4"));
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    static List<StreamSummary> run(final List<FeedAdapter> adapters, final Map<Integer, Checkpoint> resume,
        final InstrumentCatalog catalog, final int show, final long timeoutNs, final PrintStream out)
    {
        final int size = 4096;
        final Disruptor<TickSlot> disruptor = new Disruptor<>(new TickRing(size, TickRing.SLOT_LENGTH).slotFactory(),
            size,
            r -> new Thread(r, "tickwire-dry-run"), ProducerType.MULTI, new BlockingWaitStrategy());
        final EngineCounters counters = new EngineCounters(new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 20)),
            new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 18))));
        final ValidateStage validate = new ValidateStage(disruptor.getRingBuffer(), ValidationLimits.DEFAULT, counters,
            resume);
        final MessageJson json = new MessageJson(catalog);
        final MessageDispatcher dispatcher = new MessageDispatcher();
        final StringBuilder sbe = new StringBuilder();
        final MarketDataListener decoded = new MarketDataListener()
        {
            // the SBE codec's own text for what the dump's JSON leaves out (statuses)
            @Override
            public void onStatus(final SourceStatusDecoder d)
            {
                sbe.append(d);
            }
        };
        final Map<Integer, List<String>> lines = new LinkedHashMap<>();
        final Map<Integer, long[]> counts = new HashMap<>(); // accepted, rejected, statuses
        final EventHandler<TickSlot> print = (slot, sequence, endOfBatch) ->
        {
            final UnsafeBuffer b = slot.buffer();
            final int source = Envelope.sourceId(b, 0);
            final boolean status = Envelope.templateId(b, 0) == MessageTypes.STATUS;
            final long[] c = counts.computeIfAbsent(source, s -> new long[3]);
            c[status ? 2 : Envelope.isAccepted(b, 0) ? 0 : 1]++;
            if (source != 0)
            {
                String text = json.format(b, 0);
                if (text == null || text.isEmpty())
                {
                    sbe.setLength(0);
                    dispatcher.dispatch(b, 0, decoded);
                    text = sbe.toString();
                }
                lines.computeIfAbsent(source, s -> new ArrayList<>()).add(
                    (Envelope.isAccepted(b, 0) ? "" : "REJECTED " + Envelope.rejectReason(b, 0) + " ") + text);
            }
        };
        disruptor.handleEventsWith(validate).then(print);
        disruptor.start();
        final List<AdapterGuard> guards = new ArrayList<>();
        try
        {
            final TickPublisher publisher = new TickPublisher(disruptor.getRingBuffer(), 1);
            final OffsetEpochNanoClock clock = new OffsetEpochNanoClock();
            final InstrumentDefinitions definitions = new InstrumentDefinitions(catalog, publisher, clock);
            for (final FeedAdapter adapter : adapters)
            {
                adapter.start(new SourceContext(adapter, resume.get(adapter.sourceId()), publisher, definitions,
                    counters, clock));
                guards.add(new AdapterGuard(adapter, counters.errors(),
                    counters.sourceCounter(adapter.sourceId(), adapter.roleName(), "errors"),
                    SystemNanoClock.INSTANCE));
            }
            final long deadline = System.nanoTime() + timeoutNs;
            boolean done = false;
            while (!done && System.nanoTime() - deadline < 0)
            {
                done = true;
                int work = 0;
                for (final AdapterGuard guard : guards)
                {
                    if (!guard.isDone())
                    {
                        done = false;
                        work += guard.doWork();
                    }
                }
                if (work == 0)
                {
                    TimeUnit.MILLISECONDS.sleep(1);
                }
            }
            if (!done)
            {
                out.println("dry run: not caught up within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNs) +
                    " s; what was fetched so far follows");
            }
            final long drain = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (disruptor.getRingBuffer().getMinimumGatingSequence() < disruptor.getRingBuffer().getCursor() &&
                System.nanoTime() - drain < 0)
            {
                Thread.onSpinWait();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            for (final AdapterGuard guard : guards)
            {
                guard.onClose();
            }
            disruptor.shutdown();
        }
        final List<StreamSummary> summaries = new ArrayList<>();
        for (final FeedAdapter adapter : adapters)
        {
            final RestPollSource source = (RestPollSource)adapter;
            final long[] c = counts.getOrDefault(adapter.sourceId(), new long[3]);
            final PollStream.Counters sc = source.stream().counters;
            final StreamSummary summary = new StreamSummary(adapter.roleName(), c[0], c[1], c[2],
                sc == null ? 0 : sc.duplicates().get(), adapter.inputProblems());
            summaries.add(summary);
            print(out, summary, lines.getOrDefault(adapter.sourceId(), List.of()), show);
        }
        return summaries;
    }

    private static void print(final PrintStream out, final StreamSummary s, final List<String> lines, final int show)
    {
        out.printf("%s: would journal %d accepted, %d rejected, %d statuses; %d already journaled (skipped)%n",
            s.name(), s.accepted(), s.rejected(), s.statuses(), s.duplicates());
        for (int i = 0; i < lines.size(); i++)
        {
            if (i < show || i >= lines.size() - show)
            {
                out.println("  " + lines.get(i));
            }
            else if (i == show)
            {
                out.println("  ... " + (lines.size() - 2 * show) + " more");
            }
        }
        for (final String problem : s.problems())
        {
            out.println("  FAILED: " + problem);
        }
    }

    private static void delete(final Path dir)
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException ex)
        {
            // a temporary folder: the system cleans it
        }
    }
}
