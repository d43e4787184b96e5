package dev.tickwire.archive;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Archive files' settings and reading them with parquet-java, and no Hadoop at run time: local
 * files, a plain configuration and our zstd codecs (REFERENCE.md §8). The settings that decide
 * size and speed live here, once: Parquet v2 pages (delta encodings for times, sequences and
 * prices), zstd, dictionaries only on low-cardinality columns, and large row groups for scans
 * ({@link RowFileWriter} writes with them).
 */
final class ParquetFiles
{
    /** Rows per row group: large, so a day of one instrument is one or a few groups (fast scans). */
    static final int ROW_GROUP_ROWS = 1_000_000;
    static final long ROW_GROUP_BYTES = 128L << 20;
    static final int PAGE_BYTES = 1 << 20;

    private ParquetFiles()
    {
    }

    /** Encodings, pages and statistics of an archive file (what {@link #writer} sets, for {@link RowFileWriter}). */
    static ParquetProperties properties(final TableSchema schema)
    {
        final ParquetProperties.Builder b = ParquetProperties.builder()
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
            .withPageSize(PAGE_BYTES)
            .withRowGroupRowCountLimit(ROW_GROUP_ROWS)
            .withDictionaryEncoding(false)
            // per-value work that buys nothing here: min/max only where readers prune (ts) and verify reads (seq)
            .withStatisticsEnabled(false)
            .withSizeStatisticsEnabled(false)
            .withPageWriteChecksumEnabled(false)
            .withStatisticsEnabled("seq", true)
            .withStatisticsEnabled("ts", true)
            .withStatisticsEnabled("start", true);
        for (final Column c : schema.columns)
        {
            if (TableSchema.dictionary(c))
            {
                b.withDictionaryEncoding(c.name(), true);
            }
        }
        return b.build();
    }

    /** Read options: our codecs, nothing from Hadoop. */
    static ParquetReadOptions readOptions()
    {
        return org.apache.parquet.HadoopFreeReadOptions.create(new ZstdCodecs());
    }

    /** The footer of an archive file: row counts, statistics, schema and metadata. */
    static ParquetMetadata footer(final Path file) throws IOException
    {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), readOptions()))
        {
            return reader.getFooter();
        }
    }

    /** The rows of one archive file, rebuilt as journal messages, in file order. */
    static final class Rows implements AutoCloseable
    {
        private final ParquetFileReader reader;
        private final MessageColumnIO columnIO;
        private final RowMaterializer materializer;
        private RecordReader<MessageRow> records;
        private long leftInGroup;
        private MessageRow current;

        private final long firstSequence;
        private final long lastSequence;
        private int group;

        Rows(final Path file) throws IOException
        {
            this(file, Long.MIN_VALUE, Long.MAX_VALUE);
        }

        /**
         * The rows whose {@code seq} is in [firstSequence, lastSequence] (a day of a monthly file):
         * row groups wholly outside it are skipped on their statistics, without being read.
         */
        Rows(final Path file, final long firstSequence, final long lastSequence) throws IOException
        {
            reader = ParquetFileReader.open(new LocalInputFile(file), readOptions());
            final MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            columnIO = new ColumnIOFactory().getColumnIO(fileSchema);
            materializer = new RowMaterializer(TableSchema.of(reader.getFooter()), fileSchema);
            this.firstSequence = firstSequence;
            this.lastSequence = lastSequence;
        }

        /** Moves to the next row in range; false at the end. */
        boolean next() throws IOException
        {
            while (true)
            {
                while (leftInGroup == 0)
                {
                    if (!nextGroup())
                    {
                        current = null;
                        return false;
                    }
                }
                leftInGroup--;
                current = records.read();
                final long seq = current.sequence();
                if (seq > lastSequence)
                {
                    current = null;
                    return false; // rows are in sequence order
                }
                if (seq >= firstSequence)
                {
                    return true;
                }
            }
        }

        private boolean nextGroup() throws IOException
        {
            final java.util.List<org.apache.parquet.hadoop.metadata.BlockMetaData> groups = reader.getFooter().getBlocks();
            while (group < groups.size() && maxSequence(groups.get(group)) < firstSequence)
            {
                reader.skipNextRowGroup();
                group++;
            }
            final PageReadStore pages = reader.readNextRowGroup();
            if (pages == null)
            {
                return false;
            }
            group++;
            leftInGroup = pages.getRowCount();
            records = columnIO.getRecordReader(pages, materializer);
            return true;
        }

        private static long maxSequence(final org.apache.parquet.hadoop.metadata.BlockMetaData block)
        {
            for (final org.apache.parquet.hadoop.metadata.ColumnChunkMetaData c : block.getColumns())
            {
                if (c.getPath().toDotString().equals("seq") && c.getStatistics() != null && c.getStatistics().hasNonNullValue())
                {
                    return (Long)c.getStatistics().genericGetMax();
                }
            }
            return Long.MAX_VALUE; // no statistics: read it
        }

        /** The current row (valid until {@link #next}). */
        MessageRow row()
        {
            return current;
        }

        @Override
        public void close() throws IOException
        {
            reader.close();
        }
    }
}
