package dev.tickwire.engine.config;

/** A configuration error; the message names the offending key so it can be fixed at once. */
public final class ConfigException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;
    private final String key;

    /** A problem is cut to this many characters: a parser's message can quote the whole (any size) input. */
    static final int MAX_PROBLEM = 500;

    public ConfigException(final String key, final String problem)
    {
        super("config key '" + key + "': " + (problem != null && problem.length() > MAX_PROBLEM ?
            problem.substring(0, MAX_PROBLEM) + "... (" + problem.length() + " characters)" : problem));
        this.key = key;
    }

    public String key()
    {
        return key;
    }
}
