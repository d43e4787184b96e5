package dev.tickwire.kafka;

import dev.tickwire.journal.Instrument;
import org.agrona.DirectBuffer;

/** A journaled message as a Kafka record value (JSON, Avro single-object, Avro for a schema registry). */
interface ValueEncoder
{
    /** The value, or null for a message this format has no encoding for. */
    byte[] encode(String topic, DirectBuffer buffer, int offset, Instrument instrument) throws Exception;
}
