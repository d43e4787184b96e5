package dev.tickwire.engine.config;


import dev.tickwire.engine.net.Backoff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Secrets (a webhook's signing key, SMTP, Kafka and ClickHouse passwords, API keys) as the config names
 * them: {@code <x>Env: VARIABLE} or {@code <x>File: /path}, never the value itself (configs get committed
 * and pasted), and no default.
 * A file must be owner-only where the file system has POSIX permissions: a key others can read is no key.
 * Messages name the config key and the variable or file, never the value.
 */
public final class Secrets
{
    /** More than any key or password; a bigger file is the wrong file. */
    private static final long MAX_FILE_BYTES = 64 * 1024;
    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Function<String, String> env;

    /** Secrets from the process environment. */
    public Secrets()
    {
        this(System::getenv);
    }

    /** Secrets from {@code env} instead of the environment (tests). */
    public Secrets(final Function<String, String> env)
    {
        this.env = Objects.requireNonNull(env, "env");
    }

    /**
     * The secret {@code <name>Env} or {@code <name>File} of the config entry at {@code key} points to, or
     * empty when neither is set; both set is an error.
     *
     * @param key      the entry's key, e.g. "alerts.channels[0]"
     * @param name     the secret's name in the config, e.g. "secret" (keys secretEnv, secretFile)
     * @param variable the value of {@code <name>Env}, or null
     * @param file     the value of {@code <name>File}, or null
     */
    public Optional<String> optional(final String key, final String name, final String variable, final String file)
    {
        final String envKey = key + "." + name + "Env";
        final String fileKey = key + "." + name + "File";
        if (variable != null && file != null)
        {
            throw new ConfigException(envKey, "set either " + name + "Env or " + name + "File, not both");
        }
        if (variable != null)
        {
            return Optional.of(fromEnv(envKey, variable));
        }
        if (file != null)
        {
            if (file.isBlank())
            {
                throw new ConfigException(fileKey, "must be the path of a file holding the " + name);
            }
            return Optional.of(fromFile(fileKey, Path.of(file)));
        }
        return Optional.empty();
    }

    /** As {@link #optional}, but one of the two must be set. */
    public String required(final String key, final String name, final String variable, final String file)
    {
        return optional(key, name, variable, file).orElseThrow(() -> new ConfigException(key + "." + name + "Env",
            "the " + name + " is needed: set " + name + "Env (an environment variable's name) or " + name +
            "File (an owner-only file); it is never written in the config"));
    }

    /** The value of environment variable {@code variable}; {@code key} names the setting in messages. */
    public String fromEnv(final String key, final String variable)
    {
        if (variable == null || variable.isBlank())
        {
            throw new ConfigException(key, "must be the name of an environment variable");
        }
        final String value = env.apply(variable);
        if (value == null)
        {
            throw new ConfigException(key, "environment variable " + variable + " is not set");
        }
        if (value.isEmpty())
        {
            throw new ConfigException(key, "environment variable " + variable + " is empty");
        }
        return value;
    }

    /** The content of {@code file} without its trailing newline; the file must be owner-only. */
    public String fromFile(final String key, final Path file)
    {
        if (!Files.exists(file))
        {
            throw new ConfigException(key, "secret file " + file + " does not exist");
        }
        if (!Files.isRegularFile(file))
        {
            throw new ConfigException(key, "secret file " + file + " is not a regular file");
        }
        try
        {
            checkOwnerOnly(key, file);
            if (Files.size(file) > MAX_FILE_BYTES)
            {
                throw new ConfigException(key, "secret file " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            final String text = stripTrailingNewlines(Files.readString(file, StandardCharsets.UTF_8));
            if (text.isEmpty())
            {
                throw new ConfigException(key, "secret file " + file + " is empty");
            }
            return text;
        }
        catch (final IOException ex)
        {
            // the exception names the file and the failure (e.g. access denied, not UTF-8), not the content
            throw new ConfigException(key, "cannot read secret file " + file + ": " + Backoff.describe(ex));
        }
    }

    private static void checkOwnerOnly(final String key, final Path file) throws IOException
    {
        if (!Files.getFileStore(file).supportsFileAttributeView("posix"))
        {
            return; // e.g. Windows: ACLs, not mode bits; not checked
        }
        final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.stream().anyMatch(NOT_OWNER::contains))
        {
            throw new ConfigException(key, "secret file " + file + " is accessible to group or others (" +
                PosixFilePermissions.toString(permissions) + "): make it owner-only, e.g. chmod 600 " + file);
        }
    }

    /** `echo secret > file` adds a newline that is not part of the secret. */
    private static String stripTrailingNewlines(final String text)
    {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r'))
        {
            end--;
        }
        return text.substring(0, end);
    }
}
