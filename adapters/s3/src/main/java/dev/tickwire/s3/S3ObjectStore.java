package dev.tickwire.s3;

import dev.tickwire.archive.ObjectStore;
import dev.tickwire.engine.config.Secrets;
import dev.tickwire.engine.net.Backoff;
import dev.tickwire.engine.net.DeliveryException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A bucket (any S3 API) as an {@link ObjectStore}. A file is read once for its SHA-256 (checked
 * against the manifest's before anything is sent) and MD5: every put (every part of a multipart
 * upload) carries {@code Content-MD5}, which every S3 API checks, so the server refuses bytes that
 * changed on the way; with {@code checksum: sha256} also {@code x-amz-checksum-sha256} (AWS, recent
 * MinIO; S3Proxy 2.6 answers 501 to it). The SHA-256 is kept as the object's {@code sha256} metadata
 * for later syncs. An
 * object appears whole or not at all (S3 semantics; a multipart upload only on completion). The
 * SDK's own retries are off: throttling (503 SlowDown), 429, 5xx and I/O failures are retried here,
 * with {@link Backoff}'s full jitter; anything else fails at once with the location in the message.
 */
public final class S3ObjectStore implements ObjectStore
{
    static final String SHA256_METADATA = "sha256";

    private final S3Location location;
    private final S3Settings settings;
    private final S3Client s3;
    private final Backoff backoff;

