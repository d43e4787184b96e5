package dev.tickwire.archive;

import dev.tickwire.journal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** kill -9 in the middle of archiving: the next pass finishes the job, and the archive is the one a clean run writes. */
class ArchiveCrashTest
{
    @TempDir
    Path dir;

    /** The archiver pass in a process of its own, to be killed. */
    public static final class Main
    {
        public static void main(final String[] args)
        {
            try (Journal journal = Journal.open(new Journal.Context().dir(Path.of(args[0])).readOnly(true)))
            {
                Archiver.run(journal, Path.of(args[1]), null, System.currentTimeMillis(), new ArchiveExport.Options());
            }
        }
    }

    @Test
    void killedMidArchiveTheNextPassWritesWhatACleanRunWrites() throws Exception
    {
        final ThreeDays days = new ThreeDays(dir.resolve("journal"), 150_000);
        days.write(0, 3);
        final Path killed = dir.resolve("killed");
        final Path clean = dir.resolve("clean");

        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("--add-") || a.startsWith("-D")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
            days.journalDir.toString(), killed.toString()));
        final Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        final long deadline = System.currentTimeMillis() + 60_000;
        while (temporaryFiles(killed).isEmpty() || !Files.exists(killed.resolve("manifests/2024-03-04.json")))
        {
            assertThat(child.isAlive()).as("the archiver was still writing when killed: %s", Files.readString(dir.resolve("child.log"))).isTrue();
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Thread.sleep(1);
        }
        child.destroyForcibly(); // SIGKILL
        child.waitFor();
        assertThat(temporaryFiles(killed)).as("killed mid-file").isNotEmpty();
        assertThat(killed.resolve("manifests/2024-03-05.json")).as("the day being written has no manifest").doesNotExist();

        try (Journal journal = Journal.open(days.context().readOnly(true)))
        {
            final Archiver.Pass resumed = Archiver.run(journal, killed, null, System.currentTimeMillis(), new ArchiveExport.Options());
            assertThat(resumed.daysArchived()).containsExactly("2024-03-05"); // the third day is still open
            Archiver.run(journal, clean, null, System.currentTimeMillis(), new ArchiveExport.Options());
        }
        assertThat(temporaryFiles(killed)).isEmpty();
        for (final String day : List.of("2024-03-04", "2024-03-05"))
        {
            assertThat(Files.readString(killed.resolve("manifests/" + day + ".json")))
                .isEqualTo(Files.readString(clean.resolve("manifests/" + day + ".json")));
        }
        assertThat(Archive.at(killed).verify()).isEmpty();
    }

    private static List<Path> temporaryFiles(final Path root) throws Exception
    {
        if (!Files.isDirectory(root))
        {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root))
        {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
