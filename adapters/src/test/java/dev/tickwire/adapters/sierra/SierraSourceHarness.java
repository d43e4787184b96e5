package dev.tickwire.adapters.sierra;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.book.BookApplier;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.counters.CountersFile;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalHandler;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.StatusCode;
import dev.tickwire.wire.sbe.TradeDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Real components for the Sierra source tests: a Sierra Chart folder and a tickwire data dir in a temp
 * dir, a real engine (validate → journal → book, no Aeron) running the real Sierra sources, the
 * journal read back, counters read from the counters file, and the two loggers captured.
 */
final class SierraSourceHarness implements AutoCloseable
{
    static final String ES = "ESM25_FUT_CME";
    static final long DEADLINE_NS = 5_000_000_000L;
    static final String SIERRA_LOGGER = "dev.tickwire.sierra";
    static final String REJECTS_LOGGER = "dev.tickwire.rejects";

    final Path root;
    /** Sierra Chart's Data folder. */
    final Path sierra;
    final Path depthDir;
    final Path dataDir;
    final AtomicReference<LocalDate> today = new AtomicReference<>(LocalDate.now(ZoneOffset.UTC));
    final ObjectNode source = JsonNodeFactory.instance.objectNode();
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    String timeTolerance = "0ms";
    int ringSize = 1024;
    Engine engine;
    List<FeedAdapter> adapters;

    SierraSourceHarness(final Path root)
    {
        this(root, root.resolve("SierraChart").resolve("Data"));
    }

    SierraSourceHarness(final Path root, final Path sierra)
    {
        this.root = root;
        this.sierra = sierra;
        this.depthDir = DepthFormat.depthDir(sierra);
        this.dataDir = root.resolve("tickwire-data");
        source.put("type", "sierra");
        source.put("folder", sierra.toString());
        source.put("pollInterval", "5ms");
        source.putArray("contracts");
        logs.start();
        logger(SIERRA_LOGGER).addAppender(logs);
        logger(REJECTS_LOGGER).addAppender(logs);
    }

    private static Logger logger(final String name)
    {
        return (Logger)LoggerFactory.getLogger(name);
    }

    /** Adds a contract to the sierra source node; the returned node can be changed until {@link #start()}. */
    ObjectNode contract(final String symbol, final String tickSize)
    {
        final ObjectNode c = ((ArrayNode)source.get("contracts")).addObject();
        c.put("symbol", symbol);
        c.put("tickSize", tickSize);
        return c;
    }

    TickwireConfig config()
    {
        final TickwireConfig config = new TickwireConfig();
        config.dataDir = dataDir.toString();
        config.engine.ringSize = ringSize;
        config.aeron.publish = false;
        config.validation.timeTolerance = timeTolerance;
        config.sources.add(source.deepCopy());
        return config;
    }

    /** Starts an engine with the sources built by SierraAdapters, "today" from {@link #today}. */
    Engine start()
    {
        assertThat(engine).as("engine already running").isNull();
        final TickwireConfig config = config();
        final SierraConfig sierraConfig;
        try
        {
            sierraConfig = ConfigLoader.mapper().treeToValue(config.sources.get(0), SierraConfig.class);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException(ex);
        }
        adapters = SierraAdapters.create("sources[0]", sierraConfig.conclude("sources[0]"), InstrumentCatalog.open(config.journalPath()), today::get);
        engine = Engine.launch(config, adapters);
        return engine;
    }

    /** Starts an engine the way `tickwire run` does: Sources, the real UTC clock for "today". */
    Engine startViaFactory()
    {
        assertThat(engine).as("engine already running").isNull();
        final TickwireConfig config = config();
        adapters = Sources.create(config);
        engine = Engine.launch(config, adapters);
        return engine;
    }

    void stop()
    {
        if (engine != null)
        {
            final long errors = engine.counters().errors().get();
            engine.close();
            engine = null;
            assertThat(errors).as("engine errors (exceptions in adapters or stages)").isZero();
        }
    }

    @Override
    public void close()
    {
        try
        {
            stop();
        }
        finally
        {
            logger(SIERRA_LOGGER).detachAppender(logs);
            logger(REJECTS_LOGGER).detachAppender(logs);
            logs.stop();
        }
    }

