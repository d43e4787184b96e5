package dev.tickwire.tools;

import java.nio.file.Path;
import java.util.List;

/** A platform's service manager: the file that describes the service and the commands that register it. */
interface ServiceManager
{
    boolean windows();

    /** The name the manager knows the service by (systemd wants the .service suffix). */
    String serviceName(String name);

    /** Where the file goes when --unit-dir is not given. */
    Path defaultDir();

    Path file(Path dir, String name);

    /** The file's text (a systemd unit, a task's XML). */
    String render(ServiceDefinition service);

    /** The text as the manager wants it on disk. */
    byte[] encode(String text);

    List<ServiceStep> install(String serviceName, Path file);

    List<ServiceStep> uninstall(String serviceName, Path file);

    List<String> status(String serviceName);

    /** Who should run the commands when they fail here, e.g. "as root (sudo)". */
    String runAs();
}
