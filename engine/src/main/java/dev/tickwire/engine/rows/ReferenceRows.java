package dev.tickwire.engine.rows;

import dev.tickwire.journal.Instrument;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.sbe.CandleDecoder;
import dev.tickwire.wire.sbe.DerivativeTickerDecoder;
import dev.tickwire.wire.sbe.LiquidationDecoder;
import dev.tickwire.wire.sbe.OptionSummaryDecoder;

/**
 * One instrument's reference data (candles, derivative tickers, liquidations, option summaries) as rows of
 * {@link MarketRows}, whatever the format: each message is one row, opened and closed by the {@link Target}
 * (a JSON object in an array, a CSV line). For {@code tickwire reference} and {@code /contracts/{symbol}/reference}.
 */
public final class ReferenceRows implements MarketDataListener
{
    /** Where the rows go. */
    public interface Target
    {
        /** Opens a row and returns the writer of its fields. */
        RowWriter begin();

        /** Closes the row. */
        void end();
    }

    private final Instrument instrument;
    private final Target target;
    private long count;

    public ReferenceRows(final Instrument instrument, final Target target)
    {
        this.instrument = instrument;
        this.target = target;
    }

    /** Rows written so far. */
    public long count()
    {
        return count;
    }

    @Override
    public void onCandle(final CandleDecoder candle)
    {
        MarketRows.candle(candle, instrument, target.begin());
        end();
    }

    @Override
    public void onDerivativeTicker(final DerivativeTickerDecoder ticker)
    {
        MarketRows.derivativeTicker(ticker, target.begin());
        end();
    }

    @Override
    public void onLiquidation(final LiquidationDecoder liquidation)
    {
        MarketRows.liquidation(liquidation, instrument, target.begin());
        end();
    }

    @Override
    public void onOptionSummary(final OptionSummaryDecoder option)
    {
        MarketRows.optionSummary(option, target.begin());
        end();
    }

    private void end()
    {
        target.end();
        count++;
    }
}
