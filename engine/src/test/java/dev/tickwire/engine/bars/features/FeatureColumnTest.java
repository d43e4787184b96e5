package dev.tickwire.engine.bars.features;

import dev.tickwire.wire.Values;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The column list an output loops over: names, types, scales, nulls, and the documentation of every column. */
class FeatureColumnTest
{
    @Test
    void namesAreUniqueSnakeCaseAndIndexedByOrdinal()
    {
        final Set<String> names = new HashSet<>();
        for (int i = 0; i < FeatureColumn.COUNT; i++)
        {
            final FeatureColumn c = FeatureColumn.of(i);
            assertThat(c.ordinal()).isEqualTo(i);
            assertThat(c.columnName()).matches("[a-z][a-z0-9_]*");
            assertThat(names.add(c.columnName())).as(c.columnName()).isTrue();
            assertThat(c.unit()).isNotBlank();
            assertThat(c.description()).isNotBlank();
            assertThat(c.type().isDouble() || c.type() != ColumnType.DOUBLE).isTrue();
        }
        assertThat(FeatureColumn.COUNT).isEqualTo(49);
        // every fixed-point column says its scale; the others have none
        assertThat(ColumnType.PRICE.exponent(-2, -8)).isEqualTo(-2);
        assertThat(ColumnType.NOTIONAL.exponent(-2, -8)).isEqualTo(-2);
        assertThat(ColumnType.MID_PRICE.exponent(-2, -8)).isEqualTo(-3);
        assertThat(ColumnType.SIZE.exponent(-2, -8)).isEqualTo(-8);
        assertThat(ColumnType.COUNT.exponent(-2, -8)).isZero();
        assertThat(ColumnType.MID_PRICE.isFixedPoint()).isTrue();
        assertThat(ColumnType.TIME_NS.isFixedPoint()).isFalse();
    }

    @Test
    void aFeatureBarStartsNullAndCopiesBitForBit()
    {
        final FeatureBar a = new FeatureBar();
        for (int i = 0; i < FeatureColumn.COUNT; i++)
        {
            assertThat(a.isNull(i)).isTrue();
        }
        a.set(FeatureColumn.OFI_L1, -7);
        a.set(FeatureColumn.SPREAD_TWA, 0.25);
        a.set(FeatureColumn.MID_OPEN, 100_005);
        assertThat(a.longValue(FeatureColumn.OFI_L1.ordinal())).isEqualTo(-7);
        assertThat(a.doubleValue(FeatureColumn.SPREAD_TWA.ordinal())).isEqualTo(0.25);
        assertThat(a.isNull(FeatureColumn.OFI_L1)).isFalse();
        assertThat(a.longValue(FeatureColumn.NOTIONAL)).isEqualTo(Values.NONE);
        final FeatureBar b = new FeatureBar();
        assertThat(b.sameAs(a)).isFalse();
        b.copyFrom(a);
        assertThat(b.sameAs(a)).isTrue();
        assertThat(a.toString(-2, 0)).contains("ofi_l1=-7").contains("spread_twa=0.25").contains("mid_open=100.005")
            .contains("notional=null");
        a.clear();
        assertThat(a.isNull(FeatureColumn.OFI_L1)).isTrue();
    }

    @Test
    void docsFeaturesMdDefinesEveryColumn() throws IOException
    {
        final String docs = Files.readString(Path.of("..", "docs", "features.md"));
        for (final FeatureColumn c : FeatureColumn.values())
        {
            assertThat(docs).as(c.columnName()).contains("`" + c.columnName() + "`");
        }
    }
}
