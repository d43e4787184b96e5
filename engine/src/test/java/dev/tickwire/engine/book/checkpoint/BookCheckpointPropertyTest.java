package dev.tickwire.engine.book.checkpoint;

import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.engine.query.MarketQueries.BookSnapshot;
import dev.tickwire.journal.CheckpointLog;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.Side;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A book at T from the nearest checkpoint is the book a full rebuild from the instrument's snapshot
 * gives: random journals (two instruments, two interleaving sources, snapshots now and then, deltas
 * without any snapshot, trades between) and random T, with checkpoints every few deltas.
 */
class BookCheckpointPropertyTest
{
    private static final long S = 1_000_000_000L;

    @Property(tries = 15)
    void bookAtTimeFromACheckpointEqualsAFullRebuild(@ForAll final long seed, @ForAll @IntRange(min = 3, max = 40) final int every)
        throws IOException
    {
        final Path dir = Files.createTempDirectory("tickwire-checkpoints");
        try
        {
            final Random random = new Random(seed);
            final long end = write(dir, random);
            final List<Long> times = new ArrayList<>();
            for (int i = 0; i < 12; i++)
            {
                times.add(random.nextLong(end + 5 * S));
            }
            final List<String> rebuilt = books(dir, times);
            try (Journal journal = Journal.open(new Journal.Context().dir(dir)))
            {
                assertThat(new BookCheckpointer(journal, Long.MAX_VALUE, every, null).catchUp()).isPositive();
            }
            assertThat(Files.isDirectory(dir.resolve(CheckpointLog.DIR))).isTrue();
            final long used = times.stream().filter(t -> BookCheckpoints.load(dir, t, (i, s) -> i, id -> null) !=
                dev.tickwire.wire.Values.NONE).count();
            assertThat(used).as("queries that start from a checkpoint").isPositive();
            assertThat(books(dir, times)).as("seed %d, every %d, at %s", seed, every, times).isEqualTo(rebuilt);
        }
        finally
        {
            delete(dir);
        }
    }

    @Property(tries = 3)
    void aDamagedCheckpointIsPassedOverForTheOneBefore(@ForAll final long seed) throws IOException
    {
        final Path dir = Files.createTempDirectory("tickwire-checkpoints");
        try
        {
            final long end = write(dir, new Random(seed));
            final List<String> rebuilt = books(dir, List.of(end + S));
            final long lastGood;
            try (Journal journal = Journal.open(new Journal.Context().dir(dir)))
            {
                new BookCheckpointer(journal, Long.MAX_VALUE, 10, null).catchUp();
                lastGood = BookCheckpoints.load(dir, Long.MAX_VALUE, (i, s) -> i, id -> null);
                assertThat(lastGood).isNotEqualTo(dev.tickwire.wire.Values.NONE);
                // a later checkpoint whose bytes do not add up (a torn write, a flipped bit)
                final BookCheckpointCodec codec = new BookCheckpointCodec();
                final org.agrona.collections.Int2ObjectHashMap<dev.tickwire.engine.book.L2Book> one =
                    new org.agrona.collections.Int2ObjectHashMap<>();
                one.put(1, new dev.tickwire.engine.book.L2Book(1, 4));
                one.get(1).set(0, 499_000, 7, 1);
                final int length = codec.encode(lastGood + 1, 0, one);
                ((org.agrona.MutableDirectBuffer)codec.buffer()).putByte(length - 3, (byte)(codec.buffer().getByte(length - 3) ^ 0x40));
                try (CheckpointLog log = CheckpointLog.openForWriting(dir))
                {
                    log.append(end, codec.buffer(), 0, length);
                }
            }
            assertThat(BookCheckpoints.load(dir, Long.MAX_VALUE, (i, s) -> i, id -> null)).isEqualTo(lastGood);
            assertThat(books(dir, List.of(end + S))).isEqualTo(rebuilt);
            // derived data: deleting it loses nothing
            delete(dir.resolve(CheckpointLog.DIR));
            assertThat(books(dir, List.of(end + S))).isEqualTo(rebuilt);
        }
        finally
        {
            delete(dir);
        }
    }

    @Property(tries = 2)
    void lookupsFromManyThreadsUseTheSameCheckpoints(@ForAll final long seed) throws Exception
    {
        final Path dir = Files.createTempDirectory("tickwire-checkpoints");
        try
        {
            write(dir, new Random(seed));
            try (Journal journal = Journal.open(new Journal.Context().dir(dir)))
            {
                new BookCheckpointer(journal, Long.MAX_VALUE, 10, null).catchUp();
            }
            // as an HTTP server's threads do: one open journal, lookups from whichever thread serves a request
            try (Journal journal = Journal.open(new Journal.Context().dir(dir).readOnly(true)))
            {
                final long expected = BookCheckpoints.load(journal, Long.MAX_VALUE, (i, s) -> i, id -> null);
                assertThat(expected).isNotEqualTo(dev.tickwire.wire.Values.NONE);
                final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
                try
                {
                    final List<java.util.concurrent.Future<Long>> found = new ArrayList<>();
                    for (int i = 0; i < 16; i++)
                    {
                        found.add(pool.submit(() -> BookCheckpoints.load(journal, Long.MAX_VALUE, (x, s) -> x, id -> null)));
                    }
                    for (final java.util.concurrent.Future<Long> f : found)
                    {
                        assertThat(f.get()).isEqualTo(expected);
                    }
                }
                finally
                {
                    pool.shutdownNow();
                }
            }
        }
        finally
        {
            delete(dir);
        }
    }

