package dev.tickwire.tools;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import picocli.CommandLine;

import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.Duration;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code tickwire service}: the systemd unit and the Windows task it writes, and the commands it runs (faked). */
class ServiceCommandTest
{
    /** The build writes it before the tests run (process-resources). */
    private static final Path BUILD_JVM_OPTIONS = Path.of("target", JarLaunch.JVM_OPTIONS);
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    private Path config;
    private Path units;
    private final FakeProcesses processes = new FakeProcesses();

    @BeforeEach
    void writeConfig() throws Exception
    {
        config = dir.resolve("tickwire.yaml");
        Files.writeString(config, "dataDir: " + dir.resolve("data") + "\n");
        units = dir.resolve("units");
    }

    @Test
    void dryRunPrintsTheUnitAndTheCommandsAndWritesNothing() throws Exception
    {
        final Result result = run("service", "install", "--config", config.toString(), "--unit-dir", units.toString(),
            "--user", "trader", "--working-dir", dir.toString(), "--platform", "linux", "--dry-run");

        assertThat(result.code).as(result.err).isZero();
        final List<String> unit = result.out.lines().toList();
        final Path jar = JarLaunch.runningJar().toAbsolutePath().normalize();
        final String flags = Files.readString(BUILD_JVM_OPTIONS).strip();
        assertThat(unit).contains(
            "[Unit]", "After=network-online.target", "Wants=network-online.target",
            "[Service]", "Type=simple", "Restart=always", "RestartSec=5", "User=trader", "WorkingDirectory=" + dir,
            "ExecStart=" + JAVA + " " + flags + " -jar " + jar + " run --config " + config + " --quiet",
            "[Install]", "WantedBy=multi-user.target");
        assertThat(flags).contains("--add-opens=java.base/java.lang=ALL-UNNAMED");
        assertThat(unit).noneMatch(line -> line.startsWith("EnvironmentFile="));
        assertThat(result.err).contains("would write " + units.resolve("tickwire.service"))
            .contains("  systemctl daemon-reload\n  systemctl enable --now tickwire.service\n");
        assertThat(units).doesNotExist();
        assertThat(processes.commands).isEmpty();
    }

    @Test
    void installWritesAUnitSystemdAcceptsThenEnablesAndStartsIt() throws Exception
    {
        final Path jar = builtJar(dir.resolve("opt"));
        final Path env = Files.writeString(dir.resolve("tickwire.env"), "SMTP_PASSWORD=secret\n");

        final Result result = run("service", "install", "--config", config.toString(), "--unit-dir", units.toString(),
            "--jar", jar.toString(), "--env-file", env.toString(), "--name", "tickwire-test", "--platform", "linux");

        assertThat(result.code).as(result.out + result.err).isZero();
        final Path unit = units.resolve("tickwire-test.service");
        final List<String> lines = Files.readAllLines(unit);
        assertThat(lines).contains("Type=simple", "Restart=always", "RestartSec=5", "EnvironmentFile=" + env,
            "User=" + System.getProperty("user.name"), "WorkingDirectory=" + jar.getParent(),
            "ExecStart=" + JAVA + " " + Files.readString(BUILD_JVM_OPTIONS).strip() + " -jar " + jar + " run --config " +
                config + " --quiet");
        assertThat(processes.commands).containsExactly(
            List.of("systemctl", "daemon-reload"), List.of("systemctl", "enable", "--now", "tickwire-test.service"));
        assertThat(result.out).contains("logs: " + dir.resolve("data/logs/tickwire.log"));
        assertSystemdAccepts(unit);
    }

