package dev.tickwire.engine.config;

import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The factories of one kind ({@code sources:} or {@code outputs:} entries) on the class path, by their
 * {@code type:} value, found through {@link ServiceLoader}: a module adds a type with a
 * {@code META-INF/services} line.
 */
public final class ByType<F>
{
    private final String kind;
    private final TreeMap<String, F> factories = new TreeMap<>();

    private ByType(final String kind)
    {
        this.kind = kind;
    }

    /**
     * @param kind for messages: "source" or "output"
     * @param type a factory's {@code type:} value
     */
    public static <F> ByType<F> load(final Class<F> factoryClass, final String kind, final Function<F, String> type)
    {
        final ByType<F> byType = new ByType<>(kind);
        ServiceLoader.load(factoryClass).forEach(f -> byType.factories.put(type.apply(f), f));
        return byType;
    }

    /** The factory of {@code type}; a {@link ConfigException} naming {@code key} and the known types else. */
    public F get(final String key, final String type)
    {
        final F factory = factories.get(type);
        if (factory == null)
        {
            throw new ConfigException(key, "unknown " + kind + " type '" + type + "'; known: " +
                String.join(", ", factories.keySet()));
        }
        return factory;
    }

    /** The known types, sorted. */
    public java.util.Set<String> types()
    {
        return factories.keySet();
    }
}
