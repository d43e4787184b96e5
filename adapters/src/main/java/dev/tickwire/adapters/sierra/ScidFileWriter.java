package dev.tickwire.adapters.sierra;


import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a {@code .scid} file the way Sierra Chart does: records collect in memory and reach the file only on
 * {@link #flush()} (Sierra flushes every few seconds, "Intraday File Flush Time"), so a concurrent reader sees
 * the file grow in steps, and {@link #flushPartial(int)} can leave a partial trailing record on disk.
 * <p>
 * A new or empty file gets a header at once. An existing file must have a valid header; the writer appends
 * after the whole records already there, cutting off a partial trailing record left by an earlier writer, and
 * continues the unique-timestamp counter from the last whole record.
 * <p>
 * Times come in as Unix epoch nanoseconds and are stored as SCDateTimeMS, µs precision (rounded down).
 * {@link #trade} and {@link #quote} keep DateTime strictly increasing with {@link #uniqueMicros}. Prices are
 * passed through untouched. The pending buffer grows (doubling) if the caller writes a lot between flushes;
 * otherwise the record methods do not allocate. Test and demo tool, not thread-safe.
 */
public final class ScidFileWriter extends RecordFileWriter
{
    private long lastDateTime;

    public ScidFileWriter(final Path file) throws IOException
    {
        super(file, ScidFormat.HEADER_SIZE, ScidFormat.RECORD_SIZE, 1024,
            b -> ScidFormat.writeHeader(b, 0), ScidFormat::checkHeader, ".scid");
        lastDateTime = lastDateTimeOnOpen();
    }

    /** The DateTime for a tick after one stamped {@code previousScDateTimeUs}: never equal, never earlier. */
    public static long uniqueMicros(final long previousScDateTimeUs, final long scDateTimeUs)
    {
        return Math.max(scDateTimeUs, previousScDateTimeUs + 1);
    }

    /**
     * A trade: Open = {@code openMarker}, High = ask, Low = bid, Close = price, NumTrades 1,
     * TotalVolume = volume, and the volume again as AskVolume (aggressor +1, buy), BidVolume (-1, sell) or
     * neither (0, unknown).
     *
     * @param openMarker {@link ScidFormat#SINGLE_TRADE}, {@link ScidFormat#FIRST_SUB_TRADE} or
     *                   {@link ScidFormat#LAST_SUB_TRADE}
     * @throws IllegalArgumentException for another marker or aggressor, or a volume outside [1, 2^32 − 1]
     *                                  (a record with TotalVolume 0 is a bid/ask update: use {@link #quote})
     */
    public void trade(
        final long epochNanos,
        final float price,
        final float bid,
        final float ask,
        final long volume,
        final int aggressor,
        final float openMarker)
    {
        if (!ScidFormat.isTickMarker(openMarker))
        {
            throw new IllegalArgumentException("open " + openMarker + " is not a tick marker");
        }
        if (volume <= 0)
        {
            throw new IllegalArgumentException("volume " + volume + " must be > 0 (use quote() for bid/ask)");
        }
        final long bidVolume;
        final long askVolume;
        switch (aggressor)
        {
            case 1:
                bidVolume = 0;
                askVolume = volume;
                break;
            case -1:
                bidVolume = volume;
                askVolume = 0;
                break;
            case 0:
                bidVolume = 0;
                askVolume = 0;
                break;
            default:
                throw new IllegalArgumentException("aggressor " + aggressor + " is not +1, -1 or 0");
        }
        final long dateTime = uniqueMicros(lastDateTime, ScidFormat.toScDateTime(epochNanos));
        append(dateTime, openMarker, ask, bid, price, 1, volume, bidVolume, askVolume);
        lastDateTime = dateTime;
    }

    /** A bid/ask-only update: Open 0, High = ask, Low = bid, Close 0, NumTrades 1, TotalVolume 0, sizes as volumes. */
    public void quote(final long epochNanos, final float bid, final float ask, final long bidSize, final long askSize)
    {
        final long dateTime = uniqueMicros(lastDateTime, ScidFormat.toScDateTime(epochNanos));
        append(dateTime, ScidFormat.SINGLE_TRADE, ask, bid, 0.0f, 1, 0, bidSize, askSize);
        lastDateTime = dateTime;
    }

    /**
     * An aggregated bar (downloaded history), stamped exactly as given (bars are not made unique). Bid and ask
     * volumes are 0. {@code open} should be an ordinary price, or {@code numTrades > 1}, for a reader to see a bar.
     */
    public void bar(
        final long epochNanos,
        final float open,
        final float high,
        final float low,
        final float close,
        final long numTrades,
        final long volume)
    {
        final long dateTime = ScidFormat.toScDateTime(epochNanos);
        append(dateTime, open, high, low, close, numTrades, volume, 0, 0);
        lastDateTime = Math.max(lastDateTime, dateTime);
    }

    private void append(
        final long dateTime,
        final float open,
        final float high,
        final float low,
        final float close,
        final long numTrades,
        final long totalVolume,
        final long bidVolume,
        final long askVolume)
    {
        ScidFormat.writeRecord(
            encoder(), reserve(), dateTime, open, high, low, close, numTrades, totalVolume, bidVolume, askVolume);
        commit();
    }
}
