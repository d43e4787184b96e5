package dev.tickwire.tools.http;

import java.util.concurrent.atomic.LongAdder;

/** What the live stream counts, for {@code /metrics} and tests. */
final class StreamCounters
{
    final LongAdder opened = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder slowClosed = new LongAdder();
    final LongAdder framesSent = new LongAdder();
    final LongAdder messagesRead = new LongAdder();
}
