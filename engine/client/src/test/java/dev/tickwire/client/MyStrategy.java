package dev.tickwire.client;

import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.TradeDecoder;
import io.aeron.Aeron;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;

/** The README's subscriber example, compiled with the tests so the README cannot drift from the API. */
public final class MyStrategy implements MarketDataListener
{
    @Override
    public void onTrade(final TradeDecoder t)
    {
        // t.price() is a mantissa: price = t.price() × 10^priceExponent of t.instrumentId()
        System.out.println("trade " + t.instrumentId() + " " + t.price() + " x " + t.size() + " " + t.aggressor());
    }

    @Override
    public void onBookDelta(final BookDeltaDecoder d)
    {
        if (d.flags().endOfBatch())
        {
            // the book is consistent here
        }
    }

    @Override
    public void onGap(final long expected, final long received)
    {
        // the engine dropped messages under back-pressure: resync from the journal if you need them
    }

    public static void main(final String[] args)
    {
        final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(TickwireAeron.defaultDirectory()));
        final MarketDataSubscriber subscriber = MarketDataSubscriber.subscribe(aeron, TickwireAeron.IPC, TickwireAeron.LIVE_STREAM, new MyStrategy());
        AgentRunner.startOnThread(new AgentRunner(new BackoffIdleStrategy(), Throwable::printStackTrace, null, subscriber));
    }
}
