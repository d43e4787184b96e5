package dev.tickwire.s3;

import dev.tickwire.archive.ObjectStore;
import dev.tickwire.archive.ObjectStoreProvider;
import dev.tickwire.engine.config.Secrets;

import java.util.Map;

/** {@code s3://} locations for {@link dev.tickwire.archive.ObjectStores}, registered in META-INF/services. */
public final class S3ObjectStoreProvider implements ObjectStoreProvider
{
    @Override
    public String scheme()
    {
        return "s3";
    }

    @Override
    public ObjectStore open(final String location, final String locationKey, final Map<String, String> settings,
        final String settingsKey)
    {
        return new S3ObjectStore(S3Location.parse(location, locationKey),
            S3Settings.of(settings, settingsKey, new Secrets()));
    }
}
