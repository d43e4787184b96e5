package dev.tickwire.tools;

import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageDispatcher;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.DerivativeTickerDecoder;
import dev.tickwire.wire.sbe.LiquidationDecoder;
import dev.tickwire.wire.sbe.OptionSummaryDecoder;
import dev.tickwire.wire.sbe.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tickwire import tardis FOLDER}: a folder as tardis-dev's {@code datasets.download} leaves it (one
 * {@code {exchange}_{data_type}_{date}_{symbol}.csv.gz} per dataset and day), every dataset at once, then again.
 */
class ImportTardisFolderTest
{
    @TempDir
    Path dir;

    private void write(final Path folder, final String name, final String... lines) throws IOException
    {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve(name))))
        {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One day of BTCUSDT on Binance futures and of Deribit's options, every dataset tickwire imports. */
    private Path datasets() throws IOException
    {
        final Path folder = Files.createDirectories(dir.resolve("datasets"));
        write(folder, "binance-futures_trades_2024-01-02_BTCUSDT.csv.gz",
            "exchange,symbol,timestamp,local_timestamp,id,side,price,amount",
            "binance-futures,BTCUSDT,1704153600112000,1704153600163224,4491021005,buy,43521.1,0.004",
            "binance-futures,BTCUSDT,1704153600290000,1704153600341877,4491021006,sell,43521,0.135");
        write(folder, "binance-futures_quotes_2024-01-02_BTCUSDT.csv.gz",
            "exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount",
            "binance-futures,BTCUSDT,1704153600100000,1704153600151310,3.271,43521.1,43521,7.408");
        write(folder, "binance-futures_incremental_book_L2_2024-01-02_BTCUSDT.csv.gz",
            "exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount",
            "binance-futures,BTCUSDT,1704153600000000,1704153600050112,true,bid,43521,7.408",
            "binance-futures,BTCUSDT,1704153600000000,1704153600050112,true,ask,43521.1,3.271",
            "binance-futures,BTCUSDT,1704153600290000,1704153600342001,false,bid,43521,7.273");
        write(folder, "binance-futures_book_snapshot_5_2024-01-02_BTCUSDT.csv.gz",
            "exchange,symbol,timestamp,local_timestamp,asks[0].price,asks[0].amount,bids[0].price,bids[0].amount," +
                "asks[1].price,asks[1].amount,bids[1].price,bids[1].amount," +
                "asks[2].price,asks[2].amount,bids[2].price," +
                "bids[2].amount,asks[3].price,asks[3].amount,bids[3].price," +
                "bids[3].amount,asks[4].price,asks[4].amount," +
                "bids[4].price,bids[4].amount",
            "binance-futures,BTCUSDT,1704153600000000,1704153600050112," +
                "43521.1,3.271,43521,7.408,43521.2,0.012,43520.9," +
                "0.4,43521.5,1.108,43520.8,0.02,43521.6,0.5,43520.5,2.731,43521.9,0.09,43520.3,0.813");
        write(folder, "binance-futures_derivative_ticker_2024-01-02_BTCUSDT.csv.gz",
            "exchange,symbol,timestamp,local_timestamp,funding_timestamp," +
                "funding_rate,predicted_funding_rate,open_interest," +
                "last_price,index_price,mark_price",
            "binance-futures,BTCUSDT,1704153600000000,1704153600061034,1704182400000000,0.00010000,,,,43498.56218750," +
                "43521.12345678",
            "binance-futures,BTCUSDT,1704153600507000,1704153600563120," +
                "1704182400000000,0.00010000,,80215.193,43521.1," +
                "43498.56218750,43521.12345678");
        write(folder, "binance-futures_liquidations_2024-01-02_BTCUSDT.csv.gz",
            "exchange,symbol,timestamp,local_timestamp,id,side,price,amount",
            "binance-futures,BTCUSDT,1704153745123000,1704153745170210,,sell,43480.3,0.512",
            "binance-futures,BTCUSDT,1704153790456000,1704153790501877,,buy,43533.9,0.041");
        write(folder, "deribit_options_chain_2024-01-02_OPTIONS.csv.gz",
            "exchange,symbol,timestamp,local_timestamp,type,strike_price," +
                "expiration,open_interest,last_price,bid_price," +
                "bid_amount,bid_iv,ask_price,ask_amount,ask_iv,mark_price," +
                "mark_iv,underlying_index,underlying_price,delta," +
                "gamma,vega,theta,rho",
            "deribit,BTC-5JAN24-44000-C,1704153600318000,1704153600402188," +
                "call,44000,1704441600000000,512.3,0.0135,0.013," +
                "12.5,51.32,0.0140,8.1,53.87,0.01362541,52.41,BTC-5JAN24," +
                "43530.27,0.40512,0.00013,17.84721,-84.21093,1.10348",
            "deribit,BTC-5JAN24-40000-P,1704153600512000,1704153600598311," +
                "put,40000,1704441600000000,1047.9,,,,,0.0015," +
                "31.2,68.4,0.00117331,61.07,BTC-5JAN24,43530.27,-0.04627,0.00002,3.15632,-24.18702,-0.15034");
        // what else a download folder holds: a file being downloaded (hidden), a note
        Files.writeString(folder.resolve(".deribit_options_chain_2024-01-03_OPTIONS.csv.gz.5f3a.tmp"), "partial");
        Files.writeString(folder.resolve("README.txt"), "downloaded with tardis-dev");
        return folder;
    }

    /** "type instrument values…" of the journal's derivative tickers, liquidations and option summaries. */
    private static List<String> referenceData(final Path journal)
    {
        final List<String> out = new ArrayList<>();
        final MarketDataListener listener = new MarketDataListener()
        {
            @Override
            public void onDerivativeTicker(final DerivativeTickerDecoder t)
            {
                final String oi = t.openInterest() == Values.NONE ? "-" : t.openInterest() + "e" + t.sizeExponent();
                out.add("ticker " + t.instrumentId() + " " + (t.verdict() == Verdict.ACCEPTED) + " mark " +
                    t.markPrice() + "e" + t.priceExponent() + " oi " + oi + " funding " + t.fundingRate() + "e" +
                    t.rateExponent());
            }

            @Override
            public void onLiquidation(final LiquidationDecoder l)
            {
                final String id = l.liquidationId() == Values.NONE ? "-" : Long.toString(l.liquidationId());
                out.add("liquidation " + l.instrumentId() + " " + (l.verdict() == Verdict.ACCEPTED) + " " +
                    l.side() + " " + l.price() + "x" + l.size() + " id " + id);
            }

            @Override
            public void onOptionSummary(final OptionSummaryDecoder o)
            {
                out.add("option " + o.instrumentId() + " " + (o.verdict() == Verdict.ACCEPTED) + " " + o.optionType() +
                    " strike " + o.strikePrice() + "e" + o.underlyingExponent() + " mark " + o.markPrice() + "e" +
                    o.priceExponent() + " iv " + o.markIv() + "e" + o.valueExponent() + " bid " +
                    (o.bidPrice() == Values.NONE ? "-" : o.bidPrice()));
            }
        };
        final MessageDispatcher dispatcher = new MessageDispatcher();
        try (Journal j = Journal.open(new Journal.Context().dir(journal).readOnly(true));
             JournalReader reader = j.reader())
        {
            while (reader.poll(
                (buffer, offset, length, index, watermark) -> dispatcher.dispatch(buffer, offset, listener), 1000) > 0)
            {
                // to the end
            }
        }
        return out;
    }

    @Test
    void aDownloadFolderWithEveryDatasetImportsOnceAndAgainAddsNothing() throws Exception
    {
        final Path folder = datasets();
        final Path journal = dir.resolve("journal");
        final CliTest.Result imported = CliTest.run("import", "tardis", folder.toString(), "--journal",
            journal.toString(), "--no-progress");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 13 rows from 7 file(s)")
            .contains("trades 2, quotes 1, book deltas 15, snapshots 2, malformed 0, already in the journal 0")
            .contains("derivative tickers 2, liquidations 2, option summaries 2, rows rounded 0")
            .contains("rejected 0");
        // the instrument's exponents from every file of it: the mark price's 8 decimals, the amounts' 3
        assertThat(imported.err()).contains("binance-futures:BTCUSDT: price exponent -8, size exponent -3")
            .contains("deribit:BTC-5JAN24-44000-C: price exponent -8, size exponent -1");

        final CliTest.Result instruments = CliTest.run("dump", "--journal", journal.toString(), "--type", "instrument");
        assertThat(instruments.exitCode()).as(instruments.err()).isZero();
        assertThat(instruments.out()).contains("binance-futures:BTCUSDT").contains("deribit:BTC-5JAN24-44000-C")
            .contains("deribit:BTC-5JAN24-40000-P");
        final List<String> data = referenceData(journal);
        assertThat(data).hasSize(6);
        assertThat(data).filteredOn(s -> s.startsWith("ticker")).extracting(s -> s.substring(s.indexOf(" true")))
            .containsExactly(" true mark 4352112345678e-8 oi - funding 1e-4",
                " true mark 4352112345678e-8 oi 80215193e-3 funding 1e-4");
        assertThat(data).filteredOn(s -> s.startsWith("liquidation")).extracting(s -> s.substring(s.indexOf(" true")))
            .containsExactly(" true SELL 4348030000000x512 id -", " true BUY 4353390000000x41 id -");
        assertThat(data).filteredOn(s -> s.startsWith("option")).extracting(s -> s.substring(s.indexOf(" true")))
            .containsExactly(" true CALL strike 4400000e-2 mark 1362541e-8 iv 5241000e-5 bid 1300000",
                " true PUT strike 4000000e-2 mark 117331e-8 iv 6107000e-5 bid -");

        final CliTest.Result again = CliTest.run("import", "tardis", folder.toString(), "--journal", journal.toString(),
            "--no-progress");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("imported 13 rows from 7 file(s)")
            .contains("trades 0, quotes 0, book deltas 0, snapshots 0, malformed 0, already in the journal 13")
            .contains("derivative tickers 0, liquidations 0, option summaries 0, rows rounded 0");
        assertThat(referenceData(journal)).isEqualTo(data);
    }

    @Test
    void aFolderWithoutTardisFilesIsRefusedNamingIt() throws Exception
    {
        final Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "nothing here");
        final CliTest.Result refused = CliTest.run("import", "tardis", empty.toString(), "--journal",
            dir.resolve("journal").toString(), "--no-progress");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains(empty + ": a folder without .csv or .csv.gz files");
    }
}
