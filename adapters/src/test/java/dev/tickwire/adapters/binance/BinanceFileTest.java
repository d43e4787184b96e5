package dev.tickwire.adapters.binance;

import dev.tickwire.adapters.csv.CsvFormatException;
import dev.tickwire.wire.Timestamps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Telling the four layouts apart from the first line, and Binance's two timestamp units. */
class BinanceFileTest
{
    @TempDir
    Path dir;

    @Test
    void spotTradesHaveNoHeaderAndSevenColumns() throws IOException
    {
        final BinanceFile f = BinanceFile.open(write("BTCUSDT-trades-2024-03-01.csv",
            "100,67000.01000000,0.00120000,80.40001200,1709251200000,True,True\n"));
        assertThat(f.kind).isEqualTo(BinanceKind.TRADES);
        assertThat(f.futures).isFalse();
        assertThat(f.header).isFalse();
        assertThat(f.columns).isEqualTo(7);
        assertThat(f.nameSymbol).isEqualTo("BTCUSDT");
    }

    @Test
    void spotAggTradesHaveEightColumns() throws IOException
    {
        final BinanceFile f = BinanceFile.open(write("ETHUSDT-aggTrades-2025-01-02.csv.gz",
            "5000,3300.10000000,0.01000000,100,102,1735776000000000,false,true\n"));
        assertThat(f.kind).isEqualTo(BinanceKind.AGG_TRADES);
        assertThat(f.futures).isFalse();
        assertThat(f.columns).isEqualTo(8);
        assertThat(f.nameSymbol).isEqualTo("ETHUSDT");
    }

    @Test
    void sevenColumnsWithoutHeaderAreFuturesAggTradesWhenTheSixthIsATime() throws IOException
    {
        final BinanceFile f = BinanceFile.open(write("x.csv", "5000,67000.1,0.003,100,102,1709251200000,true\n"));
        assertThat(f.kind).isEqualTo(BinanceKind.AGG_TRADES);
        assertThat(f.futures).isTrue();
        assertThat(f.nameSymbol).isNull();
        final BinanceFile t = BinanceFile.open(write("y.csv", "1,67000.1,0.003,201.0003,1709251200000,true\n"));
        assertThat(t.kind).isEqualTo(BinanceKind.TRADES);
        assertThat(t.futures).isTrue();
    }

    @Test
    void futuresHeadersNameTheKind() throws IOException
    {
        final BinanceFile t = BinanceFile.open(write("BTCUSDT-trades-2024-03-01.csv",
            "id,price,qty,quote_qty,time,is_buyer_maker\n1,67000.1,0.003,201.0003,1709251200000,true\n"));
        assertThat(t.kind).isEqualTo(BinanceKind.TRADES);
        assertThat(t.futures).isTrue();
        assertThat(t.header).isTrue();
        assertThat(t.columns).isEqualTo(6);
        final BinanceFile a = BinanceFile.open(gzip("BTCUSDT-aggTrades-2024-03-01.csv.gz",
            "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n" +
            "5000,67000.1,0.003,100,102,1709251200000,true\n"));
        assertThat(a.kind).isEqualTo(BinanceKind.AGG_TRADES);
        assertThat(a.futures).isTrue();
        assertThat(a.header).isTrue();
        assertThat(a.columns).isEqualTo(7);
    }

    @Test
    void refusesWhatIsNotABinanceTradeFile() throws IOException
    {
        assertThatThrownBy(() -> BinanceFile.open(write("BTCUSDT-aggTrades-2024-03-01.csv",
            "100,67000.01,0.0012,80.4,1709251200000,true,true\n")))
            .hasMessageContaining("named aggTrades but its first line is trades");
        assertThatThrownBy(() -> BinanceFile.open(write("q.csv", "exchange,symbol,timestamp\n")))
            .hasMessageContaining("line 1: not a Binance trades or aggTrades header");
        assertThatThrownBy(() -> BinanceFile.open(write("r.csv", "1,2,3\n")))
            .hasMessageContaining("line 1: not a Binance trades or aggTrades row (3 fields)");
        final Path zip = dir.resolve("BTCUSDT-trades-2024-03-01.zip");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 0, 0});
        assertThatThrownBy(() -> BinanceFile.open(zip)).hasMessageContaining("a zip archive");
        assertThatThrownBy(() -> BinanceFile.open(dir.resolve("missing.csv"))).hasMessageContaining("no such file");
    }

    @Test
    void millisecondsBefore2025MicrosecondsFromThen() throws Exception
    {
        assertThat(BinanceFile.eventTimeNs(1709251200123L)).isEqualTo(Timestamps.parse("2024-03-01T00:00:00.123Z"));
        assertThat(BinanceFile.eventTimeNs(1735689599999L)).isEqualTo(Timestamps.parse("2024-12-31T23:59:59.999Z"));
        assertThat(BinanceFile.eventTimeNs(1735689600000001L)).isEqualTo(Timestamps.parse("2025-01-01T00:00:00.000001Z"));
        // futures stay in ms after 2025
        assertThat(BinanceFile.eventTimeNs(1735776000456L)).isEqualTo(Timestamps.parse("2025-01-02T00:00:00.456Z"));
        assertThatThrownBy(() -> BinanceFile.eventTimeNs(-1)).isInstanceOf(CsvFormatException.class);
        assertThatThrownBy(() -> BinanceFile.eventTimeNs(Long.MAX_VALUE)).isInstanceOf(ArithmeticException.class);
    }

    private Path write(final String name, final String text) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private Path gzip(final String name, final String text) throws IOException
    {
        final Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file)))
        {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        return file;
    }
}
