package dev.tickwire.tools;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** systemd: a unit file in /etc/systemd/system, enabled and started with systemctl. */
final class SystemdService implements ServiceManager
{
    static final Path UNIT_DIR = Path.of("/etc/systemd/system");

    @Override
    public boolean windows()
    {
        return false;
    }

    @Override
    public String serviceName(final String name)
    {
        return name.endsWith(".service") ? name : name + ".service";
    }

    @Override
    public Path defaultDir()
    {
        return UNIT_DIR;
    }

    @Override
    public Path file(final Path dir, final String name)
    {
        return dir.resolve(serviceName(name));
    }

    @Override
    public String render(final ServiceDefinition service)
    {
        return SystemdUnit.render(service);
    }

    @Override
    public byte[] encode(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public List<ServiceStep> install(final String serviceName, final Path file)
    {
        return List.of(ServiceStep.run("systemctl", "daemon-reload"), ServiceStep.run("systemctl", "enable", "--now", serviceName));
    }

    @Override
    public List<ServiceStep> uninstall(final String serviceName, final Path file)
    {
        return List.of(ServiceStep.run("systemctl", "disable", "--now", serviceName), ServiceStep.remove(file, "rm"),
            ServiceStep.run("systemctl", "daemon-reload"));
    }

    @Override
    public List<String> status(final String serviceName)
    {
        return List.of("systemctl", "status", serviceName);
    }

    @Override
    public String runAs()
    {
        return "as root (sudo)";
    }
}
