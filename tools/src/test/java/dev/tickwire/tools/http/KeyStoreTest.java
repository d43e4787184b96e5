package dev.tickwire.tools.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key file: hashes only, owner-only, atomic, shared between processes. */
class KeyStoreTest
{
    @TempDir
    Path dir;

    @Test
    void aMissingFileIsAnEmptyStore()
    {
        final KeyStore store = KeyStore.open(dir.resolve("sub/api-keys.json"));
        assertThat(store.isEmpty()).isTrue();
        assertThat(store.list()).isEmpty();
        assertThat(store.verify("anything")).isEmpty();
        assertThat(Files.exists(dir.resolve("sub/api-keys.json"))).isFalse();
    }

    @Test
    void theFileHoldsSaltedHashesNeverAKey() throws Exception
    {
        final Path file = dir.resolve("data/api-keys.json");
        final KeyStore store = KeyStore.open(file);
        final KeyStore.CreatedKey a = store.create("alice", true);
        final KeyStore.CreatedKey b = store.create("bob", false);
        assertThat(Base64.getUrlDecoder().decode(a.key())).hasSize(32);
        assertThat(a.key()).isNotEqualTo(b.key());

        final String text = Files.readString(file);
        assertThat(text).doesNotContain(a.key()).doesNotContain(b.key());
        // nor in any other encoding of the key's bytes
        final byte[] raw = Base64.getUrlDecoder().decode(a.key());
        assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(raw))
            .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(raw))
            .doesNotContain(java.util.HexFormat.of().formatHex(raw));
        final byte[] bytes = Files.readAllBytes(file);
        assertThat(indexOf(bytes, raw)).isEqualTo(-1);

        final JsonNode json = HttpTestClient.JSON.readTree(text);
        assertThat(json.get("hash").asText()).isEqualTo("sha256(salt||key)");
        assertThat(json.get("keys")).hasSize(2);
        final JsonNode alice = json.get("keys").get(0);
        assertThat(alice.get("name").asText()).isEqualTo("alice");
        assertThat(alice.get("admin").asBoolean()).isTrue();
        assertThat(alice.get("created").asText()).isNotBlank();
        final byte[] salt = Base64.getDecoder().decode(alice.get("salt").asText());
        assertThat(salt).hasSize(16);
        assertThat(Base64.getDecoder().decode(alice.get("hash").asText())).isEqualTo(KeyStore.hash(salt, a.key()));
        assertThat(json.get("keys").get(1).get("salt").asText()).isNotEqualTo(alice.get("salt").asText());

        // no temporary files left behind
        try (var files = Files.list(file.getParent()))
        {
            assertThat(files.map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("api-keys.json", "api-keys.json.lock");
        }
    }

    @Test
    void theFileIsOwnerOnly() throws Exception
    {
        final Path file = dir.resolve("api-keys.json");
        KeyStore.open(file).create("alice", true);
        if (Files.getFileStore(dir).supportsFileAttributeView("posix"))
        {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void verifyFindsTheKeyAndNothingElse()
    {
        final KeyStore store = KeyStore.open(dir.resolve("api-keys.json"));
        final KeyStore.CreatedKey a = store.create("alice", true);
        final KeyStore.CreatedKey b = store.create("bob", false);
        assertThat(store.verify(a.key())).hasValueSatisfying(k ->
        {
            assertThat(k.name()).isEqualTo("alice");
            assertThat(k.admin()).isTrue();
        });
        assertThat(store.verify(b.key())).hasValueSatisfying(k -> assertThat(k.admin()).isFalse());
        assertThat(store.verify(a.key() + "x")).isEmpty();
        assertThat(store.verify(a.key().substring(1))).isEmpty();
        assertThat(store.verify("")).isEmpty();
        assertThat(store.verify(null)).isEmpty();
        // a reopened store (another process) verifies the same keys
        assertThat(KeyStore.open(store.file()).verify(b.key())).hasValueSatisfying(k -> assertThat(k.name()).isEqualTo("bob"));
    }

    @Test
    void namesAreUniqueAndChecked()
    {
        final KeyStore store = KeyStore.open(dir.resolve("api-keys.json"));
        store.create("alice", false);
        assertThatThrownBy(() -> store.create("alice", true)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("already exists");
        assertThatThrownBy(() -> store.create("a b", false)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("name");
        assertThatThrownBy(() -> store.create("x".repeat(65), false)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.create(null, false).name()).isEqualTo("key-2");
        assertThat(store.list()).extracting(KeyStore.KeyInfo::name).containsExactly("alice", "key-2");
    }

    @Test
    void revokeRemovesTheKeyForEveryone()
    {
        final KeyStore server = KeyStore.open(dir.resolve("api-keys.json"));
        final KeyStore.CreatedKey a = server.create("alice", false);
        final KeyStore cli = KeyStore.open(server.file());
        assertThat(cli.revoke("alice")).isTrue();
        assertThat(cli.revoke("alice")).isFalse();
        assertThat(server.verify(a.key())).isEmpty();
        assertThat(server.isEmpty()).isTrue();
    }

    @Test
    void concurrentWritersLoseNoKey() throws Exception
    {
        final Path file = dir.resolve("api-keys.json");
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try
        {
            final Set<Future<?>> futures = new HashSet<>();
            for (int w = 0; w < 4; w++)
            {
                final int writer = w;
                futures.add(pool.submit(() ->
                {
                    final KeyStore store = KeyStore.open(file); // a store each, as separate processes would have
                    for (int i = 0; i < 10; i++)
                    {
                        store.create("w" + writer + "-" + i, false);
                    }
                }));
            }
            for (final Future<?> f : futures)
            {
                f.get(60, TimeUnit.SECONDS);
            }
        }
        finally
        {
            pool.shutdownNow();
        }
        assertThat(KeyStore.open(file).list()).hasSize(40);
    }

    @Test
    void aCorruptFileIsRefused() throws Exception
    {
        final Path file = dir.resolve("api-keys.json");
        Files.writeString(file, "{\"something\": \"else\"}");
        assertThatThrownBy(() -> KeyStore.open(file)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(file.getFileName().toString());
        Files.writeString(file, "not json");
        assertThatThrownBy(() -> KeyStore.open(file)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFileBrokenWhileServingKeepsTheLastGoodKeys() throws Exception
    {
        final Path file = dir.resolve("api-keys.json");
        final KeyStore store = KeyStore.open(file);
        final String key = store.create("alice", false).key();
        Files.writeString(file, "{ half written");
        assertThat(store.verify(key)).isPresent();
    }

    @Test
    void hashesAreComparedInConstantTime() throws Exception
    {
        // code review as a test: the comparison is MessageDigest.isEqual, never Arrays.equals or String.equals
        final String source = Files.readString(sourceOf("KeyStore.java"));
        assertThat(source).contains("MessageDigest.isEqual(hash(e.salt(), presented), e.hash())");
        assertThat(source).doesNotContain("Arrays.equals");
    }

    @Test
    void aFileFromBeforeRateLimitsLoadsAndItsKeysHaveTheDefaults() throws Exception
    {
        final Path file = dir.resolve("api-keys.json");
        final byte[] salt = new byte[16];
        salt[0] = 7;
        final String key = "an-old-key-from-an-old-file-0123456789abcdefg";
        final Base64.Encoder b64 = Base64.getEncoder();
        // exactly what a server before per-key limits wrote
        Files.writeString(file, "{\n  \"version\" : 1,\n  \"hash\" : \"sha256(salt||key)\",\n  \"keys\" : [ {\n" +
            "    \"name\" : \"old\",\n    \"admin\" : false,\n    \"created\" : \"2026-01-02T10:00:00Z\",\n" +
            "    \"salt\" : \"" + b64.encodeToString(salt) + "\",\n    \"hash\" : \"" +
            b64.encodeToString(KeyStore.hash(salt, key)) + "\"\n  } ]\n}\n");
        final KeyStore store = KeyStore.open(file);
        assertThat(store.verify(key)).hasValueSatisfying(k ->
        {
            assertThat(k.name()).isEqualTo("old");
            assertThat(k.requestsPerSecond()).isNull();
            assertThat(k.bytesPerMinute()).isNull();
        });

        // a key with its own limits: stored, listed, verified; the old key is written as it was
        final KeyStore.CreatedKey limited = store.create("limited", false, 5L, 1_000_000L);
        assertThat(limited.requestsPerSecond()).isEqualTo(5L);
        final KeyStore reopened = KeyStore.open(file);
        assertThat(reopened.verify(limited.key())).hasValueSatisfying(k ->
        {
            assertThat(k.requestsPerSecond()).isEqualTo(5L);
            assertThat(k.bytesPerMinute()).isEqualTo(1_000_000L);
        });
        assertThat(reopened.verify(key)).isPresent();
        final JsonNode json = HttpTestClient.JSON.readTree(file.toFile());
        assertThat(json.at("/keys/0").has("rps")).isFalse();
        assertThat(json.at("/keys/1/rps").asLong()).isEqualTo(5);
        assertThat(json.at("/keys/1/bytes_per_minute").asLong()).isEqualTo(1_000_000);

        assertThatThrownBy(() -> store.create("negative", false, -1L, null)).hasMessageContaining("rps");
        Files.writeString(file, Files.readString(file).replace("\"rps\" : 5", "\"rps\" : -5"));
        assertThatThrownBy(() -> KeyStore.open(file)).hasMessageContaining("\"rps\" must be a whole number");
    }

    static Path sourceOf(final String file)
    {
        for (final Path root : new Path[] {Path.of("src/main/java"), Path.of("tools/src/main/java")})
        {
            final Path p = root.resolve("dev/tickwire/tools/http").resolve(file);
            if (Files.exists(p))
            {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the source of " + file);
    }

    private static int indexOf(final byte[] haystack, final byte[] needle)
    {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (haystack[i + j] != needle[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
