package dev.tickwire.engine.counters;

/** What a source is doing, as its state counter shows it to {@code tickwire status} and Prometheus. */
public enum SourceState
{
    STARTING(0),
    /** Its file (or peer) is not there yet. */
    WAITING(1),
    /** Reading, or caught up and waiting for more. */
    TAILING(2),
    /** Its file was rewritten and it resumed after the last journaled record. */
    RESYNCED(3),
    /** Failing: backing off before the next try. */
    STALLED(4),
    /** A finite source that has read everything. */
    DONE(5);

    private final int code;

    SourceState(final int code)
    {
        this.code = code;
    }

    public int code()
    {
        return code;
    }

    /** The state of a counter value (STARTING for an unknown one). */
    public static SourceState of(final long code)
    {
        for (final SourceState state : values())
        {
            if (state.code == code)
            {
                return state;
            }
        }
        return STARTING;
    }

    /** "tailing": as metrics and status print it. */
    public String label()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
