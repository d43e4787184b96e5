package dev.tickwire.tools.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API keys of {@code tickwire serve}: a JSON file (default {@code ./tickwire-data/api-keys.json}) with,
 * per key, its name, admin flag, creation time, a random salt and a salted hash. The file never holds a key.
 *
 * <p><b>Hash scheme:</b> a key is 32 random bytes from {@link SecureRandom} (256 bits), base64url without
 * padding; it is stored as {@code SHA-256(salt || UTF-8 bytes of the key text)} with a 16-byte random
 * salt per key. A single salted SHA-256 is enough here (no PBKDF2 stretching): stretching protects
 * low-entropy passwords from guessing, and a 256-bit random key cannot be guessed. Because the hash is this
 * cheap, verified keys are not cached: every request hashes and compares again, so a revocation takes
 * effect at once. Hashes are compared with {@link MessageDigest#isEqual}, which takes constant time.
 *
 * <p>The file is written atomically (a temporary file in the same folder, then an atomic move), owner-only
 * ({@code rw-------}) where the file system has POSIX permissions. Changes made by another process (e.g.
 * {@code tickwire keys revoke} while the server runs) are picked up on the next lookup: a read-modify-write
 * holds a lock on a {@code .lock} file beside the store, and lookups reload the file when it changed.
 *
 * <p>A key may carry its own rate limits ({@code rps}, {@code bytes_per_minute}; see {@link RateLimiter}),
 * written only when set: files from before these fields existed load as they are (the server's defaults
 * apply to their keys), and a key without them is written as before.
 */
public final class KeyStore
{
    /** The default store, beside the journal in the default data directory. */
    public static final Path DEFAULT_PATH = Path.of("./tickwire-data", "api-keys.json");
    public static final String HASH_SCHEME = "sha256(salt||key)";

    private static final int KEY_BYTES = 32;
    private static final int SALT_BYTES = 16;
    private static final int MAX_PRESENTED_KEY_LENGTH = 256;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** One writer at a time inside this JVM too (a JVM may not hold two file locks on one file). */
    private static final Object JVM_LOCK = new Object();

    private final Path file;
    private final SecureRandom random = new SecureRandom();
    private List<Entry> entries = List.of();
    private Object loadedVersion; // file key + modification time + size of what entries came from
    private Object brokenVersion; // the version last found unreadable (warned about once)

    /**
     * A key as listed: never its hash.
     *
     * @param requestsPerSecond its own request rate limit (0: none), or null for the server's default
     * @param bytesPerMinute    its own response-bytes limit (0: none), or null for the server's default
     */
    public record KeyInfo(String name, boolean admin, Instant created, Long requestsPerSecond, Long bytesPerMinute)
    {
        /** A key with the server's default limits. */
        public KeyInfo(final String name, final boolean admin, final Instant created)
        {
            this(name, admin, created, null, null);
        }
    }

    /** A key just created: the only time its plain text exists. */
    public record CreatedKey(String name, String key, boolean admin, Instant created, Long requestsPerSecond,
        Long bytesPerMinute)
    {
    }

    private record Entry(String name, boolean admin, Instant created, byte[] salt, byte[] hash, Long rps, Long bytesPerMinute)
    {
        KeyInfo info()
        {
            return new KeyInfo(name, admin, created, rps, bytesPerMinute);
        }
    }

    private KeyStore(final Path file)
    {
        this.file = file.toAbsolutePath().normalize();
    }

    /**
     * Opens the store at {@code file}; a missing file is an empty store (created on the first key).
     *
     * @throws IllegalStateException if the file exists but is not a key store
     */
    public static KeyStore open(final Path file)
    {
        final KeyStore store = new KeyStore(Objects.requireNonNull(file, "file"));
        synchronized (store)
        {
            store.reloadIfChanged(true);
        }
        return store;
    }

    public Path file()
    {
        return file;
    }

    /** The keys, oldest first (names, admin flags and creation times only). */
    public synchronized List<KeyInfo> list()
    {
        reloadIfChanged(false);
        return entries.stream().map(Entry::info).toList();
    }

    public synchronized boolean isEmpty()
    {
        reloadIfChanged(false);
        return entries.isEmpty();
    }

    /**
     * Creates a key and stores its salted hash. The returned {@link CreatedKey#key()} is the only copy.
     *
     * @param name a name unique in the store (letters, digits, {@code . _ @ -}; up to 64), or null for a generated one
     * @throws IllegalArgumentException for a bad or duplicate name
     */
    public CreatedKey create(final String name, final boolean admin)
    {
        return create(name, admin, null, null);
    }

    /**
     * As {@link #create(String, boolean)}, with the key's own rate limits.
     *
     * @param requestsPerSecond requests per second (0: no limit), or null for the server's default
     * @param bytesPerMinute    response bytes per minute (0: no limit), or null for the server's default
     * @throws IllegalArgumentException for a bad or duplicate name or a negative limit
     */
    public CreatedKey create(final String name, final boolean admin, final Long requestsPerSecond, final Long bytesPerMinute)
    {
        if (requestsPerSecond != null && requestsPerSecond < 0)
        {
            throw new IllegalArgumentException("rps: must be 0 (no limit) or more, got " + requestsPerSecond);
        }
        if (bytesPerMinute != null && bytesPerMinute < 0)
        {
            throw new IllegalArgumentException("bytes_per_minute: must be 0 (no limit) or more, got " + bytesPerMinute);
        }
        if (name != null && !NAME.matcher(name).matches())
        {
            throw new IllegalArgumentException("name: '" + name + "' is not a valid key name " +
                "(1-64 characters: letters, digits, '.', '_', '@', '-'; starting with a letter or digit)");
        }
        final byte[] keyBytes = new byte[KEY_BYTES];
        random.nextBytes(keyBytes);
        final String key = Base64.getUrlEncoder().withoutPadding().encodeToString(keyBytes);
        final byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        final Instant created = Instant.now();
        final String[] chosen = {name};
        modify(list ->
        {
            if (chosen[0] == null)
            {
                int n = list.size() + 1;
                while (find(list, "key-" + n) != null)
                {
                    n++;
                }
                chosen[0] = "key-" + n;
            }
            if (find(list, chosen[0]) != null)
            {
                throw new IllegalArgumentException("a key named '" + chosen[0] + "' already exists");
            }
            list.add(new Entry(chosen[0], admin, created, salt, hash(salt, key), requestsPerSecond, bytesPerMinute));
        });
        return new CreatedKey(chosen[0], key, admin, created, requestsPerSecond, bytesPerMinute);
    }

    /** Removes the key called {@code name}; returns false if there is none. */
    public boolean revoke(final String name)
    {
        final boolean[] removed = {false};
        modify(list -> removed[0] = list.removeIf(e -> e.name().equals(name)));
        return removed[0];
    }

    /**
     * The key whose hash matches {@code presented}, or empty. Every stored key is hashed with its own salt
     * and compared in constant time; the loop does not stop at the first match.
     */
    public synchronized Optional<KeyInfo> verify(final String presented)
    {
        if (presented == null || presented.isEmpty() || presented.length() > MAX_PRESENTED_KEY_LENGTH)
        {
            return Optional.empty();
        }
        reloadIfChanged(false);
        Entry match = null;
        for (final Entry e : entries)
        {
            if (MessageDigest.isEqual(hash(e.salt(), presented), e.hash()) && match == null)
            {
                match = e;
            }
        }
        return match == null ? Optional.empty() : Optional.of(match.info());
    }

    static byte[] hash(final byte[] salt, final String key)
    {
        try
        {
            final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            sha256.update(key.getBytes(StandardCharsets.UTF_8));
            return sha256.digest();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
        }
    }

    private static Entry find(final List<Entry> list, final String name)
    {
        for (final Entry e : list)
        {
            if (e.name().equals(name))
            {
                return e;
            }
        }
        return null;
    }

    private interface Change
    {
        void apply(List<Entry> list);
    }

    /** Read (under the lock, so nothing written since is lost), change, write atomically. */
    private void modify(final Change change)
    {
        synchronized (JVM_LOCK)
        {
            synchronized (this)
            {
                try
                {
                    Files.createDirectories(file.getParent());
                    final Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
                    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE))
                    {
                        final FileLock lock = channel.lock(); // other processes: keys create/revoke, another server
                        try
                        {
                            reloadIfChanged(true);
                            final List<Entry> list = new ArrayList<>(entries);
                            change.apply(list);
                            write(list);
                            entries = Collections.unmodifiableList(list);
                            loadedVersion = version();
                        }
                        finally
                        {
                            lock.release();
                        }
                    }
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException("cannot update the key store " + file + ": " + ex.getMessage(), ex);
                }
            }
        }
    }

    private Object version() throws IOException
    {
        try
        {
            final BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(String.valueOf(a.fileKey()), a.lastModifiedTime().toMillis(), a.size());
        }
        catch (final NoSuchFileException ex)
        {
            return "absent";
        }
    }

    private Object versionOrNull()
    {
        try
        {
            return version();
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /**
     * Reloads the file if it changed since it was read. A file that became unreadable keeps the last good
     * keys when {@code strict} is false (a lookup) and throws when it is true (opening, modifying).
     */
    private void reloadIfChanged(final boolean strict)
    {
        try
        {
            final Object version = version();
            if (version.equals(loadedVersion))
            {
                return;
            }
            entries = "absent".equals(version) ? List.of() : read();
            loadedVersion = version;
        }
        catch (final IOException | RuntimeException ex)
        {
            if (strict)
            {
                throw new IllegalStateException("cannot read the key store " + file + ": " + ex.getMessage(), ex);
            }
            final Object version = versionOrNull();
            if (version == null || !version.equals(brokenVersion))
            {
                brokenVersion = version; // once per change, not on every request
                org.slf4j.LoggerFactory.getLogger(KeyStore.class).warn("cannot reload {}: {}; keeping the keys read before",
                    file, ex.getMessage());
            }
        }
    }

    private List<Entry> read() throws IOException
    {
        final JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.isObject() || !root.path("keys").isArray())
        {
            throw new IllegalStateException("not a tickwire key store (no \"keys\" array)");
        }
        if (!HASH_SCHEME.equals(root.path("hash").asText(HASH_SCHEME)))
        {
            throw new IllegalStateException("unknown hash scheme '" + root.path("hash").asText() + "'");
        }
        final Base64.Decoder b64 = Base64.getDecoder();
        final List<Entry> list = new ArrayList<>();
        for (final JsonNode k : root.get("keys"))
        {
            list.add(new Entry(
                required(k, "name").asText(),
                k.path("admin").asBoolean(false),
                Instant.parse(required(k, "created").asText()),
                b64.decode(required(k, "salt").asText()),
                b64.decode(required(k, "hash").asText()),
                optionalLimit(k, "rps"),
                optionalLimit(k, "bytes_per_minute")));
        }
        return Collections.unmodifiableList(list);
    }

    /** A limit a key may carry (absent in files written before limits existed: null, the server's default). */
    private static Long optionalLimit(final JsonNode key, final String field)
    {
        final JsonNode value = key.get(field);
        if (value == null || value.isNull())
        {
            return null;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0)
        {
            throw new IllegalStateException("key '" + key.path("name").asText() + "': \"" + field +
                "\" must be a whole number, 0 or more, got " + value);
        }
        return value.asLong();
    }

    private static JsonNode required(final JsonNode key, final String field)
    {
        final JsonNode value = key.get(field);
        if (value == null || value.isNull())
        {
            throw new IllegalStateException("a key entry has no \"" + field + "\"");
        }
        return value;
    }

    private void write(final List<Entry> list) throws IOException
    {
        final ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        root.put("hash", HASH_SCHEME);
        root.put("comment", "tickwire API keys: salted SHA-256 hashes only; a key is shown once, when created");
        final ArrayNode keys = root.putArray("keys");
        final Base64.Encoder b64 = Base64.getEncoder();
        for (final Entry e : list)
        {
            final ObjectNode k = keys.addObject()
                .put("name", e.name())
                .put("admin", e.admin())
                .put("created", e.created().toString())
                .put("salt", b64.encodeToString(e.salt()))
                .put("hash", b64.encodeToString(e.hash()));
            if (e.rps() != null)
            {
                k.put("rps", e.rps());
            }
            if (e.bytesPerMinute() != null)
            {
                k.put("bytes_per_minute", e.bytesPerMinute());
            }
        }
        final byte[] bytes = JSON.writeValueAsBytes(root);
        final Path dir = file.getParent();
        final boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
        final FileAttribute<?>[] attrs = posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
            : new FileAttribute<?>[0];
        Path tmp = null;
        for (int attempt = 0; tmp == null; attempt++)
        {
            try
            {
                tmp = Files.createFile(dir.resolve("." + file.getFileName() + "." + Long.toHexString(random.nextLong()) + ".tmp"), attrs);
            }
            catch (final FileAlreadyExistsException ex)
            {
                if (attempt > 10)
                {
                    throw ex;
                }
            }
        }
        try
        {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))
            {
                final java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining())
                {
                    out.write(buffer);
                }
                out.force(true);
            }
            if (posix)
            {
                Files.setPosixFilePermissions(tmp, OWNER_ONLY); // in case a umask narrowed or widened it
            }
            try
            {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (final AtomicMoveNotSupportedException ex)
            {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        finally
        {
            Files.deleteIfExists(tmp);
        }
    }
}