    public S3ObjectStore(final S3Location location, final S3Settings settings)
    {
        this.location = location;
        this.settings = settings;
        final S3ClientBuilder b = S3Client.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(settings.credentials())
            .forcePathStyle(settings.pathStyle())
            // our SHA-256 is sent as a header; the SDK's default CRC trailer (aws-chunked) is one more thing
            // for other S3 APIs to refuse
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClientBuilder(ApacheHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60)))
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (settings.endpoint() != null)
        {
            b.endpointOverride(settings.endpoint());
        }
        this.s3 = b.build();
        this.backoff = new Backoff(TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.SECONDS.toNanos(10),
            settings.retries());
    }

    /** Opens {@code s3://bucket/prefix} with settings by name (see {@link S3Settings}). */
    public static S3ObjectStore open(final String location, final Map<String, String> settings,
        final String settingsKey, final Secrets secrets)
    {
        return new S3ObjectStore(S3Location.parse(location, settingsKey),
            S3Settings.of(settings, settingsKey, secrets));
    }

    @Override
    public String location()
    {
        return location.toString();
    }

    @Override
    public List<Entry> list(final String prefix) throws IOException
    {
        final String keyPrefix = location.prefix().isEmpty() ? prefix : location.prefix() + "/" + prefix;
        final List<Entry> out = new ArrayList<>();
        String token = null;
        do
        {
            final ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(location.bucket())
                .prefix(keyPrefix).continuationToken(token);
            final var page = call("list " + keyPrefix, () -> s3.listObjectsV2(req.build()));
            for (final S3Object o : page.contents())
            {
                if (!o.key().endsWith("/")) // a "folder" marker (consoles make them; S3Proxy lists its directories)
                {
                    out.add(new Entry(location.relative(o.key()), o.size()));
                }
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        }
        while (token != null);
        return out;
    }

    @Override
    public void put(final Path file, final String key, final String sha256) throws IOException
    {
        final long size = Files.size(file);
        if (size > settings.partSizeBytes())
        {
            putMultipart(file, key, size, sha256);
            return;
        }
        // one pass for both sums: the SHA-256 is checked here against the manifest's, the MD5 by the server
        final MessageDigest sha = digest("SHA-256");
        final MessageDigest md5 = digest("MD5");
        try (InputStream in = Files.newInputStream(file))
        {
            final byte[] chunk = new byte[1 << 16];
            int n;
            while ((n = in.read(chunk)) > 0)
            {
                sha.update(chunk, 0, n);
                md5.update(chunk, 0, n);
            }
        }
        final byte[] shaBytes = sha.digest();
        final String sum = check(file, HexFormat.of().formatHex(shaBytes), sha256);
        final String contentMd5 = Base64.getEncoder().encodeToString(md5.digest());
        final String base64 = Base64.getEncoder().encodeToString(shaBytes);
        call("put " + key, () -> s3.putObject(b ->
        {
            b.bucket(location.bucket()).key(location.key(key)).contentLength(size).contentMD5(contentMd5)
                .metadata(Map.of(SHA256_METADATA, sum));
            if (settings.sha256Header())
            {
                b.checksumSHA256(base64);
            }
        }, RequestBody.fromFile(file)));
    }

    private String check(final Path file, final String read, final String expected) throws IOException
    {
        if (expected != null && !expected.equals(read))
        {
            throw new IOException(location + ": not sent: " + file + " has checksum " + read + ", expected " +
                expected);
        }
        return read;
    }

    /**
     * Parts read one at a time into memory, each with its MD5 for the server (and SHA-256 when set); the
     * whole file's SHA-256 is checked before the upload completes, so a file that changed meanwhile never appears.
     */
    private void putMultipart(final Path file, final String key, final long size, final String sha256)
        throws IOException
    {
        final String objectKey = location.key(key);
        final String expected = sha256 != null ? sha256 : sha256Hex(file);
        final String uploadId = call("start upload " + key, () -> s3.createMultipartUpload(b ->
        {
            b.bucket(location.bucket()).key(objectKey).metadata(Map.of(SHA256_METADATA, expected));
            if (settings.sha256Header())
            {
                b.checksumAlgorithm(ChecksumAlgorithm.SHA256);
            }
        })).uploadId();
        boolean completed = false;
        try (InputStream in = Files.newInputStream(file))
        {
            final MessageDigest whole = digest("SHA-256");
            final List<CompletedPart> parts = new ArrayList<>();
            final byte[] buffer = new byte[(int)Math.min(settings.partSizeBytes(), size)];
            for (int part = 1; ; part++)
            {
                final int n = in.readNBytes(buffer, 0, buffer.length);
                if (n == 0)
                {
                    break;
                }
                whole.update(buffer, 0, n);
                final MessageDigest md5 = digest("MD5");
                md5.update(buffer, 0, n);
                final String partMd5 = Base64.getEncoder().encodeToString(md5.digest());
                final MessageDigest sha = digest("SHA-256");
                sha.update(buffer, 0, n);
                final String partSha = Base64.getEncoder().encodeToString(sha.digest());
                final byte[] bytes = n == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, n);
                final int number = part;
                final String etag = call("put part " + part + " of " + key, () -> s3.uploadPart(b ->
                {
                    b.bucket(location.bucket()).key(objectKey).uploadId(uploadId).partNumber(number)
                        .contentLength((long)n).contentMD5(partMd5);
                    if (settings.sha256Header())
                    {
                        b.checksumSHA256(partSha);
                    }
                }, RequestBody.fromBytes(bytes))).eTag();
                final CompletedPart.Builder done = CompletedPart.builder().partNumber(number).eTag(etag);
                parts.add((settings.sha256Header() ? done.checksumSHA256(partSha) : done).build());
            }
            check(file, HexFormat.of().formatHex(whole.digest()), expected);
            call("complete upload " + key, () -> s3.completeMultipartUpload(b -> b.bucket(location.bucket())
                .key(objectKey).uploadId(uploadId).multipartUpload(u -> u.parts(parts))));
            completed = true;
        }
        finally
        {
            if (!completed)
            {
                try
                {
                    s3.abortMultipartUpload(b -> b.bucket(location.bucket()).key(objectKey).uploadId(uploadId));
                }
                catch (final RuntimeException ignored)
                {
                    // abortUploads removes it on a later run
                }
            }
        }
    }

    @Override
    public void get(final String key, final Path file) throws IOException
    {
        if (file.getParent() != null)
        {
            Files.createDirectories(file.getParent());
        }
        final Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        call("get " + key, () ->
        {
            Files.deleteIfExists(tmp);
            return s3.getObject(b -> b.bucket(location.bucket()).key(location.key(key)),
                ResponseTransformer.toFile(tmp));
        });
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public String sha256(final String key) throws IOException
    {
        try
        {
            return call("head " + key, () -> s3.headObject(b -> b.bucket(location.bucket()).key(location.key(key))))
                .metadata().get(SHA256_METADATA);
        }
        catch (final S3StoreException ex)
        {
            if (ex.status() == 404)
            {
                return null;
            }
            throw ex;
        }
    }

    @Override
    public boolean delete(final String key) throws IOException
    {
        final boolean existed = sha256Exists(key);
        call("delete " + key, () -> s3.deleteObject(b -> b.bucket(location.bucket()).key(location.key(key))));
        return existed;
    }

    private boolean sha256Exists(final String key) throws IOException
    {
        try
        {
            call("head " + key, () -> s3.headObject(b -> b.bucket(location.bucket()).key(location.key(key))));
            return true;
        }
        catch (final S3StoreException ex)
        {
            if (ex.status() == 404)
            {
                return false;
            }
            throw ex;
        }
    }

    /** A store that does not list multipart uploads (501) has none to abort. */
    @Override
    public int abortUploads(final Instant before) throws IOException
    {
        try
        {
            return abortUploadsBefore(before);
        }
        catch (final S3StoreException ex)
        {
            if (ex.status() == 501)
            {
                return 0;
            }
            throw ex;
        }
    }

    private int abortUploadsBefore(final Instant before) throws IOException
    {
        int aborted = 0;
        String keyMarker = null;
        String idMarker = null;
        do
        {
            final String km = keyMarker;
            final String im = idMarker;
            final var page = call("list uploads", () -> s3.listMultipartUploads(b -> b.bucket(location.bucket())
                .prefix(location.prefix().isEmpty() ? null : location.prefix() + "/").keyMarker(km)
                .uploadIdMarker(im)));
            for (final MultipartUpload u : page.uploads())
            {
                if (u.initiated() == null || u.initiated().isBefore(before))
                {
                    call("abort upload " + u.key(), () -> s3.abortMultipartUpload(b -> b.bucket(location.bucket())
                        .key(u.key()).uploadId(u.uploadId())));
                    aborted++;
                }
            }
            keyMarker = Boolean.TRUE.equals(page.isTruncated()) ? page.nextKeyMarker() : null;
            idMarker = Boolean.TRUE.equals(page.isTruncated()) ? page.nextUploadIdMarker() : null;
        }
        while (keyMarker != null);
        return aborted;
    }

    @Override
    public void close()
    {
        s3.close();
    }

    /** One request to the bucket. */
    @FunctionalInterface
    interface Call<T>
    {
        T run() throws Exception;
    }

    /** Runs a request with retries; the failure names the location and what was done, never a credential. */
    <T> T call(final String what, final Call<T> request) throws S3StoreException
    {
        final Object[] result = new Object[1];
        try
        {
            backoff.run(location + ": " + what, attempt -> result[0] = request.run(), S3ObjectStore::retryable);
        }
        catch (final DeliveryException ex)
        {
            final int status = ex.getCause() instanceof AwsServiceException s ? s.statusCode() : 0;
            throw new S3StoreException(message(ex), status, ex.getCause());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new S3StoreException(location + ": " + what + ": interrupted", 0, ex);
        }
        @SuppressWarnings("unchecked")
        final T t = (T)result[0];
        return t;
    }

    /** Access problems say what to check; the SDK's text is kept (it holds no secret). */
    private String message(final DeliveryException ex)
    {
        if (ex.getCause() instanceof AwsServiceException s && (s.statusCode() == 401 || s.statusCode() == 403))
        {
            final String code = s.awsErrorDetails() == null ? "" : " " + s.awsErrorDetails().errorCode();
            return location + ": access denied (" + s.statusCode() + code + "): check the credentials and their " +
                "rights on bucket " + location.bucket() + " (" + settings + ")";
        }
        if (ex.getCause() instanceof AwsServiceException s && s.statusCode() == 404 && s.awsErrorDetails() != null &&
            "NoSuchBucket".equals(s.awsErrorDetails().errorCode()))
        {
            return location + ": no bucket " + location.bucket() + " (" + settings + ")";
        }
        return ex.getMessage();
    }

    /** Throttling, server errors and broken connections pass; a refusal (4xx) does not. */
    static boolean retryable(final Exception ex)
    {
        if (ex instanceof AwsServiceException s)
        {
            final String code = s.awsErrorDetails() == null ? "" : String.valueOf(s.awsErrorDetails().errorCode());
            return s.statusCode() >= 500 && s.statusCode() != 501 || s.statusCode() == 429 || code.equals("SlowDown") ||
                code.equals("RequestTimeout");
        }
        if (ex instanceof SdkClientException || ex instanceof IOException || ex instanceof java.io.UncheckedIOException)
        {
            for (Throwable t = ex; t != null; t = t.getCause())
            {
                if (t instanceof IOException)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static MessageDigest digest(final String algorithm)
    {
        try
        {
            return MessageDigest.getInstance(algorithm);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    static String sha256Hex(final Path file) throws IOException
    {
        final MessageDigest d = digest("SHA-256");
        try (InputStream in = Files.newInputStream(file))
        {
            final byte[] chunk = new byte[1 << 16];
            int n;
            while ((n = in.read(chunk)) > 0)
            {
                d.update(chunk, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
