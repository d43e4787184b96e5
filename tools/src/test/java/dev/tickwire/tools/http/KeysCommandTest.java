package dev.tickwire.tools.http;

import dev.tickwire.tools.TickwireCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tickwire keys create | list | revoke} and serve's refusal to start without keys. */
class KeysCommandTest
{
    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err)
    {
    }

    static synchronized Result run(final String... args)
    {
        final PrintStream oldOut = System.out;
        final PrintStream oldErr = System.err;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try
        {
            final picocli.CommandLine cli = TickwireCli.commandLine();
            cli.setErr(new PrintWriter(System.err, true));
            cli.setOut(new PrintWriter(System.out, true));
            final int code = cli.execute(args);
            System.out.flush();
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void createPrintsTheKeyOnceAndStoresOnlyItsHash() throws Exception
    {
        final Path file = dir.resolve("api-keys.json");
        final Result created = run("keys", "create", "--admin", "--name", "ops", "--keys", file.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        final String key = created.out().strip();
        assertThat(key).matches("[A-Za-z0-9_-]{43}");
        assertThat(created.err()).contains("curl -H \"X-API-Key: " + key + "\" http://127.0.0.1:8080/contracts")
            .contains("only this once").contains("admin key 'ops'");
        assertThat(Files.readString(file)).doesNotContain(key);
        assertThat(KeyStore.open(file).verify(key)).hasValueSatisfying(k ->
        {
            assertThat(k.name()).isEqualTo("ops");
            assertThat(k.admin()).isTrue();
        });

        final Result duplicate = run("keys", "create", "--name", "ops", "--keys", file.toString());
        assertThat(duplicate.exitCode()).isEqualTo(2);
        assertThat(duplicate.err()).contains("a key named 'ops' already exists");

        final Result unnamed = run("keys", "create", "--keys", file.toString());
        assertThat(unnamed.exitCode()).isZero();
        assertThat(unnamed.err()).contains("key 'key-2'").doesNotContain("admin key");

        final Result list = run("keys", "list", "--keys", file.toString());
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).containsPattern("NAME\\s+ADMIN\\s+CREATED")
            .containsPattern("ops\\s+yes\\s+\\d{4}-")
            .containsPattern("key-2\\s+no\\s+\\d{4}-")
            .doesNotContain(key);

        final Result revoke = run("keys", "revoke", "ops", "--keys", file.toString());
        assertThat(revoke.exitCode()).isZero();
        assertThat(revoke.out()).contains("Revoked key 'ops'");
        assertThat(KeyStore.open(file).verify(key)).isEmpty();
        assertThat(run("keys", "list", "--keys", file.toString()).out()).doesNotContain("ops");

        final Result again = run("keys", "revoke", "ops", "--keys", file.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("no key named 'ops'");
    }

    @Test
    void createTakesTheKeysOwnRateLimitsAndListShowsThem()
    {
        final Path file = dir.resolve("api-keys.json");
        final Result limited = run("keys", "create", "--name", "bot", "--rps", "5", "--bytes-per-minute", "1m",
            "--keys", file.toString());
        assertThat(limited.exitCode()).as(limited.err()).isZero();
        assertThat(run("keys", "create", "--name", "free", "--rps", "0", "--keys", file.toString()).exitCode()).isZero();
        assertThat(run("keys", "create", "--name", "plain", "--keys", file.toString()).exitCode()).isZero();
        final Result list = run("keys", "list", "--keys", file.toString());
        assertThat(list.out()).containsPattern("NAME\\s+ADMIN\\s+CREATED\\s+RPS\\s+BYTES/MIN")
            .containsPattern("bot\\s+no\\s+\\S+\\s+5\\s+1048576")
            .containsPattern("free\\s+no\\s+\\S+\\s+none\\s+default")
            .containsPattern("plain\\s+no\\s+\\S+\\s+default\\s+default");

        final Result bad = run("keys", "create", "--name", "bad", "--bytes-per-minute", "lots", "--keys", file.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--bytes-per-minute: 'lots' is not a size");
    }

    @Test
    void listOfAnEmptyStoreSaysHowToCreateAKey()
    {
        final Result list = run("keys", "list", "--keys", dir.resolve("none.json").toString());
        assertThat(list.exitCode()).isZero();
        assertThat(list.err()).contains("tickwire keys create --admin");
    }

    @Test
    void serveRefusesToStartWithoutKeys() throws Exception
    {
        final Path journal = Files.createDirectories(dir.resolve("journal"));
        final Result serve = run("serve", "--journal", journal.toString(), "--port", "0",
            "--keys", dir.resolve("api-keys.json").toString());
        assertThat(serve.exitCode()).isEqualTo(2);
        assertThat(serve.err()).contains("no API keys").contains("tickwire keys create --admin");
    }

    @Test
    void serveRefusesAMissingJournal()
    {
        final Result serve = run("serve", "--journal", dir.resolve("nothing").toString(), "--port", "0",
            "--keys", dir.resolve("api-keys.json").toString());
        assertThat(serve.exitCode()).isEqualTo(2);
        assertThat(serve.err()).contains("no journal at");
    }
}
