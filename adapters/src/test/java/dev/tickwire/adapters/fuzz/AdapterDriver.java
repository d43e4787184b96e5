package dev.tickwire.adapters.fuzz;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.tickwire.engine.adapter.AdapterContext;
import dev.tickwire.engine.adapter.AdapterGuard;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.adapter.InstrumentDefinitions;
import dev.tickwire.engine.adapter.SourceContext;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.engine.ring.TickPublisher;
import dev.tickwire.engine.ring.TickRing;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.engine.validate.ValidateStage;
import dev.tickwire.engine.validate.ValidationLimits;
import dev.tickwire.journal.Checkpoint;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.RejectReason;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs finite adapters to their end against the real ring, the real validate stage and the real
 * adapter guard, without a journal or Aeron: fast enough for thousands of inputs a second under the
 * fuzzer. Records every message that reached the ring and every line logged under
 * {@code dev.tickwire}, so a test can assert what the brief asks of bad input: the run ends within a
 * bound, nothing escaped as an exception, the output is bounded, every record is accounted for.
 */
final class AdapterDriver
{
    /** A bad input may not make a run last longer than this (a loop would). */
    static final long DEADLINE_MS = 10_000;
    /** Lines a run may log, whatever the input: the throttled logs' budgets plus file-level lines. */
    static final int MAX_LOG_LINES = 400;
    static final int MAX_LOG_LINE_CHARS = 2_000;

    /** One message that reached the ring. */
    record Msg(int templateId, int sourceId, long position, int instrumentId, boolean accepted, RejectReason reason,
        long eventTimeNs)
    {
        boolean isMarket()
        {
            return templateId == MessageTypes.TRADE || templateId == MessageTypes.QUOTE ||
                templateId == MessageTypes.BOOK_DELTA || templateId == MessageTypes.CANDLE ||
                templateId == MessageTypes.DERIVATIVE_TICKER || templateId == MessageTypes.LIQUIDATION ||
                templateId == MessageTypes.OPTION_SUMMARY;
        }
    }

    /** What a run did. */
    static final class Outcome
    {
        final List<Msg> messages = new ArrayList<>();
        final List<String> logs = new ArrayList<>();
        final List<String> inputProblems = new ArrayList<>();
        long adapterErrors;
        boolean finished;
        long millis;

        List<Msg> market()
        {
            return messages.stream().filter(Msg::isMarket).toList();
        }

        long count(final int templateId)
        {
            return messages.stream().filter(m -> m.templateId == templateId).count();
        }

        /** Distinct row or record numbers that produced a market message or a status (position >> shift). */
        long distinctRecords(final int shift)
        {
            return messages.stream().filter(m -> m.isMarket() || m.templateId == MessageTypes.STATUS)
                .mapToLong(m -> m.position >>> shift).distinct().count();
        }

        /** What the brief asks of any input: ended, no escaped exception, bounded output. */
        Outcome assertSane()
        {
            assertThat(finished).as("the run ended within %d ms", DEADLINE_MS).isTrue();
            assertThat(adapterErrors).as("exceptions that escaped the adapter: %s", logs).isZero();
            assertThat(logs.size()).as("log lines").isLessThanOrEqualTo(MAX_LOG_LINES);
            for (final String line : logs)
            {
                assertThat(line.length()).as("a log line's length: %s", line.substring(0, Math.min(200, line.length()))).isLessThanOrEqualTo(
                    MAX_LOG_LINE_CHARS);
            }
            return this;
        }
    }

    private AdapterDriver()
    {
    }

    /** Runs the adapters (all finite) to their end, with instruments registered in {@code catalog}. */
    static Outcome run(final InstrumentCatalog catalog, final List<? extends FeedAdapter> adapters)
    {
        return run(catalog, adapters, Map.of());
    }

    /**
     * @param resume a checkpoint per source id, as a restart would have
     */
    static Outcome run(final InstrumentCatalog catalog, final List<? extends FeedAdapter> adapters,
        final Map<Integer, Checkpoint> resume)
    {
        final Outcome outcome = new Outcome();
        final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        final Logger logger = (Logger)LoggerFactory.getLogger("dev.tickwire");
        logger.addAppender(appender);
        final boolean additive = logger.isAdditive();
        logger.setAdditive(false); // captured, not printed: a fuzz run makes millions of lines
        final int size = 1024;
        final Disruptor<TickSlot> disruptor = new Disruptor<>(
            new TickRing(size, TickRing.SLOT_LENGTH).slotFactory(), size,
            runnable -> new Thread(runnable, "fuzz-engine"), ProducerType.MULTI, new BlockingWaitStrategy());
        final CountersManager counters = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 20)), new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 18)));
        final EngineCounters engineCounters = new EngineCounters(counters);
        final ValidateStage validate = new ValidateStage(disruptor.getRingBuffer(), ValidationLimits.DEFAULT,
            engineCounters, Map.of());
        final List<Msg> seen = new ArrayList<>();
        final EventHandler<TickSlot> record = (slot, sequence, endOfBatch) ->
        {
            final UnsafeBuffer b = slot.buffer();
            seen.add(new Msg(Envelope.templateId(b, 0), Envelope.sourceId(b, 0), Envelope.sourcePosition(b, 0),
                Envelope.instrumentId(b, 0), Envelope.isAccepted(b, 0), Envelope.rejectReason(b, 0),
                Envelope.eventTimeNs(b, 0)));
        };
        disruptor.handleEventsWith(validate).then(record);
        disruptor.start();
        final long t0 = System.nanoTime();
        final List<AdapterGuard> guards = new ArrayList<>();
        try
        {
            final TickPublisher publisher = new TickPublisher(disruptor.getRingBuffer(), 1);
            final EpochNanoClock clock = new OffsetEpochNanoClock();
            final InstrumentDefinitions definitions = new InstrumentDefinitions(catalog, publisher, clock);
            for (final FeedAdapter adapter : adapters)
            {
                assertThat(adapter.isFinite()).as("%s is finite", adapter.roleName()).isTrue();
                final Checkpoint checkpoint = resume.get(adapter.sourceId());
                adapter.start(new SourceContext(adapter, checkpoint, publisher, definitions, engineCounters, clock));
                guards.add(new AdapterGuard(adapter, engineCounters.errors(),
                    engineCounters.sourceCounter(adapter.sourceId(), adapter.roleName(), "errors"), SystemNanoClock.INSTANCE));
            }
            final long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
            boolean all = false;
            while (!all && System.nanoTime() < deadline)
            {
                all = true;
                for (final AdapterGuard guard : guards)
                {
                    if (!guard.isDone())
                    {
                        all = false;
                        if (guard.doWork() == 0)
                        {
                            Thread.onSpinWait();
                        }
                    }
                }
            }
            outcome.finished = all;
            final long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (disruptor.getRingBuffer().getMinimumGatingSequence() < disruptor.getRingBuffer().getCursor() &&
                System.nanoTime() < drainDeadline)
            {
                Thread.onSpinWait();
            }
            for (final AdapterGuard guard : guards)
            {
                guard.onClose();
                outcome.adapterErrors += guard.errors();
                outcome.inputProblems.addAll(guard.adapter().inputProblems());
                if (guard.failure() != null)
                {
                    outcome.inputProblems.add(guard.failure());
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        finally
        {
            disruptor.halt();
            logger.detachAppender(appender);
            logger.setAdditive(additive);
        }
        outcome.millis = (System.nanoTime() - t0) / 1_000_000;
        outcome.messages.addAll(seen);
        appender.list.forEach(e -> outcome.logs.add(e.getFormattedMessage()));
        return outcome;
    }
}
