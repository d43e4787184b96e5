package dev.tickwire.engine.replay;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.Engine;
import dev.tickwire.engine.book.BookApplier;
import dev.tickwire.engine.book.L2Book;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.engine.query.MarketQueries;
import dev.tickwire.engine.replay.Replay;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.StatusCode;
import dev.tickwire.wire.sbe.TradeDecoder;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay and point-in-time books against the journal they read. The journal is written once by the
 * real engine from the synthetic feed (two instruments, depth batches, snapshots), on a roll cycle
 * of one second so it spans several journal files.
 */
class ReplayTest
{
    private static final int N = 30_000;
    private static final long START = 1_767_364_200_000_000_000L; // 2026-01-02T14:30:00Z

    @TempDir
    static Path dir;
    static Path journalDir;
    /** Every journaled excerpt, in order: its bytes. */
    static List<byte[]> excerpts;

    @BeforeAll
    static void writeJournal() throws Exception
    {
        final TickwireConfig config = new TickwireConfig();
        config.dataDir = dir.resolve("data").toString();
        config.journal.rollCycle = "TEST_SECONDLY";
        config.engine.ringSize = 4096;
        config.aeron.publish = false;
        final ObjectNode source = JsonNodeFactory.instance.objectNode();
        source.put("type", "synthetic").put("id", 1).put("rate", 12_000).put("count", N).put("seed", 11)
            .put("snapshotEvery", 40).put("startTime", "2026-01-02T14:30:00Z");
        config.sources.add(source);
        try (Engine engine = Engine.launch(config, Sources.create(config)))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!engine.adaptersDone() && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
            assertThat(engine.adaptersDone()).isTrue();
        }
        journalDir = config.journalPath();
        excerpts = new ArrayList<>();
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true).rollCycle("TEST_SECONDLY"));
             JournalReader reader = journal.reader())
        {
            while (reader.poll((buffer, offset, length, index, watermark) -> excerpts.add(bytes(buffer, offset, length)), 1000) > 0)
            {
                // all of it
            }
        }
        assertThat(java.nio.file.Files.list(journalDir).filter(p -> p.toString().endsWith(".cq4")).count())
            .as("journal files (roll cycles)").isGreaterThan(1);
    }

    @Test
    void replayAtMaxSpeedEqualsTheJournalByteForByte()
    {
        final List<byte[]> replayed = replay(Replay.builder().journal(journalDir), 0);
        final List<byte[]> market = replayed.subList(3, replayed.size() - 1); // START, 2 definitions … END
        final List<byte[]> expected = new ArrayList<>();
        for (final byte[] e : excerpts)
        {
            final DirectBuffer b = new org.agrona.concurrent.UnsafeBuffer(e);
            if (Envelope.isAccepted(b, 0) && Envelope.templateId(b, 0) != MessageTypes.INSTRUMENT)
            {
                expected.add(e);
            }
        }
        assertThat(market).hasSize(N);
        for (int i = 0; i < expected.size(); i++)
        {
            assertThat(withoutStreamSequence(market.get(i))).as("message %d", i).isEqualTo(withoutStreamSequence(expected.get(i)));
        }
        // frame: REPLAY_START, the definitions, …, REPLAY_END; stream sequences 1..n
        assertThat(status(replayed.get(0))).isEqualTo(StatusCode.REPLAY_START);
        assertThat(Envelope.templateId(buffer(replayed.get(1)), 0)).isEqualTo(MessageTypes.INSTRUMENT);
        assertThat(status(replayed.get(replayed.size() - 1))).isEqualTo(StatusCode.REPLAY_END);
        for (int i = 0; i < replayed.size(); i++)
        {
            assertThat(Envelope.streamSequence(buffer(replayed.get(i)), 0)).isEqualTo(i + 1);
        }
    }

    @Test
    void pacedReplayKeepsTheSequenceAndTheScaledTiming()
    {
        final long from = START + TimeUnit.MILLISECONDS.toNanos(500);
        final long to = from + TimeUnit.MILLISECONDS.toNanos(300);
        final List<byte[]> max = replay(Replay.builder().journal(journalDir).from(from).to(to), 0);
        final long begin = System.nanoTime();
        final List<byte[]> paced = replay(Replay.builder().journal(journalDir).from(from).to(to).speed(2.0), 0);
        final long elapsed = System.nanoTime() - begin;
        assertThat(paced).hasSize(max.size());
        for (int i = 0; i < max.size(); i++)
        {
            assertThat(paced.get(i)).isEqualTo(max.get(i));
        }
        // 300 ms of market time at 2x: at least ~150 ms of wall time (a lower bound, not a speed test)
        final long first = Envelope.eventTimeNs(buffer(max.get(3)), 0);
        final long last = Envelope.eventTimeNs(buffer(max.get(max.size() - 2)), 0);
        assertThat(elapsed).isGreaterThanOrEqualTo((last - first) / 2 - TimeUnit.MILLISECONDS.toNanos(5));
    }

    @Test
    void sameJournalAndArgumentsGiveTheSameBytes()
    {
        final long from = START + TimeUnit.MILLISECONDS.toNanos(1234);
        final List<byte[]> a = replay(Replay.builder().journal(journalDir).from(from).symbols("NQZ6"), 0);
        final List<byte[]> b = replay(Replay.builder().journal(journalDir).from(from).symbols("NQZ6"), 0);
        assertThat(a).hasSameSizeAs(b).hasSizeGreaterThan(100);
        for (int i = 0; i < a.size(); i++)
        {
            assertThat(a.get(i)).isEqualTo(b.get(i));
        }
    }

    @Test
    void replayedEventsAreInTheRangeAndTheBooksAtFromAreRight()
    {
        for (final long offsetMs : new long[] {300, 999, 1000, 1001, 1777, 2222})
        {
            final long from = START + TimeUnit.MILLISECONDS.toNanos(offsetMs);
            final long to = from + TimeUnit.MILLISECONDS.toNanos(100);
            final Map<String, L2Book> atFrom = new HashMap<>();
            final List<Long> times = new ArrayList<>();
            try (Replay replay = Replay.builder().journal(journalDir).from(from).to(to).consistentBooks(true).listener(new MarketDataListener()
            {
                boolean first = true;

                @Override
                public void onBookDelta(final BookDeltaDecoder d)
                {
                    times.add(d.eventTimeNs());
                }

                @Override
                public void onTrade(final TradeDecoder t)
                {
                    times.add(t.eventTimeNs());
                }
            }).build())
            {
                replay.run();
                assertThat(times).isNotEmpty().allSatisfy(t -> assertThat(t).isBetween(from, to));
                // the replay's books at the end equal the reference at `to`
                for (final String symbol : List.of("ESZ6", "NQZ6"))
                {
                    final L2Book expected = referenceBook(symbol, to);
                    assertThat(replay.consistentBook(symbol).sameLevelsAs(expected)).as("%s at +%d ms", symbol, offsetMs).isTrue();
                }
            }
            // and a replay that emits nothing (to < from) leaves the books exactly at `from`
            try (Replay rebuild = Replay.builder().journal(journalDir).from(from).to(from - 1).consistentBooks(true).build())
            {
                rebuild.run();
                for (final String symbol : List.of("ESZ6", "NQZ6"))
                {
                    assertThat(rebuild.consistentBook(symbol).sameLevelsAs(referenceBook(symbol, from - 1)))
                        .as("book of %s at from = +%d ms", symbol, offsetMs).isTrue();
                    assertThat(rebuild.consistentBook(symbol).depth(L2Book.BID)).isPositive();
                }
            }
        }
    }

    @Test
    void bookAtTimeEqualsEveryDeltaUpToIt() throws Exception
    {
        try (JournalQueries queries = JournalQueries.open(journalDir))
        {
            for (final long offsetUs : new long[] {1, 77_777, 999_999, 1_000_000, 1_000_001, 1_500_000, 2_400_000})
            {
                final long at = START + offsetUs * 1000;
                final MarketQueries.BookSnapshot snapshot = queries.orderBook("ESZ6", at, 5);
                final L2Book expected = referenceBook("ESZ6", at);
                final List<String> bids = new ArrayList<>();
                expected.forEachLevel(L2Book.BID, 5, (s, i, p, q, o) -> bids.add(FixedPoint.toDecimalString(p, -2) + "x" + q));
                assertThat(snapshot.bids()).extracting(l -> l.price() + "x" + l.size()).as("bids at +%d µs", offsetUs)
                    .containsExactlyElementsOf(bids);
                final List<String> asks = new ArrayList<>();
                expected.forEachLevel(L2Book.ASK, 5, (s, i, p, q, o) -> asks.add(FixedPoint.toDecimalString(p, -2) + "x" + q));
                assertThat(snapshot.asks()).extracting(l -> l.price() + "x" + l.size()).containsExactlyElementsOf(asks);
            }
        }
    }

    @Test
    void timeAndSalesEqualsTheJournalsTrades()
    {
        final long from = START + TimeUnit.MILLISECONDS.toNanos(700);
        final long to = from + TimeUnit.MILLISECONDS.toNanos(400);
        final List<String> expected = new ArrayList<>();
        for (final byte[] e : excerpts)
        {
            final DirectBuffer b = buffer(e);
            final long t = Envelope.eventTimeNs(b, 0);
            if (Envelope.templateId(b, 0) == MessageTypes.TRADE && Envelope.instrumentId(b, 0) == 1 &&
                Envelope.isAccepted(b, 0) && t >= from && t <= to)
            {
                expected.add(Envelope.sequence(b, 0) + "@" + t);
            }
        }
        try (JournalQueries queries = JournalQueries.open(journalDir))
        {
            final List<MarketQueries.TradeRow> rows = queries.timeAndSales("ESZ6", from, to, 100_000);
            assertThat(rows).extracting(r -> r.sequence() + "@" + r.eventTimeNs()).containsExactlyElementsOf(expected);
            assertThat(queries.timeAndSales("ESZ6", from, to, 7)).hasSize(7);
        }
    }

    /** A moving-average strategy driven by the in-process replay API, checked against a plain computation. */
    @Test
    void inProcessBacktestCountsCrossovers()
    {
        final MovingAverageCross strategy = new MovingAverageCross(1, 10, 40);
        try (Replay replay = Replay.builder().journal(journalDir).symbols("ESZ6").listener(strategy).build())
        {
            replay.run();
        }
        final MovingAverageCross reference = new MovingAverageCross(1, 10, 40);
        for (final byte[] e : excerpts)
        {
            final DirectBuffer b = buffer(e);
            if (Envelope.templateId(b, 0) == MessageTypes.TRADE && Envelope.isAccepted(b, 0) && Envelope.instrumentId(b, 0) == 1)
            {
                reference.onPrice(b.getLong(8 + dev.tickwire.wire.sbe.TradeDecoder.priceEncodingOffset(), java.nio.ByteOrder.LITTLE_ENDIAN));
            }
        }
        assertThat(strategy.trades).isEqualTo(reference.trades).isGreaterThan(1000);
        assertThat(strategy.signals).isEqualTo(reference.signals).isPositive();
    }

    /** Counts fast/slow moving-average crossovers of one instrument's trade prices. */
    static final class MovingAverageCross implements MarketDataListener
    {
        final int instrumentId;
        final long[] fast;
        final long[] slow;
        long fastSum;
        long slowSum;
        long trades;
        long signals;
        int lastSign;

        MovingAverageCross(final int instrumentId, final int fastN, final int slowN)
        {
            this.instrumentId = instrumentId;
            this.fast = new long[fastN];
            this.slow = new long[slowN];
        }

        @Override
        public void onTrade(final TradeDecoder t)
        {
            if (t.instrumentId() == instrumentId)
            {
                onPrice(t.price());
            }
        }

        void onPrice(final long price)
        {
            fastSum += price - fast[(int)(trades % fast.length)];
            fast[(int)(trades % fast.length)] = price;
            slowSum += price - slow[(int)(trades % slow.length)];
            slow[(int)(trades % slow.length)] = price;
            trades++;
            if (trades >= slow.length)
            {
                final int sign = Long.signum(fastSum * slow.length - slowSum * fast.length);
                if (sign != 0 && lastSign != 0 && sign != lastSign)
                {
                    signals++;
                }
                if (sign != 0)
                {
                    lastSign = sign;
                }
            }
        }
    }

    /** The book of an instrument after every accepted complete batch with event time <= at, from the raw excerpts. */
    static L2Book referenceBook(final String symbol, final long at)
    {
        final int id = symbol.equals("ESZ6") ? 1 : 2;
        final L2Book book = new L2Book(id, 16);
        final L2Book committed = new L2Book(id, 16);
        final BookApplier applier = new BookApplier();
        for (final byte[] e : excerpts)
        {
            final DirectBuffer b = buffer(e);
            if (Envelope.templateId(b, 0) != MessageTypes.BOOK_DELTA || Envelope.instrumentId(b, 0) != id ||
                !Envelope.isAccepted(b, 0) || Envelope.eventTimeNs(b, 0) > at)
            {
                continue;
            }
            final BookDeltaDecoder d = applier.apply(book, b, 0);
            if (d.flags().endOfBatch())
            {
                committed.copyFrom(book);
            }
        }
        return committed;
    }

    private static List<byte[]> replay(final Replay.Builder builder, final int unused)
    {
        final List<byte[]> out = new ArrayList<>();
        try (Replay replay = builder.sink((buffer, offset, length) -> out.add(bytes(buffer, offset, length))).build())
        {
            replay.run();
        }
        return out;
    }

    private static StatusCode status(final byte[] message)
    {
        final SourceStatusDecoder d = new SourceStatusDecoder();
        d.wrap(buffer(message), 8, SourceStatusDecoder.BLOCK_LENGTH, 0);
        return d.status();
    }

    private static byte[] withoutStreamSequence(final byte[] message)
    {
        final byte[] copy = Arrays.copyOf(message, message.length);
        Envelope.streamSequence(new org.agrona.concurrent.UnsafeBuffer(copy), 0, 0);
        return copy;
    }

    private static DirectBuffer buffer(final byte[] bytes)
    {
        return new org.agrona.concurrent.UnsafeBuffer(bytes);
    }

    private static byte[] bytes(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] b = new byte[length];
        buffer.getBytes(offset, b);
        return b;
    }
}
