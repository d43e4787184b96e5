package dev.tickwire.engine.bars.features;

import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BarKind;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Compares every within-bar column of every bar a {@link Driver} emitted with the {@link Reference}. */
final class FeatureCheck
{
    /** What the checked bars covered, so a test can insist its cases happened. */
    static final class Coverage
    {
        int bars;
        int emptyBars;
        int crossed;
        int emptySide;
        int noBook;
        int ofi;
        int impact;
        int midMoves;

        @Override
        public String toString()
        {
            return "bars=" + bars + " empty=" + emptyBars + " crossed=" + crossed + " emptySide=" + emptySide +
                " noBook=" + noBook + " ofi=" + ofi + " impact=" + impact + " midMoves=" + midMoves;
        }
    }

    private FeatureCheck()
    {
    }

    static Coverage check(
        final List<Tape.Event> events, final List<BarSpec> specs, final Driver driver, final Coverage coverage,
        final String context)
    {
        final Reference reference = new Reference(events, driver.state.depth());
        for (int k = 0; k < specs.size(); k++)
        {
            final BarSpec spec = specs.get(k);
            int previousEnd = 0;
            long previousCloseTime = events.get(0).t();
            for (final Driver.Emitted bar : driver.bars.get(k))
            {
                final int a;
                final int b;
                final long s;
                final long e;
                if (spec.kind() == BarKind.TIME)
                {
                    s = bar.start();
                    e = bar.end();
                    a = firstAtOrAfter(events, s);
                    b = firstAtOrAfter(events, e);
                }
                else
                {
                    a = previousEnd;
                    b = (int)bar.sequence() + 1;
                    s = previousCloseTime;
                    e = events.get(b - 1).t();
                    previousEnd = b;
                    previousCloseTime = e;
                }
                final Map<FeatureColumn, Object> expected = reference.bar(a, b, s, e, bar.close(), bar.vwap(),
                    bar.volume(), bar.trades(), driver.priceExponent, driver.sizeExponent);
                final String where = context + " " + spec + " bar [" + s + ", " + e + "] events [" + a + ", " + b + ")";
                for (final Map.Entry<FeatureColumn, Object> x : expected.entrySet())
                {
                    compare(bar.features(), x.getKey(), x.getValue(), where);
                }
                count(coverage, bar);
            }
        }
        return coverage;
    }

    private static void count(final Coverage coverage, final Driver.Emitted bar)
    {
        final FeatureBar f = bar.features();
        coverage.bars++;
        coverage.emptyBars += bar.empty() ? 1 : 0;
        coverage.crossed += f.longValue(FeatureColumn.CROSSED_NS) > 0 ? 1 : 0;
        coverage.emptySide += f.longValue(FeatureColumn.EMPTY_SIDE_NS) > 0 ? 1 : 0;
        coverage.noBook += f.isNull(FeatureColumn.MID_OPEN) ? 1 : 0;
        coverage.ofi += f.longValue(FeatureColumn.OFI_L1) != 0 && f.longValue(FeatureColumn.OFI_TOPN) != 0 ? 1 : 0;
        coverage.impact += f.isNull(FeatureColumn.PRICE_IMPACT) ? 0 : 1;
        coverage.midMoves += !f.isNull(FeatureColumn.RV_MID) && f.doubleValue(FeatureColumn.RV_MID) > 0 ? 1 : 0;
    }

    static int firstAtOrAfter(final List<Tape.Event> events, final long t)
    {
        int i = 0;
        while (i < events.size() && events.get(i).t() < t)
        {
            i++;
        }
        return i;
    }

    static void compare(final FeatureBar actual, final FeatureColumn column, final Object expected, final String where)
    {
        compare(actual, column, expected, where, 0);
    }

    /** @param scale the magnitude the value's rounding is relative to, when it is more than the value's own */
    static void compare(
        final FeatureBar actual, final FeatureColumn column, final Object expected, final String where,
        final double scale)
    {
        final String what = where + " " + column.columnName();
        if (column.type().isDouble())
        {
            final double value = actual.doubleValue(column);
            if (expected == null)
            {
                assertThat(value).as(what).isNaN();
                return;
            }
            final double x = (Double)expected;
            if (Double.isNaN(value))
            {
                fail(what + ": null, expected " + x);
            }
            // relative to the value, with a floor for ratios that cancel towards 0
            final double floor = column.unit().equals("ratio") ? 1 : 1e-12;
            final double tolerance = 1e-9 * Math.max(Math.max(Math.abs(x), scale), floor);
            assertThat(value).as(what).isCloseTo(x, org.assertj.core.data.Offset.offset(tolerance));
        }
        else
        {
            final long value = actual.longValue(column);
            assertThat(value).as(what).isEqualTo(expected == null ? Values.NONE : (Long)expected);
        }
    }
}
