package dev.tickwire.archive;

import dev.tickwire.engine.rows.ReferenceSamples;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.wire.DeltaFlagBits;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BookAction;
import dev.tickwire.wire.sbe.BookSide;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.Side;
import dev.tickwire.wire.sbe.StatusCode;
import org.agrona.ExpandableArrayBuffer;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A journal of three UTC days (2024-03-04..06) of two instruments, every message kind: definitions
 * before the first event, trades (some without bid/ask), quotes, book batches starting with a
 * CLEAR snapshot, statuses and rejected messages; with {@link #withReference()}, reference data too (a
 * perpetual's candles, tickers and liquidations, an option's summaries: {@code ReferenceSamples}). The
 * journal's clock follows the event times, so its hourly cycles hold the hours they are named for
 * (retention can delete them).
 */
public final class ThreeDays
{
    public static final long DAY0 = Timestamps.parse("2024-03-04T00:00:00Z");
    public static final long DAY_NS = 86_400_000_000_000L;
    public static final int PER_DAY = 3_000;

    public final Path journalDir;
    public final AtomicLong clockMs = new AtomicLong(DAY0 / 1_000_000);
    private final MessageWriter writer = new MessageWriter();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    private long sequence;
    private long position;

    private final int perDay;
    private ReferenceSamples reference;
    private int rounds;

    public ThreeDays(final Path journalDir)
    {
        this(journalDir, PER_DAY);
    }

    /** @param perDay records a day, spread evenly from 01:00 to about 21:50 */
    public ThreeDays(final Path journalDir, final int perDay)
    {
        this.journalDir = journalDir;
        this.perDay = perDay;
    }

    /** Adds a round of reference data every 100 records (and one rejected ticker a day), on source 7. */
    public ThreeDays withReference()
    {
        reference = new ReferenceSamples(7);
        return this;
    }

    public Journal.Context context()
    {
        return new Journal.Context().dir(journalDir).timeProvider(clockMs::get);
    }

    /** Writes days [from, to) and returns the journal's last sequence. */
    public long write(final int fromDay, final int toDay)
    {
        try (Journal journal = Journal.open(context()); JournalWriter out = journal.writer())
        {
            final Instrument es = journal.instruments().register("ESH4", "CME", -2, 0, 25);
            final Instrument btc = journal.instruments().register("BTC-USDT", "BINANCE", -2, -6, 1);
            final Instrument[] derivatives = reference == null ? null : ReferenceSamples.register(journal.instruments());
            if (fromDay == 0)
            {
                append(out, writer.instrument(buffer, 0, 1, es.id(), DAY0, DAY0, es.symbol(), es.venue(), -2, 0, 25));
                append(out, writer.instrument(buffer, 0, 2, btc.id(), DAY0, DAY0, btc.symbol(), btc.venue(), -2, -6, 1));
                if (reference != null)
                {
                    reference.definitions(derivatives, DAY0).forEach(m -> append(out, m));
                }
            }
            for (int day = fromDay; day < toDay; day++)
            {
                for (int i = 0; i < perDay; i++)
                {
                    final long ts = DAY0 + day * DAY_NS + 3_600_000_000_000L + i * (75_000_000_000_000L / perDay); // from 01:00
                    clockMs.set(ts / 1_000_000);
                    final boolean onEs = i % 3 != 0;
                    final Instrument ins = onEs ? es : btc;
                    final int source = onEs ? 1 : 2;
                    final long recv = ts + 1_000 + i % 7;
                    final long mid = onEs ? 500_000 + (i % 40) * 25 : 6_200_000 + i % 90;
                    if (reference != null && i % 100 == 50)
                    {
                        final int r = rounds++ % 3;
                        reference.round(derivatives, ts - r * ReferenceSamples.MINUTE_NS, r).forEach(m -> append(out, m));
                        if (i == 50)
                        {
                            append(out, reference.rejectedTicker(derivatives[0], ts + 5));
                        }
                    }
                    switch (i % 10)
                    {
                        case 0, 1, 2 -> append(out, writer.trade(buffer, 0, source, ++position, ins.id(), ts, recv, mid,
                            onEs ? 1 + i % 5 : 1_500 + i, i % 2 == 0 ? Side.BUY : Side.SELL, 9_000 + i,
                            i % 4 == 0 ? Values.NONE : mid - (onEs ? 25 : 1), i % 4 == 0 ? Values.NONE : mid + (onEs ? 25 : 1)));
                        case 3, 4 -> append(out, writer.quote(buffer, 0, source, ++position, ins.id(), ts, recv,
                            mid - (onEs ? 25 : 1), 10 + i % 3, mid + (onEs ? 25 : 1), 12));
                        case 5 ->
                        {
                            append(out, writer.bookDelta(buffer, 0, source, ++position, ins.id(), ts, recv, BookAction.CLEAR,
                                BookSide.BID, 0, 0, 0, DeltaFlagBits.SNAPSHOT));
                            append(out, writer.bookDelta(buffer, 0, source, ++position, ins.id(), ts, recv, BookAction.ADD,
                                BookSide.BID, mid - (onEs ? 25 : 1), 5, 2, DeltaFlagBits.SNAPSHOT));
                            append(out, writer.bookDelta(buffer, 0, source, ++position, ins.id(), ts, recv, BookAction.ADD,
                                BookSide.ASK, mid + (onEs ? 25 : 1), 7, 3, DeltaFlagBits.SNAPSHOT | DeltaFlagBits.END_OF_BATCH));
                        }
                        case 6, 7 -> append(out, writer.bookDelta(buffer, 0, source, ++position, ins.id(), ts, recv,
                            BookAction.MODIFY, i % 2 == 0 ? BookSide.BID : BookSide.ASK, mid + (i % 2 == 0 ? -(onEs ? 25 : 1) : (onEs ? 25 : 1)),
                            3 + i % 4, 1, DeltaFlagBits.END_OF_BATCH));
                        case 8 ->
                        {
                            final int length = writer.trade(buffer, 0, source, ++position, ins.id(), ts, recv, mid + 1,
                                1, Side.NONE, 0, Values.NONE, Values.NONE);
                            Envelope.reject(buffer, 0, RejectReason.PRICE_OFF_TICK);
                            append(out, length);
                        }
                        default -> append(out, writer.status(buffer, 0, source, ++position, 0, ts, recv,
                            i % 20 == 9 ? StatusCode.HEARTBEAT : StatusCode.GAP, i));
                    }
                }
            }
            return sequence;
        }
    }

    private void append(final JournalWriter out, final byte[] message)
    {
        buffer.putBytes(0, message);
        append(out, message.length);
    }

    private void append(final JournalWriter out, final int length)
    {
        Envelope.sequence(buffer, 0, ++sequence);
        out.append(buffer, 0, length);
    }
}
