package dev.tickwire.client;

/**
 * Where {@link MarketDataSubscriber#subscribeFrom} starts: a position in the engine's current recording, a time,
 * or the start of the current recording. Plain values: no archive class is needed to make one.
 */
public final class ReplayFrom
{
    enum Kind
    {
        POSITION, TIME, RECORDING_START
    }

    private final Kind kind;
    private final long value;

    private ReplayFrom(final Kind kind, final long value)
    {
        this.kind = kind;
        this.value = value;
    }

    /**
     * A position in the engine's current recording (its run since the last start), e.g. one a subscriber noted
     * from {@link MarketDataSubscriber#position()}: a message boundary, as every such position is.
     */
    public static ReplayFrom position(final long position)
    {
        if (position < 0 || (position & 31) != 0)
        {
            throw new IllegalArgumentException("a position is a non-negative multiple of 32 (a frame start): " +
                position);
        }
        return new ReplayFrom(Kind.POSITION, position);
    }

    /**
     * The first message the engine received at or after {@code epochNs} (its envelope's receive time), from
     * whichever recording holds it: earlier engine runs are replayed in turn before the current one merges
     * into live.
     */
    public static ReplayFrom time(final long epochNs)
    {
        return new ReplayFrom(Kind.TIME, epochNs);
    }

    /** Everything the engine published since it last started. */
    public static ReplayFrom recordingStart()
    {
        return new ReplayFrom(Kind.RECORDING_START, 0);
    }

    Kind kind()
    {
        return kind;
    }

    long value()
    {
        return value;
    }

    @Override
    public String toString()
    {
        return switch (kind)
        {
            case POSITION -> "position " + value;
            case TIME -> "time " + value + " ns";
            case RECORDING_START -> "the recording's start";
        };
    }
}