    @Test
    void pathsWithSpacesAndPercentSignsAreQuotedAndEscapedForSystemd() throws Exception
    {
        final Path odd = Files.createDirectories(dir.resolve("my 100% configs"));
        final Path oddConfig = Files.writeString(odd.resolve("tick wire.yaml"), "dataDir: data\n");
        final Path jar = builtJar(odd);

        final Result result = run("service", "install", "--config", oddConfig.toString(), "--unit-dir", units.toString(),
            "--jar", jar.toString(), "--platform", "linux");

        assertThat(result.code).as(result.out + result.err).isZero();
        final Path unit = units.resolve("tickwire.service");
        final String escaped = odd.toString().replace("%", "%%");
        assertThat(Files.readAllLines(unit)).contains("WorkingDirectory=" + escaped)
            .anySatisfy(line -> assertThat(line).startsWith("ExecStart=").endsWith(
                " -jar \"" + escaped + "/tickwire.jar\" run --config \"" + escaped + "/tick wire.yaml\" --quiet"));
        assertSystemdAccepts(unit);
    }

    @Test
    void whenSystemctlFailsItSaysWhatToRunAndExitsNonZero() throws Exception
    {
        processes.exitCodes.put("daemon-reload", 1);

        final Result result = run("service", "install", "--config", config.toString(), "--unit-dir", units.toString(),
            "--jar", builtJar(dir.resolve("opt")).toString(), "--platform", "linux");

        assertThat(result.code).isEqualTo(1);
        assertThat(units.resolve("tickwire.service")).exists();
        assertThat(result.err).contains("`systemctl daemon-reload` failed (exit 1)").contains("as root (sudo)")
            .contains("  systemctl daemon-reload\n  systemctl enable --now tickwire.service\n");
        assertThat(processes.commands).containsExactly(List.of("systemctl", "daemon-reload"));
    }

    @Test
    void uninstallDisablesRemovesTheUnitAndReloads() throws Exception
    {
        final Path unit = Files.writeString(Files.createDirectories(units).resolve("tickwire.service"), "[Unit]\n");

        final Result dryRun = run("service", "uninstall", "--unit-dir", units.toString(), "--platform", "linux", "--dry-run");
        assertThat(dryRun.code).isZero();
        assertThat(dryRun.out).contains("  systemctl disable --now tickwire.service\n  rm " + unit + "\n  systemctl daemon-reload\n");
        assertThat(unit).exists();
        assertThat(processes.commands).isEmpty();

        final Result result = run("service", "uninstall", "--unit-dir", units.toString(), "--platform", "linux");
        assertThat(result.code).as(result.err).isZero();
        assertThat(unit).doesNotExist();
        assertThat(processes.commands).containsExactly(
            List.of("systemctl", "disable", "--now", "tickwire.service"), List.of("systemctl", "daemon-reload"));
    }

    @Test
    void statusPassesSystemctlsOutputAndExitCodeThrough()
    {
        processes.exitCodes.put("status", 3);
        processes.output = "tickwire.service - tickwire market-data engine\n   Active: inactive (dead)";

        final Result result = run("service", "status", "--platform", "linux");

        assertThat(result.code).isEqualTo(3);
        assertThat(result.out).contains("Active: inactive (dead)");
        assertThat(processes.commands).containsExactly(List.of("systemctl", "status", "tickwire.service"));
        assertThat(run("service", "status", "--platform", "linux", "--dry-run").out).isEqualTo("systemctl status tickwire.service\n");
    }

