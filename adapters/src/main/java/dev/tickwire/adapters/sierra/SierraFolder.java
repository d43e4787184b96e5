package dev.tickwire.adapters.sierra;

import dev.tickwire.engine.counters.EngineCounters;
import org.agrona.concurrent.status.AtomicCounter;
import dev.tickwire.engine.log.ThrottledLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches Sierra Chart's MarketDepthData folder for depth files of contracts that are not in the
 * config: they are reported once each and counted, not read (nothing would know their tick size).
 */
final class SierraFolder
{
    private static final Logger LOG = LoggerFactory.getLogger("dev.tickwire.sierra");
    private static final Pattern DEPTH_FILE = Pattern.compile("(.+)\\.(\\d{4}-\\d{2}-\\d{2})\\.depth");
    private static final long INTERVAL_NS = 5_000_000_000L;

    private final Path depthDir;
    private final Set<String> configured;
    private final Set<String> reported = new HashSet<>();
    private AtomicCounter unknownFiles;
    private final ThrottledLog log;
    private long nextCheckNs;

    SierraFolder(final Path depthDir, final Set<String> configuredSymbols)
    {
        this.depthDir = depthDir;
        this.configured = Set.copyOf(configuredSymbols);
        this.log = new ThrottledLog(LOG, "sierra " + depthDir + ": folder problems", 20);
    }

    /** Allocates the folder's counter once, whichever of its sources starts first. */
    void attach(final EngineCounters counters)
    {
        if (unknownFiles == null)
        {
            unknownFiles = counters.sourceCounter(0, "sierra " + depthDir, "depth files of contracts not in the config");
        }
    }

    /** Looks at the folder at most every 5 s. */
    void check(final long nowNs)
    {
        if (nowNs < nextCheckNs)
        {
            return;
        }
        nextCheckNs = nowNs + INTERVAL_NS;
        if (!Files.isDirectory(depthDir))
        {
            return; // the sources report their own missing files
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(depthDir, "*.depth"))
        {
            for (final Path file : files)
            {
                final Matcher m = DEPTH_FILE.matcher(file.getFileName().toString());
                if (m.matches() && !configured.contains(m.group(1)) && reported.add(file.getFileName().toString()))
                {
                    if (unknownFiles != null)
                    {
                        unknownFiles.incrementRelease();
                    }
                    if (log.admit())
                    {
                        LOG.warn("{}: depth file of contract {} which is not in the config; ignored{}", file, m.group(1),
                            log.suffix());
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            if (log.admit())
            {
                LOG.warn("{}: cannot list: {}{}", depthDir, ex.toString(), log.suffix());
            }
        }
    }
}
