package dev.tickwire.archive;

import dev.tickwire.journal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Archive#verify(LocalDate, LocalDate)}: the days asked for are read back, the others are not. */
class ArchiveVerifyDaysTest
{
    @TempDir
    Path dir;

    @Test
    void onlyTheDaysAskedForAreReadBack() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal"), 300);
        days.write(0, 3);
        final Path archive = dir.resolve("archive");
        try (Journal journal = Journal.open(days.context().readOnly(true)))
        {
            Archiver.run(journal, archive, null, System.currentTimeMillis(), new ArchiveExport.Options());
        }
        final LocalDate first = LocalDate.of(2024, 3, 4);
        final LocalDate second = first.plusDays(1);
        assertThat(Archive.at(archive).verify(first, second)).isEmpty();
        assertThat(Archive.at(archive).manifest(second).complete()).isTrue();
        assertThat(Archive.at(archive).manifest(first.plusDays(2))).as("the open day is not archived").isNull();

        // a damaged file of the first day: found by a check of that day, not by one of the day after
        final String damaged = Archive.at(archive).manifest(first).files().get(0).path();
        Files.write(archive.resolve(damaged), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        assertThat(Archive.at(archive).verify(second, second)).isEmpty();
        assertThat(Archive.at(archive).verify(first, second)).singleElement().asString()
            .startsWith("2024-03-04: " + damaged + ": ");
        assertThat(Archive.at(archive).verify()).hasSize(1);
    }
}
