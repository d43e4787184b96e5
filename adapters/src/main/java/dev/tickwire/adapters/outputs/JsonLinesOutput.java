package dev.tickwire.adapters.outputs;

import dev.tickwire.engine.output.OutputSink;
import dev.tickwire.engine.rows.MessageJson;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.Values;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.stream.Stream;

/**
 * {@code type: jsonl}: every journaled message as a JSON line ({@code tickwire dump}'s), one file per
 * UTC day of the journal's watermark, {@code <dir>/<name>-YYYY-MM-DD.jsonl} (messages before the first
 * market event, such as definitions, go with it). Flushing forces the file to
 * disk. Exactly once across crashes by its own mechanism: at start it reads the engine sequence of the
 * last whole line it wrote (cutting a half-written one) and skips what the tailer delivers again up to it.
 */
final class JsonLinesOutput implements OutputSink
{
    private final Path dir;
    private final String name;
    private final MessageJson json;
    private final StringBuilder pending = new StringBuilder(1 << 16);
    private FileChannel file;
    private LocalDate day;
    private long lastWrittenSequence = Values.NONE;

    JsonLinesOutput(final Path dir, final String name, final InstrumentCatalog catalog)
    {
        this.dir = dir;
        this.name = name;
        this.json = new MessageJson(catalog);
        try
        {
            Files.createDirectories(dir);
            lastWrittenSequence = recover();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("output " + name + ": cannot use " + dir + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length, final long index,
        final long watermarkNs)
    {
        final long sequence = Envelope.sequence(buffer, offset);
        if (sequence <= lastWrittenSequence)
        {
            return; // written before a crash, after the last checkpoint: not twice
        }
        final LocalDate messageDay = watermarkNs == Values.NONE ? day :
            LocalDate.ofEpochDay(Math.floorDiv(watermarkNs, 86_400_000_000_000L));
        if (messageDay != null && !messageDay.equals(day))
        {
            open(messageDay); // messages before the first market event (definitions) wait for its day
        }
        final String line = json.format(buffer, offset);
        if (line != null)
        {
            pending.append(line).append('\n');
        }
        lastWrittenSequence = sequence;
        if (pending.length() >= 1 << 16)
        {
            write();
        }
    }

    @Override
    public void flush() throws IOException
    {
        if (file == null && pending.length() > 0)
        {
            open(LocalDate.now(ZoneOffset.UTC)); // no market event yet: today's file
        }
        write();
        if (file != null)
        {
            file.force(false);
        }
    }

    @Override
    public void close()
    {
        try
        {
            if (file != null)
            {
                file.close();
            }
        }
        catch (final IOException ignore)
        {
            // what was flushed is on disk; the rest comes again at the next start
        }
    }

    private void open(final LocalDate newDay)
    {
        try
        {
            write();
            if (file != null)
            {
                file.force(false);
                file.close();
            }
            day = newDay;
            file = FileChannel.open(dir.resolve(name + "-" + newDay + ".jsonl"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("output " + name + ": " + ex.getMessage(), ex);
        }
    }

    private void write()
    {
        if (pending.length() == 0 || file == null)
        {
            return;
        }
        try
        {
            final ByteBuffer bytes = ByteBuffer.wrap(pending.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining())
            {
                file.write(bytes);
            }
            pending.setLength(0);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("output " + name + ": " + ex.getMessage(), ex);
        }
    }

    /** The engine sequence of the last whole line of the newest file (cutting a half-written last line), or {@link Values#NONE}. */
    private long recover() throws IOException
    {
        Path newest = null;
        try (Stream<Path> files = Files.list(dir))
        {
            newest = files.filter(p -> p.getFileName().toString().matches(java.util.regex.Pattern.quote(name) +
                "-\\d{4}-\\d{2}-\\d{2}\\.jsonl")).max(Path::compareTo).orElse(null);
        }
        if (newest == null)
        {
            return Values.NONE;
        }
        try (FileChannel channel = FileChannel.open(newest, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final long size = channel.size();
            final int tail = (int)Math.min(size, 1 << 16);
            final ByteBuffer bytes = ByteBuffer.allocate(tail);
            channel.read(bytes, size - tail);
            final String text = new String(bytes.array(), 0, tail, StandardCharsets.UTF_8);
            final int end = text.lastIndexOf('\n');
            if (end < 0)
            {
                channel.truncate(0);
                return Values.NONE;
            }
            channel.truncate(size - tail + text.substring(0, end + 1).getBytes(StandardCharsets.UTF_8).length);
            final int start = text.lastIndexOf('\n', end - 1) + 1;
            final java.util.regex.Matcher seq = java.util.regex.Pattern.compile("\"seq\":(\\d+)")
                .matcher(text.substring(start, end));
            return seq.find() ? Long.parseLong(seq.group(1)) : Values.NONE;
        }
    }
}
