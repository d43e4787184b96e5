package dev.tickwire.archive;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Parquet's page codecs without Hadoop: zstd through zstd-jni (the library parquet's own ZSTD
 * codec wraps, REFERENCE.md §8), and no compression. One factory per writer or reader thread: the
 * contexts are reused, not shared.
 */
final class ZstdCodecs implements CompressionCodecFactory
{
    /** zstd's default level: the size/speed point DuckDB and parquet-java use too. */
    static final int LEVEL = 3;

    private final ZstdCompressCtx compressCtx = new ZstdCompressCtx().setLevel(LEVEL);
    private final ZstdDecompressCtx decompressCtx = new ZstdDecompressCtx();

    private final BytesInputCompressor zstd = new BytesInputCompressor()
    {
        @Override
        public BytesInput compress(final BytesInput bytes) throws IOException
        {
            return BytesInput.from(compressCtx.compress(bytes.toByteArray()));
        }

        @Override
        public CompressionCodecName getCodecName()
        {
            return CompressionCodecName.ZSTD;
        }

        @Override
        public void release()
        {
        }
    };

    private final BytesInputDecompressor unzstd = new BytesInputDecompressor()
    {
        @Override
        public BytesInput decompress(final BytesInput bytes, final int uncompressedSize) throws IOException
        {
            return BytesInput.from(decompressCtx.decompress(bytes.toByteArray(), uncompressedSize));
        }

        @Override
        public void decompress(final ByteBuffer input, final int compressedSize, final ByteBuffer output,
            final int uncompressedSize) throws IOException
        {
            final byte[] in = new byte[compressedSize];
            input.get(in);
            output.put(Zstd.decompress(in, uncompressedSize));
        }

        @Override
        public void release()
        {
        }
    };

    private static final BytesInputCompressor PLAIN = new BytesInputCompressor()
    {
        @Override
        public BytesInput compress(final BytesInput bytes)
        {
            return bytes;
        }

        @Override
        public CompressionCodecName getCodecName()
        {
            return CompressionCodecName.UNCOMPRESSED;
        }

        @Override
        public void release()
        {
        }
    };

    private static final BytesInputDecompressor UNPLAIN = new BytesInputDecompressor()
    {
        @Override
        public BytesInput decompress(final BytesInput bytes, final int uncompressedSize)
        {
            return bytes;
        }

        @Override
        public void decompress(final ByteBuffer input, final int compressedSize, final ByteBuffer output,
            final int uncompressedSize)
        {
            final ByteBuffer slice = input.slice();
            slice.limit(compressedSize);
            output.put(slice);
        }

        @Override
        public void release()
        {
        }
    };

    @Override
    public BytesInputCompressor getCompressor(final CompressionCodecName codec)
    {
        return switch (codec)
        {
            case ZSTD -> zstd;
            case UNCOMPRESSED -> PLAIN;
            default -> throw new IllegalArgumentException("the archive writes zstd, not " + codec);
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(final CompressionCodecName codec)
    {
        return switch (codec)
        {
            case ZSTD -> unzstd;
            case UNCOMPRESSED -> UNPLAIN;
            default -> throw new IllegalArgumentException(
                "archive files are zstd or uncompressed; this one is " + codec + " (not written by tickwire)");
        };
    }

    @Override
    public void release()
    {
        compressCtx.close();
        decompressCtx.close();
    }
}
