package dev.tickwire.adapters.tardis.download;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickwire.journal.InstrumentDefinition;
import dev.tickwire.journal.InstrumentDefinitions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Day definitions and the missing-data report from the recorded exchange details and instruments metadata. */
class TardisDefinitionsTest
{
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Instant FETCHED = Instant.parse("2024-03-04T07:00:00Z");

    static TardisExchange exchange() throws Exception
    {
        return TardisExchange.parse("binance-futures",
            JSON.readTree(TardisTestServer.resource("/tardis-api/api/v1/exchanges/binance-futures.json")));
    }

    static List<JsonNode> instruments() throws Exception
    {
        final List<JsonNode> list = new ArrayList<>();
        JSON.readTree(TardisTestServer.resource("/tardis-api/api/v1/instruments/binance-futures.json")).forEach(list::add);
        return list;
    }

    private static LocalDate day(final String text)
    {
        return LocalDate.parse(text);
    }

    @Test
    void aDayHasTheInstrumentsListedThatDayWithTheValuesInForceAtItsStart() throws Exception
    {
        final InstrumentDefinitions.Day first = TardisDefinitions.day(exchange(), instruments(), null, day("2024-03-01"), FETCHED);
        assertThat(first.definitions()).extracting(InstrumentDefinition::instrument).containsExactly(
            "binance-futures:BTCDOMUSDT", "binance-futures:BTCUSDT", "binance-futures:BTCUSDT_240329",
            "binance-futures:PERPETUALS"); // SRMUSDT ended in 2022
        final InstrumentDefinition btc = first.byInstrument("binance-futures:BTCUSDT").orElseThrow();
        assertThat(btc.tickSize()).isEqualTo("0.01"); // changes[]: 0.01 until 2024-03-02
        assertThat(btc.amountIncrement()).isEqualTo("0.001");
        assertThat(btc.contractMultiplier()).isEqualTo("1");
        assertThat(btc.type()).isEqualTo("perpetual");
        assertThat(btc.contractType()).isEqualTo("linear_perpetual");
        assertThat(btc.base() + "/" + btc.quote()).isEqualTo("BTC/USDT");
        assertThat(btc.inverse()).isEqualTo("false");
        assertThat(btc.listing()).isEqualTo("2019-09-08T00:00:00.000Z");
        assertThat(btc.dataTypes()).startsWith("trades", "incremental_book_L2", "quotes");
        final InstrumentDefinition future = first.byInstrument("binance-futures:BTCUSDT_240329").orElseThrow();
        assertThat(future.expiry()).isEqualTo("2024-03-29T08:00:00.000Z");
        assertThat(future.tickSize()).isEqualTo("0.1");
        assertThat(first.byInstrument("binance-futures:PERPETUALS").orElseThrow().dataTypes())
            .containsExactly("trades", "derivative_ticker", "liquidations");
        assertThat(first.properties()).containsEntry("exported", "true").containsEntry("exportedUntil", "2024-03-04T00:00:00Z")
            .containsEntry("instruments", "instruments metadata API");

        final InstrumentDefinitions.Day second = TardisDefinitions.day(exchange(), instruments(), null, day("2024-03-02"), FETCHED);
        assertThat(second.byInstrument("binance-futures:BTCUSDT").orElseThrow().tickSize()).isEqualTo("0.1");
        assertThat(TardisDefinitions.provisional(second)).isFalse();
        assertThat(TardisDefinitions.provisional(TardisDefinitions.day(exchange(), instruments(), null, day("2024-03-04"),
            FETCHED))).isTrue();
        // an old day takes the older change: amount increment 0.01 until 2021
        assertThat(TardisDefinitions.day(exchange(), instruments(), null, day("2020-06-01"), FETCHED)
            .byInstrument("binance-futures:BTCUSDT").orElseThrow().amountIncrement()).isEqualTo("0.01");
    }

    @Test
    void withoutTheInstrumentsMetadataADayListsTheDatasetSymbols() throws Exception
    {
        final InstrumentDefinitions.Day day = TardisDefinitions.day(exchange(), null, "no API key", day("2024-03-01"), FETCHED);
        assertThat(day.definitions()).hasSize(4);
        final InstrumentDefinition btc = day.byInstrument("binance-futures:BTCUSDT").orElseThrow();
        assertThat(btc.tickSize()).isEmpty();
        assertThat(btc.availableSince()).isEqualTo("2019-11-17T00:00:00Z");
        assertThat(btc.dataTypes()).contains("trades");
        assertThat(day.properties()).containsEntry("instruments", "exchange details only: no API key");
    }

