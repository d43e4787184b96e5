package dev.tickwire.engine;

import dev.tickwire.client.MarketDataSubscriber;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.book.BookApplier;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.config.ConfigEnums;
import dev.tickwire.engine.config.EngineThreading;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.Instrument;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.MessageTypes;
import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * N synthetic ticks go through the whole engine, with real components: a media driver, the
 * Chronicle journal, the books, an Aeron subscriber in another thread of this JVM.
 */
class EngineEndToEndTest
{
    private static final int N = 20_000;

    @TempDir
    Path dir;

    /** IPC with the default single engine thread; UDP (loopback) with a thread per stage. */
    @ParameterizedTest
    @CsvSource({"aeron:ipc, single", "aeron:udp?endpoint=localhost:40456, per-stage"})
    void everyTickReachesTheSubscriberAndTheJournalInOrderWithIdenticalValues(
        final String channel, final String threading) throws Exception
    {
        final String aeronDir = EngineFixture.aeronDir();
        final Recorded live = new Recorded();
        final TickwireConfig config = EngineFixture.config(dir, aeronDir, channel, N);
        config.engine.threading = ConfigEnums.parse("engine.threading", threading, EngineThreading.class);
        try (MediaDriver driver = EngineFixture.launchDriver(aeronDir);
             Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
             MarketDataSubscriber subscriber = MarketDataSubscriber.subscribe(aeron, channel, 77, live))
        {
            try (Engine engine = Engine.create(new Engine.Context().config(config).adapters(Sources.create(config))))
            {
                // the adapter is unpaced: over UDP its first ticks would go out before the image is connected
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!subscriber.isConnected() && System.nanoTime() < deadline)
                {
                    subscriber.poll();
                }
                engine.startAdapters();
                while (live.events.size() < N && System.nanoTime() < deadline)
                {
                    if (subscriber.poll() == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
                assertThat(engine.adaptersDone()).isTrue();
                assertThat(engine.awaitDrained(10, TimeUnit.SECONDS)).isTrue();

                assertThat(engine.counters().ticksIn().get()).isEqualTo(N + 2); // + 2 instrument definitions
                assertThat(engine.counters().accepted().get()).isEqualTo(N + 2);
                assertThat(engine.counters().journalAppends().get()).isEqualTo(N + 2);
                // over UDP the two definitions may go out before the subscriber's image is connected:
                // Aeron then reports NOT_CONNECTED (nobody to deliver to), which is not a drop
                final long notConnected = engine.counters().notConnected().get();
                assertThat(notConnected).isBetween(0L, 2L);
                assertThat(engine.counters().published().get()).isEqualTo(N + 2 - notConnected);
                assertThat(engine.counters().dropped().get()).isZero();
                assertThat(subscriber.gaps()).isZero();
                // and the publish stage offers the definitions again once the subscriber is connected
                assertThat(live.definitions).isEqualTo(2);

                // the live book equals a book rebuilt from the journal's deltas
                final Map<Integer, L2Book> rebuilt = rebuildBooks(config.journalPath());
                for (final Instrument instrument : engine.instruments().all())
                {
                    final L2Book liveBook = engine.books().book(instrument.id());
                    assertThat(liveBook.depth(L2Book.BID)).isEqualTo(10);
                    assertThat(liveBook.sameLevelsAs(rebuilt.get(instrument.id()))).isTrue();
                }
            }
        }

        assertThat(live.events).hasSize(N);
        final Recorded journaled = readJournal(config.journalPath());
        assertThat(journaled.events).hasSize(N);
        assertThat(live.events).containsExactlyElementsOf(journaled.events);
        // in source order, each record once
        for (int i = 0; i < N; i++)
        {
            assertThat(live.events.get(i)).contains(" pos=" + (i + 1) + " ");
        }
    }

    private static Recorded readJournal(final Path journalDir)
    {
        final Recorded recorded = new Recorded();
        final MessageDispatcher dispatcher = new MessageDispatcher();
        JournalScan.forEach(journalDir, (buffer, offset, length, index, watermark) -> dispatcher.dispatch(buffer, offset, recorded));
        return recorded;
    }

    private static Map<Integer, L2Book> rebuildBooks(final Path journalDir)
    {
        final Map<Integer, L2Book> books = new HashMap<>();
        final BookApplier applier = new BookApplier();
        JournalScan.forEach(journalDir, (buffer, offset, length, index, watermark) ->
        {
            if (Envelope.templateId(buffer, offset) == MessageTypes.BOOK_DELTA && Envelope.isAccepted(buffer, offset))
            {
                final int id = Envelope.instrumentId(buffer, offset);
                applier.apply(books.computeIfAbsent(id, k -> new L2Book(k, 16)), buffer, offset);
            }
        });
        return books;
    }
}
