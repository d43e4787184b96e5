package dev.tickwire.journal;

import org.agrona.DirectBuffer;

/** Receives journal excerpts from {@link JournalReader#poll(JournalHandler, int)}. */
@FunctionalInterface
public interface JournalHandler
{
    /**
     * One journalled message. The buffer is only valid during the call: it points into the mapped
     * journal file and is re-pointed at the next excerpt, so copy anything you want to keep.
     *
     * @param buffer      holds the SBE message (header first)
     * @param offset      start of the SBE message header in buffer
     * @param length      length of the SBE message in bytes
     * @param index       Chronicle index of the excerpt
     * @param watermarkNs running max of accepted market-event times up to and including this excerpt
     */
    void onMessage(DirectBuffer buffer, int offset, int length, long index, long watermarkNs);
}
