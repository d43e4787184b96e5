package dev.tickwire.kafka;

import dev.tickwire.journal.Instrument;
import org.agrona.DirectBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code format: avro} with {@code schemaRegistry}: the Confluent wire format (magic byte 0, the schema's
 * registry id as 4 bytes big-endian, Avro binary), each schema registered once per subject
 * ({@code <topic>-value}, the registry's default naming) before its first value goes out.
 */
final class RegistryAvroValues implements ValueEncoder
{
    private final AvroRecords records;
    private final SchemaRegistry registry;
    private final Map<String, Integer> ids = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private BinaryEncoder encoder;

    RegistryAvroValues(final Map<String, Schema> schemas, final SchemaRegistry registry)
    {
        this.records = new AvroRecords(schemas);
        this.registry = registry;
    }

    @Override
    public byte[] encode(final String topic, final DirectBuffer buffer, final int offset, final Instrument instrument)
        throws Exception
    {
        final GenericRecord record = records.record(buffer, offset, instrument);
        if (record == null)
        {
            return null;
        }
        final Schema schema = record.getSchema();
        final String subject = topic + "-value";
        final String idKey = subject + "\n" + schema.getFullName();
        Integer id = ids.get(idKey);
        if (id == null)
        {
            id = registry.register(subject, schema); // throws while the registry is down: the tailer retries
            ids.put(idKey, id);
        }
        out.reset();
        out.write(0);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        encoder = EncoderFactory.get().directBinaryEncoder(out, encoder);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
