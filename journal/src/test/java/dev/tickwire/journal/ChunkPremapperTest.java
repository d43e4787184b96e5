package dev.tickwire.journal;

import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.sbe.TradeDecoder;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkPremapperTest
{
    private static final long CHUNK = 64 << 10;

    @TempDir
    Path dir;

    /** Who mapped which chunk: "writer" or "premapper". */
    private final List<String> mappings = Collections.synchronizedList(new ArrayList<>());

    @Test
    void theNextChunkIsMappedByThePremapperSoTheWriterNeverMapsOne() throws Exception
    {
        final SampleMessages m = new SampleMessages();
        final int n = 20_000;
        final ExecutorService premapThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "premapper"));
        try (Journal journal = Journal.open(new Journal.Context().dir(dir).blockSize(CHUNK));
             JournalWriter writer = journal.writer())
        {
            final ChunkPremapper premapper = writer.premapper();
            writer.append(m.buffer, 0, m.trade(0, 1, 0, 1_000, true));
            final MappedFile file = premapper.writerFile();
            assertThat(file).as("the writer reports its mapped file").isNotNull();
            file.setNewChunkListener((name, chunk, micros) -> mappings.add(Thread.currentThread().getName() + ":" + chunk));

            long premapCalls = 0;
            for (int i = 1; i < n; i++)
            {
                writer.append(m.buffer, 0, m.trade(i, 1, i, 1_000L + i, true));
                if (i % 50 == 0) // far more often than a 64 KB chunk fills (~430 trades)
                {
                    premapCalls += premapThread.submit(premapper::doWork).get();
                }
            }
            file.setNewChunkListener(null);
            final long chunks = premapper.chunksPremapped();

            // each chunk was premapped once, when the writer entered its predecessor: chunks 1, 2, 3 ... in order
            assertThat(chunks).isEqualTo(premapCalls).isGreaterThanOrEqualTo(10);
            final List<String> expected = new ArrayList<>();
            for (int c = 1; c <= chunks; c++)
            {
                expected.add("premapper:" + c);
            }
            assertThat(mappings).as("who mapped which chunk (the writer's thread: none)").isEqualTo(expected);

            premapThread.submit(premapper::onClose).get();
            assertEveryTradeReadsBack(journal, n);
        }
        finally
        {
            premapThread.shutdownNow();
        }
    }

    @Test
    void touchesTheNextChunkInSlicesUnlessTheWriterIsInTheLastQuarterOfItsOwn() throws Exception
    {
        final long chunk = 1 << 20; // 256 pages: 4 slices
        final SampleMessages m = new SampleMessages();
        try (Journal journal = Journal.open(new Journal.Context().dir(dir).blockSize(chunk));
             JournalWriter writer = journal.writer())
        {
            final ChunkPremapper premapper = writer.premapper();
            long i = 0;
            writer.append(m.buffer, 0, m.trade(i, 1, i, 1_000L + i, true));
            i++;
            assertThat(premapper.writerPosition() % chunk).isLessThan(chunk / 2);
            for (int slice = 1; slice < 4; slice++)
            {
                assertThat(premapper.doWork()).as("slice " + slice).isZero();
                assertThat(premapper.chunksPremapped()).isZero();
            }
            assertThat(premapper.doWork()).as("the fourth slice completes chunk 1").isOne();
            assertThat(premapper.chunksPremapped()).isOne();
            assertThat(premapper.doWork()).as("nothing left to do in chunk 0").isZero();

            while (premapper.writerPosition() < chunk) // into chunk 1
            {
                writer.append(m.buffer, 0, m.trade(i, 1, i, 1_000L + i, true));
                i++;
            }
            assertThat(premapper.doWork()).as("maps chunk 2, touches one slice").isZero();
            while (premapper.writerPosition() - chunk < chunk * 3 / 4) // the last quarter of chunk 1
            {
                writer.append(m.buffer, 0, m.trade(i, 1, i, 1_000L + i, true));
                i++;
            }
            assertThat(premapper.doWork()).as("urgent: the other three slices at once").isOne();
            assertThat(premapper.chunksPremapped()).isEqualTo(2);
            premapper.onClose();
            assertEveryTradeReadsBack(journal, (int)i);
        }
    }

    @Test
    void followsTheWriterIntoTheNextCycleFile() throws Exception
    {
        final SetTimeProvider clock = new SetTimeProvider(1_700_000_000_000L * 1_000_000L);
        final SampleMessages m = new SampleMessages();
        final long chunk = 64 << 10;
        try (Journal journal = Journal.open(new Journal.Context().dir(dir).rollCycle("TEST_SECONDLY").timeProvider(clock)
            .blockSize(chunk));
             JournalWriter writer = journal.writer())
        {
            final ChunkPremapper premapper = writer.premapper();
            int i = 0;
            writer.append(m.buffer, 0, m.trade(i, 1, i, 1_000L + i, true));
            i++;
            premapWholeNextChunk(premapper);
            final MappedFile first = premapper.writerFile();

            clock.advanceMillis(1_000); // the next append opens the next cycle's file
            writer.append(m.buffer, 0, m.trade(i, 1, i, 1_000L + i, true));
            i++;
            assertThat(premapper.writerFile()).as("the writer reports its new file").isNotSameAs(first);
            premapWholeNextChunk(premapper); // chunk 1 of the new file
            assertThat(premapper.chunksPremapped()).isEqualTo(2);
            for (; i < 2_000; i++) // across several chunks of the new file
            {
                writer.append(m.buffer, 0, m.trade(i, 1, i, 1_000L + i, true));
                premapper.doWork();
            }
            premapper.onClose();
            assertEveryTradeReadsBack(journal, i);
        }
    }

    @Test
    void aPremapperOnItsOwnThreadNeverChangesWhatTheWriterWrote() throws Exception
    {
        final SampleMessages m = new SampleMessages();
        final int n = 200_000; // ~450 chunks of 64 KB while the premapper touches ahead
        try (Journal journal = Journal.open(new Journal.Context().dir(dir).blockSize(CHUNK));
             JournalWriter writer = journal.writer())
        {
            try (AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null,
                writer.premapper()))
            {
                AgentRunner.startOnThread(runner);
                for (int i = 0; i < n; i++)
                {
                    writer.append(m.buffer, 0, m.trade(i, 1, i, 1_000L + i, true));
                }
            }
            assertThat(writer.premapper().chunksPremapped()).isPositive();
            assertEveryTradeReadsBack(journal, n);
        }
    }

    /** Calls the agent until it has touched the whole chunk after the writer's (a slice per call). */
    private static void premapWholeNextChunk(final ChunkPremapper premapper) throws Exception
    {
        int calls = 0;
        while (premapper.doWork() == 0)
        {
            assertThat(++calls).as("slices for one chunk").isLessThan(1_000);
        }
    }

    private static void assertEveryTradeReadsBack(final Journal journal, final int n)
    {
        final TradeDecoder trade = new TradeDecoder();
        final long[] next = {0};
        try (JournalReader reader = journal.reader())
        {
            while (reader.poll((buffer, offset, length, index, watermark) ->
            {
                trade.wrap(buffer, offset + Envelope.HEADER_LENGTH, TradeDecoder.BLOCK_LENGTH, TradeDecoder.SCHEMA_VERSION);
                final long i = next[0]++;
                assertThat(trade.sequence()).isEqualTo(i);
                assertThat(trade.price()).isEqualTo(585_325 + i);
                assertThat(trade.tradeId()).isEqualTo(i * 10);
                assertThat(trade.askPrice()).isEqualTo(585_350);
            }, 1000) > 0)
            {
                // keep reading
            }
        }
        assertThat(next[0]).isEqualTo(n);
    }
}
