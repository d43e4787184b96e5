package dev.tickwire.adapters.sierra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Which .depth file (one per UTC day) a depth source reads, and which comes next. */
interface DepthDays
{
    /** The day to start with when the journal has no checkpoint for the source. */
    LocalDate firstDay();

    /** The first day after {@code day} that has a file, or null if none (yet). */
    LocalDate nextDay(LocalDate day);

    Path path(LocalDate day);

    /** Live: {@code <Data>/MarketDepthData/<SYMBOL>.<YYYY-MM-DD>.depth}, starting today (UTC). */
    static DepthDays live(final Path depthDir, final String symbol, final Supplier<LocalDate> today)
    {
        return new DepthDays()
        {
            @Override
            public LocalDate firstDay()
            {
                return today.get();
            }

            @Override
            public LocalDate nextDay(final LocalDate day)
            {
                final LocalDate last = today.get().plusDays(1);
                for (LocalDate d = day.plusDays(1); !d.isAfter(last); d = d.plusDays(1))
                {
                    if (Files.isRegularFile(path(d)))
                    {
                        return d;
                    }
                }
                return null;
            }

            @Override
            public Path path(final LocalDate day)
            {
                return depthDir.resolve(DepthFormat.fileName(symbol, day));
            }
        };
    }

    /** An import: exactly these files, in day order. */
    static DepthDays files(final List<Path> files, final String symbol)
    {
        final NavigableMap<LocalDate, Path> byDay = new TreeMap<>();
        for (final Path file : files)
        {
            final LocalDate day = DepthFormat.dayOf(file.getFileName().toString(), symbol);
            if (day == null)
            {
                throw new IllegalArgumentException(file + ": not a depth file name of " + symbol + " (SYMBOL.YYYY-MM-DD.depth)");
            }
            byDay.put(day, file);
        }
        return new DepthDays()
        {
            @Override
            public LocalDate firstDay()
            {
                return byDay.firstKey();
            }

            @Override
            public LocalDate nextDay(final LocalDate day)
            {
                return byDay.higherKey(day);
            }

            @Override
            public Path path(final LocalDate day)
            {
                return byDay.get(day);
            }
        };
    }
}
