package dev.tickwire.engine.config;

/** A configuration error; the message names the offending key so it can be fixed at once. */
public final class ConfigException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;
    private final String key;

    public ConfigException(final String key, final String problem)
    {
        super("config key '" + key + "': " + problem);
        this.key = key;
    }

    public String key()
    {
        return key;
    }
}