    // ---------------------------------------------------------------- files

    Path scid(final String symbol)
    {
        return sierra.resolve(symbol + ".scid");
    }

    Path depth(final String symbol, final LocalDate day)
    {
        return depthDir.resolve(DepthFormat.fileName(symbol, day));
    }

    Path depthToday(final String symbol)
    {
        return depth(symbol, today.get());
    }

    static long nanos(final Instant t)
    {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    static long dayStartNanos(final LocalDate day)
    {
        return nanos(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** Epoch ns of a Sierra DateTime, i.e. what the adapter stamps as event time. */
    static long eventNs(final long epochNanos)
    {
        return ScidFormat.toEpochNanos(ScidFormat.toScDateTime(epochNanos));
    }

    static byte[] scidRecord(
        final long epochNanos, final float open, final float high, final float low, final float close,
        final long numTrades, final long totalVolume, final long bidVolume, final long askVolume)
    {
        final byte[] bytes = new byte[ScidFormat.RECORD_SIZE];
        ScidFormat.writeRecord(new UnsafeBuffer(bytes), 0, ScidFormat.toScDateTime(epochNanos), open, high, low, close,
            numTrades, totalVolume, bidVolume, askVolume);
        return bytes;
    }

    /** A single trade record: Close = price, High = ask, Low = bid, volume as AskVolume (buy). */
    static byte[] scidTrade(final long epochNanos, final float price, final float bid, final float ask, final long volume)
    {
        return scidRecord(epochNanos, ScidFormat.SINGLE_TRADE, ask, bid, price, 1, volume, 0, volume);
    }

    static byte[] depthRecord(
        final long epochNanos, final int command, final int flags, final int numOrders, final float price, final long quantity)
    {
        final byte[] bytes = new byte[DepthFormat.RECORD_SIZE];
        DepthFormat.writeRecord(new UnsafeBuffer(bytes), 0, ScidFormat.toScDateTime(epochNanos), command, flags,
            numOrders, price, quantity);
        return bytes;
    }

    static byte[] header(final int size, final int magic, final int headerSize, final int recordSize)
    {
        final ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, magic).putInt(4, headerSize).putInt(8, recordSize).putInt(12, 1);
        return b.array();
    }

    static byte[] concat(final byte[]... parts)
    {
        int length = 0;
        for (final byte[] p : parts)
        {
            length += p.length;
        }
        final byte[] all = new byte[length];
        int at = 0;
        for (final byte[] p : parts)
        {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    static void write(final Path file, final byte[]... parts)
    {
        try
        {
            Files.createDirectories(file.getParent());
            Files.write(file, concat(parts));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static void append(final Path file, final byte[]... parts)
    {
        try
        {
            Files.write(file, concat(parts), java.nio.file.StandardOpenOption.APPEND);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    // ---------------------------------------------------------------- ids

    int instrumentId(final String symbol)
    {
        final InstrumentCatalog catalog = engine != null ? engine.instruments() :
            InstrumentCatalog.open(dataDir.resolve("journal"));
        return catalog.bySymbol(symbol).orElseThrow().id();
    }

    int scidSource(final String symbol)
    {
        return SierraAdapters.scidSourceId(catalog(), symbol);
    }

    int depthSource(final String symbol)
    {
        return SierraAdapters.depthSourceId(catalog(), symbol);
    }

    private InstrumentCatalog catalog()
    {
        return engine != null ? engine.instruments() : InstrumentCatalog.open(dataDir.resolve("journal"));
    }

    static long position(final long epoch, final long count)
    {
        return SierraPositions.position(epoch, count);
    }

    static long depthPosition(final LocalDate day, final long count)
    {
        return SierraPositions.position(SierraPositions.depthEpoch(day.toEpochDay(), 0), count);
    }

    // ---------------------------------------------------------------- waiting

    static void await(final String what, final BooleanSupplier condition)
    {
        await(() -> what, condition);
    }

    /** Waits for the condition; the description is built only on timeout (so it can show the state then). */
    static void await(final Supplier<String> what, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + DEADLINE_NS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out after " + DEADLINE_NS / 1_000_000 + " ms waiting for: " + what.get());
            }
            sleep(3);
        }
    }

    /** Lets the engine run for {@code millis} (for checks that something does NOT happen). */
    static void observe(final long millis)
    {
        sleep(millis);
    }

    /** For negative checks only: the value must not change for {@code millis}. */
    static <T> void assertStays(final String what, final Supplier<T> value, final long millis)
    {
        final T first = value.get();
        final long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end)
        {
            sleep(5);
            assertThat(value.get()).as(what).isEqualTo(first);
        }
    }

    static void sleep(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Waits until the journal holds messages matching {@code filter} at least {@code count} times, and returns them. */
    List<Msg> awaitMessages(final String what, final Predicate<Msg> filter, final int count)
    {
        final AtomicReference<List<Msg>> found = new AtomicReference<>();
        await(() -> count + " x " + what + "; journal now: " + journal(), () ->
        {
            found.set(journal().stream().filter(filter).collect(Collectors.toList()));
            return found.get().size() >= count;
        });
        return found.get();
    }

    /** Waits until every message put into the ring has been journaled (the adapters may still add more later). */
    void awaitDrained()
    {
        await("ring drained", () -> engine.counters().ticksIn().get() == engine.counters().journalAppends().get() &&
            engine.awaitDrained(1, java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    // ---------------------------------------------------------------- journal

    /** The whole journal, decoded. */
    List<Msg> journal()
    {
        final List<Msg> out = new ArrayList<>();
        final Decoder decoder = new Decoder(out);
        final MessageDispatcher dispatcher = new MessageDispatcher();
        final JournalHandler handler = (buffer, offset, length, index, watermark) ->
        {
            decoder.sequence = Envelope.sequence(buffer, offset);
            dispatcher.dispatch(buffer, offset, decoder);
        };
        scan(handler);
        return out;
    }

    List<Msg> market(final int sourceId)
    {
        return journal().stream().filter(m -> m.sourceId == sourceId && !m.type.equals("I") && !m.type.equals("S"))
            .collect(Collectors.toList());
    }

    private void scan(final JournalHandler handler)
    {
        if (engine != null)
        {
            try (JournalReader reader = engine.journal().reader())
            {
                while (reader.poll(handler, 1000) > 0)
                {
                    // to the end
                }
            }
            return;
        }
        try (Journal journal = Journal.open(new Journal.Context().dir(dataDir.resolve("journal")).readOnly(true));
             JournalReader reader = journal.reader())
        {
            while (reader.poll(handler, 1000) > 0)
            {
                // to the end
            }
        }
    }

    /** The book of an instrument rebuilt from the journal's accepted deltas, with the engine's own applier. */
    Map<String, String> bookFromJournal(final int instrumentId)
    {
        final L2Book book = new L2Book(instrumentId, 64);
        final BookApplier applier = new BookApplier();
        scan((buffer, offset, length, index, watermark) ->
        {
            if (Envelope.templateId(buffer, offset) == MessageTypes.BOOK_DELTA &&
                Envelope.instrumentId(buffer, offset) == instrumentId && Envelope.isAccepted(buffer, offset))
            {
                applier.apply(book, buffer, offset);
            }
        });
        assertThat(book.isCrossed()).as("book rebuilt from the journal is crossed").isFalse();
        final Map<String, String> levels = levels(book);
        book.close();
        return levels;
    }

    /** "B 500000" → "10x3" (size x orders), bids and asks. */
    static Map<String, String> levels(final L2Book book)
    {
        final Map<String, String> levels = new TreeMap<>();
        book.forEachLevel(L2Book.BID, Integer.MAX_VALUE,
            (side, i, price, size, orders) -> levels.put("B " + price, size + "x" + orders));
        book.forEachLevel(L2Book.ASK, Integer.MAX_VALUE,
            (side, i, price, size, orders) -> levels.put("A " + price, size + "x" + orders));
        return levels;
    }

    // ---------------------------------------------------------------- counters and logs

    /** The value of the one counter whose label contains {@code labelPart} (fails if none or several). */
    long counter(final String labelPart)
    {
        try (CountersFile file = CountersFile.open(dataDir.resolve("counters.dat")))
        {
            final CountersReader reader = file.reader();
            final List<Long> values = new ArrayList<>();
            final List<String> labels = new ArrayList<>();
            reader.forEach((id, type, key, label) ->
            {
                if (label.contains(labelPart))
                {
                    values.add(reader.getCounterValue(id));
                    labels.add(label);
                }
            });
            assertThat(values).as("counters labelled '%s': %s", labelPart, labels).hasSize(1);
            return values.get(0);
        }
    }

    /** Logged messages of the two loggers, as "logger: message". */
    List<String> logLines()
    {
        synchronized (logs)
        {
            return logs.list.stream().map(e -> e.getLoggerName() + ": " + e.getFormattedMessage())
                .collect(Collectors.toList());
        }
    }

    List<String> logLines(final String... parts)
    {
        return logLines().stream().filter(line ->
        {
            for (final String p : parts)
            {
                if (!line.contains(p))
                {
                    return false;
                }
            }
            return true;
        }).collect(Collectors.toList());
    }

    /** Waits for a log line containing all {@code parts} and returns the matching lines. */
    List<String> awaitLog(final String... parts)
    {
        await(() -> "a log line containing " + List.of(parts) + "; logged: " + logLines(), () -> !logLines(parts).isEmpty());
        return logLines(parts);
    }

    // ---------------------------------------------------------------- decoded messages

    /** One journaled message, every field a test may look at. */
    static final class Msg
    {
        String type;
        long sequence;
        int sourceId;
        long position;
        int instrumentId;
        long eventTimeNs;
        boolean accepted;
        RejectReason reason;
        long price;
        long size;
        Side aggressor;
        long tradeId;
        long bid;
        long ask;
        long bidSize;
        long askSize;
        BookAction action;
        BookSide side;
        int orders;
        boolean snapshot;
        boolean endOfBatch;
        StatusCode status;
        long statusValue;
        String symbol;
        int priceExponent;
        int sizeExponent;
        long tickSize;

        boolean isTrade()
        {
            return type.equals("T");
        }

        boolean isQuote()
        {
            return type.equals("Q");
        }

        boolean isDelta()
        {
            return type.equals("D");
        }

        boolean isStatus()
        {
            return type.equals("S");
        }

        @Override
        public String toString()
        {
            final String v = accepted ? "ok" : "REJ " + reason;
            switch (type)
            {
                case "T": return "T src=" + sourceId + " pos=" + position + " ts=" + eventTimeNs + " p=" + price + " q=" + size +
                    " " + aggressor + " id=" + tradeId + " bid=" + bid + " ask=" + ask + " " + v;
                case "Q": return "Q src=" + sourceId + " pos=" + position + " ts=" + eventTimeNs + " " + bid + "x" + bidSize +
                    " / " + ask + "x" + askSize + " " + v;
                case "D": return "D src=" + sourceId + " pos=" + position + " ts=" + eventTimeNs + " " + action + " " + side +
                    " p=" + price + " q=" + size + " n=" + orders + (snapshot ? " snap" : "") + (endOfBatch ? " end" : "") + " " + v;
                case "S": return "S src=" + sourceId + " pos=" + position + " " + status + " " + statusValue;
                default: return "I " + symbol + " id=" + instrumentId;
            }
        }
    }

    private static final class Decoder implements MarketDataListener
    {
        final List<Msg> out;
        long sequence;

        Decoder(final List<Msg> out)
        {
            this.out = out;
        }

        private Msg msg(final String type)
        {
            final Msg m = new Msg();
            m.type = type;
            m.sequence = sequence;
            out.add(m);
            return m;
        }

        @Override
        public void onInstrument(final InstrumentDefinitionDecoder d)
        {
            final Msg m = msg("I");
            m.sourceId = d.sourceId();
            m.instrumentId = d.instrumentId();
            m.symbol = d.symbol().trim();
            m.priceExponent = d.priceExponent();
            m.sizeExponent = d.sizeExponent();
            m.tickSize = d.tickSize();
            m.accepted = d.verdict() == dev.tickwire.wire.sbe.Verdict.ACCEPTED;
        }

        @Override
        public void onTrade(final TradeDecoder t)
        {
            final Msg m = msg("T");
            m.sourceId = t.sourceId();
            m.position = t.sourcePosition();
            m.instrumentId = t.instrumentId();
            m.eventTimeNs = t.eventTimeNs();
            m.accepted = t.verdict() == dev.tickwire.wire.sbe.Verdict.ACCEPTED;
            m.reason = t.rejectReason();
            m.price = t.price();
            m.size = t.size();
            m.aggressor = t.aggressor();
            m.tradeId = t.tradeId();
            m.bid = t.bidPrice();
            m.ask = t.askPrice();
        }

        @Override
        public void onQuote(final QuoteDecoder q)
        {
            final Msg m = msg("Q");
            m.sourceId = q.sourceId();
            m.position = q.sourcePosition();
            m.instrumentId = q.instrumentId();
            m.eventTimeNs = q.eventTimeNs();
            m.accepted = q.verdict() == dev.tickwire.wire.sbe.Verdict.ACCEPTED;
            m.reason = q.rejectReason();
            m.bid = q.bidPrice();
            m.bidSize = q.bidSize();
            m.ask = q.askPrice();
            m.askSize = q.askSize();
        }

        @Override
        public void onBookDelta(final BookDeltaDecoder d)
        {
            final Msg m = msg("D");
            m.sourceId = d.sourceId();
            m.position = d.sourcePosition();
            m.instrumentId = d.instrumentId();
            m.eventTimeNs = d.eventTimeNs();
            m.accepted = d.verdict() == dev.tickwire.wire.sbe.Verdict.ACCEPTED;
            m.reason = d.rejectReason();
            m.action = d.action();
            m.side = d.side();
            m.price = d.price();
            m.size = d.size();
            m.orders = d.orderCount();
            m.snapshot = d.flags().snapshot();
            m.endOfBatch = d.flags().endOfBatch();
        }

        @Override
        public void onStatus(final SourceStatusDecoder s)
        {
            final Msg m = msg("S");
            m.sourceId = s.sourceId();
            m.position = s.sourcePosition();
            m.instrumentId = s.instrumentId();
            m.eventTimeNs = s.eventTimeNs();
            m.accepted = true;
            m.status = s.status();
            m.statusValue = s.value();
        }
    }

    /** An independent L2 model: what the book must hold after the given Sierra depth records. */
    static final class BookModel
    {
        private final TreeMap<Long, String> bids = new TreeMap<>();
        private final TreeMap<Long, String> asks = new TreeMap<>();

        /** Applies one Sierra depth command with the price already as a mantissa. */
        void apply(final int command, final long price, final long quantity, final int orders)
        {
            switch (command)
            {
                case DepthFormat.CLEAR_BOOK:
                    bids.clear();
                    asks.clear();
                    break;
                case DepthFormat.ADD_BID_LEVEL:
                case DepthFormat.MODIFY_BID_LEVEL:
                    set(bids, price, quantity, orders);
                    break;
                case DepthFormat.ADD_ASK_LEVEL:
                case DepthFormat.MODIFY_ASK_LEVEL:
                    set(asks, price, quantity, orders);
                    break;
                case DepthFormat.DELETE_BID_LEVEL:
                    bids.remove(price);
                    break;
                case DepthFormat.DELETE_ASK_LEVEL:
                    asks.remove(price);
                    break;
                default:
                    break;
            }
        }

        private static void set(final TreeMap<Long, String> side, final long price, final long quantity, final int orders)
        {
            if (quantity > 0)
            {
                side.put(price, quantity + "x" + orders);
            }
            else
            {
                side.remove(price);
            }
        }

        BookModel copy()
        {
            final BookModel copy = new BookModel();
            copy.set(this);
            return copy;
        }

        void set(final BookModel other)
        {
            bids.clear();
            bids.putAll(other.bids);
            asks.clear();
            asks.putAll(other.asks);
        }

        boolean crossed()
        {
            return !bids.isEmpty() && !asks.isEmpty() && bids.lastKey() > asks.firstKey();
        }

        Map<String, String> levels()
        {
            final Map<String, String> levels = new TreeMap<>();
            bids.forEach((p, v) -> levels.put("B " + p, v));
            asks.forEach((p, v) -> levels.put("A " + p, v));
            return levels;
        }
    }

    /** A comparable projection of a journaled delta (CLEAR has no side or price worth comparing). */
    static String deltaKey(final Msg m)
    {
        final StringBuilder sb = new StringBuilder("pos=").append(m.position).append(" ts=").append(m.eventTimeNs)
            .append(' ').append(m.action);
        if (m.action != BookAction.CLEAR && m.action != BookAction.NULL_VAL)
        {
            sb.append(' ').append(m.side).append(" p=").append(m.price).append(" q=").append(m.size).append(" n=").append(m.orders);
        }
        if (m.snapshot)
        {
            sb.append(" snap");
        }
        if (m.endOfBatch)
        {
            sb.append(" end");
        }
        return sb.append(m.accepted ? " ok" : " REJ " + m.reason).toString();
    }

    /**
     * Writes Sierra depth records (prices as mantissas at exponent -2, i.e. tick 0.25) and computes,
     * independently of the adapter, the deltas the journal must hold and the book they must leave:
     * a batch ends at END_OF_BATCH; NO_COMMAND is skipped; a batch starting with CLEAR_BOOK is a
     * snapshot; an undefined command is rejected MALFORMED; a batch leaving the book crossed is
     * rejected whole (CROSSED_BOOK) and leaves the book as it was.
     */
    static final class DepthScript implements AutoCloseable
    {
        final DepthFileWriter writer;
        final long epoch;
        final BookModel model;
        final List<String> expected = new ArrayList<>();
        private final List<long[]> batch = new ArrayList<>();
        private long index;

        DepthScript(final Path file, final LocalDate day, final BookModel model) throws IOException
        {
            this.writer = new DepthFileWriter(file);
            this.epoch = SierraPositions.depthEpoch(day.toEpochDay(), 0);
            this.model = model;
        }

        DepthScript rec(final long epochNanos, final int command, final int flags, final int orders, final long price,
            final long quantity)
        {
            if (command <= DepthFormat.MAX_COMMAND)
            {
                writer.record(epochNanos, command, flags, orders, price / 100.0f, quantity);
            }
            else
            {
                writer.rawRecord(depthRecord(epochNanos, command, flags, orders, price / 100.0f, quantity));
            }
            batch.add(new long[] {epochNanos, command, flags, orders, price, quantity, index++});
            if ((flags & DepthFormat.FLAG_END_OF_BATCH) != 0)
            {
                endBatch();
            }
            return this;
        }

        DepthScript flush() throws IOException
        {
            writer.flush();
            return this;
        }

        private void endBatch()
        {
            final boolean snapshot = batch.get(0)[1] == DepthFormat.CLEAR_BOOK;
            int lastPublished = -1;
            for (int i = 0; i < batch.size(); i++)
            {
                if (batch.get(i)[1] != DepthFormat.NO_COMMAND)
                {
                    lastPublished = i;
                }
            }
            final BookModel trial = model.copy();
            for (final long[] r : batch)
            {
                if (r[1] >= DepthFormat.CLEAR_BOOK && r[1] <= DepthFormat.MAX_COMMAND)
                {
                    trial.apply((int)r[1], r[4], r[5], (int)r[3]);
                }
            }
            final boolean crossed = trial.crossed();
            if (!crossed)
            {
                model.set(trial);
            }
            for (int i = 0; i < batch.size(); i++)
            {
                final long[] r = batch.get(i);
                final int command = (int)r[1];
                if (command == DepthFormat.NO_COMMAND)
                {
                    continue;
                }
                final Msg m = new Msg();
                m.position = SierraPositions.position(epoch, r[6] + 1);
                m.eventTimeNs = eventNs(r[0]);
                m.action = DepthFormat.action(command);
                m.side = DepthFormat.side(command);
                m.price = r[4];
                m.size = r[5];
                m.orders = (int)r[3];
                m.snapshot = snapshot;
                m.endOfBatch = i == lastPublished;
                m.accepted = command <= DepthFormat.MAX_COMMAND && !crossed;
                m.reason = command > DepthFormat.MAX_COMMAND ? RejectReason.MALFORMED : crossed ? RejectReason.CROSSED_BOOK : null;
                expected.add(deltaKey(m));
            }
            batch.clear();
        }


        @Override
        public void close() throws IOException
        {
            writer.close();
        }
    }
}
