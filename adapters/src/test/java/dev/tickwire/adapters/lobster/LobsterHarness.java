package dev.tickwire.adapters.lobster;

import dev.tickwire.adapters.csv.CsvImportSource;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.book.BookApplier;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.TradeDecoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a LOBSTER import through a real engine (validate → journal → book, no Aeron) into a journal in a temp dir, then
 * reads the journal back: every message of the LOBSTER sources as a line of text, and the L2 book rebuilt from the
 * accepted deltas with {@link BookApplier}, captured at every END_OF_BATCH.
 */
final class LobsterHarness
{
    /** One journaled message of a LOBSTER source. */
    record Journaled(long line, int k, long eventTimeNs, int template, boolean accepted, String text)
    {
    }

    /** The rebuilt book's levels ("B price xsize" best first, then "A ..."), after the batch of a message line. */
    record BookAt(long line, List<String> levels)
    {
    }

    static final class Read
    {
        final List<Journaled> messages = new ArrayList<>();
        final List<BookAt> books = new ArrayList<>();

        List<String> texts()
        {
            final List<String> texts = new ArrayList<>();
            messages.forEach(m -> texts.add(m.text()));
            return texts;
        }
    }

    private LobsterHarness()
    {
    }

    /** Imports the files into journalDir and returns the source (for its summary). */
    static LobsterSource runImport(final Path journalDir, final Path messageFile, final Path orderBookFile,
        final String symbol, final String date)
    {
        final LobsterImport lobster = new LobsterImport(messageFile, orderBookFile, symbol, null, date, null, journalDir);
        final TickwireConfig config = new TickwireConfig();
        config.journal.dir = journalDir.toString();
        config.dataDir = journalDir.toAbsolutePath().getParent().toString();
        config.aeron.publish = false;
        config.engine.ringSize = 1024;
        config.conclude();
        try (Engine engine = Engine.launch(config, lobster.adapters()))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!engine.adaptersDone())
            {
                assertThat(System.nanoTime()).as("import finished in time").isLessThan(deadline);
                sleep();
            }
            assertThat(engine.awaitDrained(30, TimeUnit.SECONDS)).isTrue();
            assertThat(engine.counters().errors().get()).as("engine errors").isZero();
        }
        return lobster.source();
    }

    /** Reads the journal: the messages of LOBSTER sources, and the book rebuilt from their accepted deltas. */
    static Read read(final Path journalDir)
    {
        final Read read = new Read();
        final MessageDispatcher dispatcher = new MessageDispatcher();
        final BookApplier applier = new BookApplier();
        try (L2Book book = new L2Book(0, 16);
             Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true));
             JournalReader reader = journal.reader())
        {
            final StringBuilder text = new StringBuilder();
            final MarketDataListener listener = new MarketDataListener()
            {
                @Override
                public void onTrade(final TradeDecoder t)
                {
                    text.append("T ").append(t.price()).append(" x").append(t.size()).append(' ').append(t.aggressor())
                        .append(" bid=").append(t.bidPrice()).append(" ask=").append(t.askPrice());
                }

                @Override
                public void onBookDelta(final BookDeltaDecoder d)
                {
                    text.append("D ").append(d.action()).append(' ').append(d.side()).append(' ').append(d.price())
                        .append(" x").append(d.size()).append(" n=").append(d.orderCount())
                        .append(d.flags().snapshot() ? " snap" : "").append(d.flags().correction() ? " corr" : "")
                        .append(d.flags().endOfBatch() ? " end" : "");
                }

                @Override
                public void onStatus(final SourceStatusDecoder s)
                {
                    text.append("S ").append(s.status());
                }
            };
            while (reader.poll((buffer, offset, length, index, watermarkNs) ->
            {
                final int source = Envelope.sourceId(buffer, offset);
                if (!dev.tickwire.journal.SourceKind.LOBSTER.contains(source))
                {
                    return;
                }
                final long position = Envelope.sourcePosition(buffer, offset);
                final long line = (position >>> CsvImportSource.LINE_SHIFT) &
                    ((1L << (CsvImportSource.FILE_SHIFT - CsvImportSource.LINE_SHIFT)) - 1);
                final int k = (int)(position & ((1 << CsvImportSource.LINE_SHIFT) - 1));
                text.setLength(0);
                text.append('L').append(line).append(' ');
                dispatcher.dispatch(buffer, offset, listener);
                final boolean accepted = Envelope.isAccepted(buffer, offset);
                if (!accepted)
                {
                    text.append(" REJECTED ").append(Envelope.rejectReason(buffer, offset));
                }
                final int template = Envelope.templateId(buffer, offset);
                read.messages.add(new Journaled(line, k, Envelope.eventTimeNs(buffer, offset), template, accepted,
                    text.toString()));
                if (template == MessageTypes.BOOK_DELTA && accepted)
                {
                    final BookDeltaDecoder delta = applier.apply(book, buffer, offset);
                    if (delta.flags().endOfBatch())
                    {
                        read.books.add(new BookAt(line, levels(book)));
                    }
                }
            }, 1000) > 0)
            {
                // to the end
            }
        }
        return read;
    }

    static List<String> levels(final L2Book book)
    {
        final List<String> levels = new ArrayList<>();
        book.forEachLevel(L2Book.BID, Integer.MAX_VALUE, (side, i, price, size, orders) -> levels.add("B " + price + " x" + size));
        book.forEachLevel(L2Book.ASK, Integer.MAX_VALUE, (side, i, price, size, orders) -> levels.add("A " + price + " x" + size));
        return levels;
    }

    /** An order book file's rows as level lists in the same form: padding left out, bids then asks, best first. */
    static List<List<String>> orderBookRows(final Path orderBookFile)
    {
        final List<List<String>> rows = new ArrayList<>();
        for (final String line : lines(orderBookFile))
        {
            final String[] f = line.split(",");
            final List<String> bids = new ArrayList<>();
            final List<String> asks = new ArrayList<>();
            for (int i = 0; i < f.length; i += 4)
            {
                if (!f[i].equals("9999999999"))
                {
                    asks.add("A " + f[i] + " x" + f[i + 1]);
                }
                if (!f[i + 2].equals("-9999999999"))
                {
                    bids.add("B " + f[i + 2] + " x" + f[i + 3]);
                }
            }
            bids.addAll(asks);
            rows.add(bids);
        }
        return rows;
    }

    static List<String> lines(final Path file)
    {
        try
        {
            return Files.readAllLines(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void sleep()
    {
        try
        {
            Thread.sleep(5);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
