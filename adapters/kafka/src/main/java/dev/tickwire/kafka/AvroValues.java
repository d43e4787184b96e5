package dev.tickwire.kafka;

import dev.tickwire.journal.Instrument;
import dev.tickwire.wire.Envelope;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;

import java.util.Map;

/**
 * {@code format: avro} without a registry: Avro single-object encoding (the spec's C3 01 marker, the
 * schema's 8-byte CRC-64-AVRO fingerprint, then Avro binary), so a reader with the shipped schemas finds
 * each value's schema by its fingerprint ({@code BinaryMessageDecoder.addSchema}).
 */
final class AvroValues implements ValueEncoder
{
    private final AvroRecords records;
    private final Int2ObjectHashMap<BinaryMessageEncoder<GenericRecord>> encoders = new Int2ObjectHashMap<>();
    private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);

    AvroValues(final Map<String, Schema> schemas)
    {
        this.records = new AvroRecords(schemas);
        for (final Schema schema : schemas.values())
        {
            encoders.put(((Number)schema.getObjectProp("sbe.templateId")).intValue(),
                new BinaryMessageEncoder<>(GenericData.get(), schema));
        }
    }

    @Override
    public byte[] encode(final String topic, final DirectBuffer buffer, final int offset, final Instrument instrument)
        throws java.io.IOException
    {
        final GenericRecord record = records.record(buffer, offset, instrument);
        if (record == null)
        {
            return null;
        }
        out.reset();
        encoders.get(Envelope.templateId(buffer, offset)).encode(record, out);
        return out.toByteArray(); // exactly the value's bytes (a returned ByteBuffer's array may be longer)
    }
}
