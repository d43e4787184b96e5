package dev.tickwire.tools.daily;

import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.tools.BackupCommand;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal's closed cycles, its catalogs and the archive copied to {@code daily.backup.to} (as
 * {@code tickwire backup}: a rerun sends only what changed; the outcome kept for the backupFailing alert).
 */
final class BackupStep implements DailyStep
{
    static final String NAME = "backup";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public List<String> needs()
    {
        return List.of(ImportStep.NAME, ArchiveStep.NAME);
    }

    @Override
    public String dryRun(final DailyContext context, final LocalDate day)
    {
        return "would copy " + context.daily.journal + " (closed cycles, catalogs)" +
            (context.daily.archive != null ? " and " + context.daily.archive : "") + " to " +
            context.daily.section.backup.to + " (what changed only)";
    }

    @Override
    public Outcome run(final DailyContext context, final LocalDate day, final DayState state) throws Exception
    {
        final TickwireConfig c = context.config;
        final Path cache = c.archive.cacheDir != null && !c.archive.cacheDir.isBlank() ?
            Path.of(c.archive.cacheDir) : null;
        final long files = BackupCommand.backup(context.daily.journal, context.daily.archive, c.archive.s3, cache,
            context.daily.archive == null ? 0 : c.archiveCacheBytes(), context.daily.section.backup.to);
        final Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("files", files);
        return new Outcome("copied " + files + " file(s) to " + context.daily.section.backup.to, counts);
    }
}
