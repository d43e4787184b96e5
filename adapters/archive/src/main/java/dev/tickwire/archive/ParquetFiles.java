package dev.tickwire.archive;

import dev.tickwire.engine.rows.MessageJson;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opening archive files for writing and reading with parquet-java, and no Hadoop at run time: local
 * files, a plain configuration and our zstd codecs (REFERENCE.md §8). The settings that decide
 * size and speed live here, once: Parquet v2 pages (delta encodings for times, sequences and
 * prices), zstd, dictionaries only on low-cardinality columns, and large row groups for scans.
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

    /** A writer of one table's rows to {@code file} (replaced if it exists). */
    static ParquetWriter<MessageRow> writer(final ClosableOutputFile file, final TableSchema schema, final MessageJson json)
        throws IOException
    {
        final Builder builder = new Builder(file, new RowWriteSupport(schema, json))
            .withConf(new PlainParquetConfiguration())
            .withCodecFactory(new ZstdCodecs())
            .withCompressionCodec(CompressionCodecName.ZSTD)
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withRowGroupRowCountLimit(ROW_GROUP_ROWS)
            .withRowGroupSize(ROW_GROUP_BYTES)
            .withPageSize(PAGE_BYTES)
            .withDictionaryEncoding(false)
            .withValidation(false)
            // per-value work that buys nothing here: min/max only where readers prune (ts) and verify reads (seq)
            .withStatisticsEnabled(false)
            .withSizeStatisticsEnabled(false)
            .withPageWriteChecksumEnabled(false)
            .withStatisticsEnabled("seq", true)
            .withStatisticsEnabled("ts", true)
            .withStatisticsEnabled("start", true);
        for (final Column c : schema.table.columns())
        {
            if (TableSchema.dictionary(c))
            {
                builder.withDictionaryEncoding(c.name(), true);
            }
        }
        return builder.build();
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

        Rows(final Path file) throws IOException
        {
            reader = ParquetFileReader.open(new LocalInputFile(file), readOptions());
            final MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            columnIO = new ColumnIOFactory().getColumnIO(fileSchema);
            materializer = new RowMaterializer(TableSchema.of(reader.getFooter()), fileSchema);
        }

        /** Moves to the next row; false at the end. */
        boolean next() throws IOException
        {
            while (leftInGroup == 0)
            {
                final PageReadStore pages = reader.readNextRowGroup();
                if (pages == null)
                {
                    current = null;
                    return false;
                }
                leftInGroup = pages.getRowCount();
                records = columnIO.getRecordReader(pages, materializer);
            }
            leftInGroup--;
            current = records.read();
            return true;
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

    private static final class Builder extends ParquetWriter.Builder<MessageRow, Builder>
    {
        private final WriteSupport<MessageRow> support;

        Builder(final org.apache.parquet.io.OutputFile file, final WriteSupport<MessageRow> support)
        {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self()
        {
            return this;
        }

        @Override
        protected WriteSupport<MessageRow> getWriteSupport(final Configuration conf)
        {
            return support;
        }

        @Override
        protected WriteSupport<MessageRow> getWriteSupport(final ParquetConfiguration conf)
        {
            return support;
        }
    }
}
