package dev.tickwire.archive;

import dev.tickwire.engine.book.checkpoint.BookCheckpointer;
import dev.tickwire.engine.book.checkpoint.BookCheckpoints;
import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Retention deletes journal cycles only once their days are archived and verified, and every query
 * answers the same before and after: the journal reads the days it no longer holds from the archive.
 */
class RetentionTest
{
    private static final long DAY0 = ThreeDays.DAY0;
    private static final long DAY = ThreeDays.DAY_NS;

    @TempDir
    Path dir;

    @Test
    void queriesAnswerTheSameBeforeAndAfterRetentionDeletesTheArchivedDays() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal"));
        days.write(0, 3);
        final Path archive = dir.resolve("archive");
        final List<String> before = HistoryAnswers.of(days);

        final Archiver.Pass pass;
        try (Journal journal = Journal.open(days.context()))
        {
            final long cyclesBefore = journal.cycles().size();
            // retention of one hour, measured at the end of the third day: the first two days' cycles are old
            pass = Archiver.run(journal, archive, Duration.ofHours(1), (DAY0 + 3 * DAY) / 1_000_000, new ArchiveExport.Options());
            assertThat(pass.daysArchived()).containsExactly("2024-03-04", "2024-03-05"); // the third is still open
            assertThat(pass.cyclesDeleted()).isNotEmpty();
            assertThat(journal.cycles().size()).isEqualTo(cyclesBefore - pass.cyclesDeleted().size());
            assertThat(journal.firstSequence()).isGreaterThan(1).isLessThanOrEqualTo(pass.archivedThroughSequence() + 1);
        }
        assertThat(pass.cyclesDeleted()).allSatisfy(f -> assertThat(f).doesNotExist());
        assertThat(dir.resolve("journal").resolve(Journal.Context.ARCHIVE_LINK)).exists();

        assertThat(HistoryAnswers.of(days)).isEqualTo(before);

        // a second pass has nothing new to do and deletes nothing more: the open day is not archived
        try (Journal journal = Journal.open(days.context()))
        {
            final Archiver.Pass again = Archiver.run(journal, archive, Duration.ofHours(1), (DAY0 + 3 * DAY) / 1_000_000,
                new ArchiveExport.Options());
            assertThat(again.daysArchived()).isEmpty();
            assertThat(again.cyclesDeleted()).isEmpty();
        }
    }

    @Test
    void retentionKilledBetweenDeletionsLeavesAJournalThatAnswersTheSame() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal"));
        days.write(0, 3);
        final Path archive = dir.resolve("archive");
        final List<String> before = HistoryAnswers.of(days);
        try (Journal journal = Journal.open(days.context()))
        {
            Archiver.run(journal, archive, null, 0, new ArchiveExport.Options()); // archived, nothing deleted yet
        }
        // a kill mid-retention: the first cycles unlinked, nothing else done (no directory-listing refresh)
        try (Journal journal = Journal.open(days.context()))
        {
            final List<Journal.Cycle> cycles = journal.cycles();
            Files.delete(cycles.get(0).file());
            Files.delete(cycles.get(1).file());
        }
        // the restart (the engine or the next archiver pass opens the journal to write) rescans its listing
        try (Journal journal = Journal.open(days.context()))
        {
            assertThat(journal.firstSequence()).isGreaterThan(1);
        }
        HistoryAnswers.assertSame(HistoryAnswers.of(days), before);
        try (Journal journal = Journal.open(days.context()))
        {
            final Archiver.Pass pass = Archiver.run(journal, archive, Duration.ofHours(1), (DAY0 + 3 * DAY) / 1_000_000,
                new ArchiveExport.Options());
            assertThat(pass.cyclesDeleted()).isNotEmpty(); // the rest of the work
            assertThat(Archive.verifyJournal(journal, archive)).isEmpty();
        }
        assertThat(HistoryAnswers.of(days)).isEqualTo(before);
    }

    @Test
    void nothingIsDeletedThatIsNotArchived() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal"));
        days.write(0, 2);
        final Path archive = dir.resolve("archive");
        try (Journal journal = Journal.open(days.context()))
        {
            final long cycles = journal.cycles().size();
            // the archive cannot be written (a file where its directory should be): no day archived, no cycle deleted
            Files.writeString(archive, "not a directory");
            assertThatThrownBy(() -> Archiver.run(journal, archive, Duration.ZERO, Long.MAX_VALUE, new ArchiveExport.Options()))
                .isInstanceOf(ArchiveException.class).hasMessageContaining(archive.toString());
            assertThat(journal.cycles()).hasSize((int)cycles);
            assertThat(journal.firstSequence()).isEqualTo(1);
        }
    }

    /**
     * Book checkpoints keep serving a day after retention moved it to the archive: found by their engine
     * sequence in the restored day, they give the same books as a rebuild from the day's snapshot.
     */
    @Test
    void bookCheckpointsServeArchivedDays() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal"));
        days.write(0, 3);
        final long[] times = {DAY0 + 5_000_000_000_000L, DAY0 + DAY / 2, DAY0 + DAY + 40_000_000_000_000L};
        final List<String> rebuilt = books(days, times); // no checkpoints yet: each from the day's snapshot
        try (Journal journal = Journal.open(days.context()))
        {
            new BookCheckpointer(journal, 600_000_000_000L, 50, null).catchUp();
            Archiver.run(journal, dir.resolve("archive"), Duration.ofHours(1), (DAY0 + 3 * DAY) / 1_000_000,
                new ArchiveExport.Options());
        }
        assertThat(books(days, times)).isEqualTo(rebuilt);
        try (Journal journal = Journal.open(days.context().readOnly(true)); JournalReader reader = journal.reader())
        {
            assertThat(journal.firstSequence()).as("the first two days left the journal").isGreaterThan(1);
            for (final long at : times)
            {
                final long index = BookCheckpoints.load(journal, at, BookCheckpoints.in(reader), id -> null);
                assertThat(JournalReader.isArchiveIndex(index)).as("a checkpoint in the archived day of %d", at).isTrue();
            }
        }
    }

    private static List<String> books(final ThreeDays days, final long[] times)
    {
        final List<String> out = new ArrayList<>();
        try (Journal journal = Journal.open(days.context().readOnly(true)))
        {
            for (final String symbol : List.of("ESH4", "BTC-USDT"))
            {
                for (final long at : times)
                {
                    out.add(JournalQueries.orderBook(journal, JournalQueries.instrument(journal, symbol), at, 10).toString());
                }
            }
        }
        return out;
    }
}
