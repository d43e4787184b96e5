package dev.tickwire.adapters.sierra;

import dev.tickwire.engine.adapter.AdapterContext;
import dev.tickwire.engine.ring.TickSlot;
import dev.tickwire.wire.sbe.Side;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Tails one Sierra Chart intraday file ({@code <Data>/<SYMBOL>.scid}): tick records become trades
 * (with the bid and ask Sierra Chart stored with them) or bid/ask quotes; aggregated bar records
 * (downloaded history) are counted and skipped, never taken for trades.
 */
final class ScidSource extends SierraFileSource
{
    private static final int CHUNK_RECORDS = 4096;

    private final Path path;
    private AtomicCounter barsSkipped;
    private long trades;
    private long quotes;
    private long bars;

    ScidSource(final SierraContract contract, final int sourceId, final Path path, final long pollIntervalNs,
        final boolean follow)
    {
        super(contract, sourceId, "scid", ScidFormat.RECORD_SIZE, CHUNK_RECORDS, pollIntervalNs, follow);
        this.path = path;
        this.file = new RecordFile(path, ScidFormat.HEADER_SIZE, ScidFormat.RECORD_SIZE, ScidFormat::checkHeader);
    }

    @Override
    void onStart(final AdapterContext context)
    {
        barsSkipped = context.counter("bar records skipped");
    }

    @Override
    long nextEpochAfterRewrite(final long epoch)
    {
        return epoch + 1;
    }

    @Override
    int poll(final long now) throws IOException
    {
        if (!ready(file))
        {
            if (!follow)
            {
                inputProblem(file.path() + ": not read: " + file.problem());
                done = true; // an import of a file that is missing or not a .scid: reported, nothing to read
            }
            return 0;
        }
        final int n = file.read(nextIndex, CHUNK_RECORDS, chunk);
        for (int i = 0; i < n; i++)
        {
            publish(i * ScidFormat.RECORD_SIZE);
        }
        bytesRead += (long)n * ScidFormat.RECORD_SIZE;
        if (n == 0)
        {
            partialRecord(file, now);
            if (!follow && nextIndex >= file.records())
            {
                done = true;
            }
        }
        return n;
    }

    private void publish(final int offset)
    {
        final long index = nextIndex++;
        final long position = SierraPositions.position(epoch, index + 1);
        final long eventTimeNs = ScidFormat.toEpochNanos(ScidFormat.dateTime(chunkView, offset));
        lastEventTimeNs = eventTimeNs;
        final int kind = ScidFormat.kind(chunkView, offset);
        if (kind == ScidFormat.KIND_BAR)
        {
            bars++;
            barsSkipped.incrementRelease();
            return;
        }
        final SierraPrices prices = contract.prices;
        final long sequence = publisher.claim();
        final TickSlot slot = publisher.slot(sequence);
        final long receiveTimeNs = clock.nanoTime();
        if (kind == ScidFormat.KIND_TRADE)
        {
            trades++;
            final long askVolume = ScidFormat.askVolume(chunkView, offset);
            final long bidVolume = ScidFormat.bidVolume(chunkView, offset);
            final Side aggressor = askVolume > 0 ? Side.BUY : bidVolume > 0 ? Side.SELL : Side.NONE;
            slot.length(writer.trade(slot.buffer(), 0, sourceId, position, instrumentId, eventTimeNs, receiveTimeNs,
                prices.price(ScidFormat.close(chunkView, offset)),
                prices.size(ScidFormat.totalVolume(chunkView, offset)),
                aggressor, index + 1,
                prices.optionalPrice(ScidFormat.low(chunkView, offset)),
                prices.optionalPrice(ScidFormat.high(chunkView, offset))));
        }
        else
        {
            quotes++;
            slot.length(writer.quote(slot.buffer(), 0, sourceId, position, instrumentId, eventTimeNs, receiveTimeNs,
                prices.price(ScidFormat.low(chunkView, offset)), prices.size(ScidFormat.bidVolume(chunkView, offset)),
                prices.price(ScidFormat.high(chunkView, offset)), prices.size(ScidFormat.askVolume(chunkView, offset))));
        }
        publisher.publish(sequence);
    }

    @Override
    public String describe(final long position)
    {
        final long index = SierraPositions.count(position) - 1;
        return path.getFileName() + " byte " + (ScidFormat.HEADER_SIZE + index * ScidFormat.RECORD_SIZE) +
            " (record " + index + (SierraPositions.epoch(position) > 0 ? ", file version " + SierraPositions.epoch(position) : "") + ")";
    }

    long trades()
    {
        return trades;
    }

    long quotes()
    {
        return quotes;
    }

    long bars()
    {
        return bars;
    }
}
