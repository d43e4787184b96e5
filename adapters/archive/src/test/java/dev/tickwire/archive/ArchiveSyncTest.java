package dev.tickwire.archive;

import dev.tickwire.journal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ArchiveSync} between two folders (the bucket case is tested in tickwire-s3 against a real S3 server). */
class ArchiveSyncTest
{
    @TempDir
    Path dir;

    @Test
    void aSecondRunSendsOnlyWhatChangedAndTheCopyVerifies() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal"));
        final Path archive = dir.resolve("archive");
        days.write(0, 2);
        try (Journal journal = Journal.open(days.context()))
        {
            ArchiveExport.run(journal, archive, new ArchiveExport.Options());
        }
        final LocalObjectStore source = new LocalObjectStore(archive);
        final LocalObjectStore target = new LocalObjectStore(dir.resolve("copy"));
        final ArchiveSync.Result first = ArchiveSync.run(source, target, Instant.now(), ArchiveSync.Progress.NONE);
        assertThat(first.filesSent()).isEqualTo(source.list("").size());
        assertThat(Archive.at(dir.resolve("copy")).verify()).isEmpty();
        final Map<String, String> before = sums(target);

        // a third day: the open second day closes (its manifest changes), a new day comes
        days.write(2, 3);
        try (Journal journal = Journal.open(days.context()))
        {
            ArchiveExport.run(journal, archive, new ArchiveExport.Options());
        }
        final Map<String, String> now = sums(source);
        final long changed = now.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey()))).count();
        assertThat(changed).isPositive().isLessThan(now.size());
        final ArchiveSync.Result second = ArchiveSync.run(source, target, Instant.now(), ArchiveSync.Progress.NONE);
        assertThat(second.filesSent()).isEqualTo(changed);
        assertThat(second.filesUpToDate() + second.filesSent()).isEqualTo(now.size());
        assertThat(sums(target)).isEqualTo(now);
        assertThat(Archive.at(dir.resolve("copy")).verify()).isEmpty();
        assertThat(Archive.at(dir.resolve("copy")).days()).isEqualTo(Archive.at(archive).days()).hasSize(3);
    }

    @Test
    void aLocationOfAnUnknownSchemeFailsNamingTheOption()
    {
        assertThat(ObjectStores.isRemote("s3://b/p")).isTrue();
        assertThat(ObjectStores.isRemote("C:\\data\\archive")).isFalse();
        assertThat(ObjectStores.open("relative/archive", "--to", Map.of(), "--s3")).isInstanceOf(LocalObjectStore.class);
        assertThatThrownBy(() -> ObjectStores.open("gs://bucket/x", "--to", Map.of(), "--s3"))
            .hasMessage("config key '--to': no object store for gs:// locations on the class path (the tickwire-s3 " +
                "module serves s3://)");
    }

    private static Map<String, String> sums(final ObjectStore store) throws Exception
    {
        final Map<String, String> out = new HashMap<>();
        for (final ObjectStore.Entry e : store.list(""))
        {
            out.put(e.key(), store.sha256(e.key()));
        }
        return out;
    }
}
