package dev.tickwire.kafka;

import dev.tickwire.engine.rows.MessageJson;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.InstrumentCatalog;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/** {@code format: json}: the message as {@code tickwire dump} prints it ({@link MessageJson}). */
final class JsonValues implements ValueEncoder
{
    private final MessageJson json;

    JsonValues(final InstrumentCatalog catalog)
    {
        this.json = new MessageJson(catalog);
    }

    @Override
    public byte[] encode(final String topic, final DirectBuffer buffer, final int offset, final Instrument instrument)
    {
        final String line = json.format(buffer, offset);
        return line == null || line.isEmpty() ? null : line.getBytes(StandardCharsets.UTF_8);
    }
}
