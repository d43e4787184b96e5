package dev.tickwire.clickhouse;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real ClickHouse server on loopback for tests: {@code clickhouse-server} (or {@code clickhouse server})
 * from the PATH, everything it writes in its own temp folder, free ports. Missing binary: the test fails
 * saying how to install it (CI does: {@code .ci/run}); a test never skips for want of it.
 *
 * <p>A busy port makes the server exit about a second after it started while {@code /ping} reaches
 * whoever holds the port, so ready means: {@code /ping} says "Ok." and the port is this process's
 * (checked in /proc), and the process is still alive a moment later.
 *
 * <p>Users: {@code default} without a password, and {@link #USER} with {@link #PASSWORD}.
 */
public final class ClickHouseServer implements AutoCloseable
{
    public static final String USER = "tickwire";
    public static final String PASSWORD = "tw-test-secret";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final boolean ownsDir;
    private final int httpPort;
    private final int tcpPort;
    private Process process;
    private ClickHouseHttp http;

    private ClickHouseServer(final Path dir, final boolean ownsDir, final int httpPort, final int tcpPort)
    {
        this.dir = dir;
        this.ownsDir = ownsDir;
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
    }

    /** Starts a server with its data in a new temp folder (deleted on close). */
    public static ClickHouseServer start() throws IOException, InterruptedException
    {
        return start(Files.createTempDirectory("tickwire-clickhouse-"), true);
    }

    /** Starts a server with its data in {@code dir} (kept on close: a restart finds its tables). */
    public static ClickHouseServer start(final Path dir) throws IOException, InterruptedException
    {
        return start(dir, false);
    }

    private static ClickHouseServer start(final Path dir, final boolean ownsDir) throws IOException,
        InterruptedException
    {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            final ClickHouseServer server = new ClickHouseServer(dir, ownsDir, freePort(), freePort());
            try
            {
                server.launch();
                return server;
            }
            catch (final IOException ex)
            {
                server.stopProcess();
                last = ex; // a port taken between choosing and binding it: other ports
            }
        }
        throw last;
    }

    /** Starts it again on the same ports and data after {@link #stop()}. */
    public void restart() throws IOException, InterruptedException
    {
        launch();
    }

    /** Stops the server (SIGTERM), keeping its data. */
    public void stop() throws InterruptedException
    {
        stopProcess();
    }

    public URI url()
    {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    public int httpPort()
    {
        return httpPort;
    }

    /** A client as the default user (one per server: each holds a connection pool and a selector thread). */
    public synchronized ClickHouseHttp http()
    {
        if (http == null)
        {
            http = new ClickHouseHttp(url(), null, null, Duration.ofSeconds(30));
        }
        return http;
    }

    /** Runs SQL as the default user; the answer's body. */
    public String query(final String sql) throws IOException
    {
        return http().query(sql);
    }

    @Override
    public void close() throws InterruptedException, IOException
    {
        stopProcess();
        if (ownsDir)
        {
            try (Stream<Path> files = Files.walk(dir))
            {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void launch() throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(binary());
        writeConfig();
        command.add("--config-file=" + dir.resolve("config.xml"));
        process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(dir.resolve("log").resolve("stdout.log").toFile()).start();
        final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        final ClickHouseHttp http = new ClickHouseHttp(url(), null, null, Duration.ofSeconds(2));
        while (System.nanoTime() < deadline)
        {
            if (!process.isAlive())
            {
                throw new IOException("clickhouse-server exited with " + process.exitValue() + " at start: " +
                    tail(dir.resolve("log").resolve("stdout.log")) + tail(dir.resolve("log").resolve("err.log")));
            }
            if (http.ping() && listensHere())
            {
                Thread.sleep(200); // a server that lost its port to another exits about now
                if (process.isAlive())
                {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new IOException("clickhouse-server did not answer /ping on port " + httpPort + " within " +
            START_TIMEOUT.toSeconds() + " s: " + tail(dir.resolve("log").resolve("err.log")));
    }

    private void stopProcess() throws InterruptedException
    {
        if (process != null && process.isAlive())
        {
            process.destroy(); // SIGTERM: a clean shutdown
            // it waits for busy keep-alive connections (a client inserting every few ms) up to ~9 s: enough
            if (!process.waitFor(3, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        process = null;
    }

    /** The server binary: clickhouse-server, or the all-in-one clickhouse with "server". */
    private static List<String> binary()
    {
        final String path = System.getenv().getOrDefault("PATH", "");
        for (final String entry : (path + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/usr/bin")
            .split(File.pathSeparator))
        {
            if (entry.isEmpty())
            {
                continue;
            }
            final Path server = Path.of(entry, "clickhouse-server");
            if (Files.isExecutable(server))
            {
                return List.of(server.toString());
            }
            final Path all = Path.of(entry, "clickhouse");
            if (Files.isExecutable(all))
            {
                return List.of(all.toString(), "server");
            }
        }
        throw new IllegalStateException("clickhouse-server is not installed (not on the PATH): the ClickHouse " +
            "output's tests run a real server. Install it: apt-get install clickhouse-server clickhouse-client " +
            "(.ci/run does), or put a ClickHouse release's clickhouse binary on the PATH");
    }

    /** Is {@code httpPort} a listening socket of our process? (/proc: its socket inodes vs /proc/net/tcp) */
    private boolean listensHere() throws IOException
    {
        final Path fds = Path.of("/proc", String.valueOf(process.pid()), "fd");
        final Path tcp = Path.of("/proc/net/tcp");
        if (!Files.isDirectory(fds) || !Files.exists(tcp))
        {
            return true; // no /proc (not Linux): the liveness check after the ping has to do
        }
        final List<String> inodes = new ArrayList<>();
        try (Stream<Path> links = Files.list(fds))
        {
            links.forEach(link ->
            {
                try
                {
                    final String target = Files.readSymbolicLink(link).toString();
                    if (target.startsWith("socket:["))
                    {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                }
                catch (final IOException ignore)
                {
                    // closed meanwhile
                }
            });
        }
        final String port = String.format(":%04X", httpPort);
        for (final String line : Files.readAllLines(tcp))
        {
            final String[] f = line.trim().split("\\s+");
            // sl local_address rem_address st ... inode (field 9); st 0A = LISTEN
            if (f.length > 9 && f[1].endsWith(port) && "0A".equals(f[3]) && inodes.contains(f[9]))
            {
                return true;
            }
        }
        return false;
    }

    private void writeConfig() throws IOException
    {
        for (final String sub : new String[] {"data", "tmp", "user_files", "format_schemas", "log"})
        {
            Files.createDirectories(dir.resolve(sub));
        }
        final String d = dir.toAbsolutePath().toString();
        Files.writeString(dir.resolve("config.xml"), """
            <yandex>
              <logger>
                <level>warning</level>
                <log>%1$s/log/server.log</log>
                <errorlog>%1$s/log/err.log</errorlog>
                <size>10M</size><count>2</count>
                <console>0</console>
              </logger>
              <listen_host>127.0.0.1</listen_host>
              <timezone>UTC</timezone>
              <!-- a stop waits for idle keep-alive connections (HttpClient pools them): 10 s by default -->
              <keep_alive_timeout>1</keep_alive_timeout>
              <query_log>
                <database>system</database><table>query_log</table>
                <flush_interval_milliseconds>1000</flush_interval_milliseconds>
              </query_log>
              <http_port>%2$d</http_port>
              <tcp_port>%3$d</tcp_port>
              <path>%1$s/data/</path>
              <tmp_path>%1$s/tmp/</tmp_path>
              <user_files_path>%1$s/user_files/</user_files_path>
              <format_schema_path>%1$s/format_schemas/</format_schema_path>
              <users_config>%1$s/users.xml</users_config>
              <default_profile>default</default_profile>
              <default_database>default</default_database>
              <mark_cache_size>67108864</mark_cache_size>
              <max_concurrent_queries>50</max_concurrent_queries>
            </yandex>
            """.formatted(d, httpPort, tcpPort), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("users.xml"), """
            <yandex>
              <profiles><default><log_queries>1</log_queries></default></profiles>
              <users>
                <default>
                  <password></password>
                  <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
                  <profile>default</profile><quota>default</quota>
                </default>
                <%1$s>
                  <password>%2$s</password>
                  <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
                  <profile>default</profile><quota>default</quota>
                </%1$s>
              </users>
              <quotas><default></default></quotas>
            </yandex>
            """.formatted(USER, PASSWORD), StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    private static String tail(final Path file)
    {
        try
        {
            final List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        }
        catch (final IOException ex)
        {
            return "";
        }
    }
}
