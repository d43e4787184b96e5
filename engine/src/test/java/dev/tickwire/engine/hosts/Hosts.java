package dev.tickwire.engine.hosts;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Hosts for real: Linux network namespaces on one bridge, as if each were a machine on a LAN. A "switch"
 * namespace holds the bridge; each host namespace has an eth0 (a veth whose other end is on the bridge) with
 * 10.77.0.N/24 and a multicast route. Names are unique per instance (tw-XXXXX-…), and {@link #close()} deletes
 * every namespace it made (their veths go with them), also after a failure.
 */
public final class Hosts implements AutoCloseable
{
    public static final String SUBNET = "10.77.0.";

    private final String prefix = "tw-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    private final String sw = prefix + "-sw";
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> hosts = new ArrayList<>();

    /**
     * Null where network namespaces can be made here, else why not (a test skips with it; they need root and a
     * kernel that allows them).
     */
    public static String unavailable() throws IOException, InterruptedException
    {
        final String name = "tw-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff)) + "-probe";
        final Result probe = run("ip", "netns", "add", name);
        if (probe.code != 0)
        {
            return "network namespaces are not available here (ip netns add failed: " + probe.output.strip() +
                "); these tests need root and a kernel that allows them";
        }
        run("ip", "netns", "del", name);
        return null;
    }

    /** Makes the switch and {@code count} hosts (host i is 10.77.0.(i+1)). */
    public static Hosts create(final int count) throws IOException, InterruptedException
    {
        final Hosts hosts = new Hosts();
        hosts.must("ip", "netns", "add", hosts.sw);
        hosts.namespaces.add(hosts.sw);
        try
        {
            hosts.must("ip", "-n", hosts.sw, "link", "add", "br0", "type", "bridge");
            // flood multicast to every port: no IGMP snooping between our "machines"
            hosts.must("ip", "-n", hosts.sw, "link", "set", "br0", "type", "bridge", "mcast_snooping", "0");
            hosts.must("ip", "-n", hosts.sw, "link", "set", "br0", "up");
            for (int i = 0; i < count; i++)
            {
                hosts.addHost(i);
            }
            return hosts;
        }
        catch (final IOException | InterruptedException | RuntimeException ex)
        {
            hosts.close();
            throw ex;
        }
    }

    private void addHost(final int i) throws IOException, InterruptedException
    {
        final String ns = prefix + "-h" + i;
        must("ip", "netns", "add", ns);
        namespaces.add(ns);
        hosts.add(ns);
        final String port = "p" + i;
        must("ip", "-n", sw, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns);
        must("ip", "-n", sw, "link", "set", port, "master", "br0");
        must("ip", "-n", sw, "link", "set", port, "up");
        must("ip", "-n", ns, "addr", "add", ip(i) + "/24", "dev", "eth0");
        must("ip", "-n", ns, "link", "set", "eth0", "up");
        must("ip", "-n", ns, "link", "set", "lo", "up");
        must("ip", "-n", ns, "route", "add", "224.0.0.0/4", "dev", "eth0");
    }

    /** Host i's address. */
    public static String ip(final int i)
    {
        return SUBNET + (i + 1);
    }

    public String namespace(final int i)
    {
        return hosts.get(i);
    }

    /** Cuts host i off the LAN (its eth0 down: nothing in or out), as a pulled cable. */
    public void cut(final int i) throws IOException, InterruptedException
    {
        must("ip", "-n", sw, "link", "set", "p" + i, "down");
    }

    public void restore(final int i) throws IOException, InterruptedException
    {
        must("ip", "-n", sw, "link", "set", "p" + i, "up");
    }

    /** A java process in host i's namespace, with this JVM's module flags and class path. */
    public Process java(final int i, final Path log, final Class<?> main, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace(i)));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int a = 0; a < jvmArgs.size(); a++)
        {
            final String arg = jvmArgs.get(a);
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports"))
            {
                command.add(arg);
                if (!arg.contains("=") && a + 1 < jvmArgs.size())
                {
                    command.add(jvmArgs.get(++a));
                }
            }
            else if (arg.startsWith("-D"))
            {
                command.add(arg);
            }
        }
        command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
            main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void must(final String... command) throws IOException, InterruptedException
    {
        final Result result = run(command);
        if (result.code != 0)
        {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + result.code + "): " +
                result.output.strip());
        }
    }

    private record Result(int code, String output)
    {
    }

    private static Result run(final String... command) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            return new Result(-1, "timed out");
        }
        return new Result(process.exitValue(), output);
    }

    @Override
    public void close()
    {
        for (int i = namespaces.size() - 1; i >= 0; i--)
        {
            try
            {
                run("ip", "netns", "del", namespaces.get(i));
            }
            catch (final IOException | InterruptedException ex)
            {
                System.err.println("could not delete network namespace " + namespaces.get(i) + ": " + ex);
            }
        }
        namespaces.clear();
    }
}
