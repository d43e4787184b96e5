package dev.tickwire.tools;

import dev.tickwire.engine.Engine;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.journal.Instrument;
import dev.tickwire.wire.FixedPoint;
import dev.tickwire.wire.Values;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** The once-a-second status line of {@code tickwire run}. */
final class StatusLine
{
    private final Engine engine;
    private final long[] top = new long[5];
    private long lastTicks;
    private long lastNanos = System.nanoTime();

    StatusLine(final Engine engine)
    {
        this.engine = engine;
    }

    String next()
    {
        final EngineCounters c = engine.counters();
        final long now = System.nanoTime();
        final long ticks = c.ticksIn().get();
        final long rate = (ticks - lastTicks) * 1_000_000_000L / Math.max(1, now - lastNanos);
        lastTicks = ticks;
        lastNanos = now;
        final StringBuilder sb = new StringBuilder(160);
        sb.append(LocalTime.now().truncatedTo(ChronoUnit.SECONDS)).append("  ")
            .append(rate).append(" ticks/s  accepted ").append(c.accepted().get())
            .append("  rejected ").append(c.rejectedTotal().get())
            .append("  journal ").append(megabytes(c.journalBytes().get())).append(" MB");
        for (final Instrument instrument : engine.instruments().all())
        {
            if (engine.topOfBook().read(instrument.id(), top))
            {
                sb.append("  ").append(instrument.symbol()).append(' ');
                price(sb, top[0], instrument).append(" x ");
                price(sb, top[2], instrument);
            }
        }
        return sb.toString();
    }

    String summary()
    {
        final EngineCounters c = engine.counters();
        return "done: " + c.ticksIn().get() + " ticks in, " + c.accepted().get() + " accepted, " +
            c.rejectedTotal().get() + " rejected, " + c.journalAppends().get() + " journaled, " +
            c.published().get() + " published on Aeron (" + c.dropped().get() + " dropped); journal: " +
            engine.config().journalPath() + "  (see it with: ./tickwire dump --journal " + engine.config().journalPath() + ")";
    }

    private static StringBuilder price(final StringBuilder sb, final long mantissa, final Instrument instrument)
    {
        return mantissa == Values.NONE ? sb.append('-') : FixedPoint.appendDecimal(sb, mantissa, instrument.priceExponent());
    }

    private static String megabytes(final long bytes)
    {
        return String.format("%.1f", bytes / 1048576.0);
    }
}
