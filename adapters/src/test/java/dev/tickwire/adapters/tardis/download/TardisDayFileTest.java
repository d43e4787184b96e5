package dev.tickwire.adapters.tardis.download;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class TardisDayFileTest
{
    @Test
    void urlAndFileNameAreTheClients()
    {
        final TardisDayFile file = new TardisDayFile("deribit", "book_snapshot_25", LocalDate.parse("2019-11-01"),
            TardisDayFile.datasetSymbol("btc-perpetual"));
        assertThat(file.urlPath()).isEqualTo("/v1/deribit/book_snapshot_25/2019/11/01/BTC-PERPETUAL.csv.gz");
        assertThat(file.fileName()).isEqualTo("deribit_book_snapshot_25_2019-11-01_BTC-PERPETUAL.csv.gz");
        assertThat(file.freeWithoutKey()).isTrue();
        assertThat(TardisDayFile.datasetSymbol("ETH/USD:perp")).isEqualTo("ETH-USD-PERP");
    }

    @Test
    void clientNamesParseBackEvenWithUnderscoresInTypeAndSymbol()
    {
        assertThat(TardisDayFile.parse("gate-io-futures_incremental_book_L2_2024-03-01_BTC_USDT.csv.gz")).contains(
            new TardisDayFile("gate-io-futures", "incremental_book_L2", LocalDate.parse("2024-03-01"), "BTC_USDT"));
        assertThat(TardisDayFile.parse("binance_trades_2024-03-01_BTCUSDT.csv")).isEmpty();
        assertThat(TardisDayFile.parse(".binance_trades_2024-03-01_BTCUSDT.csv.gz.1f2e.part")).isEmpty();
        assertThat(TardisDayFile.parse("binance_trades_2024-13-01_BTCUSDT.csv.gz")).isEmpty();
    }
}
