package dev.tickwire.tools;

import dev.tickwire.engine.counters.CountersFile;
import dev.tickwire.engine.counters.EngineCounters;
import dev.tickwire.wire.Timestamps;
import org.agrona.concurrent.status.CountersReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tickwire stat}: the counters of a running (or the last) engine, read from its counters file. */
@Command(name = "stat", mixinStandardHelpOptions = true,
    description = "Print the engine's counters (ticks, rejects by reason, journal, Aeron) from its counters file.")
final class StatCommand implements Callable<Integer>
{
    @Option(names = "--data-dir", defaultValue = "./tickwire-data", description = "The engine's dataDir (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--watch", description = "Print again every second until Ctrl-C.")
    boolean watch;

    @Override
    public Integer call() throws InterruptedException
    {
        try (CountersFile file = CountersFile.open(dataDir.resolve("counters.dat")))
        {
            final boolean alive = ProcessHandle.of(file.pid()).map(ProcessHandle::isAlive).orElse(false);
            System.out.println("engine pid " + file.pid() + (alive ? " (running)" : " (not running: last values)") +
                ", started " + Timestamps.format(file.startTimeMs() * 1_000_000L));
            do
            {
                print(file.reader());
                if (watch)
                {
                    Thread.sleep(1000);
                    System.out.println();
                }
            }
            while (watch);
        }
        return 0;
    }

    static void print(final CountersReader reader)
    {
        reader.forEach((counterId, typeId, keyBuffer, label) ->
        {
            final long value = reader.getCounterValue(counterId);
            final String shown = typeId == EngineCounters.TYPE_SOURCE_LAST_EVENT_TIME && value > 0 ?
                Timestamps.format(value) : Long.toString(value);
            System.out.printf("%-48s %s%n", label, shown);
        });
    }
}
