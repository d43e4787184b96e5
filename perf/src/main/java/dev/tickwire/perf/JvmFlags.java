package dev.tickwire.perf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The JVM flags from the parent pom (filtered into tickwire-perf.properties), for benchmark forks. */
final class JvmFlags
{
    private JvmFlags()
    {
    }

    static String[] get()
    {
        try (InputStream in = JvmFlags.class.getResourceAsStream("/tickwire-perf.properties"))
        {
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("jvm.flags").trim().split("\\s+");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