    @Test
    void theMissingDataReportComparesAvailableDownloadedAndImported() throws Exception
    {
        final Map<LocalDate, InstrumentDefinitions.Day> days = new HashMap<>();
        for (LocalDate d = day("2024-02-28"); !d.isAfter(day("2024-03-05")); d = d.plusDays(1))
        {
            days.put(d, TardisDefinitions.day(exchange(), instruments(), null, d, FETCHED));
        }
        final Map<TardisDayFile, Boolean> folder = new HashMap<>();
        for (final String d : List.of("2024-02-28", "2024-03-01", "2024-03-03"))
        {
            folder.put(new TardisDayFile("binance-futures", "trades", day(d), "BTCUSDT"), false);
        }
        folder.put(new TardisDayFile("binance-futures", "trades", day("2024-03-01"), "BTCDOMUSDT"), true);
        folder.put(new TardisDayFile("binance-futures", "derivative_ticker", day("2024-03-01"), "BTCUSDT"), false);
        folder.put(new TardisDayFile("bitmex", "trades", day("2024-03-01"), "XBTUSD"), false);
        final Map<String, LocalDate> imported = Map.of("trades:BTCUSDT", day("2024-03-01"));

        final List<TardisMissingData.Row> rows = TardisMissingData.report("binance-futures", day("2024-02-28"),
            day("2024-03-05"), days, List.of(), List.of(), folder, imported);
        assertThat(rows).extracting(r -> r.symbol() + " " + r.dataType()).containsExactlyInAnyOrder(
            "BTCDOMUSDT trades", "BTCDOMUSDT derivative_ticker", "BTCUSDT trades", "BTCUSDT derivative_ticker");
        final TardisMissingData.Row trades = rows.stream().filter(r -> r.symbol().equals("BTCUSDT") &&
            r.dataType().equals("trades")).findFirst().orElseThrow();
        // 2024-02-28 .. 03-03 exported; 03-04 and 03-05 not yet
        assertThat(trades.available()).isEqualTo(5);
        assertThat(trades.notExported()).isEqualTo(2);
        assertThat(trades.downloaded()).isEqualTo(3);
        assertThat(trades.missingDownloads()).containsExactly("2024-02-29", "2024-03-02");
        assertThat(trades.importedThrough()).isEqualTo(day("2024-03-01"));
        assertThat(trades.notImported()).containsExactly("2024-03-03");
        final TardisMissingData.Row empty = rows.stream().filter(r -> r.symbol().equals("BTCDOMUSDT") &&
            r.dataType().equals("trades")).findFirst().orElseThrow();
        assertThat(empty.empty()).isEqualTo(1);
        assertThat(empty.notImported()).isEmpty(); // a day without data has nothing to import
        assertThat(empty.missingDownloads()).containsExactly("2024-02-28..2024-02-29", "2024-03-02..2024-03-03");
        final TardisMissingData.Row ticker = rows.stream().filter(r -> r.symbol().equals("BTCUSDT") &&
            r.dataType().equals("derivative_ticker")).findFirst().orElseThrow();
        assertThat(ticker.importable()).as("the importer reads derivative_ticker").isTrue();
        assertThat(ticker.notImported()).as("downloaded, not imported yet").containsExactly("2024-03-01");

        final List<TardisMissingData.Row> only = TardisMissingData.report("binance-futures", day("2024-03-01"),
            day("2024-03-01"), days, List.of("quotes"), List.of("btcusdt"), folder, imported);
        assertThat(only).singleElement().satisfies(r ->
        {
            assertThat(r.missingDownloads()).containsExactly("2024-03-01");
            assertThat(r.importedThrough()).isNull();
        });
    }

    @Test
    void importLabelsAreTheImportersDatasets()
    {
        assertThat(TardisImported.importLabel("trades")).contains("trades");
        assertThat(TardisImported.importLabel("book_snapshot_25")).contains("book_snapshot");
        assertThat(TardisImported.importLabel("incremental_book_L2")).contains("incremental_book_L2");
        assertThat(TardisImported.importLabel("book_ticker")).isEmpty();
        assertThat(TardisImported.importLabel("book_snapshot_x")).isEmpty();
    }
}
