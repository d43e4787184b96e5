package dev.tickwire.s3;

import dev.tickwire.engine.config.ConfigException;
import dev.tickwire.engine.config.Secrets;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How to reach a bucket, from settings by name (a config block, or {@code --s3 name=value} options):
 * <pre>
 *   endpoint             http(s)://host:port of a non-AWS S3 API (MinIO, Ceph,
 *                        GCS: https://storage.googleapis.com); unset: AWS
 *   region               default: AWS_REGION, else us-east-1 (what MinIO, Ceph and GCS expect)
 *   pathStyle            true: http://host/bucket/key (MinIO, Ceph, S3Proxy); default false: http://bucket.host/key
 *   accessKeyIdEnv/File, secretAccessKeyEnv/File   the keys through {@link Secrets}; unset: the AWS default
 *                        chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, ~/.aws/credentials, the instance's role)
 *   partSizeMb           multipart part size, 5..5120 MB (default 16); larger files go up as multipart uploads
 *   retries              retries of a throttled (503 SlowDown), 5xx or broken request (default 6)
 *   checksum             md5 (default: Content-MD5, checked by every S3 API) or sha256 (also x-amz-checksum-sha256)
 * </pre>
 * Credentials are never in the settings themselves, and never printed.
 */
public record S3Settings(URI endpoint, String region, boolean pathStyle, AwsCredentialsProvider credentials,
    long partSizeBytes, int retries, boolean sha256Header)
{
    static final Set<String> NAMES = Set.of("endpoint", "region", "pathStyle", "accessKeyIdEnv", "accessKeyIdFile",
        "secretAccessKeyEnv", "secretAccessKeyFile", "partSizeMb", "retries", "checksum");
    private static final long MB = 1024 * 1024;

    /** @param key the config key the settings sit under, for messages (e.g. "archive.s3") */
    public static S3Settings of(final Map<String, String> settings, final String key, final Secrets secrets)
    {
        for (final String name : settings.keySet())
        {
            if (!NAMES.contains(name))
            {
                throw new ConfigException(key + "." + name, "unknown setting; known: " +
                    new java.util.TreeSet<>(NAMES));
            }
        }
        URI endpoint = null;
        final String e = settings.get("endpoint");
        if (e != null)
        {
            try
            {
                endpoint = URI.create(e.strip());
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigException(key + ".endpoint", "not a URL: " + ex.getMessage());
            }
            final String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null)
            {
                throw new ConfigException(key + ".endpoint", "must be http://host[:port] or https://host[:port], not " +
                    e);
            }
        }
        String region = settings.get("region");
        if (region == null)
        {
            final String env = System.getenv("AWS_REGION");
            region = env == null || env.isBlank() ? "us-east-1" : env;
        }
        if (!region.matches("[a-z0-9-]{1,40}"))
        {
            throw new ConfigException(key + ".region", "not a region name: " + region);
        }
        final String ps = settings.getOrDefault("pathStyle", "false").strip().toLowerCase(Locale.ROOT);
        if (!ps.equals("true") && !ps.equals("false"))
        {
            throw new ConfigException(key + ".pathStyle", "must be true or false, not " + ps);
        }
        final String checksum = settings.getOrDefault("checksum", "md5").strip().toLowerCase(Locale.ROOT);
        if (!checksum.equals("md5") && !checksum.equals("sha256"))
        {
            throw new ConfigException(key + ".checksum", "must be md5 or sha256, not " + checksum);
        }
        final long partMb = number(settings, key, "partSizeMb", 16, 5, 5120);
        final int retries = (int)number(settings, key, "retries", 6, 0, 100);
        final String id = secrets.optional(key, "accessKeyId", settings.get("accessKeyIdEnv"),
            settings.get("accessKeyIdFile")).orElse(null);
        final String secret = secrets.optional(key, "secretAccessKey", settings.get("secretAccessKeyEnv"),
            settings.get("secretAccessKeyFile")).orElse(null);
        if ((id == null) != (secret == null))
        {
            throw new ConfigException(key + (id == null ? ".accessKeyIdEnv" : ".secretAccessKeyEnv"),
                "set both the access key id and the secret access key, or neither (the AWS default chain)");
        }
        final AwsCredentialsProvider credentials = id != null
            ? StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret))
            : DefaultCredentialsProvider.builder().build();
        return new S3Settings(endpoint, region, ps.equals("true"), credentials, partMb * MB, retries,
            checksum.equals("sha256"));
    }

    private static long number(final Map<String, String> settings, final String key, final String name, final long dflt,
        final long min, final long max)
    {
        final String v = settings.get(name);
        if (v == null)
        {
            return dflt;
        }
        try
        {
            final long n = Long.parseLong(v.strip());
            if (n < min || n > max)
            {
                throw new ConfigException(key + "." + name, "must be " + min + ".." + max + ", not " + n);
            }
            return n;
        }
        catch (final NumberFormatException ex)
        {
            throw new ConfigException(key + "." + name, "not a whole number: " + v);
        }
    }

    /** What a message may say about these settings: no credentials. */
    @Override
    public String toString()
    {
        return "endpoint " + (endpoint == null ? "AWS" : endpoint) + ", region " + region +
            (pathStyle ? ", path style" : "");
    }
}
