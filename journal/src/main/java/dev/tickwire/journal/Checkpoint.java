package dev.tickwire.journal;

/**
 * How far the journal got through one source: the last excerpt that came from it. An adapter
 * restarts its source after {@code sourcePosition}; the engine resumes numbering after
 * {@code sequence}.
 *
 * @param sourceId       the source
 * @param sourcePosition the source's own position of that message (offset, line, feed sequence)
 * @param sequence       the engine sequence of that message
 * @param eventTimeNs    its event time
 * @param index          its Chronicle index
 */
public record Checkpoint(int sourceId, long sourcePosition, long sequence, long eventTimeNs, long index)
{
}
