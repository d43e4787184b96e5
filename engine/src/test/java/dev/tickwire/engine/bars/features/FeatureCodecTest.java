package dev.tickwire.engine.bars.features;

import dev.tickwire.engine.bars.Bar;
import dev.tickwire.engine.bars.BarBuilder;
import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.wire.MessageWriter;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.BarDecoder;
import dev.tickwire.wire.sbe.MessageHeaderDecoder;
import dev.tickwire.wire.sbe.Side;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Bar message's feature fields are the feature columns, in order, and a bar's features cross the wire whole. */
class FeatureCodecTest
{
    @Test
    void everySchemaFieldIsItsColumnAtItsOffset() throws Exception
    {
        for (int i = 0; i < FeatureColumn.COUNT; i++)
        {
            final FeatureColumn c = FeatureColumn.of(i);
            final String field = camel(c.columnName());
            final Method offset = BarDecoder.class.getMethod(field + "EncodingOffset");
            final Method since = BarDecoder.class.getMethod(field + "SinceVersion");
            assertThat((int)offset.invoke(null)).as(field).isEqualTo(BarDecoder.notionalEncodingOffset() + 8 * i);
            assertThat((int)since.invoke(null)).as(field).isEqualTo(1);
            final Class<?> type = BarDecoder.class.getMethod(field).getReturnType();
            assertThat(type).as(field).isEqualTo(c.type().isDouble() ? double.class : long.class);
        }
        assertThat(BarDecoder.BLOCK_LENGTH).isEqualTo(BarDecoder.notionalEncodingOffset() + 8 * FeatureColumn.COUNT);
    }

    @Test
    void aBarsFeaturesCrossTheWireBitForBit()
    {
        final List<FeatureBar> sent = new ArrayList<>();
        final List<FeatureBar> received = new ArrayList<>();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        final MessageWriter writer = new MessageWriter();
        final InstrumentState state = new InstrumentState(5);
        final BarBuilder builder = new BarBuilder(BarSpec.parse("1s"), 1, -2, 0, false, (Bar bar) ->
        {
            final FeatureBar copy = new FeatureBar();
            copy.copyFrom(bar.features());
            sent.add(copy);
            bar.encode(writer, buffer, 0);
            final FeatureBar back = new FeatureBar();
            assertThat(FeatureCodec.decode(buffer, 0, back)).isTrue();
            received.add(back);
            final BarDecoder decoder = new BarDecoder().wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH,
                BarDecoder.BLOCK_LENGTH, BarDecoder.SCHEMA_VERSION);
            assertThat(decoder.notional()).isEqualTo(bar.features().longValue(FeatureColumn.NOTIONAL));
            assertThat(decoder.closePrice()).isEqualTo(bar.close());
        }, state);
        long t = 1_000_000_000L;
        for (int i = 0; i < 400; i++)
        {
            t += 37_000_000L;
            state.onQuote(10_000 + i % 7, 5 + i % 3, 10_002 + i % 5, 4 + i % 4);
            builder.onBookEvent(t);
            state.onTrade(10_001 + i % 3, 1 + i % 4, i % 2 == 0 ? Side.BUY : Side.SELL);
            builder.onTrade(t, t, i, 10_001 + i % 3, 1 + i % 4, i % 2 == 0 ? Side.BUY : Side.SELL);
        }
        assertThat(sent).hasSizeGreaterThan(10);
        for (int i = 0; i < sent.size(); i++)
        {
            assertThat(received.get(i).sameAs(sent.get(i))).as("bar %d", i).isTrue();
        }
        assertThat(sent.get(sent.size() - 1).doubleValue(FeatureColumn.SMA_5)).as("warmed up").isNotNaN();

        // a bar without features: every field null, and decode says so
        final FeatureBar none = new FeatureBar();
        FeatureCodec.encode(null, buffer, 0);
        assertThat(FeatureCodec.decode(buffer, 0, none)).isFalse();
        assertThat(none.longValue(FeatureColumn.NOTIONAL)).isEqualTo(Values.NONE);
    }

    private static String camel(final String snake)
    {
        final StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (final char ch : snake.toCharArray())
        {
            if (ch == '_')
            {
                up = true;
            }
            else
            {
                sb.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return sb.toString();
    }
}
