package dev.tickwire.kafka;

import dev.tickwire.wire.sbe.BarDecoder;
import dev.tickwire.wire.sbe.BookDeltaDecoder;
import dev.tickwire.wire.sbe.CandleDecoder;
import dev.tickwire.wire.sbe.DerivativeTickerDecoder;
import dev.tickwire.wire.sbe.LiquidationDecoder;
import dev.tickwire.wire.sbe.OptionSummaryDecoder;
import dev.tickwire.wire.sbe.InstrumentDefinitionDecoder;
import dev.tickwire.wire.sbe.QuoteDecoder;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.TradeDecoder;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped .avsc files are what the generator makes of the SBE schema today, and cover every SBE field. */
class AvroSchemasTest
{
    /** The SBE schema in the source tree (the wire jar does not carry it). */
    static final Path SBE_XML = Path.of("../../journal/wire/src/main/sbe/tickwire.xml");

    @Test
    void theShippedSchemasAreTheGeneratorsOutput() throws Exception
    {
        final Map<String, Schema> generated;
        try (InputStream in = Files.newInputStream(SBE_XML))
        {
            generated = AvroSchemas.generate(in);
        }
        assertThat(generated.keySet()).containsExactly("InstrumentDefinition", "Trade", "Quote", "BookDelta",
            "SourceStatus", "Bar", "Candle", "DerivativeTicker", "Liquidation", "OptionSummary");
        for (final Map.Entry<String, Schema> e : generated.entrySet())
        {
            final Path shipped = Path.of("src/main/resources/avro", AvroSchemas.fileName(e.getKey()));
            assertThat(Files.readString(shipped, StandardCharsets.UTF_8))
                .as("%s drifted from the SBE schema: regenerate with AvroSchemas.main(%s, src/main/resources/avro)",
                    shipped, SBE_XML)
                .isEqualTo(AvroSchemas.text(e.getValue()));
        }
        assertThat(AvroSchemas.shipped()).isEqualTo(generated);
    }

    @Test
    void everyFieldOfEverySbeMessageIsCoveredAtTheCodecsOffset() throws Exception
    {
        final var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        final NodeList messages = factory.newDocumentBuilder().parse(SBE_XML.toFile())
            .getElementsByTagNameNS("http://fixprotocol.io/2016/sbe", "message");
        final Map<String, Schema> shipped = AvroSchemas.shipped();
        final Map<String, Class<?>> decoders = Map.of("InstrumentDefinition", InstrumentDefinitionDecoder.class,
            "Trade", TradeDecoder.class, "Quote", QuoteDecoder.class, "BookDelta", BookDeltaDecoder.class,
            "SourceStatus", SourceStatusDecoder.class, "Bar", BarDecoder.class, "Candle", CandleDecoder.class,
            "DerivativeTicker", DerivativeTickerDecoder.class, "Liquidation", LiquidationDecoder.class,
            "OptionSummary", OptionSummaryDecoder.class);
        assertThat(messages.getLength()).isEqualTo(decoders.size());
        int checked = 0;
        for (int m = 0; m < messages.getLength(); m++)
        {
            final Element message = (Element)messages.item(m);
            final String name = message.getAttribute("name");
            final Schema schema = shipped.get(name);
            assertThat(schema).as("a schema for SBE message %s", name).isNotNull();
            assertThat(((Number)schema.getObjectProp("sbe.templateId")).intValue())
                .isEqualTo(decoders.get(name).getField("TEMPLATE_ID").getInt(null));
            final NodeList fields = message.getElementsByTagName("field");
            final List<String> sbeFields = new ArrayList<>();
            for (int f = 0; f < fields.getLength(); f++)
            {
                final String field = ((Element)fields.item(f)).getAttribute("name");
                sbeFields.add(field);
                final Schema.Field avro = schema.getField(field);
                assertThat(avro).as("%s.%s in the Avro schema", name, field).isNotNull();
                @SuppressWarnings("unchecked")
                final Map<String, Object> sbe = (Map<String, Object>)avro.getObjectProp(AvroSchemas.SBE);
                final int codecOffset = ((Number)decoders.get(name).getMethod(field + "EncodingOffset")
                    .invoke(null)).intValue();
                final int codecLength = ((Number)decoders.get(name).getMethod(field + "EncodingLength")
                    .invoke(null)).intValue();
                assertThat(((Number)sbe.get("offset")).intValue()).as("%s.%s offset", name, field).isEqualTo(codecOffset);
                assertThat(((Number)sbe.get("length")).intValue()).as("%s.%s length", name, field).isEqualTo(codecLength);
                checked++;
            }
            final List<String> avroFields = schema.getFields().stream().map(Schema.Field::name)
                .filter(n -> !n.equals(AvroSchemas.SYMBOL) || sbeFields.contains(n)).toList();
            assertThat(avroFields).as("%s: the Avro fields are the SBE fields, in order", name)
                .containsExactlyElementsOf(sbeFields);
        }
        assertThat(checked).isGreaterThan(60);
    }

