package dev.tickwire.engine.quality;

import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.StatusCode;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A real journal in a test directory, written message by message with crafted event times. */
final class QualityJournal implements AutoCloseable
{
    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final long SECOND = 1_000_000_000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final int SOURCE = 7;

    final Journal journal;
    private final JournalWriter writer;
    private final MessageWriter messages = new MessageWriter();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private long position = 1;

    QualityJournal(final Path dir)
    {
        journal = Journal.open(new Journal.Context().dir(dir));
        writer = journal.writer();
    }

    /** Epoch ns of a local time in Chicago, e.g. "2026-11-18T10:00". */
    static long chicago(final String localDateTime)
    {
        return LocalDateTime.parse(localDateTime).atZone(CHICAGO).toEpochSecond() * SECOND;
    }

    /** Epoch ns of a UTC time, e.g. "2026-03-08T22:00". */
    static long utc(final String localDateTime)
    {
        return LocalDateTime.parse(localDateTime).toEpochSecond(ZoneOffset.UTC) * SECOND;
    }

    int instrument(final String symbol)
    {
        return journal.instruments().register(symbol, "CME", -2, 0, 25).id();
    }

    /** Trades every {@code stepNs} from {@code fromNs} to {@code toNs}, both included. */
    void trades(final int instrumentId, final long fromNs, final long toNs, final long stepNs)
    {
        for (long t = fromNs; t <= toNs; t += stepNs)
        {
            trade(instrumentId, t);
        }
    }

    void trade(final int instrumentId, final long timeNs)
    {
        append(messages.trade(buffer, 0, SOURCE, position++, instrumentId, timeNs, timeNs,
            500_000, 1, Side.BUY, position, 499_975, 500_000));
    }

    void quote(final int instrumentId, final long timeNs)
    {
        append(messages.quote(buffer, 0, SOURCE, position++, instrumentId, timeNs, timeNs, 499_975, 3, 500_000, 4));
    }

    void delta(final int instrumentId, final long timeNs, final int flags)
    {
        append(delta0(instrumentId, timeNs, flags));
    }

    void rejectedTrade(final int instrumentId, final long timeNs, final RejectReason reason)
    {
        final int length = messages.trade(buffer, 0, SOURCE, position++, instrumentId, timeNs, timeNs,
            500_000, 1, Side.SELL, position, 499_975, 500_000);
        rejectAndAppend(length, reason);
    }

    void rejectedQuote(final int instrumentId, final long timeNs, final RejectReason reason)
    {
        rejectAndAppend(messages.quote(buffer, 0, SOURCE, position++, instrumentId, timeNs, timeNs,
            500_025, 3, 500_000, 4), reason);
    }

    void rejectedDelta(final int instrumentId, final long timeNs, final int flags, final RejectReason reason)
    {
        rejectAndAppend(delta0(instrumentId, timeNs, flags), reason);
    }

    /** A book batch rejected whole as crossed: {@code n} deltas at one time, the last ending the batch. */
    void crossedBatch(final int instrumentId, final long timeNs, final int n)
    {
        for (int i = 0; i < n; i++)
        {
            rejectedDelta(instrumentId, timeNs, i == n - 1 ? DeltaFlagBits.END_OF_BATCH : 0, RejectReason.CROSSED_BOOK);
        }
    }

    void status(final int instrumentId, final long timeNs)
    {
        append(messages.status(buffer, 0, SOURCE, position++, instrumentId, timeNs, timeNs, StatusCode.STALLED, 0));
    }

    QualityReport scan(final TradingCalendar calendar, final long maxSilenceNs)
    {
        return new QualityScan(journal).calendar(calendar).maxSilenceNs(maxSilenceNs).run();
    }

    private int delta0(final int instrumentId, final long timeNs, final int flags)
    {
        return messages.bookDelta(buffer, 0, SOURCE, position++, instrumentId, timeNs, timeNs,
            BookAction.ADD, BookSide.BID, 499_975, 5, 1, flags);
    }

    private void rejectAndAppend(final int length, final RejectReason reason)
    {
        Envelope.reject(buffer, 0, reason);
        append(length);
    }

    private void append(final int length)
    {
        writer.append(buffer, 0, length);
    }

    @Override
    public void close()
    {
        writer.close();
        journal.close();
    }
}
