package dev.tickwire.engine.output;

import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.journal.Journal;
import org.agrona.concurrent.Agent;

/**
 * Makes the archiver of an engine whose config has {@code archive.dir}: an agent the engine runs on a
 * low-priority thread of its own, beside the outputs. Implemented by the archive module (Parquet and
 * its dependencies stay out of the engine), found through {@link java.util.ServiceLoader}.
 */
public interface ArchiverFactory
{
    /**
     * @param journal  the engine's journal (the archiver reads it and deletes its old cycles)
     * @param counters where the archiver counts days, errors and deleted cycles
     */
    Agent create(Journal journal, TickwireConfig config, EngineCounters counters);
}
