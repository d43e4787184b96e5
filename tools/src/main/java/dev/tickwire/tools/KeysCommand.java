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

        @Override
        public Integer call()
        {
            final KeyStore store = keys.open();
            final KeyStore.CreatedKey created = store.create(name, admin);
            // stdout: the key alone, so KEY=$(tickwire keys create) works; the explanation goes to stderr
            System.out.println(created.key());
            System.out.flush();
            System.err.println("Created " + (created.admin() ? "admin " : "") + "key '" + created.name() + "' in " +
                store.file() + ". It is shown only this once (the file keeps a salted hash). Use it as:");
            System.err.println("  curl -H \"" + ApiServer.KEY_HEADER + ": " + created.key() + "\" http://127.0.0.1:8080/contracts");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the API keys (names, admin, created).")
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
            System.out.printf("%-" + width + "s  %-5s  %s%n", "NAME", "ADMIN", "CREATED");
            for (final KeyStore.KeyInfo k : list)
            {
                System.out.printf("%-" + width + "s  %-5s  %s%n", k.name(), k.admin() ? "yes" : "no", k.created());
            }
            return 0;
        }
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
