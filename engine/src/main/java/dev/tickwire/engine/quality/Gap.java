package dev.tickwire.engine.quality;

/**
 * A silence of one instrument: no market event (accepted or rejected) from {@code startNs} to
 * {@code endNs}, of which {@code openNs} were in the calendar's open hours (more than the limit).
 *
 * @param startNs the last event before the silence, or the report's --from
 * @param endNs   the first event after it, or the report's --to
 * @param openNs  open-hours part of the silence: what was judged against the limit
 */
public record Gap(long startNs, long endNs, long openNs)
{
    /** Wall-clock length, closed hours included. */
    public long durationNs()
    {
        return endNs - startNs;
    }
}
