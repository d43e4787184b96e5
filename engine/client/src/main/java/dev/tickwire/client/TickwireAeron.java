package dev.tickwire.client;

import io.aeron.CommonContext;

/** Where a default engine publishes, so a strategy can subscribe without the engine's configuration. */
public final class TickwireAeron
{
    /** Live market data. */
    public static final int LIVE_STREAM = 1001;
    /** Journal replays ({@code tickwire replay}). */
    public static final int REPLAY_STREAM = 1002;
    /** Live bars, when the engine builds them. */
    public static final int BARS_STREAM = 1003;
    public static final String IPC = "aeron:ipc";

    private TickwireAeron()
    {
    }

    /** The engine's embedded media driver directory: Aeron's default with a {@code -tickwire} suffix. */
    public static String defaultDirectory()
    {
        return CommonContext.getAeronDirectoryName() + "-tickwire";
    }
}
