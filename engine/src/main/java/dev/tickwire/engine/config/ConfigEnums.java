package dev.tickwire.engine.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a setting with a fixed set of values is written: the enum constant in lower case with '-' for
 * '_' ({@code PER_STAGE} is {@code per-stage}), exactly (no other case, no spaces). The config enums
 * return it from {@code toString()}, marked {@code @JsonValue}, so YAML reads them the same way.
 */
public final class ConfigEnums
{
    private ConfigEnums()
    {
    }

    public static String nameOf(final Enum<?> value)
    {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every value's name, e.g. "single, per-stage". */
    public static String names(final Class<?> type)
    {
        return Arrays.stream(type.getEnumConstants()).map(v -> nameOf((Enum<?>)v)).collect(Collectors.joining(", "));
    }

    /** The value named {@code text}; a {@link ConfigException} naming {@code key} and every allowed value else. */
    public static <E extends Enum<E>> E parse(final String key, final String text, final Class<E> type)
    {
        for (final E value : type.getEnumConstants())
        {
            if (nameOf(value).equals(text))
            {
                return value;
            }
        }
        throw new ConfigException(key, text == null ? "must not be empty; one of " + names(type) :
            "'" + text + "' is not one of " + names(type));
    }
}