    @Test
    void windowsTaskXmlFollowsTheTaskSchedulerSchema() throws Exception
    {
        final Result result = run("service", "install", "--config", config.toString(), "--platform", "windows",
            "--user", "DESK\\trader", "--working-dir", dir.toString(), "--dry-run");

        assertThat(result.code).as(result.err).isZero();
        assertThat(result.out).startsWith("<?xml version=\"1.0\" encoding=\"UTF-16\"?>");
        final Document xml = parse(new InputSource(new StringReader(result.out)));
        final Element task = xml.getDocumentElement();
        assertThat(task.getLocalName()).isEqualTo("Task");
        assertThat(task.getNamespaceURI()).isEqualTo("http://schemas.microsoft.com/windows/2004/02/mit/task");
        assertThat(task.getAttribute("version")).isIn("1.2", "1.4");
        // taskType: Actions is required, and holds at least one action; execType requires Command
        assertThat(childNames(task)).contains("RegistrationInfo", "Triggers", "Principals", "Settings", "Actions")
            .doesNotHaveDuplicates();

        final Element logon = child(child(task, "Triggers"), "LogonTrigger");
        assertThat(text(logon, "Enabled")).isEqualTo("true");
        assertThat(text(logon, "UserId")).isEqualTo("DESK\\trader");
        // logonTriggerType extends triggerBaseType's sequence with its own: the order is fixed
        assertInSchemaOrder(logon, List.of("Enabled", "StartBoundary", "EndBoundary", "Repetition", "ExecutionTimeLimit",
            "UserId", "Delay"));

        final Element principal = child(child(task, "Principals"), "Principal");
        assertThat(text(principal, "UserId")).isEqualTo("DESK\\trader");
        assertThat(text(principal, "LogonType")).isEqualTo("InteractiveToken");

        final Element settings = child(task, "Settings");
        assertThat(text(settings, "MultipleInstancesPolicy")).isEqualTo("IgnoreNew");
        assertThat(text(settings, "DisallowStartIfOnBatteries")).isEqualTo("false");
        assertThat(text(settings, "StopIfGoingOnBatteries")).isEqualTo("false");
        assertThat(text(settings, "ExecutionTimeLimit")).isEqualTo("PT0S");
        assertThat(duration(text(settings, "ExecutionTimeLimit")).getSign()).isZero(); // no limit
        final Element restart = child(settings, "RestartOnFailure");
        assertThat(text(restart, "Interval")).isEqualTo("PT1M");
        // restartType: Interval PT1M..P31D, Count an unsignedByte of at least 1
        final Duration interval = duration(text(restart, "Interval"));
        assertThat(interval.compare(duration("PT1M"))).isIn(javax.xml.datatype.DatatypeConstants.EQUAL,
            javax.xml.datatype.DatatypeConstants.GREATER);
        assertThat(interval.compare(duration("P31D"))).isIn(javax.xml.datatype.DatatypeConstants.EQUAL,
            javax.xml.datatype.DatatypeConstants.LESSER);
        assertThat(Integer.parseInt(text(restart, "Count"))).isBetween(1, 255);
        assertThat(Integer.parseInt(text(settings, "Priority"))).isBetween(0, 10);
        // written in the order settingsType declares its elements, each once
        assertInSchemaOrder(settings, List.of("AllowStartOnDemand", "RestartOnFailure", "MultipleInstancesPolicy",
            "DisallowStartIfOnBatteries", "StopIfGoingOnBatteries", "AllowHardTerminate", "StartWhenAvailable",
            "NetworkProfileName", "RunOnlyIfNetworkAvailable", "WakeToRun", "Enabled", "Hidden", "DeleteExpiredTaskAfter",
            "IdleSettings", "NetworkSettings", "ExecutionTimeLimit", "Priority", "RunOnlyIfIdle"));
        for (final Element setting : children(settings))
        {
            if (setting.getFirstChild() != null && setting.getChildNodes().getLength() == 1)
            {
                assertThat(setting.getTextContent()).as(setting.getLocalName()).isNotBlank();
            }
        }

        final Element exec = child(child(task, "Actions"), "Exec");
        assertInSchemaOrder(exec, List.of("Command", "Arguments", "WorkingDirectory"));
        assertThat(text(exec, "Command")).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "javaw.exe").toString());
        final List<String> arguments = List.of(text(exec, "Arguments").split(" "));
        assertThat(arguments).containsAll(List.of(Files.readString(BUILD_JVM_OPTIONS).strip().split(" ")));
        assertThat(arguments.subList(arguments.size() - 6, arguments.size())).containsExactly(
            "-jar", JarLaunch.runningJar().toAbsolutePath().normalize().toString(), "run", "--config", config.toString(), "--quiet");
        assertThat(text(exec, "WorkingDirectory")).isEqualTo(dir.toString());

        assertThat(result.err).contains("schtasks /Create /TN tickwire /XML " + JarLaunch.installDir(JarLaunch.runningJar())
            .resolve("tickwire.xml") + " /F");
    }

    @Test
    void windowsInstallWritesUtf16AndRegistersTheTaskWithSchtasks() throws Exception
    {
        final Path jar = builtJar(dir.resolve("opt"));

        final Result result = run("service", "install", "--config", config.toString(), "--platform", "windows",
            "--unit-dir", units.toString(), "--jar", jar.toString());

        assertThat(result.code).as(result.out + result.err).isZero();
        final Path file = units.resolve("tickwire.xml");
        final byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[0] & 0xFF).isEqualTo(0xFF); // UTF-16 little-endian byte order mark
        assertThat(bytes[1] & 0xFF).isEqualTo(0xFE);
        assertThat(new String(bytes, StandardCharsets.UTF_16LE)).contains("encoding=\"UTF-16\"");
        final Document xml = parse(new InputSource(new ByteArrayInputStream(bytes))); // the parser goes by BOM and declaration
        assertThat(xml.getXmlEncoding()).isEqualTo("UTF-16");
        assertThat(text(child(child(xml.getDocumentElement(), "Actions"), "Exec"), "Arguments")).endsWith(" --quiet");
        assertThat(processes.commands).containsExactly(
            List.of("schtasks", "/Create", "/TN", "tickwire", "/XML", file.toString(), "/F"),
            List.of("schtasks", "/Run", "/TN", "tickwire"));

        processes.commands.clear();
        final Result removed = run("service", "uninstall", "--platform", "windows", "--unit-dir", units.toString());
        assertThat(removed.code).as(removed.err).isZero();
        assertThat(file).doesNotExist();
        assertThat(processes.commands).containsExactly(List.of("schtasks", "/End", "/TN", "tickwire"),
            List.of("schtasks", "/Delete", "/TN", "tickwire", "/F"));
        assertThat(run("service", "status", "--platform", "windows", "--dry-run").out)
            .isEqualTo("schtasks /Query /TN tickwire /V /FO LIST\n");
    }

    @Test
    void windowsArgumentsAreQuotedSoTheyAreSplitBackTheSame()
    {
        assertThat(TaskSchedulerXml.commandLine(List.of("-jar", "C:\\Program Files\\tickwire\\tickwire.jar", "a\"b",
            "C:\\data dir\\", "C:\\plain\\"))).isEqualTo(
            "-jar \"C:\\Program Files\\tickwire\\tickwire.jar\" \"a\\\"b\" \"C:\\data dir\\\\\" C:\\plain\\");
    }

    @Test
    void aMissingConfigFailsNamingTheFileBeforeAnythingIsWritten()
    {
        final Path missing = dir.resolve("nowhere/tickwire.yaml");

        final Result result = run("service", "install", "--config", missing.toString(), "--unit-dir", units.toString(),
            "--platform", "linux");

        assertThat(result.code).isEqualTo(2);
        assertThat(result.err).contains(missing.toString());
        assertThat(units).doesNotExist();
        assertThat(processes.commands).isEmpty();
    }

    @Test
    void aBadConfigFailsNamingTheKeyBeforeAnythingIsWritten() throws Exception
    {
        Files.writeString(config, "engine:\n  ringSize: 100\n");

        final Result result = run("service", "install", "--config", config.toString(), "--unit-dir", units.toString(),
            "--platform", "windows");

        assertThat(result.code).isEqualTo(2);
        assertThat(result.err).contains("engine.ringSize");
        assertThat(units).doesNotExist();
    }

    @Test
    void helpAndOptionErrors()
    {
        final Result help = run("service", "--help");
        assertThat(help.code).isZero();
        assertThat(help.out).contains("install").contains("uninstall").contains("status");
        final Result installHelp = run("service", "install", "--help");
        assertThat(installHelp.code).isZero();
        assertThat(installHelp.out).contains("--config").contains("--dry-run").contains("--unit-dir").contains("--env-file");
        assertThat(run("help", "service").out).contains("install");

        assertThat(run("service", "install", "--config", config.toString(), "--bogus").code).isEqualTo(2);
        assertThat(run("service", "install", "--dry-run").err).contains("--config");
        assertThat(run("service", "status", "--platform", "solaris").err).contains("use linux or windows");
        assertThat(run("service", "status", "--name", "a b").code).isEqualTo(2);
    }

    // ------------------------------------------------------------------------------------------------

    /** A stand-in for the runnable jar, with the build's jvm.options beside it as in tools/target. */
    private static Path builtJar(final Path folder) throws Exception
    {
        Files.createDirectories(folder);
        Files.copy(BUILD_JVM_OPTIONS, folder.resolve(JarLaunch.JVM_OPTIONS));
        return Files.write(folder.resolve(JarLaunch.JAR), new byte[0]);
    }

    /** systemd's own check, offline; it only warns (exit 0) on unknown keys, so any output fails too. */
    private static void assertSystemdAccepts(final Path unit) throws Exception
    {
        assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed");
        final Process verify = new ProcessBuilder("systemd-analyze", "verify", "--man=no", unit.toString()).start();
        final String out = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        final String err = new String(verify.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(err).as("systemd-analyze verify stderr").isEmpty();
        assertThat(out).as("systemd-analyze verify stdout").isEmpty();
        assertThat(verify.exitValue()).isZero();
    }

    private static boolean onPath(final String program)
    {
        for (final String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program)))
            {
                return true;
            }
        }
        return false;
    }

    private static Document parse(final InputSource source) throws Exception
    {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(source);
    }

    private static Duration duration(final String text) throws Exception
    {
        return DatatypeFactory.newInstance().newDuration(text); // xs:duration, ISO 8601: throws when malformed
    }

    private static void assertInSchemaOrder(final Element parent, final List<String> schemaOrder)
    {
        final List<String> names = childNames(parent);
        assertThat(schemaOrder).as("known to the schema").containsAll(names);
        assertThat(names).as(parent.getLocalName() + " children").doesNotHaveDuplicates()
            .isSortedAccordingTo((a, b) -> Integer.compare(schemaOrder.indexOf(a), schemaOrder.indexOf(b)));
    }

    private static List<Element> children(final Element parent)
    {
        final List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling())
        {
            if (node instanceof Element element)
            {
                assertThat(element.getNamespaceURI()).isEqualTo(TaskSchedulerXml.NAMESPACE);
                children.add(element);
            }
        }
        return children;
    }

    private static List<String> childNames(final Element parent)
    {
        return children(parent).stream().map(Element::getLocalName).toList();
    }

    private static Element child(final Element parent, final String name)
    {
        return children(parent).stream().filter(e -> e.getLocalName().equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError(parent.getLocalName() + " has no " + name));
    }

    private static String text(final Element parent, final String name)
    {
        return child(parent, name).getTextContent();
    }

    private Result run(final String... args)
    {
        final CommandLine.IFactory factory = new CommandLine.IFactory()
        {
            @Override
            public <K> K create(final Class<K> type) throws Exception
            {
                return type == ServiceCommand.class ? type.cast(new ServiceCommand(processes)) :
                    CommandLine.defaultFactory().create(type);
            }
        };
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = TickwireCli.commandLine(factory);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        final int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int code, String out, String err)
    {
    }

    /** Records the commands instead of running them; exit codes by a word of the command (default 0). */
    private static final class FakeProcesses implements Processes
    {
        final List<List<String>> commands = new ArrayList<>();
        final Map<String, Integer> exitCodes = new HashMap<>();
        String output;

        @Override
        public int run(final List<String> command, final PrintWriter out)
        {
            commands.add(command);
            if (output != null)
            {
                out.println(output);
            }
            return command.stream().filter(exitCodes::containsKey).map(exitCodes::get).findFirst().orElse(0);
        }
    }
}
