package dev.tickwire.engine;

import dev.tickwire.client.MarketDataSubscriber;
import dev.tickwire.client.ReplayFrom;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.config.DriverMode;
import dev.tickwire.engine.config.TickwireConfig;
import io.aeron.Aeron;
import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's embedded Aeron Archive records its UDP stream; a strategy that joins late replays the recording
 * and merges into live (ReplayMerge) with every message once, in order; a restart starts a new recording and a
 * replay from a time before it crosses both. A second media driver plays the strategy's host (loopback).
 */
class AeronArchiveReplayMergeTest
{
    @TempDir
    Path dir;

    @Test
    void aLateJoinerReplaysTheRecordingAndMergesIntoLiveWithEveryMessageOnceInOrder() throws Exception
    {
        final int livePort = freePort();
        final int controlPort = freePort();
        final TickwireConfig config = config(dir, livePort, controlPort, 0); // until stopped
        final String subscriberDir = EngineFixture.aeronDir();
        final SequenceCheck got = new SequenceCheck();
        try (MediaDriver host = EngineFixture.launchDriver(subscriberDir);
             Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(subscriberDir)))
        {
            final Engine engine = Engine.launch(config, Sources.create(config));
            final MarketDataSubscriber subscriber;
            final AeronArchive archive = AeronArchive.connect(archiveClient(aeron, controlPort));
            final long dropped;
            try
            {
                await(() -> engine.counters().published().get() > 5_000, 20); // a second of history first
                subscriber = MarketDataSubscriber.subscribeFrom(archive,
                    "aeron:udp?endpoint=localhost:0|control=localhost:" + livePort, 77, ReplayFrom.recordingStart(), got);
                pollUntil(subscriber, () -> got.sequences.size() >= 1_000);
                final long position = subscriber.position(); // a place to come back to
                final int at = got.sequences.size();
                pollUntil(subscriber, subscriber::isLive);
                assertThat(engine.adaptersDone()).as("merged while the engine was still publishing").isFalse();
                final int mergedAt = got.sequences.size();
                pollUntil(subscriber, () -> got.sequences.size() > mergedAt + 2_000); // live, after the merge

                // another strategy from that position gets exactly what came after it, and goes live too
                final SequenceCheck again = new SequenceCheck();
                try (MarketDataSubscriber second = MarketDataSubscriber.subscribeFrom(archive,
                    "aeron:udp?endpoint=localhost:0|control=localhost:" + livePort, 77, ReplayFrom.position(position),
                    again))
                {
                    pollUntil(second, () -> second.isLive() && again.sequences.size() > got.sequences.size() - at);
                    assertThat(second.gaps()).isZero();
                }
                for (int i = 0; i < got.sequences.size() - at; i++)
                {
                    assertThat(again.sequences.getLong(i)).as("message %d after the position", i)
                        .isEqualTo(got.sequences.getLong(at + i));
                }
            }
            finally
            {
                engine.awaitDrained(10, TimeUnit.SECONDS);
                dropped = engine.counters().dropped().get(); // the counters file goes with the engine
                engine.close();
            }
            final LongArrayList expected = SequenceCheck.published(config.journalPath());
            pollUntil(subscriber, () -> got.sequences.size() >= expected.size()); // what was in flight at the close
            assertThat(subscriber.gaps()).isZero();
            subscriber.close();
            archive.close();
            assertThat(dropped).isZero();
            assertThat(SequenceCheck.orderProblem(got.sequences)).isNull();
            assertThat(got.gapMessages).isZero();
            assertThat(got.definitions).isEqualTo(2);
            assertThat(got.sequences).isEqualTo(expected);
        }
    }

    private static void pollUntil(final MarketDataSubscriber subscriber, final BooleanSupplier done)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean())
        {
            if (subscriber.poll() == 0)
            {
                java.util.concurrent.locks.LockSupport.parkNanos(50_000); // a 2-core machine: leave the engine a core
            }
            assertThat(System.nanoTime()).as("timed out (received %d)", subscriber.received()).isLessThan(deadline);
        }
    }

    @Test
    void aRestartIsANewRecordingAndAReplayFromBeforeItCrossesBothRuns() throws Exception
    {
        final int livePort = freePort();
        final int controlPort = freePort();
        final long before = System.currentTimeMillis() * 1_000_000L - 1;
        final List<Long> runPublished = new ArrayList<>();
        try (Engine first = Engine.launch(config(dir, livePort, controlPort, 5_000),
            Sources.create(config(dir, livePort, controlPort, 5_000))))
        {
            await(first::adaptersDone, 20);
            runPublished.add(first.counters().published().get());
        }
        final TickwireConfig config = config(dir, livePort, controlPort, 15_000); // goes on to 15 k records
        final String subscriberDir = EngineFixture.aeronDir();
        final SequenceCheck got = new SequenceCheck();
        try (MediaDriver host = EngineFixture.launchDriver(subscriberDir);
             Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(subscriberDir)))
        {
            final Engine second = Engine.launch(config, Sources.create(config));
            final AeronArchive archive = AeronArchive.connect(archiveClient(aeron, controlPort));
            final MarketDataSubscriber subscriber;
            try
            {
                await(() -> second.counters().published().get() > 5_000, 20);
                final List<String> listed = new ArrayList<>();
                archive.listRecordings(0, 100, (controlSessionId, correlationId, recordingId, startTimestamp,
                    stopTimestamp, startPosition, stopPosition, initialTermId, segmentFileLength, termBufferLength,
                    mtuLength, sessionId, streamId, strippedChannel, originalChannel, sourceIdentity) ->
                    listed.add(streamId + ":" + (stopPosition == AeronArchive.NULL_POSITION ? "active" : "stopped")));
                assertThat(listed).containsExactly("77:stopped", "77:active");

                subscriber = MarketDataSubscriber.subscribeFrom(archive,
                    "aeron:udp?endpoint=localhost:0|control=localhost:" + livePort, 77, ReplayFrom.time(before), got);
                pollUntil(subscriber, () -> subscriber.isLive() && second.adaptersDone());
            }
            finally
            {
                second.close();
            }
            final LongArrayList expected = SequenceCheck.published(config.journalPath());
            pollUntil(subscriber, () -> got.sequences.size() >= expected.size());
            subscriber.close();
            archive.close();
            assertThat(SequenceCheck.orderProblem(got.sequences)).isNull();
            assertThat(got.definitions).as("each instrument once, though both runs defined it").isEqualTo(2);
            assertThat(got.sequences).isEqualTo(expected);
        }
    }

    @Test
    void theBarsStreamIsRecordedTooAndKeepPurgesOldRuns() throws Exception
    {
        final int livePort = freePort();
        final int controlPort = freePort();
        for (int run = 1; run <= 3; run++)
        {
            final TickwireConfig config = config(dir, livePort, controlPort, 2_000L * run);
            config.bars.specs = List.of("1s");
            config.archive.aeron.keep = run == 3 ? 1 : 0; // the third run keeps one stopped run: the second
            try (Engine engine = Engine.launch(config, Sources.create(config)))
            {
                await(engine::adaptersDone, 20);
                if (run < 3)
                {
                    continue;
                }
                final String subscriberDir = EngineFixture.aeronDir();
                try (MediaDriver host = EngineFixture.launchDriver(subscriberDir);
                     Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(subscriberDir));
                     AeronArchive archive = AeronArchive.connect(archiveClient(aeron, controlPort)))
                {
                    final List<String> listed = new ArrayList<>();
                    archive.listRecordings(0, 100, (controlSessionId, correlationId, recordingId, startTimestamp,
                        stopTimestamp, startPosition, stopPosition, initialTermId, segmentFileLength,
                        termBufferLength, mtuLength, sessionId, streamId, strippedChannel, originalChannel,
                        sourceIdentity) -> listed.add(recordingId + ":" + streamId + ":" +
                        (stopPosition == AeronArchive.NULL_POSITION ? "active" : "stopped")));
                    // runs 1 and 2 recorded 77 and bars (1003) as ids 0..3; run 3 purged run 1's (0, 1)
                    assertThat(listed).containsExactly("2:77:stopped", "3:1003:stopped", "4:77:active",
                        "5:1003:active");
                }
            }
        }
    }

    static TickwireConfig config(final Path dataDir, final int livePort, final int controlPort, final long count)
    {
        final TickwireConfig config = EngineFixture.config(dataDir, EngineFixture.aeronDir(),
            // tagged flow control: only subscribers of group 100 pace the engine; a strategy catching up is not one
            "aeron:udp?control=localhost:" + livePort + "|control-mode=dynamic|fc=tagged,g:100", count);
        config.aeron.driver = DriverMode.EMBEDDED;
        config.archive.aeron.record = true;
        config.archive.aeron.controlChannel = "aeron:udp?endpoint=localhost:" + controlPort;
        ((com.fasterxml.jackson.databind.node.ObjectNode)config.sources.get(0)).put("rate", 5_000);
        return config;
    }

    static AeronArchive.Context archiveClient(final Aeron aeron, final int controlPort)
    {
        return new AeronArchive.Context().aeron(aeron)
            .controlRequestChannel("aeron:udp?endpoint=localhost:" + controlPort)
            .controlResponseChannel("aeron:udp?endpoint=localhost:0");
    }

    static int freePort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    static void await(final BooleanSupplier condition, final int seconds) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean())
        {
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
