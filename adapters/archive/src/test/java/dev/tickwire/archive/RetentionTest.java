package dev.tickwire.archive;

import dev.tickwire.engine.bars.BarSpec;
import dev.tickwire.engine.bars.JournalBars;
import dev.tickwire.engine.book.checkpoint.BookCheckpointer;
import dev.tickwire.engine.book.checkpoint.BookCheckpoints;
import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.engine.query.MarketQueries.BarRow;
import dev.tickwire.engine.replay.Replay;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.Values;
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
        final List<String> before = queries(days);

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

        assertThat(queries(days)).isEqualTo(before);

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
        final List<String> before = queries(days);
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
        sameAnswers(queries(days), before);
        try (Journal journal = Journal.open(days.context()))
        {
            final Archiver.Pass pass = Archiver.run(journal, archive, Duration.ofHours(1), (DAY0 + 3 * DAY) / 1_000_000,
                new ArchiveExport.Options());
            assertThat(pass.cyclesDeleted()).isNotEmpty(); // the rest of the work
            assertThat(Archive.verifyJournal(journal, archive)).isEmpty();
        }
        assertThat(queries(days)).isEqualTo(before);
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

    private static void sameAnswers(final List<String> after, final List<String> before)
    {
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++)
        {
            final String a = after.get(i);
            final String b = before.get(i);
            int at = 0;
            while (at < Math.min(a.length(), b.length()) && a.charAt(at) == b.charAt(at))
            {
                at++;
            }
            assertThat(a).as("query %d differs at char %d: …%s… vs …%s…", i, at,
                a.substring(Math.max(0, at - 80), Math.min(a.length(), at + 80)),
                b.substring(Math.max(0, at - 80), Math.min(b.length(), at + 80))).isEqualTo(b);
        }
    }

    /** Every query's answer, as text: time and sales, books, bars, a replay's messages, contract counts. */
    private static List<String> queries(final ThreeDays days)
    {
        final List<String> out = new ArrayList<>();
        try (Journal journal = Journal.open(days.context().readOnly(true)))
        {
            for (final String symbol : List.of("ESH4", "BTC-USDT"))
            {
                final var instrument = JournalQueries.instrument(journal, symbol);
                out.add(JournalQueries.timeAndSales(journal, instrument, DAY0, DAY0 + 3 * DAY, 1_000_000).toString());
                out.add(JournalQueries.timeAndSales(journal, instrument, DAY0 + DAY + 7_200_000_000_000L,
                    DAY0 + DAY + 9_000_000_000_000L, 100).toString());
                for (final long at : new long[] {DAY0 + 5_000_000_000_000L, DAY0 + DAY + 40_000_000_000_000L, DAY0 + 2 * DAY + 20_000_000_000_000L})
                {
                    out.add(JournalQueries.orderBook(journal, instrument, at, 5).toString());
                }
                final List<BarRow> bars = new ArrayList<>();
                JournalBars.run(journal, symbol, BarSpec.parse("5m"), false, Values.NONE, Long.MAX_VALUE, b -> bars.add(BarRow.of(b)));
                out.add(bars.toString());
            }
            final StringBuilder replayed = new StringBuilder();
            try (Replay replay = Replay.builder().journal(journal).from(DAY0 + DAY / 2).to(DAY0 + 2 * DAY + DAY / 3)
                .sink((buffer, offset, length) -> replayed.append(ArchiveExportTest.hex(buffer, offset, length)).append('\n')).build())
            {
                replay.run();
            }
            out.add(replayed.toString());
        }
        try (JournalQueries q = JournalQueries.open(days.journalDir))
        {
            final long deadline = System.currentTimeMillis() + 10_000;
            while (q.contracts().stream().mapToLong(c -> c.trades()).sum() < 2_700 && System.currentTimeMillis() < deadline)
            {
                Thread.onSpinWait();
            }
            out.add(q.contracts().toString());
        }
        return out;
    }
}
