package dev.tickwire.engine.replay;

import org.agrona.DirectBuffer;

/** Receives replayed messages as their wire bytes (e.g. to offer them to an Aeron publication). */
@FunctionalInterface
public interface MessageSink
{
    void onMessage(DirectBuffer buffer, int offset, int length);
}