    @Test
    void timesAreTimestampNanosAndPricesAreExactStrings()
    {
        final Schema trade = AvroSchemas.shipped().get("Trade");
        assertThat(trade.getField("eventTimeNs").schema().getLogicalType().getName()).isEqualTo("timestamp-nanos");
        assertThat(trade.getField("price").schema().getTypes().get(1).getType()).isEqualTo(Schema.Type.STRING);
        assertThat(trade.getField("price").getProp(AvroSchemas.SCALE)).isEqualTo("price");
        assertThat(trade.getField("size").getProp(AvroSchemas.SCALE)).isEqualTo("size");
        assertThat(trade.getField("aggressor").schema().getEnumSymbols()).containsExactly("NONE", "BUY", "SELL");
        assertThat(AvroSchemas.shipped().get("BookDelta").getField("flags").schema().getElementType().getEnumSymbols())
            .containsExactly("snapshot", "endOfBatch", "correction");
    }

    @Test
    void referenceValuesAreScaledByTheirMessagesOwnExponentsAndOptionalOnesAreNullable()
    {
        final Schema ticker = AvroSchemas.shipped().get("DerivativeTicker");
        assertThat(ticker.getField("markPrice").getProp(AvroSchemas.SCALE)).isEqualTo("priceExponent");
        assertThat(ticker.getField("fundingRate").getProp(AvroSchemas.SCALE)).isEqualTo("rateExponent");
        assertThat(ticker.getField("openInterest").getProp(AvroSchemas.SCALE)).isEqualTo("sizeExponent");
        assertThat(ticker.getField("fundingTimeNs").schema().getTypes().get(1).getLogicalType().getName())
            .isEqualTo("timestamp-nanos");
        final Schema option = AvroSchemas.shipped().get("OptionSummary");
        assertThat(option.getField("strikePrice").getProp(AvroSchemas.SCALE)).isEqualTo("underlyingExponent");
        assertThat(option.getField("underlyingPrice").getProp(AvroSchemas.SCALE)).isEqualTo("underlyingExponent");
        assertThat(option.getField("bidSize").getProp(AvroSchemas.SCALE)).isEqualTo("sizeExponent");
        assertThat(option.getField("bidPrice").getProp(AvroSchemas.SCALE)).isEqualTo("priceExponent");
        assertThat(option.getField("markIv").getProp(AvroSchemas.SCALE)).isEqualTo("valueExponent");
        assertThat(option.getField("rho").getProp(AvroSchemas.SCALE)).isEqualTo("valueExponent");
        assertThat(option.getField("optionType").schema().getEnumSymbols()).containsExactly("CALL", "PUT");
        assertThat(AvroSchemas.shipped().get("Candle").getField("openPrice").getProp(AvroSchemas.SCALE)).isEqualTo("price");
        assertThat(AvroSchemas.shipped().get("Candle").getField("tradeCount").schema().getType())
            .isEqualTo(Schema.Type.UNION);
        assertThat(AvroSchemas.shipped().get("InstrumentDefinition").getField("tickSize").getProp(AvroSchemas.SCALE))
            .as("a definition's exponents are the instrument's").isEqualTo("price");
    }
}
