package dev.tickwire.s3;

import dev.tickwire.engine.config.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bucket store against a real S3 API server (S3Proxy on loopback). */
class S3ObjectStoreTest
{
    @TempDir
    Path dir;

    @Test
    void largeFilesGoUpInPartsWithTheirChecksumsAndComeBackWhole() throws Exception
    {
        try (S3Server server = S3Server.start(Files.createDirectories(dir.resolve("s3"))))
        {
            server.createBucket("big");
            final Map<String, String> settings = new HashMap<>(server.settings());
            settings.put("partSizeMb", "5");
            final byte[] bytes = new byte[12 * 1024 * 1024 + 12_345]; // three parts
            new Random(7).nextBytes(bytes);
            final Path file = Files.write(dir.resolve("big.parquet"), bytes);
            final String sum = S3ObjectStore.sha256Hex(file);
            try (S3ObjectStore s3 = S3ObjectStore.open("s3://big/p", settings, "s3", new Secrets()))
            {
                s3.put(file, "trades/date=2024-03-04/all.parquet", sum);
                assertThat(s3.list("trades/")).containsExactly(new dev.tickwire.archive.ObjectStore.Entry(
                    "trades/date=2024-03-04/all.parquet", bytes.length));
                assertThat(s3.sha256("trades/date=2024-03-04/all.parquet")).isEqualTo(sum);
                final Path back = dir.resolve("back/all.parquet");
                s3.get("trades/date=2024-03-04/all.parquet", back);
                assertThat(Files.readAllBytes(back)).isEqualTo(bytes);
                assertThat(s3.sha256("nothing/here")).isNull();
                assertThat(s3.delete("trades/date=2024-03-04/all.parquet")).isTrue();
                assertThat(s3.list("")).isEmpty();
            }
        }
    }

    @Test
    void aServerThatStopsAndComesBackIsRetriedWithBackoff() throws Exception
    {
        try (S3Server server = S3Server.start(Files.createDirectories(dir.resolve("s3")));
            S3ObjectStore s3 = S3ObjectStore.open("s3://retry", withRetries(server, "10"), "s3", new Secrets()))
        {
            server.createBucket("retry");
            final Path file = Files.writeString(dir.resolve("a.json"), "{\"day\":\"2024-03-04\"}");
            server.outage(1_000);
            final long start = System.nanoTime();
            s3.put(file, "manifests/2024-03-04.json", null); // refused connections, retried until the server is back
            assertThat(System.nanoTime() - start).isGreaterThan(900_000_000L);
            assertThat(s3.list("")).containsExactly(new dev.tickwire.archive.ObjectStore.Entry("manifests/2024-03-04.json",
                Files.size(file)));

            try (S3ObjectStore noRetry = S3ObjectStore.open("s3://retry", withRetries(server, "0"), "s3",
                new Secrets()))
            {
                server.stop();
                assertThatThrownBy(() -> noRetry.list("")).isInstanceOf(S3StoreException.class)
                    .hasMessageStartingWith("s3://retry: list : ").hasMessageContaining("(gave up after 1 attempt)");
                server.restart();
            }
        }
    }

    /** 10 retries: waits drawn from [0, 0.1 s · 2^n], capped at 10 s, far longer in all than a 1 s outage. */
    private static Map<String, String> withRetries(final S3Server server, final String retries) throws Exception
    {
        final Map<String, String> settings = new HashMap<>(server.settings());
        settings.put("retries", retries);
        return settings;
    }

    @Test
    void aFileThatDoesNotMatchItsChecksumIsNotSent() throws Exception
    {
        try (S3Server server = S3Server.start(Files.createDirectories(dir.resolve("s3")));
            S3ObjectStore s3 = S3ObjectStore.open("s3://sums", server.settings(), "s3", new Secrets()))
        {
            server.createBucket("sums");
            final Path file = Files.writeString(dir.resolve("a.json"), "{\"day\":\"2024-03-04\"}");
            final String wrong = S3ObjectStore.sha256Hex(Files.writeString(dir.resolve("b.json"), "other"));
            assertThatThrownBy(() -> s3.put(file, "manifests/2024-03-04.json", wrong))
                .hasMessageStartingWith("s3://sums: not sent: " + file + " has checksum ").hasMessageEndingWith(", expected " + wrong);
            assertThat(s3.list("")).isEmpty();
        }
    }

