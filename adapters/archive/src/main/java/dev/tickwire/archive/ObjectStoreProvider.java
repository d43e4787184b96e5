package dev.tickwire.archive;

import java.util.Map;

/**
 * Opens object stores of one URI scheme ("s3"), found through {@link java.util.ServiceLoader} so the
 * archive does not depend on any cloud SDK: the module that has one registers its provider in
 * {@code META-INF/services/dev.tickwire.archive.ObjectStoreProvider}.
 */
public interface ObjectStoreProvider
{
    /** The scheme this provider opens, lower case, e.g. "s3". */
    String scheme();

    /**
     * Opens the store at {@code location}.
     *
     * @param location    e.g. "s3://bucket/prefix"
     * @param locationKey the config key or option that named the location, for messages (e.g. "archive.dir")
     * @param settings    the store's settings (endpoint, region, ...) by name
     * @param settingsKey the config key the settings sit under, for messages (e.g. "archive.s3")
     * @throws dev.tickwire.engine.config.ConfigException naming the key of a bad setting
     */
    ObjectStore open(String location, String locationKey, Map<String, String> settings, String settingsKey);
}
