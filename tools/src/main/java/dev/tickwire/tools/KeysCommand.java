package dev.tickwire.tools;

import dev.tickwire.tools.http.ApiServer;
import dev.tickwire.tools.http.KeyStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tickwire keys}: the API keys of {@code tickwire serve}. */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Manage the API keys of `tickwire serve`. The key file holds only salted hashes: a key is shown "
        + "once, when it is created.",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Callable<Integer>
{
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code --keys FILE}, shared by the subcommands (and by serve). */
    static final class KeysFile
    {
        @Option(names = "--keys", paramLabel = "FILE",
            description = "The API key file (default: ./tickwire-data/api-keys.json).")
        Path file;

        KeyStore open()
        {
            return KeyStore.open(file != null ? file : KeyStore.DEFAULT_PATH);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create an API key and print it (only this once).")
    static final class Create implements Callable<Integer>
    {
        @Mixin
        KeysFile keys;

        @Option(names = "--admin", description = "The key may also create, list and revoke keys over the API.")
        boolean admin;

        @Option(names = "--name", paramLabel = "N", description = "A unique name for the key (default: key-<n>).")
        String name;

        @Option(names = "--rps", paramLabel = "N",
            description = "The key's own limit of requests per second (0: no limit; default: the server's "
                + "--rate-limit-rps).")
        Long rps;

        @Option(names = "--bytes-per-minute", paramLabel = "SIZE",
            description = "The key's own limit of response bytes per minute, e.g. 100m (0: no limit; default: the "
                + "server's --rate-limit-bytes-per-minute).")
        String bytesPerMinute;

        @Override
        public Integer call()
        {
            final KeyStore store = keys.open();
            final Long bytes = bytesPerMinute == null ? null : byteSize("--bytes-per-minute", bytesPerMinute);
            if (rps != null && rps < 0)
            {
                throw new IllegalArgumentException("--rps must be 0 (no limit) or more, got " + rps);
            }
            final KeyStore.CreatedKey created = store.create(name, admin, rps, bytes);
            // stdout: the key alone, so KEY=$(tickwire keys create) works; the explanation goes to stderr
            System.out.println(created.key());
            System.out.flush();
            System.err.println("Created " + (created.admin() ? "admin " : "") + "key '" + created.name() + "' in " +
                store.file() + ". It is shown only this once (the file keeps a salted hash). Use it as:");
            System.err.println("  curl -H \"" + ApiServer.KEY_HEADER + ": " + created.key() + "\" http://127.0.0.1:8080/contracts");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the API keys: name, admin, created, and the key's own rate limits (default: the server's).")
    static final class ListKeys implements Callable<Integer>
    {
        @Mixin
        KeysFile keys;

        @Override
        public Integer call()
        {
            final KeyStore store = keys.open();
            final List<KeyStore.KeyInfo> list = store.list();
            if (list.isEmpty())
            {
                System.err.println("No API keys in " + store.file() + "; create one with: tickwire keys create --admin");
                return 0;
            }
            final int width = Math.max(4, list.stream().mapToInt(k -> k.name().length()).max().orElse(4));
            final String format = "%-" + width + "s  %-5s  %-30s  %-7s  %s%n";
            System.out.printf(format, "NAME", "ADMIN", "CREATED", "RPS", "BYTES/MIN");
            for (final KeyStore.KeyInfo k : list)
            {
                System.out.printf(format, k.name(), k.admin() ? "yes" : "no", k.created(),
                    limit(k.requestsPerSecond()), limit(k.bytesPerMinute()));
            }
            return 0;
        }
    }

    /** A key's own limit as listed: "default" (the server's), "none" (0) or the number. */
    static String limit(final Long value)
    {
        return value == null ? "default" : value == 0 ? "none" : Long.toString(value);
    }

    /** A byte size option (100000, 64k, 500m, 1g), 0 or more. */
    static long byteSize(final String option, final String text)
    {
        final long bytes;
        try
        {
            bytes = dev.tickwire.engine.config.Sizes.parseBytes(option, text);
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException(option + ": '" + text + "' is not a size (e.g. 1000000, 64k, 500m, 1g)");
        }
        if (bytes < 0)
        {
            throw new IllegalArgumentException(option + " must be 0 (no limit) or more, got " + text);
        }
        return bytes;
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an API key; a running server stops accepting it at once.")
    static final class Revoke implements Callable<Integer>
    {
        @Mixin
        KeysFile keys;

        @Parameters(paramLabel = "NAME", description = "The key's name (see tickwire keys list).")
        String name;

        @Override
        public Integer call()
        {
            final KeyStore store = keys.open();
            if (!store.revoke(name))
            {
                throw new IllegalArgumentException("no key named '" + name + "' in " + store.file());
            }
            System.out.println("Revoked key '" + name + "'.");
            return 0;
        }
    }
}
