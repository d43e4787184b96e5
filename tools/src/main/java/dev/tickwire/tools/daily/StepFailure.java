package dev.tickwire.tools.daily;

import java.util.Map;

/** A step that failed with what it counted before it stopped (kept in the day's state beside the cause). */
final class StepFailure extends RuntimeException
{
    private static final long serialVersionUID = 1L;
    private final transient Map<String, Object> counts;

    StepFailure(final String message, final Map<String, Object> counts)
    {
        super(message, null, false, false);
        this.counts = counts;
    }

    Map<String, Object> counts()
    {
        return counts;
    }
}
