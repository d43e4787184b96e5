package dev.tickwire.tools;

import dev.tickwire.archive.BucketArchive;
import dev.tickwire.archive.ObjectStores;
import dev.tickwire.engine.config.Sizes;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.ArchiveLink;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a command reaches an archive in a bucket (s3://bucket/prefix): a picocli mixin. */
final class BucketOptions
{
    @Option(names = "--s3", split = ",", mapFallbackValue = "", paramLabel = "NAME=VALUE",
        description = {"Bucket settings: endpoint=URL (MinIO, Ceph, GCS: https://storage.googleapis.com), region=R,",
            "pathStyle=true, accessKeyIdEnv|accessKeyIdFile, secretAccessKeyEnv|secretAccessKeyFile,",
            "partSizeMb=16, retries=6, checksum=md5|sha256 (unset keys: the AWS default chain)."})
    Map<String, String> s3 = new LinkedHashMap<>();

    @Option(names = "--cache-dir", paramLabel = "DIR",
        description = "A bucket archive's local cache (default: archive-cache beside the journal).")
    Path cacheDir;

    @Option(names = "--cache", defaultValue = "10g", paramLabel = "BYTES",
        description = "The cache's bound, e.g. 500m, 10g (default: ${DEFAULT-VALUE}).")
    String cache;

    /**
     * The bucket archive at {@code location}, or null when it is a folder.
     *
     * @param journalDir the journal the cache sits beside by default
     */
    BucketArchive open(final String location, final Path journalDir)
    {
        return open(location, s3, cacheDir, location == null || !ObjectStores.isRemote(location) ? 0 :
            Sizes.parseBytes("--cache", cache), journalDir);
    }

    /** The bucket archive at {@code location} with these settings, or null when it is a folder. */
    static BucketArchive open(final String location, final Map<String, String> s3, final Path cacheDir,
        final long cacheBytes, final Path journalDir)
    {
        if (location == null || !ObjectStores.isRemote(location))
        {
            return null;
        }
        final Path dir = cacheDir != null ? cacheDir : TickwireConfig.defaultArchiveCache(journalDir);
        return BucketArchive.open(BucketArchive.link(location, s3, dir, cacheBytes), "--archive");
    }

    /** The bucket archive a journal links to, or null when it links to a folder or nothing. */
    static BucketArchive linked(final Path journalDir)
    {
        final ArchiveLink link = ArchiveLink.read(journalDir);
        return link == null || !link.remote() ? null : BucketArchive.open(link, journalDir.resolve("archive.link").toString());
    }
}
