package dev.tickwire.engine.counters;

import dev.tickwire.wire.sbe.RejectReason;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CountersFileTest
{
    @TempDir
    Path dir;

    @Test
    void anotherMappingReadsTheValuesTheEngineWrites()
    {
        final Path path = dir.resolve("counters.dat");
        try (CountersFile file = CountersFile.create(path, 256); CountersFile reader = CountersFile.open(path))
        {
            final EngineCounters counters = new EngineCounters(file.manager());
            counters.ticksIn().getAndAddRelease(42);
            counters.countReject(RejectReason.PRICE_OFF_TICK.value());
            counters.countReject(RejectReason.PRICE_OFF_TICK.value());
            counters.sourceLastEventTime(3, "sierra").setRelease(1_700_000_000_000_000_000L);

            final Map<String, Long> values = new HashMap<>();
            final CountersReader view = reader.reader();
            view.forEach((counterId, typeId, key, label) -> values.put(label, view.getCounterValue(counterId)));
            assertThat(values).containsEntry("ticks in", 42L)
                .containsEntry("ticks rejected", 2L)
                .containsEntry("rejected: PRICE_OFF_TICK", 2L)
                .containsEntry("rejected: CROSSED_BOOK", 0L)
                .containsEntry("source 3 (sierra) last event time ns", 1_700_000_000_000_000_000L);
            assertThat(reader.pid()).isEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void everyCounterCarriesWhatItCountsInItsKeySoAnExporterNeedNotParseLabels()
    {
        final Path path = dir.resolve("counters.dat");
        try (CountersFile file = CountersFile.create(path, 256); CountersFile reader = CountersFile.open(path))
        {
            final EngineCounters counters = new EngineCounters(file.manager());
            counters.countReject(RejectReason.CROSSED_BOOK.value());
            counters.sourceCounter(1003, "sierra ESZ6 depth", "rewrites (resyncs)").setRelease(4);
            counters.sourceLastEventTime(1003, "sierra ESZ6 depth").setRelease(99);
            counters.publicationCounters(1003, "bars").published().setRelease(7);
            counters.registerSource(1003, "sierra ESZ6 depth");
            counters.sourceState(1003).setRelease(SourceState.WAITING.code());
            counters.heartbeatTimeMs().setRelease(1_234);

            final Map<String, Long> keyed = new HashMap<>();
            final CountersReader view = reader.reader();
            view.forEach((counterId, typeId, key, label) ->
            {
                final long value = view.getCounterValue(counterId);
                switch (typeId)
                {
                    case EngineCounters.TYPE_ENGINE, EngineCounters.TYPE_ENGINE_GAUGE ->
                        keyed.put("engine " + EngineCounters.CounterKeys.engineMetric(key, 0), value);
                    case EngineCounters.TYPE_SOURCE_STATE -> keyed.put("state of " + EngineCounters.CounterKeys.id(key, 0) +
                        " " + EngineCounters.CounterKeys.metric(key, 0), value);
                    case EngineCounters.TYPE_REJECT ->
                        keyed.put("reject " + RejectReason.get((short)EngineCounters.CounterKeys.id(key, 0)), value);
                    case EngineCounters.TYPE_SOURCE, EngineCounters.TYPE_SOURCE_LAST_EVENT_TIME, EngineCounters.TYPE_PUBLICATION ->
                        keyed.put(typeId + " " + EngineCounters.CounterKeys.id(key, 0) + " " +
                            EngineCounters.CounterKeys.metric(key, 0), value);
                    default -> throw new AssertionError("type " + typeId);
                }
            });
            assertThat(keyed).containsEntry("engine ticks_rejected", 1L).containsEntry("reject CROSSED_BOOK", 1L)
                .containsEntry("reject PRICE_OFF_TICK", 0L)
                .containsEntry(EngineCounters.TYPE_SOURCE + " 1003 rewrites_resyncs", 4L)
                .containsEntry(EngineCounters.TYPE_SOURCE_LAST_EVENT_TIME + " 1003 last_event_time_ns", 99L)
                .containsEntry(EngineCounters.TYPE_PUBLICATION + " 1003 published", 7L)
                .containsEntry(EngineCounters.TYPE_PUBLICATION + " 1003 not_connected", 0L)
                .containsEntry("state of 1003 sierra ESZ6 depth", (long)SourceState.WAITING.code())
                .containsEntry(EngineCounters.TYPE_SOURCE + " 1003 messages_accepted", 0L)
                .containsEntry("engine heartbeat_time_ms", 1_234L);
        }
    }

    @Test
    void refusesADataDirOwnedByAnotherLiveProcess() throws Exception
    {
        final Path path = dir.resolve("counters.dat");
        CountersFile.create(path, 16).close();
        // pretend the file belongs to a live process that is not us: our parent (the build tool)
        final long other = ProcessHandle.current().parent().orElseThrow().pid();
        final byte[] bytes = Files.readAllBytes(path);
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(16, other);
        Files.write(path, bytes);

        assertThatThrownBy(() -> CountersFile.create(path, 16))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("pid " + other)
            .hasMessageContaining("running with this dataDir");
    }

    @Test
    void notACountersFileIsSaid() throws Exception
    {
        final Path path = dir.resolve("counters.dat");
        Files.write(path, new byte[128]);
        assertThatThrownBy(() -> CountersFile.open(path)).hasMessageContaining("not a tickwire counters file");
        assertThatThrownBy(() -> CountersFile.open(dir.resolve("missing.dat"))).hasMessageContaining("no counters file");
    }
}
