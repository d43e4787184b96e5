package dev.tickwire.tools;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Rolling log files for a long-running command, beside the console: the dataDir (and so the logs
 * directory) is known only once the config is read, so the appender is added to the root logger then,
 * not in logback.xml. Close it when the command ends; starting the same file twice in one JVM shares
 * one appender (counted), so in-process tests never leave one behind nor write a file twice.
 */
final class FileLogs implements AutoCloseable
{
    /** The engine's log (what {@code tickwire logs} shows by default). */
    static final String ENGINE = "tickwire";
    /** {@code tickwire serve}'s log: a second process must not roll the engine's file. */
    static final String SERVE = "tickwire-serve";
    static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{0}: %msg%n";

    private static final Map<Path, Shared> OPEN = new HashMap<>();

    private final Path file;
    private boolean closed;

    private FileLogs(final Path file)
    {
        this.file = file;
    }

    /** {@code <logsDir>/tickwire.log}, rolled daily and at 50 MB into {@code tickwire.<day>.<i>.log.gz}. */
    static FileLogs start(final Path logsDir)
    {
        return start(logsDir, ENGINE);
    }

    static FileLogs start(final Path logsDir, final String name)
    {
        final Path file = logsDir.toAbsolutePath().normalize().resolve(name + ".log");
        synchronized (OPEN)
        {
            final Shared shared = OPEN.get(file);
            if (shared != null)
            {
                shared.users++;
            }
            else if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context)
            {
                OPEN.put(file, new Shared(attach(context, file, name)));
            }
            // another SLF4J backend (an embedding application's): its own config decides where logs go
        }
        return new FileLogs(file);
    }

    static Path file(final Path logsDir, final String name)
    {
        return logsDir.resolve(name + ".log");
    }

    @Override
    public void close()
    {
        synchronized (OPEN)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            final Shared shared = OPEN.get(file);
            if (shared != null && --shared.users == 0)
            {
                OPEN.remove(file);
                root(shared.appender.getContext()).detachAppender(shared.appender);
                shared.appender.stop();
            }
        }
    }

    private static RollingFileAppender<ILoggingEvent> attach(final LoggerContext context, final Path file, final String name)
    {
        // logback's file name patterns treat '\' as an escape: forward slashes work on Windows too
        final String dir = file.getParent().toString().replace('\\', '/');
        final RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("file:" + file);
        appender.setFile(dir + "/" + name + ".log");

        final SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(dir + "/" + name + ".%d{yyyy-MM-dd}.%i.log.gz");
        policy.setMaxFileSize(FileSize.valueOf("50MB"));
        policy.setMaxHistory(14);
        policy.setTotalSizeCap(FileSize.valueOf("1GB"));
        policy.start();

        final PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();

        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder);
        appender.start();
        if (!appender.isStarted())
        {
            // logback reports a file it cannot open on its status list, not to the caller
            throw new IllegalStateException("cannot write the log file " + file + " (is its directory writable?)");
        }
        root(context).addAppender(appender);
        return appender;
    }

    private static Logger root(final ch.qos.logback.core.Context context)
    {
        return ((LoggerContext)context).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static final class Shared
    {
        final RollingFileAppender<ILoggingEvent> appender;
        int users = 1;

        Shared(final RollingFileAppender<ILoggingEvent> appender)
        {
            this.appender = appender;
        }
    }
}
