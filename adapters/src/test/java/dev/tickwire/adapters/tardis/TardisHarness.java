package dev.tickwire.adapters.tardis;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.book.BookApplier;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.Journal;
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
import dev.tickwire.wire.sbe.TradeDecoder;
import dev.tickwire.wire.sbe.Verdict;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Real components for the Tardis import tests: CSV files written in a temp dir (plain or gzip),
 * a real engine (validate → journal → book, no Aeron) running the sources TardisImport builds,
 * and the journal read back and decoded.
 */
final class TardisHarness
{
    static final String IMPORT_LOGGER = "dev.tickwire.import";

    final Path dir;
    final Path journal;
    int ringSize = 1024;
    String timeTolerance = "0ms";

    TardisHarness(final Path dir)
    {
        this.dir = dir;
        this.journal = dir.resolve("data").resolve("journal");
    }

    /** Writes lines (header first) as a file; gzip-compressed if {@code gzip}, whatever the name. */
    Path write(final String name, final boolean gzip, final String... lines)
    {
        return write(name, gzip, List.of(lines));
    }

    Path write(final String name, final boolean gzip, final List<String> lines)
    {
        final Path file = dir.resolve(name);
        final byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file))
        {
            out.write(text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return file;
    }

    /** What one import did. */
    static final class Run
    {
        TardisImport tardis;
        dev.tickwire.adapters.imports.ImportSummary summary;
        List<String> refusals;
        List<String> logs;
        long errors;
    }

    Run importFiles(final Integer priceExponent, final Integer sizeExponent, final String tickSize, final Path... files)
    {
        final TickwireConfig config = new TickwireConfig();
        config.dataDir = journal.getParent().toString();
        config.journal.dir = journal.toString();
        config.engine.ringSize = ringSize;
        config.aeron.publish = false;
        config.validation.timeTolerance = timeTolerance;
        final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        final Logger logger = (Logger)LoggerFactory.getLogger(IMPORT_LOGGER);
        logger.addAppender(appender);
        final Run run = new Run();
        try
        {
            run.tardis = new TardisImport(List.of(files), priceExponent, sizeExponent, tickSize, InstrumentCatalog.open(journal));
            try (Engine engine = Engine.launch(config, run.tardis.adapters()))
            {
                run.refusals = run.tardis.refusals();
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!engine.adaptersDone())
                {
                    if (System.nanoTime() > deadline)
                    {
                        fail("import did not finish in 20 s");
                    }
                    Thread.sleep(2);
                }
                assertThat(engine.awaitDrained(10, TimeUnit.SECONDS)).isTrue();
                run.errors = engine.counters().errors().get();
            }
        }
        catch (final InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
        finally
        {
            logger.detachAppender(appender);
        }
        run.summary = run.tardis.summary();
        run.logs = appender.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
        assertThat(run.errors).as("engine errors").isZero();
        return run;
    }

    Run importFiles(final Path... files)
    {
        return importFiles(null, null, null, files);
    }

    InstrumentCatalog catalog()
    {
        return InstrumentCatalog.open(journal);
    }

    int instrumentId(final String instrument)
    {
        return catalog().bySymbol(instrument).orElseThrow().id();
    }

    // ---------------------------------------------------------------- journal

    /** One journaled message, decoded. */
    static final class Msg
    {
        String type;
        long sequence;
        int sourceId;
        long position;
        int instrumentId;
        long eventTimeNs;
        long receiveTimeNs;
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
        boolean snapshot;
        boolean endOfBatch;
        String symbol;
        String venue;
        int priceExponent;
        int sizeExponent;
        long tickSize;

        boolean isMarket()
        {
            return type.equals("T") || type.equals("Q") || type.equals("D");
        }

        @Override
        public String toString()
        {
            final String v = accepted ? "ok" : "REJ " + reason;
            switch (type)
            {
                case "T": return "T src=" + sourceId + " pos=" + position + " i=" + instrumentId + " ts=" + eventTimeNs +
                    " recv=" + receiveTimeNs + " p=" + price + " q=" + size + " " + aggressor + " id=" + tradeId + " " + v;
                case "Q": return "Q src=" + sourceId + " pos=" + position + " i=" + instrumentId + " ts=" + eventTimeNs +
                    " recv=" + receiveTimeNs + " " + bid + "x" + bidSize + " / " + ask + "x" + askSize + " " + v;
                case "D": return "D src=" + sourceId + " pos=" + position + " i=" + instrumentId + " ts=" + eventTimeNs +
                    " recv=" + receiveTimeNs + " " + action + " " + side + " p=" + price + " q=" + size +
                    (snapshot ? " snap" : "") + (endOfBatch ? " end" : "") + " " + v;
                default: return "I " + symbol + " id=" + instrumentId + " venue=" + venue + " pe=" + priceExponent +
                    " se=" + sizeExponent + " tick=" + tickSize;
            }
        }
    }

    /** Every message in the journal, in order. */
    List<Msg> journal()
    {
        final List<Msg> out = new ArrayList<>();
        final Decoder decoder = new Decoder(out);
        final MessageDispatcher dispatcher = new MessageDispatcher();
        try (Journal j = Journal.open(new Journal.Context().dir(journal).readOnly(true));
             JournalReader reader = j.reader())
        {
            while (reader.poll((buffer, offset, length, index, watermark) ->
            {
                decoder.sequence = Envelope.sequence(buffer, offset);
                dispatcher.dispatch(buffer, offset, decoder);
            }, 1000) > 0)
            {
                // to the end
            }
        }
        return out;
    }

    /** Every message in the journal, in order, to {@code listener}. */
    void journal(final MarketDataListener listener)
    {
        final MessageDispatcher dispatcher = new MessageDispatcher();
        try (Journal j = Journal.open(new Journal.Context().dir(journal).readOnly(true));
             JournalReader reader = j.reader())
        {
            while (reader.poll(
                (buffer, offset, length, index, watermark) -> dispatcher.dispatch(buffer, offset, listener), 1000) > 0)
            {
                // to the end
            }
        }
    }

    List<Msg> market()
    {
        return journal().stream().filter(Msg::isMarket).collect(Collectors.toList());
    }

    /** The books rebuilt from the journal's accepted deltas with the engine's own applier, by instrument id. */
    Map<Integer, TreeMap<String, Long>> books()
    {
        final Map<Integer, L2Book> books = new HashMap<>();
        final BookApplier applier = new BookApplier();
        try (Journal j = Journal.open(new Journal.Context().dir(journal).readOnly(true));
             JournalReader reader = j.reader())
        {
            while (reader.poll((buffer, offset, length, index, watermark) ->
            {
                if (Envelope.templateId(buffer, offset) == MessageTypes.BOOK_DELTA && Envelope.isAccepted(buffer, offset))
                {
                    final int id = Envelope.instrumentId(buffer, offset);
                    applier.apply(books.computeIfAbsent(id, k -> new L2Book(k, 16)), buffer, offset);
                }
            }, 1000) > 0)
            {
                // to the end
            }
        }
        final Map<Integer, TreeMap<String, Long>> levels = new HashMap<>();
        books.forEach((id, book) ->
        {
            levels.put(id, levels(book));
            book.close();
        });
        return levels;
    }

    /** A book's levels as "B price" / "A price" → size. */
    static TreeMap<String, Long> levels(final L2Book book)
    {
        final TreeMap<String, Long> levels = new TreeMap<>();
        book.forEachLevel(L2Book.BID, Integer.MAX_VALUE, (side, index, price, size, orders) -> levels.put("B " + price, size));
        book.forEachLevel(L2Book.ASK, Integer.MAX_VALUE, (side, index, price, size, orders) -> levels.put("A " + price, size));
        return levels;
    }

    /** UTC day of {@link TardisImportTest#T0} (2024-06-13): the key of files that start that day. */
    static final long DAY0 = Math.floorDiv(TardisImportTest.T0 * 1_000, 86_400_000_000_000L);

    /** Position of a row of the file starting {@code day} days after T0's day, at {@code line}. */
    static long rowPosition(final int day, final long line)
    {
        return (DAY0 + day) << TardisSource.FILE_SHIFT | line << TardisSource.LINE_SHIFT;
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
            m.venue = d.venue().trim();
            m.priceExponent = d.priceExponent();
            m.sizeExponent = d.sizeExponent();
            m.tickSize = d.tickSize();
            m.accepted = d.verdict() == Verdict.ACCEPTED;
        }

        @Override
        public void onTrade(final TradeDecoder t)
        {
            final Msg m = msg("T");
            m.sourceId = t.sourceId();
            m.position = t.sourcePosition();
            m.instrumentId = t.instrumentId();
            m.eventTimeNs = t.eventTimeNs();
            m.receiveTimeNs = t.receiveTimeNs();
            m.accepted = t.verdict() == Verdict.ACCEPTED;
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
            m.receiveTimeNs = q.receiveTimeNs();
            m.accepted = q.verdict() == Verdict.ACCEPTED;
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
            m.receiveTimeNs = d.receiveTimeNs();
            m.accepted = d.verdict() == Verdict.ACCEPTED;
            m.reason = d.rejectReason();
            m.action = d.action();
            m.side = d.side();
            m.price = d.price();
            m.size = d.size();
            m.snapshot = d.flags().snapshot();
            m.endOfBatch = d.flags().endOfBatch();
        }
    }
}
