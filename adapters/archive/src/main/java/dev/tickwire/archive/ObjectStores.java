package dev.tickwire.archive;

import dev.tickwire.engine.config.ConfigException;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/** Opens an archive location: a folder, or {@code scheme://...} through the provider of that scheme. */
public final class ObjectStores
{
    private ObjectStores()
    {
    }

    /** True for "s3://..." and other URI locations, false for a folder (a Windows drive letter is a folder). */
    public static boolean isRemote(final String location)
    {
        return dev.tickwire.journal.ArchiveLink.isRemote(location);
    }

    /**
     * @param key         the config key or option that named the location, for messages
     * @param settings    the remote store's settings (ignored for a folder)
     * @param settingsKey the config key or option the settings come from, for messages
     */
    public static ObjectStore open(final String location, final String key, final Map<String, String> settings,
        final String settingsKey)
    {
        if (!isRemote(location))
        {
            return new LocalObjectStore(Path.of(location));
        }
        final String scheme = location.substring(0, location.indexOf("://")).toLowerCase(Locale.ROOT);
        if (scheme.equals("file"))
        {
            return new LocalObjectStore(Path.of(java.net.URI.create(location)));
        }
        for (final ObjectStoreProvider p : ServiceLoader.load(ObjectStoreProvider.class))
        {
            if (p.scheme().equals(scheme))
            {
                return p.open(location, key, settings, settingsKey);
            }
        }
        throw new ConfigException(key, "no object store for " + scheme + ":// locations on the class path " +
            "(the tickwire-s3 module serves s3://)");
    }
}
