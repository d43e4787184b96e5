package dev.tickwire.tools;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Windows: a Task Scheduler task, registered from its XML file with schtasks. */
final class ScheduledTask implements ServiceManager
{
    @Override
    public boolean windows()
    {
        return true;
    }

    @Override
    public String serviceName(final String name)
    {
        return name;
    }

    /** Beside the installation: the task's XML is kept there to read, or to register again. */
    @Override
    public Path defaultDir()
    {
        return JarLaunch.installDir(JarLaunch.runningJar());
    }

    @Override
    public Path file(final Path dir, final String name)
    {
        return dir.resolve(name + ".xml");
    }

    @Override
    public String render(final ServiceDefinition service)
    {
        return TaskSchedulerXml.render(service);
    }

    /** UTF-16 as declared, little-endian with a byte order mark, as Task Scheduler itself exports. */
    @Override
    public byte[] encode(final String text)
    {
        final byte[] body = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_16LE);
        return ByteBuffer.allocate(body.length + 2).put((byte)0xFF).put((byte)0xFE).put(body).array();
    }

    @Override
    public List<ServiceStep> install(final String serviceName, final Path file)
    {
        return List.of(ServiceStep.run("schtasks", "/Create", "/TN", serviceName, "/XML", file.toString(), "/F"),
            ServiceStep.run("schtasks", "/Run", "/TN", serviceName));
    }

    @Override
    public List<ServiceStep> uninstall(final String serviceName, final Path file)
    {
        // deleting a task leaves its running instance alone: end it first (it may not be running)
        return List.of(ServiceStep.tryRun("schtasks", "/End", "/TN", serviceName),
            ServiceStep.run("schtasks", "/Delete", "/TN", serviceName, "/F"), ServiceStep.remove(file, "del"));
    }

    @Override
    public List<String> status(final String serviceName)
    {
        return List.of("schtasks", "/Query", "/TN", serviceName, "/V", "/FO", "LIST");
    }

    @Override
    public String runAs()
    {
        return "as the same user, in a command prompt";
    }
}
