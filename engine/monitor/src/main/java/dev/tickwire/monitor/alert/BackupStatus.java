package dev.tickwire.monitor.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.journal.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The outcome of the last {@code tickwire backup}, kept beside the journal it backed up
 * ({@code <journal>/backup-status.json}) so that the engine's {@code backupFailing} rule sees a backup run
 * by cron or a scheduler.
 *
 * @param timeMs when it ended
 * @param ok     whether it succeeded
 * @param to     where it went
 * @param files  files copied (0 when it failed)
 * @param error  why it failed, or null
 */
public record BackupStatus(long timeMs, boolean ok, String to, long files, String error)
{
    public static final String FILE = "backup-status.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static BackupStatus ok(final String to, final long files)
    {
        return new BackupStatus(System.currentTimeMillis(), true, to, files, null);
    }

    public static BackupStatus failed(final String to, final String error)
    {
        return new BackupStatus(System.currentTimeMillis(), false, to, 0, error);
    }

    public static void write(final Path journal, final BackupStatus status)
    {
        AtomicFiles.write(journal.resolve(FILE), JSON.createObjectNode().put("time_ms", status.timeMs)
            .put("ok", status.ok).put("to", status.to).put("files", status.files).put("error", status.error)
            .toPrettyString() + "\n");
    }

    /** The last outcome, or null when no backup has run (or the file cannot be read). */
    public static BackupStatus read(final Path journal)
    {
        final Path file = journal == null ? null : journal.resolve(FILE);
        if (file == null || !Files.isRegularFile(file))
        {
            return null;
        }
        try
        {
            final JsonNode node = JSON.readTree(file.toFile());
            return new BackupStatus(node.path("time_ms").asLong(), node.path("ok").asBoolean(), node.path("to").asText(),
                node.path("files").asLong(), node.hasNonNull("error") ? node.get("error").asText() : null);
        }
        catch (final IOException ex)
        {
            return new BackupStatus(0, false, "", 0, "cannot read " + file + ": " + ex.getMessage());
        }
    }
}
