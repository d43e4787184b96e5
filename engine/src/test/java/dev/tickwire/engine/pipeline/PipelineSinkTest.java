package dev.tickwire.engine.pipeline;

import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.bars.JournalBars;
import dev.tickwire.engine.bars.features.FeatureCodec;
import dev.tickwire.engine.bars.features.FeatureColumn;
import dev.tickwire.engine.output.JournalTailer;
import dev.tickwire.engine.output.OutputSink;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BarDecoder;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A pipeline's filter and bars against the engine's own bar building, and its restarts against a run without any. */
class PipelineSinkTest
{
    private static final long T0 = 1_800_000_000_000_000_000L;

    @TempDir
    Path dir;

    private Journal journal;
    private JournalWriter out;
    private final MessageWriter writer = new MessageWriter();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final CountersManager counters = new CountersManager(
        new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 16)), new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 14)));
    private final Random random = new Random(7);
    private Instrument es;
    private Instrument nq;
    private long sequence;
    private long timeNs = T0;

    /** What an output keeps: the bars (or messages) of its last successful flush and before. */
    private static final class Flushed implements OutputSink
    {
        final List<String> durable = new ArrayList<>();
        final List<String> pending = new ArrayList<>();
        final List<String> features = new ArrayList<>();
        final MessageDispatcher dispatcher = new MessageDispatcher();

        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length, final long index,
            final long watermarkNs)
        {
            final StringBuilder text = new StringBuilder();
            dispatcher.dispatch(buffer, offset, new MarketDataListener()
            {
                @Override
                public void onBar(final BarDecoder b)
                {
                    text.append(b.instrumentId()).append(' ').append(b.startNs()).append(' ').append(b.endNs()).append(' ')
                        .append(b.openPrice()).append(' ').append(b.highPrice()).append(' ').append(b.lowPrice()).append(' ')
                        .append(b.closePrice()).append(' ').append(b.volume()).append(' ').append(b.tradeCount());
                    final byte[] f = new byte[8 * FeatureColumn.COUNT];
                    b.buffer().getBytes(b.offset() + BarDecoder.notionalEncodingOffset(), f);
                    features.add(java.util.HexFormat.of().formatHex(f));
                }
            });
            pending.add(text.length() > 0 ? text.toString() : "seq " + Envelope.sequence(buffer, offset));
        }

        @Override
        public void flush()
        {
            durable.addAll(pending);
            pending.clear();
        }

        @Override
        public void close()
        {
        }
    }

    @BeforeEach
    void openJournal()
    {
        journal = Journal.open(new Journal.Context().dir(dir.resolve("journal")));
        out = journal.writer();
        es = journal.instruments().register("ESZ6", "CME", -2, 0, 25);
        nq = journal.instruments().register("NQZ6", "CME", -2, 0, 25);
        for (final Instrument i : List.of(es, nq))
        {
            append(writer.instrument(buffer, 0, 1, i.id(), T0, T0, i.symbol(), i.venue(), -2, 0, 25), true);
        }
    }

    @AfterEach
    void closeJournal()
    {
        journal.close();
    }

    /** Trades and quotes of both instruments, a rejected trade now and then. */
    private void market(final int n)
    {
        for (int i = 0; i < n; i++)
        {
            timeNs += 1 + random.nextInt(400_000_000);
            final Instrument ins = random.nextBoolean() ? es : nq;
            final long price = 500_000 + random.nextInt(400) * 25;
            if (random.nextInt(4) == 0)
            {
                append(writer.quote(buffer, 0, 1, sequence + 1, ins.id(), timeNs, timeNs, price - 25, 3, price, 4), true);
            }
            else
            {
                final int length = writer.trade(buffer, 0, 1, sequence + 1, ins.id(), timeNs, timeNs, price,
                    1 + random.nextInt(9), random.nextBoolean() ? Side.BUY : Side.SELL, sequence, 0, 0);
                append(length, random.nextInt(50) != 0);
            }
        }
    }

    private void append(final int length, final boolean accepted)
    {
        Envelope.sequence(buffer, 0, ++sequence);
        if (!accepted)
        {
            Envelope.reject(buffer, 0, RejectReason.SIZE_NEGATIVE);
        }
        out.append(buffer, 0, length);
    }

    private JournalTailer tailer(final String name, final PipelineSink sink, final long flushEvery)
    {
        final AtomicCounter delivered = counters.newCounter("delivered");
        final AtomicCounter errors = counters.newCounter("errors");
        return new JournalTailer(journal, name, sink, flushEvery, Long.MAX_VALUE / 2, delivered, errors);
    }

    private PipelineSink pipeline(final String name, final String bars, final List<String> symbols, final Flushed output)
    {
        return new PipelineSink(name, new MessageFilter(Set.of(1), List.of(), symbols, journal.instruments()),
            bars == null ? null : BarSpec.parse(bars), 5, output, journal.instruments(), journal.dir());
    }

    /** The bars the engine builds from the journal (`tickwire bars`), in the order they complete. */
    private List<String> engineBars(final String spec, final String... symbols)
    {
        final List<long[]> bars = new ArrayList<>();
        for (final String symbol : symbols)
        {
            JournalBars.run(journal, symbol, BarSpec.parse(spec), false, Values.NONE, Long.MAX_VALUE, b ->
                bars.add(new long[] {b.sequence(), b.instrumentId(), b.startNs(), b.endNs(), b.open(), b.high(), b.low(),
                    b.close(), b.volume(), b.tradeCount()}));
        }
        bars.sort((a, b) -> Long.compare(a[0], b[0]));
        final List<String> text = new ArrayList<>();
        for (final long[] b : bars)
        {
            text.add(b[1] + " " + b[2] + " " + b[3] + " " + b[4] + " " + b[5] + " " + b[6] + " " + b[7] + " " + b[8] + " " + b[9]);
        }
        return text;
    }

    @Test
    void fromTheJournalsStartPipelineBarsCarryTheEnginesFeatures()
    {
        market(4_000);
        final Flushed output = new Flushed();
        final JournalTailer tailer = tailer("fb", pipeline("fb", "volume:40", List.of(), output), 100);
        tailer.onStart();
        while (tailer.doWork() > 0)
        {
            // the whole journal
        }
        tailer.onClose();
        final List<long[]> order = new ArrayList<>();
        final java.util.Map<Long, String> bySequence = new java.util.HashMap<>();
        final MessageWriter writer = new MessageWriter();
        final org.agrona.ExpandableArrayBuffer buffer = new org.agrona.ExpandableArrayBuffer(1024);
        for (final String symbol : List.of("ESZ6", "NQZ6"))
        {
            JournalBars.run(journal, symbol, BarSpec.parse("volume:40"), false, Values.NONE, Long.MAX_VALUE, 5, 0, b ->
            {
                b.encode(writer, buffer, 0);
                final byte[] f = new byte[8 * FeatureColumn.COUNT];
                buffer.getBytes(FeatureCodec.OFFSET, f);
                order.add(new long[] {b.sequence()});
                bySequence.put(b.sequence(), java.util.HexFormat.of().formatHex(f));
            });
        }
        order.sort((a, b) -> Long.compare(a[0], b[0]));
        final List<String> expected = order.stream().map(o -> bySequence.get(o[0])).toList();
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(output.features.subList(0, expected.size())).isEqualTo(expected);
        FeatureCodec.encode(null, buffer, 0);
        final byte[] none = new byte[8 * FeatureColumn.COUNT];
        buffer.getBytes(FeatureCodec.OFFSET, none);
        assertThat(expected.get(expected.size() - 1)).as("features, not all null")
            .isNotEqualTo(java.util.HexFormat.of().formatHex(none));
    }

    @Test
    void volumeBarsAreTheEnginesAcrossTwentyCrashes()
    {
        final Flushed output = new Flushed();
        int crashes = 0;
        JournalTailer tailer = tailer("vb", pipeline("vb", "volume:40", List.of(), output), 1 + random.nextInt(40));
        tailer.onStart();
        for (int step = 0; step < 300; step++)
        {
            market(1 + random.nextInt(120));
            tailer.doWork();
            if (random.nextInt(15) == 0)
            {
                // kill -9: what was not flushed is lost; a new pipeline resumes from what it stored
                output.pending.clear();
                tailer = tailer("vb", pipeline("vb", "volume:40", List.of(), output), 1 + random.nextInt(40));
                tailer.onStart();
                crashes++;
            }
        }
        while (tailer.doWork() > 0)
        {
            // the rest of the journal
        }
        tailer.onClose();
        final List<String> expected = engineBars("volume:40", "ESZ6", "NQZ6");
        assertThat(crashes).isGreaterThanOrEqualTo(10);
        assertThat(expected).hasSizeGreaterThan(500);
        assertThat(output.durable).as("bars after %d crashes", crashes).isEqualTo(expected);
    }

    @Test
    void timeBarsOfOneSymbolAreTheEnginesUpToTheOpenOne()
    {
        market(5_000);
        final Flushed output = new Flushed();
        final JournalTailer tailer = tailer("tb", pipeline("tb", "5s", List.of("NQ*"), output), 100);
        tailer.onStart();
        while (tailer.doWork() > 0)
        {
            // all of it
        }
        tailer.onClose();
        final List<String> expected = engineBars("5s", "NQZ6");
        // the same bars: both close a time bar at the instrument's first event after its end
        assertThat(output.durable).hasSizeGreaterThan(100).isEqualTo(expected);
        assertThat(output.durable).allSatisfy(bar -> assertThat(bar).startsWith(nq.id() + " "));
    }

    @Test
    void filterPassesTheChosenTypesAndSymbolsOnly()
    {
        market(3_000);
        final Flushed output = new Flushed();
        final PipelineSink sink = new PipelineSink("f", new MessageFilter(null, List.of("trade"), List.of("ES*"),
            journal.instruments()), null, 0, output, journal.instruments(), journal.dir());
        final JournalTailer tailer = tailer("f", sink, 100);
        tailer.onStart();
        while (tailer.doWork() > 0)
        {
            // all of it
        }
        tailer.onClose();
        final List<String> expected = new ArrayList<>();
        try (var reader = journal.reader())
        {
            while (reader.poll((b, o, l, index, w) ->
            {
                if (Envelope.templateId(b, o) == dev.tickwire.wire.MessageTypes.TRADE && Envelope.isAccepted(b, o) &&
                    Envelope.instrumentId(b, o) == es.id())
                {
                    expected.add("seq " + Envelope.sequence(b, o));
                }
            }, 1000) > 0)
            {
                // all of it
            }
        }
        assertThat(expected).hasSizeGreaterThan(500);
        assertThat(output.durable).isEqualTo(expected);
    }
}
