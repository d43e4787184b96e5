package dev.tickwire.adapters.tardis.download;

import dev.tickwire.adapters.tardis.TardisImport;
import dev.tickwire.journal.InstrumentCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A folder the official tardis-dev clients filled ({@code exchange_type_date_SYMBOL.csv.gz}, days without
 * data as empty gzip files) is what the importer takes as it is: names do not matter to it (the header
 * says the dataset), and an empty day is a note, not an unreadable file.
 */
class TardisClientFolderTest
{
    @TempDir
    Path dir;

    static Path clientsFolder(final Path dir) throws Exception
    {
        final Path folder = Files.createDirectories(dir.resolve("datasets"));
        for (final String path : List.of(
            "/v1/binance-futures/trades/2024/03/01/BTCUSDT.csv.gz",
            "/v1/binance-futures/trades/2024/03/02/BTCUSDT.csv.gz",
            "/v1/binance-futures/incremental_book_L2/2024/03/01/BTCUSDT.csv.gz",
            "/v1/binance-futures/trades/2024/03/01/BTCDOMUSDT.csv.gz"))
        {
            final String[] p = path.split("/");
            final TardisDayFile file = new TardisDayFile(p[2], p[3], java.time.LocalDate.of(Integer.parseInt(p[4]),
                Integer.parseInt(p[5]), Integer.parseInt(p[6])), p[7].substring(0, p[7].length() - TardisDayFile.SUFFIX.length()));
            Files.write(folder.resolve(file.fileName()), TardisTestServer.resource("/tardis-api/datasets" + path));
        }
        return folder;
    }

    @Test
    void theImporterTakesTheClientsFolderAsItIs() throws Exception
    {
        final Path folder = clientsFolder(dir);
        final List<Path> files;
        try (Stream<Path> list = Files.list(folder))
        {
            files = list.sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(
            "binance-futures_incremental_book_L2_2024-03-01_BTCUSDT.csv.gz",
            "binance-futures_trades_2024-03-01_BTCDOMUSDT.csv.gz",
            "binance-futures_trades_2024-03-01_BTCUSDT.csv.gz",
            "binance-futures_trades_2024-03-02_BTCUSDT.csv.gz");
        final TardisImport imp = new TardisImport(files, null, null, null, InstrumentCatalog.open(dir.resolve("journal")));
        assertThat(imp.unreadable()).isEmpty();
        assertThat(imp.notes()).contains(folder.resolve("binance-futures_trades_2024-03-01_BTCDOMUSDT.csv.gz") +
            ": no rows (an empty gzip file, as Tardis.dev serves for a day without data); skipped");
        assertThat(imp.adapters()).hasSize(2); // trades and incremental_book_L2 of binance-futures:BTCUSDT
    }
}
