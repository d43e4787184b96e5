package dev.tickwire.tools;

import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.TickwireConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where a command finds an engine's data: {@code --config} and/or {@code --data-dir} (the latter wins). */
final class EngineDirOptions
{
    @Option(names = "--config", description = "The engine's YAML config (its dataDir and journal).")
    Path config;

    @Option(names = "--data-dir", description = "The engine's dataDir (default: ./tickwire-data, or the config's).")
    Path dataDir;

    /** The config, or the defaults, with {@code --data-dir} applied. */
    TickwireConfig load()
    {
        final TickwireConfig cfg = config != null ? ConfigLoader.load(config) : new TickwireConfig();
        if (dataDir != null)
        {
            cfg.dataDir = dataDir.toString();
        }
        return cfg;
    }
}
