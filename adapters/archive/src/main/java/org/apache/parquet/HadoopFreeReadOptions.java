package org.apache.parquet;

import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

import java.util.HashMap;

/**
 * tickwire: read options built without Hadoop. Both public builders of {@link ParquetReadOptions}
 * load {@code ParquetInputFormat} (a Hadoop MapReduce class) for its default record filter, so
 * reading a local file would need Hadoop on the class path; the options' own constructor, which is
 * package-private, does not. Nothing else of parquet-java is replaced.
 */
public final class HadoopFreeReadOptions
{
    private static final int MAX_ALLOCATION = 8 << 20; // parquet's own default

    private HadoopFreeReadOptions()
    {
    }

    public static ParquetReadOptions create(final CompressionCodecFactory codecs)
    {
        return new ParquetReadOptions(true, true, true, true, true, false, false, false, false,
            FilterCompat.NOOP, ParquetMetadataConverter.NO_FILTER, codecs, new HeapByteBufferAllocator(), MAX_ALLOCATION,
            new HashMap<>(), null, null, new PlainParquetConfiguration());
    }
}
