package dev.tickwire.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class SecretsTest
{
    private static final String KEY = "alerts.channels[0]";
    private final Secrets secrets = new Secrets(Map.of("HOOK_SECRET", "s3cr3t-value", "EMPTY", "")::get);

    @TempDir
    Path dir;

    @Test
    void fromEnvironment()
    {
        assertThat(secrets.optional(KEY, "secret", "HOOK_SECRET", null)).contains("s3cr3t-value");
        assertThat(secrets.optional(KEY, "secret", null, null)).isEmpty();
    }

    @Test
    void missingOrEmptyVariableNamesKeyAndVariable()
    {
        assertThatThrownBy(() -> secrets.optional(KEY, "secret", "NO_SUCH_VAR", null))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("alerts.channels[0].secretEnv").hasMessageContaining("NO_SUCH_VAR")
            .extracting(e -> ((ConfigException)e).key()).isEqualTo("alerts.channels[0].secretEnv");
        assertThatThrownBy(() -> secrets.optional(KEY, "secret", "EMPTY", null))
            .hasMessageContaining("alerts.channels[0].secretEnv").hasMessageContaining("EMPTY is empty");
    }

    @Test
    void requiredNamesBothWays()
    {
        assertThatThrownBy(() -> secrets.required(KEY, "password", null, null))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("alerts.channels[0].passwordEnv").hasMessageContaining("passwordFile");
        assertThatThrownBy(() -> secrets.optional(KEY, "secret", "HOOK_SECRET", "/x"))
            .hasMessageContaining("alerts.channels[0].secretEnv").hasMessageContaining("not both");
    }

    @Test
    void ownerOnlyFileIsReadWithoutItsNewline() throws IOException
    {
        final Path file = secretFile("0600-secret\n", "rw-------");
        assertThat(secrets.optional(KEY, "secret", null, file.toString())).contains("0600-secret");
    }

    @Test
    void fileOthersCanReadIsRefusedNamingTheKey() throws IOException
    {
        final Path file = secretFile("0644-secret\n", "rw-r--r--");
        assertThatThrownBy(() -> secrets.optional(KEY, "secret", null, file.toString()))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("alerts.channels[0].secretFile").hasMessageContaining("rw-r--r--")
            .hasMessageNotContaining("0644-secret")
            .extracting(e -> ((ConfigException)e).key()).isEqualTo("alerts.channels[0].secretFile");
        final Path groupOnly = secretFile("g", "rw-r-----");
        assertThatThrownBy(() -> secrets.fromFile("k", groupOnly)).hasMessageContaining("group or others");
    }

    @Test
    void missingOrEmptyFileNamesKeyAndFile() throws IOException
    {
        final Path missing = dir.resolve("nope.secret");
        assertThatThrownBy(() -> secrets.optional(KEY, "password", null, missing.toString()))
            .hasMessageContaining("alerts.channels[0].passwordFile").hasMessageContaining(missing.toString());
        final Path empty = secretFile("\n", "rw-------");
        assertThatThrownBy(() -> secrets.fromFile("k", empty)).hasMessageContaining("is empty");
    }

    private Path secretFile(final String content, final String permissions) throws IOException
    {
        assumeThat(Files.getFileStore(dir).supportsFileAttributeView("posix")).isTrue();
        final Path file = Files.createTempFile(dir, "s", ".secret");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
