package dev.tickwire.kafka;

import dev.tickwire.engine.bars.features.ColumnType;
import dev.tickwire.engine.bars.features.FeatureColumn;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Avro schemas of the Kafka output, generated from the SBE schema (journal/wire/src/main/sbe/tickwire.xml)
 * so that a field added there is a field here: one record per SBE message, one Avro field per SBE field, in
 * the same order, plus the instrument's symbol. The generated {@code .avsc} files are shipped in
 * {@code src/main/resources/avro/} (the run time reads those, not the XML); a test regenerates them and
 * fails if they drifted. Regenerate with {@code main(<tickwire.xml>, <dir>)}.
 *
 * <p>Mapping: {@code Nanos} → long with logical type timestamp-nanos; SBE enums → Avro enums; the
 * {@code DeltaFlags} set → an array of enum symbols; char arrays → string; integers → int or long.
 * Prices and sizes ({@code Mantissa}) become <b>exact decimal strings</b> ("5853.25", as {@code tickwire
 * dump} writes them; null when absent, "NaN" for a source's non-finite value): an Avro {@code decimal} has
 * one scale per schema, but each instrument has its own exponent, so a decimal would need one schema per
 * exponent or a rescale that can overflow; a mantissa + exponent pair is exact too but makes every
 * consumer do the arithmetic. Strings are exact, self-describing and read the same in every language.
 *
 * <p>Each field carries an {@code sbe} property (id, SBE type, offset in the message block, length): the
 * encoder reads the value from the journaled bytes there, so no per-message code exists to drift.
 *
 * <p>Reference data whose values carry their own exponents (a derivative ticker's, an option summary's): a decimal
 * field's {@code scale} is then the name of the message's exponent field that scales it ({@code priceExponent},
 * {@code sizeExponent}, {@code rateExponent}, {@code underlyingExponent}, {@code valueExponent}), by the rule of
 * {@link #ownExponent}; an optional SBE type ({@code presence="optional"}) is nullable, null when absent.
 *
 * <p>A field added in a later schema version ({@code sinceVersion}, e.g. a bar's features) is nullable with a null
 * default: an older message does not have it, and a feature that is not defined for a bar (SBE's null: the int64
 * null or NaN) is null. A bar feature's field also carries {@code feature} (its column name, docs/features.md),
 * and a decimal one the scale of its {@code ColumnType}: {@code price}, {@code size}, or {@code mid} (a mid, at
 * the price exponent − 1).
 */
public final class AvroSchemas
{
    public static final String NAMESPACE = "dev.tickwire.avro";
    /** The record field that is not in the SBE message: the instrument's symbol, from the journal's catalog. */
    public static final String SYMBOL = "symbol";
    public static final String SBE = "sbe";
    /** Which exponent scales a decimal field: "price", "size" or "mid" (the price exponent − 1). */
    public static final String SCALE = "scale";
    /** The bar feature column a field holds (docs/features.md). */
    public static final String FEATURE = "feature";
    private static final String SBE_NS = "http://fixprotocol.io/2016/sbe";

    private AvroSchemas()
    {
    }

    /** The SBE message names, in schema order, and their Avro file names. */
    public static String fileName(final String messageName)
    {
        return messageName + ".avsc";
    }

    /** Writes the schemas generated from {@code args[0]} (the SBE XML) to the folder {@code args[1]}. */
    public static void main(final String[] args) throws IOException
    {
        final Map<String, Schema> schemas;
        try (InputStream in = Files.newInputStream(Path.of(args[0])))
        {
            schemas = generate(in);
        }
        final Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        for (final Map.Entry<String, Schema> e : schemas.entrySet())
        {
            Files.writeString(dir.resolve(fileName(e.getKey())), text(e.getValue()), StandardCharsets.UTF_8);
        }
    }

    /** The text of a shipped file: the schema, pretty-printed, and a newline. */
    public static String text(final Schema schema)
    {
        return schema.toString(true) + "\n";
    }

    /** The shipped schemas by SBE message name, as {@link #generate} made them. */
    public static Map<String, Schema> shipped()
    {
        final Map<String, Schema> schemas = new LinkedHashMap<>();
        for (final String name : List.of("InstrumentDefinition", "Trade", "Quote", "BookDelta", "SourceStatus", "Bar",
            "Candle", "DerivativeTicker", "Liquidation", "OptionSummary"))
        {
            try (InputStream in = AvroSchemas.class.getResourceAsStream("/avro/" + fileName(name)))
            {
                if (in == null)
                {
                    throw new IllegalStateException("avro/" + fileName(name) + " is not on the class path");
                }
                schemas.put(name, new Schema.Parser().parse(in));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        return schemas;
    }

    /** One Avro record schema per SBE message of the XML, by message name, in schema order. */
    public static Map<String, Schema> generate(final InputStream sbeXml)
    {
        final Document doc;
        try
        {
            final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = factory.newDocumentBuilder().parse(sbeXml);
        }
        catch (final Exception ex)
        {
            throw new IllegalArgumentException("cannot read the SBE schema: " + ex.getMessage(), ex);
        }
        final Map<String, Element> types = new HashMap<>();
        final NodeList typesNodes = doc.getElementsByTagName("types");
        for (int t = 0; t < typesNodes.getLength(); t++)
        {
            final NodeList children = typesNodes.item(t).getChildNodes();
            for (int i = 0; i < children.getLength(); i++)
            {
                if (children.item(i) instanceof Element e)
                {
                    types.put(e.getAttribute("name"), e);
                }
            }
        }
        final Map<String, Schema> schemas = new LinkedHashMap<>();
        final NodeList messages = doc.getElementsByTagNameNS(SBE_NS, "message");
        for (int m = 0; m < messages.getLength(); m++)
        {
            final Element message = (Element)messages.item(m);
            schemas.put(message.getAttribute("name"), record(message, types));
        }
        return schemas;
    }

    private static Schema record(final Element message, final Map<String, Element> types)
    {
        final String name = message.getAttribute("name");
        final List<Schema.Field> fields = new ArrayList<>();
        final NodeList children = message.getElementsByTagName("field");
        final java.util.Set<String> exponents = new java.util.HashSet<>();
        for (int i = 0; i < children.getLength(); i++)
        {
            final String fieldName = ((Element)children.item(i)).getAttribute("name");
            // a definition's exponents are the instrument's, not its own values
            if (fieldName.endsWith("Exponent") && !name.equals("InstrumentDefinition"))
            {
                exponents.add(fieldName);
            }
        }
        boolean hasSymbol = false;
        int offset = 0;
        for (int i = 0; i < children.getLength(); i++)
        {
            final Element field = (Element)children.item(i);
            final String fieldName = field.getAttribute("name");
            final String typeName = field.getAttribute("type");
            final Element type = types.get(typeName);
            final int length = length(typeName, type, types);
            final boolean later = !field.getAttribute("sinceVersion").isEmpty() &&
                Integer.parseInt(field.getAttribute("sinceVersion")) > 0;
            final Schema avro = avroType(fieldName, typeName, type);
            final boolean nullable = later && avro.getType() != Schema.Type.UNION;
            final Schema.Field f = new Schema.Field(fieldName, nullable ? nullable(avro) : avro,
                doc(field, type), later ? JsonProperties.NULL_VALUE : defaultOf(typeName, type));
            final Map<String, Object> sbe = new LinkedHashMap<>();
            sbe.put("id", Integer.parseInt(field.getAttribute("id")));
            sbe.put("type", typeName);
            sbe.put("primitive", primitive(typeName, type, types));
            sbe.put("offset", offset);
            sbe.put("length", length);
            f.addProp(SBE, sbe);
            final FeatureColumn feature = name.equals("Bar") && later ? feature(fieldName) : null;
            if (feature != null)
            {
                f.addProp(FEATURE, feature.columnName());
            }
            if (isDecimal(typeName))
            {
                f.addProp(SCALE, feature != null ? scale(feature.type()) : !exponents.isEmpty() ?
                    ownExponent(name, fieldName, exponents) : isPrice(fieldName) ? "price" : "size");
            }
            fields.add(f);
            hasSymbol |= fieldName.equals(SYMBOL);
            offset += length;
        }
        if (!hasSymbol)
        {
            fields.add(0, new Schema.Field(SYMBOL, nullable(Schema.create(Schema.Type.STRING)),
                "the instrument's symbol (from the journal's catalog; not an SBE field)", JsonProperties.NULL_VALUE));
        }
        final String description = message.getAttribute("description");
        final Schema record = Schema.createRecord(name, description.isEmpty() ? "SBE message " + name :
            description, NAMESPACE, false, fields);
        record.addProp("sbe.templateId", Integer.parseInt(message.getAttribute("id")));
        return record;
    }

    /**
     * The exponent field that scales a value of a message with exponents of its own: rates by {@code rateExponent}, the
     * strike and the underlying by {@code underlyingExponent}, open interest and sizes by {@code sizeExponent}, other
     * prices by {@code priceExponent}, the rest (implied volatilities, greeks) by {@code valueExponent}; as the
     * schema's descriptions say, and as {@code MarketRows} and the archive's columns read them.
     */
    static String ownExponent(final String message, final String field, final java.util.Set<String> exponents)
    {
        final String exponent;
        if (field.contains("Rate"))
        {
            exponent = "rateExponent";
        }
        else if (field.equals("strikePrice") || field.startsWith("underlying"))
        {
            exponent = "underlyingExponent";
        }
        else if (field.equals("openInterest") || field.endsWith("Size"))
        {
            exponent = "sizeExponent";
        }
        else if (field.contains("Price"))
        {
            exponent = "priceExponent";
        }
        else
        {
            exponent = "valueExponent";
        }
        if (!exponents.contains(exponent))
        {
            throw new IllegalArgumentException(message + "." + field + ": no " + exponent + " field scales it " +
                "(the message has " + new java.util.TreeSet<>(exponents) + ")");
        }
        return exponent;
    }

    /** The feature column whose name is the field's in snake_case (sma5: sma_5); null for another field. */
    private static FeatureColumn feature(final String fieldName)
    {
        for (final FeatureColumn c : FeatureColumn.values())
        {
            if (c.columnName().replace("_", "").equalsIgnoreCase(fieldName))
            {
                return c;
            }
        }
        throw new IllegalArgumentException("Bar field " + fieldName + " is not a feature column");
    }

    private static String scale(final ColumnType type)
    {
        switch (type)
        {
            case PRICE:
            case NOTIONAL:
                return "price";
            case MID_PRICE:
                return "mid";
            case SIZE:
                return "size";
            default:
                throw new IllegalArgumentException(type + " is not a decimal");
        }
    }

    private static Schema avroType(final String fieldName, final String typeName, final Element type)
    {
        if (type == null)
        {
            return primitiveSchema(typeName);
        }
        switch (type.getTagName())
        {
            case "enum":
                return Schema.createEnum(typeName, doc(null, type), NAMESPACE, children(type, "validValue"));
            case "set":
                final String item = typeName.endsWith("s") ? typeName.substring(0, typeName.length() - 1) : typeName;
                return Schema.createArray(Schema.createEnum(item, doc(null, type), NAMESPACE, children(type, "choice")));
            case "type":
                if (typeName.equals("Nanos"))
                {
                    return LogicalTypes.timestampNanos().addToSchema(Schema.create(Schema.Type.LONG));
                }
                if (isDecimal(typeName))
                {
                    return nullable(Schema.create(Schema.Type.STRING));
                }
                if (type.getAttribute("presence").equals("optional")) // OptionalNanos, OptionalCount: null when absent
                {
                    return nullable(typeName.endsWith("Nanos") ?
                        LogicalTypes.timestampNanos().addToSchema(Schema.create(Schema.Type.LONG)) :
                        primitiveSchema(type.getAttribute("primitiveType")));
                }
                if (type.hasAttribute("length"))
                {
                    return Schema.create(Schema.Type.STRING);
                }
                return primitiveSchema(type.getAttribute("primitiveType"));
            default:
                throw new IllegalArgumentException("field " + fieldName + ": SBE type " + typeName + " (" +
                    type.getTagName() + ") has no Avro mapping");
        }
    }

    private static List<String> children(final Element type, final String tag)
    {
        final List<String> names = new ArrayList<>();
        final NodeList values = type.getElementsByTagName(tag);
        for (int i = 0; i < values.getLength(); i++)
        {
            names.add(((Element)values.item(i)).getAttribute("name"));
        }
        return names;
    }

    private static Schema primitiveSchema(final String primitive)
    {
        switch (primitive)
        {
            case "int8": case "uint8": case "int16": case "uint16": case "int32":
                return Schema.create(Schema.Type.INT);
            case "uint32": case "int64":
                return Schema.create(Schema.Type.LONG);
            case "double":
                return Schema.create(Schema.Type.DOUBLE);
            default:
                throw new IllegalArgumentException("SBE primitive " + primitive + " has no Avro mapping");
        }
    }

    private static String primitive(final String typeName, final Element type, final Map<String, Element> types)
    {
        if (type == null)
        {
            return typeName;
        }
        return type.hasAttribute("primitiveType") ? type.getAttribute("primitiveType") : type.getAttribute("encodingType");
    }

    private static int length(final String typeName, final Element type, final Map<String, Element> types)
    {
        final String primitive = primitive(typeName, type, types);
        final int size;
        switch (primitive)
        {
            case "char": case "int8": case "uint8": size = 1; break;
            case "int16": case "uint16": size = 2; break;
            case "int32": case "uint32": size = 4; break;
            case "int64": case "uint64": case "double": size = 8; break;
            default: throw new IllegalArgumentException("SBE primitive " + primitive + " of " + typeName + " has no size");
        }
        return type != null && type.hasAttribute("length") ? size * Integer.parseInt(type.getAttribute("length")) : size;
    }

    private static Object defaultOf(final String typeName, final Element type)
    {
        return isDecimal(typeName) || type != null && type.getAttribute("presence").equals("optional") ?
            JsonProperties.NULL_VALUE : null;
    }

    private static String doc(final Element field, final Element type)
    {
        if (field != null && !field.getAttribute("description").isEmpty())
        {
            return field.getAttribute("description");
        }
        return type != null && !type.getAttribute("description").isEmpty() ? type.getAttribute("description") : null;
    }

    /** Fixed-point values: written as exact decimal strings. */
    static boolean isDecimal(final String sbeType)
    {
        return sbeType.equals("Mantissa") || sbeType.equals("OptionalMantissa");
    }

    /** Prices (and tick sizes and VWAPs) scale by the price exponent, everything else by the size exponent. */
    static boolean isPrice(final String fieldName)
    {
        return fieldName.toLowerCase(java.util.Locale.ROOT).contains("price") || fieldName.equals("tickSize") ||
            fieldName.equals("vwap");
    }

    private static Schema nullable(final Schema schema)
    {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), schema);
    }
}
