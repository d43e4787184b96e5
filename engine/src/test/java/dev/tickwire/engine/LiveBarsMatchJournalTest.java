package dev.tickwire.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.client.MarketDataSubscriber;
import dev.tickwire.engine.adapter.Sources;
import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.bars.JournalBars;
import dev.tickwire.engine.bars.features.FeatureBar;
import dev.tickwire.engine.bars.features.FeatureCodec;
import dev.tickwire.engine.bars.features.FeatureColumn;
import dev.tickwire.engine.config.ConfigEnums;
import dev.tickwire.engine.config.DriverMode;
import dev.tickwire.engine.config.EngineThreading;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.Instrument;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.BarDecoder;
import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bars built live by the engine's bar stage, received by a real Aeron subscriber on the bars stream,
 * equal the bars computed afterwards from the same journal (the {@code tickwire bars} path), field for
 * field, for every kind of bar, empty bars included, with every feature column bit for bit (live: the book
 * stage's books, or the bar stage's own with a thread per stage; history: a replay's). The synthetic feed's
 * event times are 1 µs apart, so microsecond bars span many events (and some intervals have no trade).
 */
class LiveBarsMatchJournalTest
{
    private static final int N = 20_000;
    private static final int BARS_STREAM = 1003;
    private static final List<String> SPECS = List.of("1ms", "7us", "ticks:50", "volume:200", "value:500000",
        "tib:ewma=20,t0=30");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"single", "per-stage"})
    void liveBarsEqualTheJournalsBars(final String threading) throws Exception
    {
        final String aeronDir = CommonContext.generateRandomDirName();
        final TickwireConfig config = new TickwireConfig();
        config.dataDir = dir.toString();
        config.engine.ringSize = 1024;
        config.engine.threading = ConfigEnums.parse("engine.threading", threading, EngineThreading.class);
        config.aeron.driver = DriverMode.EXTERNAL;
        config.aeron.dir = aeronDir;
        config.aeron.stream = 77;
        config.bars.specs = SPECS;
        config.bars.origin = "13:30";
        config.bars.emitEmpty = true;
        final ObjectNode source = JsonNodeFactory.instance.objectNode();
        source.put("type", "synthetic").put("id", 1).put("rate", 0).put("count", N).put("seed", 7)
            .put("snapshotEvery", 50).put("startTime", "2026-01-02T14:30:00.000123Z");
        config.sources.add(source);

        final List<Live> live = new ArrayList<>();
        final List<Instrument> instruments;
        try (MediaDriver driver = MediaDriver.launch(new MediaDriver.Context().aeronDirectoryName(aeronDir)
                .threadingMode(ThreadingMode.SHARED).sharedIdleStrategy(new BackoffIdleStrategy())
                .dirDeleteOnStart(true).dirDeleteOnShutdown(true));
             Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
             MarketDataSubscriber subscriber = MarketDataSubscriber.subscribe(aeron, "aeron:ipc", BARS_STREAM,
                 new MarketDataListener()
                 {
                     @Override
                     public void onBar(final BarDecoder bar)
                     {
                         live.add(new Live(bar.streamSequence(), Values.of(bar)));
                     }
                 }))
        {
            try (Engine engine = Engine.launch(config, Sources.create(config)))
            {
                assertThat(engine.barStage()).isNotNull();
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!(engine.adaptersDone() && engine.awaitDrained(1, TimeUnit.MILLISECONDS) &&
                    live.size() >= engine.barPublication().published()) && System.nanoTime() < deadline)
                {
                    if (subscriber.poll() == 0)
                    {
                        Thread.yield();
                    }
                }
                assertThat(engine.adaptersDone()).isTrue();
                assertThat(engine.counters().accepted().get()).isEqualTo(N + 2);
                assertThat(engine.barPublication().notConnected()).isZero();
                assertThat(engine.barPublication().dropped()).isZero();
                assertThat(live).hasSize((int)engine.barPublication().published());
                assertThat(subscriber.gaps()).isZero();
                instruments = engine.instruments().all();
            }
        }
        // the bars stream numbers its own messages, 1, 2, …
        for (int i = 0; i < live.size(); i++)
        {
            assertThat(live.get(i).streamSequence).isEqualTo(i + 1);
        }

        // the journal's bars, through the wire encoding too, so every field of the message is compared
        final MessageWriter writer = new MessageWriter();
        final MessageDispatcher dispatcher = new MessageDispatcher();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MessageTypes.BAR_LENGTH]);
        final long origin = BarSpec.parseOrigin("13:30");
        int compared = 0;
        for (final Instrument instrument : instruments)
        {
            for (final String text : SPECS)
            {
                final BarSpec spec = BarSpec.parse(text, origin);
                final List<Values> fromJournal = new ArrayList<>();
                final MarketDataListener collect = new MarketDataListener()
                {
                    @Override
                    public void onBar(final BarDecoder bar)
                    {
                        fromJournal.add(Values.of(bar));
                    }
                };
                JournalBars.run(config.journalPath(), instrument.symbol(), spec, true, Long.MIN_VALUE, Long.MAX_VALUE,
                    config.barFeatureDepth(), 0, bar ->
                {
                    bar.encode(writer, buffer, 0);
                    dispatcher.dispatch(buffer, 0, collect);
                });
                assertThat(fromJournal).as("%s %s", instrument.symbol(), text).hasSizeGreaterThan(10);
                final long size = fromJournal.get(0).size;
                final List<Values> fromLive = live.stream().map(l -> l.values)
                    .filter(v -> v.instrumentId == instrument.id() && v.kind.equals(spec.kind().name()) &&
                        (v.size == size || spec.kind() != dev.tickwire.wire.sbe.BarKind.TIME))
                    .toList();
                assertThat(fromLive).as("%s %s", instrument.symbol(), text).containsExactlyElementsOf(fromJournal);
                compared += fromJournal.size();
            }
        }
        assertThat(compared).isEqualTo(live.size()); // every live bar was matched
        assertThat(live).anySatisfy(l -> assertThat(l.values.empty).isTrue());
        assertThat(live).anySatisfy(l -> assertThat(l.values.empty).isFalse());
        // the features are there, and warmed up: book and rolling columns with values
        assertThat(live).allSatisfy(l -> assertThat(l.values.features).hasSize(8 * FeatureColumn.COUNT));
        assertThat(live.stream().filter(l -> !l.values.empty).map(l -> {
            final FeatureBar f = new FeatureBar();
            final UnsafeBuffer b = new UnsafeBuffer(new byte[FeatureCodec.OFFSET + l.values.features.length]);
            b.putBytes(FeatureCodec.OFFSET, l.values.features);
            b.putShort(0, (short)BarDecoder.BLOCK_LENGTH, java.nio.ByteOrder.LITTLE_ENDIAN);
            b.putShort(6, (short)BarDecoder.SCHEMA_VERSION, java.nio.ByteOrder.LITTLE_ENDIAN);
            FeatureCodec.decode(b, 0, f);
            return f;
        }).filter(f -> !f.isNull(FeatureColumn.SPREAD_TWA) && !f.isNull(FeatureColumn.SMA_20) &&
            !f.isNull(FeatureColumn.OFI_L1)).count()).as("bars with book and rolling features").isGreaterThan(100);
    }

    record Live(long streamSequence, Values values)
    {
    }

    /** Every field of a bar but its stream sequence, which belongs to the publication (as for ticks). */
    record Values(
        long sequence, long eventTimeNs, long receiveTimeNs, long sourcePosition, int instrumentId, int sourceId,
        String verdict, String kind, long size, long startNs, long endNs, long open, long high, long low, long close,
        long volume, long buyVolume, long sellVolume, long tradeCount, long vwap, long firstEventNs, long lastEventNs,
        boolean empty, byte[] features)
    {
        static Values of(final BarDecoder b)
        {
            // the feature fields' bytes: equal bytes are equal values, NaN (null) included
            final byte[] features = new byte[8 * FeatureColumn.COUNT];
            b.buffer().getBytes(b.offset() + BarDecoder.notionalEncodingOffset(), features);
            return new Values(b.sequence(), b.eventTimeNs(), b.receiveTimeNs(), b.sourcePosition(), b.instrumentId(),
                b.sourceId(), b.verdict().name(), b.kind().name(), b.size(), b.startNs(), b.endNs(), b.openPrice(),
                b.highPrice(), b.lowPrice(), b.closePrice(), b.volume(), b.buyVolume(), b.sellVolume(), b.tradeCount(),
                b.vwap(), b.firstEventNs(), b.lastEventNs(), b.empty() == 1, features);
        }

        @Override
        public boolean equals(final Object o)
        {
            return o instanceof Values v && toString().equals(v.toString());
        }

        @Override
        public int hashCode()
        {
            return toString().hashCode();
        }

        @Override
        public String toString()
        {
            return sequence + " " + instrumentId + " " + kind + " " + size + " " + startNs + ".." + endNs + " ohlc " + open +
                " " + high + " " + low + " " + close + " v " + volume + " " + buyVolume + " " + sellVolume + " n " +
                tradeCount + " vwap " + vwap + " " + firstEventNs + " " + lastEventNs + " " + empty + " " + eventTimeNs +
                " " + receiveTimeNs + " " + sourcePosition + " " + sourceId + " " + verdict + " features " +
                java.util.HexFormat.of().formatHex(features);
        }
    }
}