    @Property(tries = 3)
    void aRestartRestoresTheBooksFromTheLastCheckpoint(@ForAll final long seed) throws IOException
    {
        final Path dir = Files.createTempDirectory("tickwire-checkpoints");
        try
        {
            write(dir, new Random(seed));
            final List<String> withoutCheckpoints;
            try (Journal journal = Journal.open(new Journal.Context().dir(dir));
                 dev.tickwire.engine.book.BookRestore restore = dev.tickwire.engine.book.BookRestore.fromJournal(journal, Long.MAX_VALUE / 4))
            {
                assertThat(restore.fromCheckpoint()).isFalse();
                withoutCheckpoints = restored(restore);
                new BookCheckpointer(journal, Long.MAX_VALUE, 7, null).catchUp();
            }
            try (Journal journal = Journal.open(new Journal.Context().dir(dir));
                 dev.tickwire.engine.book.BookRestore restore = dev.tickwire.engine.book.BookRestore.fromJournal(journal, Long.MAX_VALUE / 4))
            {
                assertThat(restore.fromCheckpoint()).isTrue();
                // a book restored without checkpoints needs a snapshot in the window; from a checkpoint every book is whole
                final List<String> fromCheckpoint = restored(restore);
                assertThat(fromCheckpoint).containsAll(withoutCheckpoints);
            }
        }
        finally
        {
            delete(dir);
        }
    }

    private static List<String> restored(final dev.tickwire.engine.book.BookRestore restore)
    {
        final List<String> out = new ArrayList<>();
        restore.books().forEach((id, book) ->
        {
            final StringBuilder levels = new StringBuilder(id + ":");
            for (final int side : new int[] {dev.tickwire.engine.book.L2Book.BID, dev.tickwire.engine.book.L2Book.ASK})
            {
                book.forEachLevel(side, 1000, (s, i, price, size, orders) -> levels.append(' ').append(s).append('/')
                    .append(price).append('x').append(size).append('/').append(orders));
            }
            out.add(levels.toString());
        });
        out.sort(null);
        return out;
    }

    /** The ES and NQ books at each time, every level, as text. */
    private static List<String> books(final Path dir, final List<Long> times)
    {
        final List<String> out = new ArrayList<>();
        try (Journal journal = Journal.open(new Journal.Context().dir(dir).readOnly(true)))
        {
            for (final long t : times)
            {
                for (final String symbol : new String[] {"ES", "NQ"})
                {
                    final BookSnapshot book = JournalQueries.orderBook(journal, JournalQueries.instrument(journal, symbol), t, 1000);
                    out.add(symbol + "@" + t + " " + book.bids() + " | " + book.asks());
                }
            }
        }
        return out;
    }

    /** Writes a random journal; returns its last event time. */
    private static long write(final Path dir, final Random random)
    {
        try (Journal journal = Journal.open(new Journal.Context().dir(dir)))
        {
            journal.instruments().register("ES", "CME", -2, 0, 25);
            journal.instruments().register("NQ", "CME", -2, 0, 25);
            final JournalWriter writer = journal.writer();
            final MessageWriter encode = new MessageWriter();
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
            final long[] sourceTime = {0, 10 * S, 10 * S}; // two sources: depth (1) and trades (2), each in order
            long position = 0;
            final int batches = 50 + random.nextInt(250);
            for (int b = 0; b < batches; b++)
            {
                final int instrument = 1 + random.nextInt(2);
                final int source = random.nextInt(4) == 0 ? 2 : 1;
                sourceTime[source] += random.nextInt(3) * S / 2;
                final long t = sourceTime[source];
                if (source == 2)
                {
                    writer.append(buffer, 0, encode.trade(buffer, 0, 2, ++position, instrument, t, 0, 500_000, 1, Side.BUY,
                        position, 499_975, 500_000));
                    continue;
                }
                final boolean snapshot = b > 5 && random.nextInt(15) == 0; // the first batches build a book without one
                final int deltas = 1 + random.nextInt(snapshot ? 6 : 3);
                for (int d = 0; d < deltas; d++)
                {
                    final boolean last = d == deltas - 1;
                    final int flags = (snapshot ? DeltaFlagBits.SNAPSHOT : 0) | (last ? DeltaFlagBits.END_OF_BATCH : 0);
                    final BookSide side = random.nextBoolean() ? BookSide.BID : BookSide.ASK;
                    final long price = side == BookSide.BID ? 499_000 + 25L * random.nextInt(20) : 500_000 + 25L * random.nextInt(20);
                    final BookAction action = snapshot && d == 0 ? BookAction.CLEAR :
                        snapshot ? BookAction.ADD : switch (random.nextInt(3))
                        {
                            case 0 -> BookAction.ADD;
                            case 1 -> BookAction.MODIFY;
                            default -> BookAction.DELETE;
                        };
                    writer.append(buffer, 0, encode.bookDelta(buffer, 0, 1, ++position, instrument, t, 0, action, side,
                        action == BookAction.CLEAR ? 0 : price, 1 + random.nextInt(50), 1 + random.nextInt(5), flags));
                }
            }
            return Math.max(sourceTime[1], sourceTime[2]);
        }
    }

    private static void delete(final Path dir) throws IOException
    {
        try (Stream<Path> all = Files.walk(dir))
        {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
