package dev.tickwire.tools;

import dev.tickwire.client.TickwireAeron;
import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import picocli.CommandLine.Option;

/**
 * How a command reaches Aeron: the engine's media driver on this host ({@code --aeron-dir}), or a driver of its
 * own ({@code --embedded-driver}, on a host without an engine); and the engine's Aeron Archive by its control
 * channel ({@code --archive}).
 */
final class AeronClientOptions
{
    @Option(names = "--aeron-dir", description = "Aeron directory of the media driver on this host (default: the engine's).")
    String aeronDir = TickwireAeron.defaultDirectory();

    @Option(names = "--embedded-driver",
        description = "Run a media driver in this process (a host with no engine: the stream comes over UDP).")
    boolean embeddedDriver;

    @Option(names = "--archive", defaultValue = "aeron:udp?endpoint=localhost:8010",
        description = "Control channel of the engine's Aeron Archive (archive.aeron.controlChannel; default: ${DEFAULT-VALUE}).")
    String archiveControl;

    @Option(names = "--archive-response", defaultValue = "aeron:udp?endpoint=localhost:0",
        description = "Where the archive answers: this host's address, any port (default: ${DEFAULT-VALUE}).")
    String archiveResponse;

    /** The Aeron client (and the driver, when embedded); close both with the returned handle. */
    Connected connect()
    {
        MediaDriver driver = null;
        final String dir = embeddedDriver ? CommonContext.generateRandomDirName() : aeronDir;
        if (embeddedDriver)
        {
            driver = MediaDriver.launch(new MediaDriver.Context().aeronDirectoryName(dir)
                .threadingMode(ThreadingMode.SHARED).sharedIdleStrategy(new BackoffIdleStrategy())
                .dirDeleteOnStart(true).dirDeleteOnShutdown(true));
        }
        try
        {
            return new Connected(driver, Aeron.connect(new Aeron.Context().aeronDirectoryName(dir)), dir);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            throw new IllegalStateException("no Aeron media driver at " + dir +
                " (start the engine with ./tickwire run, pass --aeron-dir, or --embedded-driver)", ex);
        }
    }

    AeronArchive archive(final Aeron aeron)
    {
        try
        {
            return AeronArchive.connect(new AeronArchive.Context().aeron(aeron)
                .controlRequestChannel(archiveControl).controlResponseChannel(archiveResponse));
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalStateException("no Aeron Archive answers at " + archiveControl +
                " (is the engine recording, archive.aeron.record: true? is --archive-response this host's address?)",
                ex);
        }
    }

    record Connected(MediaDriver driver, Aeron aeron, String directory) implements AutoCloseable
    {
        @Override
        public void close()
        {
            CloseHelper.closeAll(aeron, driver);
        }
    }
}
