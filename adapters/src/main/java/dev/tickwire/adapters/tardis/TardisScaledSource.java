package dev.tickwire.adapters.tardis;

import dev.tickwire.adapters.csv.CsvFormatException;
import dev.tickwire.adapters.csv.CsvLines;
import dev.tickwire.adapters.imports.ScaledGroup;
import dev.tickwire.engine.adapter.AdapterContext;
import dev.tickwire.engine.log.ThrottledLog;
import org.agrona.concurrent.status.AtomicCounter;

import java.nio.file.Path;
import java.util.List;

/**
 * What the Tardis datasets whose values carry their own exponents share (derivative_ticker, options_chain):
 * each group of values (prices, sizes, rates, greeks) gets the exponent that keeps its values exactly, chosen
 * per row by a {@link ScaledGroup}. A row with a value of more than 18 decimals (dYdX gives funding rates with
 * 20) is rounded half-even at -18: said once with its file and line, then counted ("rows rounded").
 */
abstract class TardisScaledSource extends TardisSource
{
    private ThrottledLog roundedLog;
    private AtomicCounter roundedCounter;
    private volatile long roundedRows;

    TardisScaledSource(
        final String name, final TardisDataset dataset, final int sourceId, final List<Path> files,
        final long[] firstEventTimeNs, final String firstExchange, final String firstSymbol, final TardisScales scales,
        final TardisImport.Refusals refusals)
    {
        super(name, dataset, sourceId, files, firstEventTimeNs, firstExchange, firstSymbol, scales, refusals);
    }

    @Override
    protected void onStart(final AdapterContext context)
    {
        roundedLog = new ThrottledLog(LOG, name + ": rows with values rounded to 18 decimals", 1);
        roundedCounter = context.counter("rows rounded");
        super.onStart(context);
    }

    /**
     * Adds a field's text to a group: empty is absent, NaN and infinities are not finite (the validator
     * rejects them).
     *
     * @return the value's index in the group
     * @throws CsvFormatException naming the field and column if it is not a decimal number
     */
    protected static int add(final ScaledGroup group, final CsvLines row, final int field, final String column)
    {
        try
        {
            return group.add(row.isEmpty(field) ? null : row.text(field));
        }
        catch (final NumberFormatException ex)
        {
            throw new CsvFormatException(
                "field " + (field + 1) + " (" + column + ") is not a decimal: " + row.quoted(field));
        }
    }

    /** Call once a row's groups are concluded: counts (and says once) a row that had to be rounded. */
    protected final void checkRounded(final CsvLines row, final ScaledGroup... groups)
    {
        for (final ScaledGroup group : groups)
        {
            if (group.rounded())
            {
                roundedRows++;
                roundedCounter.incrementRelease();
                if (roundedLog.admit())
                {
                    LOG.warn("{} line {}: a value has more than 18 decimals (or does not fit a long beside the " +
                        "others): rounded half-even at exponent {}{}", row.path(), row.lineNumber(), group.exponent(),
                        roundedLog.suffix());
                }
                return;
            }
        }
    }

    @Override
    protected void onEndOfFile(final CsvLines file)
    {
        roundedLog.flush();
    }

    @Override
    long roundedRows()
    {
        return roundedRows;
    }
}
