package dev.tickwire.archive;

import dev.tickwire.engine.bars.Bar;
import dev.tickwire.journal.Instrument;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.MessageWriter;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One instrument's bars as a Parquet file with the archive's {@code bars_<spec>} columns (features included
 * when the bars carry them), for {@code tickwire bars --format parquet}: the same writer and schema the archive
 * uses, written under a temporary name and renamed when whole.
 */
public final class BarsParquetFile implements AutoCloseable
{
    private final Path file;
    private final Path tmp;
    private final RowFileWriter writer;
    private final MessageWriter messages = new MessageWriter();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MessageTypes.BAR_LENGTH + 64]);
    private final MessageRow row = new MessageRow();
    private long rows;

    public BarsParquetFile(final Path file, final Instrument instrument) throws IOException
    {
        this.file = file;
        this.tmp = ArchiveLayout.temporary(file.toAbsolutePath());
        if (file.toAbsolutePath().getParent() != null)
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.deleteIfExists(tmp);
        this.writer = new RowFileWriter(new ClosableOutputFile(tmp), TableSchema.of(ArchiveTable.BARS, instrument), null);
    }

    public void write(final Bar bar) throws IOException
    {
        final int length = bar.encode(messages, buffer, 0);
        writer.write(row.wrap(buffer, 0, length, dev.tickwire.wire.Values.NONE));
        rows++;
    }

    public long rows()
    {
        return rows;
    }

    @Override
    public void close() throws IOException
    {
        writer.close();
        Files.move(tmp, file.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
