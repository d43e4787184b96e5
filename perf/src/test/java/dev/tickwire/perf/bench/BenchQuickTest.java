package dev.tickwire.perf.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CI smoke test of the measurement harness: {@code bench --quick} runs every section end to end and
 * writes its report. It checks that the harness works, not how fast anything is.
 */
class BenchQuickTest
{
    @TempDir
    Path out;

    @Test
    void quickBenchRunsEverySectionAndWritesTheReport() throws Exception
    {
        final Path[] files = new BenchMain(true).run(out);
        final JsonNode report = new ObjectMapper().readTree(files[0].toFile());
        assertThat(report.get("mode").asText()).isEqualTo("quick");
        assertThat(report.get("machine").asText()).contains("cores");
        final Set<String> sections = new HashSet<>();
        for (final JsonNode row : report.get("results"))
        {
            sections.add(row.get("section").asText());
            assertThat(row.get("value").asDouble()).as(row.get("name").asText()).isFinite().isGreaterThanOrEqualTo(0);
        }
        assertThat(sections).containsExactlyInAnyOrder("1 raw limits", "2 pipeline", "3 tick → subscriber", "4 replay",
            "5 baselines", "6 archive", "7 idle", "8 queries");
        assertThat(Files.readString(files[1])).contains("| 2 pipeline |").contains("Chronicle append").contains("SQLite").contains("DuckDB CSV");
    }
}
