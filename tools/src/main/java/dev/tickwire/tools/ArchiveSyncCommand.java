package dev.tickwire.tools;

import dev.tickwire.archive.ArchiveSync;
import dev.tickwire.archive.ObjectStore;
import dev.tickwire.archive.ObjectStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tickwire archive sync --from DIR --to s3://bucket/prefix} (or back): copies what the target lacks. */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = {"Copy an archive between a folder and a bucket (s3://bucket/prefix, any S3 API), either way,",
        "day by day with each day's manifest last: readers of the target see whole days only. Sends only files",
        "the target lacks or holds with another size or checksum; nothing is deleted. Safe to kill and rerun.",
        "Credentials: --s3 accessKeyIdEnv=VAR,secretAccessKeyEnv=VAR (or ...File=owner-only file), else the",
        "AWS default chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, ~/.aws/credentials, the instance role)."})
final class ArchiveSyncCommand implements Callable<Integer>
{
    @Option(names = "--from", required = true, description = "The archive to copy: a directory or s3://bucket/prefix.")
    String from;

    @Option(names = "--to", required = true, description = "Where to copy it: a directory or s3://bucket/prefix.")
    String to;

    @Option(names = "--s3", split = ",", mapFallbackValue = "", paramLabel = "NAME=VALUE",
        description = {"Bucket settings: endpoint=URL (MinIO, Ceph, GCS: https://storage.googleapis.com), region=R,",
            "pathStyle=true, accessKeyIdEnv|accessKeyIdFile, secretAccessKeyEnv|secretAccessKeyFile,",
            "partSizeMb=16, retries=6, checksum=md5|sha256."})
    Map<String, String> s3 = new LinkedHashMap<>();

    @Option(names = "--abort-uploads-older-than", converter = Converters.Duration.class, defaultValue = "1h",
        paramLabel = "DURATION",
        description = "Remove unfinished uploads to the target begun longer ago than this (default: ${DEFAULT-VALUE}).")
    long abortOlderThanNs;

    @Override
    public Integer call() throws Exception
    {
        try (ObjectStore source = ObjectStores.open(from, "--from", s3, "--s3");
            ObjectStore target = ObjectStores.open(to, "--to", s3, "--s3"))
        {
            return sync(source, target);
        }
        catch (final java.io.IOException | dev.tickwire.archive.ArchiveException ex)
        {
            // the bucket refused, could not be reached, or a file differs from its manifest: one line, the
            // location in it; what was sent stays, and a rerun goes on from there
            System.err.println("tickwire: archive sync: " + ex.getMessage());
            return 1;
        }
    }

    private int sync(final ObjectStore source, final ObjectStore target) throws java.io.IOException
    {
        System.out.printf("sync %s -> %s%n", source.location(), target.location());
        final ArchiveSync.Result r = ArchiveSync.run(source, target, Instant.now().minusNanos(abortOlderThanNs),
            new ArchiveSync.Progress()
            {
                @Override
                public void sent(final String key, final long bytes, final int fileIndex, final int files)
                {
                    System.out.printf("  [%d/%d] %s (%,d bytes)%n", fileIndex, files, key, bytes);
                }

                @Override
                public void day(final String day, final int sent, final int upToDate, final long bytes)
                {
                    System.out.printf("%s: %d sent (%,d bytes), %d up to date%n", day, sent, bytes, upToDate);
                }
            });
        System.out.printf("synced %d day(s) (%d already up to date): %d file(s) sent, %,d bytes in %.1f s " +
            "(%.1f MB/s), %d file(s) up to date%s%n", r.days(), r.daysUpToDate(), r.filesSent(), r.bytesSent(),
            r.elapsedNs() / 1e9, r.megabytesPerSecond(), r.filesUpToDate(),
            r.uploadsAborted() == 0 ? "" : ", " + r.uploadsAborted() + " unfinished upload(s) removed");
        return 0;
    }
}
