package dev.tickwire.engine.config;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads the YAML config. Unknown keys and wrong types fail fast with the key's dotted path. */
public final class ConfigLoader
{
    /**
     * Unknown keys and nulls for numbers fail (a null setting fails in {@code conclude()}, naming it);
     * a section or list written with no value ({@code engine:}, {@code contracts:}) keeps its default;
     * an empty entry in a list ({@code - } alone) fails, naming its place.
     */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));

    static
    {
        YAML.configOverride(java.util.List.class).setSetterInfo(JsonSetter.Value.construct(Nulls.SKIP, Nulls.FAIL));
    }

    private ConfigLoader()
    {
    }

    public static TickwireConfig load(final Path file)
    {
        if (!Files.isRegularFile(file))
        {
            throw new ConfigException("--config", "no such file: " + file);
        }
        try
        {
            return parse(Files.readString(file)).conclude();
        }
        catch (final IOException ex)
        {
            throw new ConfigException("--config", "cannot read " + file + ": " + ex.getMessage());
        }
    }

    public static TickwireConfig parse(final String yaml)
    {
        if (yaml.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("#")))
        {
            return new TickwireConfig(); // an empty file means all defaults
        }
        try
        {
            final TickwireConfig config = YAML.readValue(yaml, TickwireConfig.class);
            return config == null ? new TickwireConfig() : config;
        }
        catch (final UnrecognizedPropertyException ex)
        {
            throw new ConfigException(path(ex), "unknown key; known keys here: " +
                ex.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
        }
        catch (final JsonMappingException ex)
        {
            throw new ConfigException(path(ex), problem(ex));
        }
        catch (final JsonProcessingException ex)
        {
            throw new ConfigException("(file)", "not valid YAML: " + ex.getOriginalMessage());
        }
    }

    /** Jackson's message, but a setting with fixed values lists them as written, not the Java type. */
    private static String problem(final JsonMappingException ex)
    {
        if (ex instanceof InvalidFormatException && ((InvalidFormatException)ex).getTargetType() != null &&
            ((InvalidFormatException)ex).getTargetType().isEnum())
        {
            final InvalidFormatException invalid = (InvalidFormatException)ex;
            return "'" + invalid.getValue() + "' is not one of " + ConfigEnums.names(invalid.getTargetType());
        }
        return ex.getOriginalMessage();
    }

    /** Dotted key of a Jackson error, e.g. aeron.stream or sources[0].rate. */
    public static String path(final JsonMappingException ex)
    {
        final StringBuilder sb = new StringBuilder();
        for (final JsonMappingException.Reference ref : ex.getPath())
        {
            if (ref.getFieldName() != null)
            {
                if (sb.length() > 0)
                {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            }
            else if (ref.getIndex() >= 0)
            {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(root)" : sb.toString();
    }

    /** The mapper, for adapters that read their own section of the config with the same rules. */
    public static ObjectMapper mapper()
    {
        return YAML;
    }

    /**
     * Reads one entry of the config (a source, an output) into its section class with the same rules as
     * the rest: unknown keys and wrong types fail naming {@code key}.its.path.
     */
    public static <T> T section(final String key, final JsonNode node, final Class<T> type)
    {
        try
        {
            return YAML.treeToValue(node, type);
        }
        catch (final UnrecognizedPropertyException ex)
        {
            throw new ConfigException(key + "." + path(ex), "unknown key; known keys here: " +
                ex.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
        }
        catch (final JsonMappingException ex)
        {
            throw new ConfigException(key + "." + path(ex), problem(ex));
        }
        catch (final JsonProcessingException ex)
        {
            throw new ConfigException(key, ex.getOriginalMessage());
        }
    }
}
