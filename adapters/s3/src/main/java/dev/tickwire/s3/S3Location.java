package dev.tickwire.s3;

import dev.tickwire.engine.config.ConfigException;

/**
 * An {@code s3://bucket/prefix} location: the bucket, and the key prefix (no leading or trailing
 * slash, "" for the bucket's root) under which the archive's layout starts.
 */
public record S3Location(String bucket, String prefix)
{
    private static final String SCHEME = "s3://";

    /** @param key the config key or option that named the location, for messages */
    public static S3Location parse(final String location, final String key)
    {
        if (location == null || !location.regionMatches(true, 0, SCHEME, 0, SCHEME.length()))
        {
            throw new ConfigException(key, "must be s3://bucket[/prefix], not " + location);
        }
        final String rest = location.substring(SCHEME.length());
        final int slash = rest.indexOf('/');
        final String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        while (prefix.endsWith("/"))
        {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        // S3's bucket naming rules (also what GCS, MinIO and Ceph accept for S3 access)
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]") || bucket.contains(".."))
        {
            throw new ConfigException(key, "'" + bucket + "' is not a bucket name (3 to 63 lower-case letters, " +
                "digits, " +
                "dots and hyphens, starting and ending with a letter or digit)");
        }
        if (prefix.startsWith("/") || prefix.contains("//"))
        {
            throw new ConfigException(key, "the prefix of " + location + " has an empty path segment");
        }
        return new S3Location(bucket, prefix);
    }

    /** The object key of {@code relative} (a path in the archive's layout). */
    public String key(final String relative)
    {
        return prefix.isEmpty() ? relative : prefix + "/" + relative;
    }

    /** The archive-relative path of an object key under this location. */
    public String relative(final String key)
    {
        return prefix.isEmpty() ? key : key.substring(prefix.length() + 1);
    }

    @Override
    public String toString()
    {
        return SCHEME + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}