    @Test
    void anAbandonedMultipartUploadIsAborted() throws Exception
    {
        try (S3Server server = S3Server.start(Files.createDirectories(dir.resolve("s3")));
            S3ObjectStore s3 = S3ObjectStore.open("s3://parts/archive", server.settings(), "s3", new Secrets());
            S3Client raw = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3Server.ACCESS_KEY_ID,
                    server.secret()))).build())
        {
            server.createBucket("parts");
            // what a kill -9 in the middle of a multipart upload leaves behind
            raw.createMultipartUpload(b -> b.bucket("parts").key("archive/trades/date=2024-03-04/all.parquet"));
            raw.createMultipartUpload(b -> b.bucket("parts").key("elsewhere/x"));
            assertThat(s3.abortUploads(Instant.now().plusSeconds(1))).isEqualTo(1); // only under its prefix
            assertThat(s3.abortUploads(Instant.now().plusSeconds(1))).isZero();
            assertThat(raw.listMultipartUploads(b -> b.bucket("parts")).uploads()).hasSize(1);

            // the server checks Content-MD5, which every put carries: bytes changed on the way are refused
            final String otherMd5 = java.util.Base64.getEncoder().encodeToString(
                java.security.MessageDigest.getInstance("MD5").digest("other".getBytes()));
            assertThatThrownBy(() -> raw.putObject(b -> b.bucket("parts").key("archive/x").contentMD5(otherMd5),
                software.amazon.awssdk.core.sync.RequestBody.fromString("bytes")))
                .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class).hasMessageContaining("400");
            assertThat(s3.list("")).isEmpty();
        }
    }

    @Test
    void locationsAndSettingsAreCheckedNamingTheKey(@TempDir final Path keys) throws Exception
    {
        assertThat(S3Location.parse("s3://my-bucket/a/b/", "k")).isEqualTo(new S3Location("my-bucket", "a/b"));
        assertThat(S3Location.parse("s3://my-bucket", "k").key("manifests/x.json")).isEqualTo("manifests/x.json");
        assertThat(S3Location.parse("s3://my-bucket/p", "k").toString()).isEqualTo("s3://my-bucket/p");
        assertThatThrownBy(() -> S3Location.parse("s3://My_Bucket/x", "archive.dir")).hasMessageStartingWith(
            "config key 'archive.dir': 'My_Bucket' is not a bucket name");
        assertThatThrownBy(() -> S3Location.parse("/data/archive", "--to")).hasMessageStartingWith("config key '--to'");

        final Secrets env = new Secrets(Map.of("KEY_ID", "AKIDEXAMPLE", "SECRET", "wJalrXUtnFEMI")::get);
        final S3Settings ok = S3Settings.of(Map.of("endpoint", "https://storage.googleapis.com", "accessKeyIdEnv", "KEY_ID",
            "secretAccessKeyEnv", "SECRET"), "archive.s3", env);
        assertThat(ok.toString()).isEqualTo("endpoint https://storage.googleapis.com, region " + ok.region())
            .doesNotContain("wJalrXUtnFEMI");
        assertThat(ok.partSizeBytes()).isEqualTo(16L << 20);
        for (final Object[] bad : List.of(
            new Object[] {Map.of("endpoint", "ftp://x"), "archive.s3.endpoint"},
            new Object[] {Map.of("pathStyle", "yes"), "archive.s3.pathStyle"},
            new Object[] {Map.of("partSizeMb", "2"), "archive.s3.partSizeMb"},
            new Object[] {Map.of("bucket", "x"), "archive.s3.bucket"},
            new Object[] {Map.of("accessKeyIdEnv", "KEY_ID"), "archive.s3.secretAccessKeyEnv"},
            new Object[] {Map.of("accessKeyIdEnv", "KEY_ID", "secretAccessKeyEnv", "NOT_SET"), "archive.s3.secretAccessKeyEnv"}))
        {
            @SuppressWarnings("unchecked")
            final Map<String, String> m = (Map<String, String>)bad[0];
            assertThatThrownBy(() -> S3Settings.of(m, "archive.s3", env)).as(m.toString())
                .hasMessageStartingWith("config key '" + bad[1] + "'");
        }
        final Path open = Files.writeString(keys.resolve("secret"), "x");
        assertThatThrownBy(() -> S3Settings.of(Map.of("accessKeyIdEnv", "KEY_ID", "secretAccessKeyFile", open.toString()),
            "archive.s3", env)).hasMessageContaining("owner-only");
    }
}
