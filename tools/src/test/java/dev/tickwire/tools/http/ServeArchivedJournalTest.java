package dev.tickwire.tools.http;

import dev.tickwire.archive.ArchiveExport;
import dev.tickwire.archive.Archiver;
import dev.tickwire.archive.BucketArchive;
import dev.tickwire.archive.ThreeDays;
import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.journal.Journal;
import dev.tickwire.s3.S3Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API answers the same, byte for byte, before and after retention moved two days to the
 * archive, in a folder or in a bucket.
 */
class ServeArchivedJournalTest
{
    private static final List<String> REQUESTS = List.of(
        "/contracts/ESH4/tas?start_time=2024-03-04T00:00:00Z&end_time=2024-03-06T23:00:00Z&limit=100000",
        "/contracts/BTC-USDT/tas?start_time=2024-03-05T10:00:00Z&end_time=2024-03-05T11:00:00Z",
        "/contracts/ESH4/orderbook?timestamp=2024-03-04T12:00:00Z&levels=5",
        "/contracts/ESH4/orderbook?timestamp=2024-03-05T23:30:00Z&levels=5",
        "/contracts/BTC-USDT/bars?interval=15m&limit=100000",
        "/contracts/ESH4/bars?interval=ticks:50&limit=100000",
        "/contracts/ESH4/bars?interval=15m&features=true&limit=100000",
        "/contracts/BTC-USDT/bars?interval=1h&features=true&depth=3&warmup=1d&start_time=2024-03-05T00:00:00Z&limit=100000");

    @TempDir
    Path dir;

    @Test
    void theApiAnswersTheSameBeforeAndAfterRetention() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal"));
        days.write(0, 3);
        final KeyStore keys = KeyStore.open(dir.resolve("api-keys.json"));
        final String key = keys.create("reader", false).key();
        final List<String> before = answers(days.journalDir, keys, key);
        assertThat(before).allSatisfy(b -> assertThat(b).startsWith("200 ").hasSizeGreaterThan(100));
        assertThat(before.get(6)).contains("\"spread_twa\":", "\"sma_20\":", "\"ofi_l1\":");

        try (Journal journal = Journal.open(days.context()))
        {
            final Archiver.Pass pass = Archiver.run(journal, dir.resolve("archive"), Duration.ofHours(1),
                (ThreeDays.DAY0 + 3 * ThreeDays.DAY_NS) / 1_000_000, new ArchiveExport.Options());
            assertThat(pass.cyclesDeleted()).isNotEmpty();
            assertThat(journal.firstSequence()).isGreaterThan(1);
        }
        assertThat(answers(days.journalDir, keys, key)).isEqualTo(before);
    }

    @Test
    void theApiAnswersTheSameWhenTheArchiveIsInABucket() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal"));
        days.write(0, 3);
        final KeyStore keys = KeyStore.open(dir.resolve("api-keys.json"));
        final String key = keys.create("reader", false).key();
        final List<String> before = answers(days.journalDir, keys, key);
        try (S3Server server = S3Server.start(java.nio.file.Files.createDirectories(dir.resolve("s3"))))
        {
            server.createBucket("history");
            try (Journal journal = Journal.open(days.context());
                BucketArchive bucket = BucketArchive.open(BucketArchive.link("s3://history/api", server.settings(),
                    dir.resolve("archive-cache"), 1L << 20), "archive.dir"))
            {
                final Archiver.Pass pass = Archiver.run(journal, bucket, Duration.ofHours(1),
                    (ThreeDays.DAY0 + 3 * ThreeDays.DAY_NS) / 1_000_000, new ArchiveExport.Options());
                assertThat(pass.cyclesDeleted()).isNotEmpty();
                assertThat(journal.firstSequence()).isGreaterThan(1);
            }
            assertThat(answers(days.journalDir, keys, key)).isEqualTo(before);
        }
    }

    private static List<String> answers(final Path journal, final KeyStore keys, final String key)
    {
        final List<String> out = new ArrayList<>();
        try (JournalQueries queries = JournalQueries.open(journal); ApiServer server = new ApiServer(queries, keys).start("127.0.0.1", 0))
        {
            final HttpTestClient http = new HttpTestClient(server.port());
            for (final String request : REQUESTS)
            {
                final HttpTestClient.Response r = http.get(request, key);
                out.add(r.status() + " " + request + "\n" + r.body());
            }
        }
        return out;
    }
}
