package dev.tickwire.client;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A strategy that never calls subscribeFrom needs neither aeron-archive nor the driver: MarketDataSubscriber loads,
 * links and verifies in a JVM whose class path has neither (aeron-archive is an optional dependency).
 */
class ThinClientTest
{
    @Test
    void theSubscriberLoadsWithoutTheArchiveOrTheDriverOnTheClassPath() throws Exception
    {
        final String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.contains("aeron-archive") && !entry.contains("aeron-driver"))
            .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).doesNotContain("aeron-archive").contains("aeron-client");
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
            LoadsWithoutArchive.class.getName()));
        final Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as(output).contains("loaded MarketDataSubscriber");
        assertThat(child.exitValue()).as(output).isZero();
    }

    /** The child: initialises (so links and verifies) the subscriber and its start-point type. */
    public static final class LoadsWithoutArchive
    {
        public static void main(final String[] args) throws Exception
        {
            Class.forName("dev.tickwire.client.MarketDataSubscriber", true, LoadsWithoutArchive.class.getClassLoader());
            System.out.println("loaded MarketDataSubscriber; " + ReplayFrom.position(64));
        }
    }
}
