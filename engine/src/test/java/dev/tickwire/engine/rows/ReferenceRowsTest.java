package dev.tickwire.engine.rows;

import dev.tickwire.engine.query.JournalQueries;
import dev.tickwire.engine.query.MarketQueries;
import dev.tickwire.engine.replay.Replay;
import dev.tickwire.journal.Instrument;
import dev.tickwire.journal.Journal;
import dev.tickwire.journal.JournalReader;
import dev.tickwire.journal.JournalWriter;
import dev.tickwire.wire.Envelope;
import dev.tickwire.wire.MarketDataListener;
import dev.tickwire.wire.MessageTypes;
import dev.tickwire.wire.Timestamps;
import dev.tickwire.wire.sbe.CandleDecoder;
import dev.tickwire.wire.sbe.DerivativeTickerDecoder;
import dev.tickwire.wire.sbe.LiquidationDecoder;
import dev.tickwire.wire.sbe.OptionSummaryDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reference data read back from a journal as {@code dump} prints it, as rows (CSV, JSON) of the one mapper per
 * type, in pages of the query behind {@code /contracts/{symbol}/reference}, and through a replay.
 */
class ReferenceRowsTest
{
    private static final long T0 = Timestamps.parse("2024-03-05T10:00:00Z");
    private static final int ROUNDS = 5;

    @TempDir
    Path dir;

    private Instrument[] instruments;

    @BeforeEach
    void journal()
    {
        try (Journal journal = Journal.open(new Journal.Context().dir(dir)); JournalWriter out = journal.writer())
        {
            instruments = ReferenceSamples.register(journal.instruments());
            final ReferenceSamples samples = new ReferenceSamples(7);
            final List<byte[]> messages = new ArrayList<>(samples.definitions(instruments, T0));
            for (int r = 0; r < ROUNDS; r++)
            {
                messages.addAll(samples.round(instruments, T0, r));
                if (r == 1)
                {
                    messages.add(samples.rejectedTicker(instruments[0], T0 + ReferenceSamples.MINUTE_NS + 10));
                }
            }
            long seq = 0;
            for (final byte[] m : messages)
            {
                final UnsafeBuffer b = new UnsafeBuffer(m);
                Envelope.sequence(b, 0, ++seq);
                out.append(b, 0, m.length);
            }
        }
    }

    @Test
    void dumpPrintsEveryValueAtItsExponentAndLeavesAbsentOnesOut()
    {
        final List<String> lines = new ArrayList<>();
        try (Journal journal = Journal.open(new Journal.Context().dir(dir).readOnly(true)); JournalReader reader = journal.reader())
        {
            final MessageJson json = new MessageJson(journal.instruments());
            while (reader.poll((buffer, offset, length, index, wm) -> lines.add(json.format(buffer, offset)), 100) > 0)
            {
                // all of it
            }
        }
        assertThat(lines).hasSize(2 + ROUNDS * ReferenceSamples.PER_ROUND + 1);
        assertThat(lines.subList(2, 6)).containsExactly(
            "{\"type\":\"candle\",\"symbol\":\"BTC-PERP\",\"instrument_id\":1,\"seq\":3,\"ts\":\"2024-03-05T10:00:00.000000000Z\"," +
                "\"ts_ns\":1709632800000000000,\"recv_ns\":1709632800000001000,\"start\":\"2024-03-05T09:59:00.000000000Z\"," +
                "\"start_ns\":1709632740000000000,\"interval_ns\":60000000000,\"open\":\"43500.0\",\"high\":\"43525.5\"," +
                "\"low\":\"43490.1\",\"close\":\"43521.1\",\"volume\":\"12.345\",\"buy_volume\":\"7.500\",\"trades\":321," +
                "\"verdict\":\"accepted\",\"source\":7,\"source_pos\":1}",
            "{\"type\":\"derivative_ticker\",\"symbol\":\"BTC-PERP\",\"instrument_id\":1,\"seq\":4," +
                "\"ts\":\"2024-03-05T10:00:00.000000001Z\",\"ts_ns\":1709632800000000001,\"recv_ns\":1709632800000002000," +
                "\"funding_time\":\"2024-03-05T18:00:00.000000000Z\",\"funding_time_ns\":1709661600000000000," +
                "\"funding_rate\":\"-0.00012345\",\"open_interest\":\"12345.678\",\"last_price\":\"43521.10000000\"," +
                "\"index_price\":\"43520.98765432\",\"mark_price\":\"43521.12345678\",\"verdict\":\"accepted\",\"source\":7," +
                "\"source_pos\":2}",
            "{\"type\":\"liquidation\",\"symbol\":\"BTC-PERP\",\"instrument_id\":1,\"seq\":5," +
                "\"ts\":\"2024-03-05T10:00:00.000000002Z\",\"ts_ns\":1709632800000000002,\"recv_ns\":1709632800000003000," +
                "\"price\":\"43480.5\",\"size\":\"0.250\",\"side\":\"sell\",\"liquidation_id\":99,\"verdict\":\"accepted\"," +
                "\"source\":7,\"source_pos\":3}",
            "{\"type\":\"option_summary\",\"symbol\":\"BTC-27DEC24-50000-C\",\"instrument_id\":2,\"seq\":6," +
                "\"ts\":\"2024-03-05T10:00:00.000000003Z\",\"ts_ns\":1709632800000000003,\"recv_ns\":1709632800000004000," +
                "\"option_type\":\"call\",\"strike_price\":\"50000.00\",\"expiration\":\"2024-12-27T08:00:00.000000000Z\"," +
                "\"expiration_ns\":1735286400000000000,\"open_interest\":\"1234.5\",\"bid_price\":\"0.0410\"," +
                "\"bid_size\":\"12.5\",\"bid_iv\":\"64.50000000\",\"ask_price\":\"0.0420\",\"ask_size\":\"3.0\"," +
                "\"ask_iv\":\"66.00000000\",\"mark_price\":\"0.0415\",\"mark_iv\":\"65.12340000\",\"underlying_price\":\"43521.12\"," +
                "\"delta\":\"0.51230000\",\"gamma\":\"0.00001234\",\"vega\":\"12.34560000\",\"theta\":\"-45.67890000\"," +
                "\"verdict\":\"accepted\",\"source\":7,\"source_pos\":4}");
        // round 1: the source had no funding time, buy volume, trade count, liquidation id, bid, ask or vega
        assertThat(lines.get(6)).contains("\"close\":\"43521.2\",\"volume\":\"12.345\",\"verdict\"");
        assertThat(lines.get(7)).contains("\"recv_ns\":1709632860000002000,\"funding_rate\":\"-0.00012345\"");
        assertThat(lines.get(8)).contains("\"side\":\"buy\",\"verdict\"");
        assertThat(lines.get(9)).contains("\"open_interest\":\"1234.6\",\"mark_price\":\"0.0415\",\"mark_iv\":\"65.12340001\"")
            .contains("\"gamma\":\"0.00001234\",\"theta\":\"-45.67890000\",\"verdict\"");
        // a rejected ticker with an exponent no value can have is still printed, exactly
        assertThat(lines.get(10)).contains("\"funding_rate\":\"7e-40\",\"verdict\":\"rejected\",\"reason\":\"malformed\"");
    }

    @Test
    void csvRowsHaveOneColumnPerFieldAndEmptyAbsentValues()
    {
        assertThat(MarketRows.referenceHeader(MessageTypes.CANDLE)).isEqualTo(
            "seq,ts,ts_ns,recv_ns,start,start_ns,interval_ns,open,high,low,close,volume,buy_volume,trades");
        assertThat(MarketRows.referenceHeader(MessageTypes.DERIVATIVE_TICKER)).isEqualTo(
            "seq,ts,ts_ns,recv_ns,funding_time,funding_time_ns,funding_rate,predicted_funding_rate,open_interest," +
                "last_price,index_price,mark_price");
        assertThat(MarketRows.referenceHeader(MessageTypes.LIQUIDATION)).isEqualTo(
            "seq,ts,ts_ns,recv_ns,price,size,side,liquidation_id");
        assertThat(MarketRows.referenceHeader(MessageTypes.OPTION_SUMMARY)).isEqualTo(
            "seq,ts,ts_ns,recv_ns,option_type,strike_price,expiration,expiration_ns,open_interest,last_price,bid_price," +
                "bid_size,bid_iv,ask_price,ask_size,ask_iv,mark_price,mark_iv,underlying_price,delta,gamma,vega,theta,rho");
        assertThatThrownBy(() -> MarketRows.referenceHeader(MessageTypes.TRADE)).hasMessageContaining("trade");

        try (Journal journal = Journal.open(new Journal.Context().dir(dir).readOnly(true)))
        {
            assertThat(csv(journal, ReferenceSamples.PERP, MessageTypes.DERIVATIVE_TICKER)).containsExactly(
                "4,2024-03-05T10:00:00.000000001Z,1709632800000000001,1709632800000002000,2024-03-05T18:00:00.000000000Z," +
                    "1709661600000000000,-0.00012345,,12345.678,43521.10000000,43520.98765432,43521.12345678",
                "8,2024-03-05T10:01:00.000000001Z,1709632860000000001,1709632860000002000,,,-0.00012345,,12345.679," +
                    "43521.10000000,43520.98765432,43521.12345679",
                "13,2024-03-05T10:02:00.000000001Z,1709632920000000001,1709632920000002000,2024-03-05T18:00:00.000000000Z," +
                    "1709661600000000000,-0.00012345,,12345.680,43521.10000000,43520.98765432,43521.12345680",
                "17,2024-03-05T10:03:00.000000001Z,1709632980000000001,1709632980000002000,,,-0.00012345,,12345.681," +
                    "43521.10000000,43520.98765432,43521.12345681",
                "21,2024-03-05T10:04:00.000000001Z,1709633040000000001,1709633040000002000,2024-03-05T18:00:00.000000000Z," +
                    "1709661600000000000,-0.00012345,,12345.682,43521.10000000,43520.98765432,43521.12345682");
            assertThat(csv(journal, ReferenceSamples.PERP, MessageTypes.LIQUIDATION)).startsWith(
                "5,2024-03-05T10:00:00.000000002Z,1709632800000000002,1709632800000003000,43480.5,0.250,sell,99",
                "9,2024-03-05T10:01:00.000000002Z,1709632860000000002,1709632860000003000,43480.5,0.250,buy,");
            assertThat(csv(journal, ReferenceSamples.PERP, MessageTypes.CANDLE).get(1)).isEqualTo(
                "7,2024-03-05T10:01:00.000000000Z,1709632860000000000,1709632860000001000,2024-03-05T10:00:00.000000000Z," +
                    "1709632800000000000,60000000000,43500.1,43525.6,43490.2,43521.2,12.345,,");
            assertThat(csv(journal, ReferenceSamples.OPTION, MessageTypes.OPTION_SUMMARY).get(1)).isEqualTo(
                "10,2024-03-05T10:01:00.000000003Z,1709632860000000003,1709632860000004000,call,50000.00," +
                    "2024-12-27T08:00:00.000000000Z,1735286400000000000,1234.6,,,,,,,,0.0415,65.12340001,43521.12,0.51230000," +
                    "0.00001234,,-45.67890000,");
            assertThat(csv(journal, ReferenceSamples.OPTION, MessageTypes.CANDLE)).isEmpty();
        }
    }

    @Test
    void pagesOfTheReferenceQueryWalkTheRangeWithACursor()
    {
        try (JournalQueries queries = JournalQueries.open(dir))
        {
            final long to = T0 + 10 * ReferenceSamples.MINUTE_NS;
            final MarketQueries.JsonPage all = queries.referenceJson(ReferenceSamples.PERP, "derivative_ticker", T0, to, 100, null);
            assertThat(all.count()).isEqualTo(ROUNDS);
            assertThat(all.next()).isNull();
            assertThat(all.json()).startsWith("[{\"seq\":4,\"ts\":\"2024-03-05T10:00:00.000000001Z\"")
                .contains("\"mark_price\":\"43521.12345678\"}").endsWith("\"mark_price\":\"43521.12345682\"}]");

            final List<String> paged = new ArrayList<>();
            MarketQueries.JsonPage page = queries.referenceJson(ReferenceSamples.PERP, "derivative_ticker", T0, to, 2, null);
            paged.add(page.json());
            while (page.next() != null)
            {
                page = queries.referenceJson(ReferenceSamples.PERP, "derivative_ticker", T0, to, 2, page.next());
                paged.add(page.json());
            }
            assertThat(paged).hasSize(3);
            assertThat(String.join("", paged).replace("][", ",")).isEqualTo(all.json());

            // the time window holds the second and third rounds' options only
            final MarketQueries.JsonPage options = queries.referenceJson(ReferenceSamples.OPTION, "option_summary",
                T0 + ReferenceSamples.MINUTE_NS, T0 + 2 * ReferenceSamples.MINUTE_NS + 3, 100, null);
            assertThat(options.count()).isEqualTo(2);
            assertThat(options.json()).contains("\"mark_iv\":\"65.12340001\"").contains("\"mark_iv\":\"65.12340002\"");
            assertThatThrownBy(() -> queries.referenceJson(ReferenceSamples.PERP, "trade", T0, to, 2, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("type 'trade' is not reference data: use candle, derivative_ticker, liquidation or option_summary");
            assertThatThrownBy(() -> queries.referenceJson("NOPE", "candle", T0, to, 2, null))
                .isInstanceOf(MarketQueries.UnknownSymbolException.class);
        }
    }

    @Test
    void aReplayDeliversEveryAcceptedReferenceMessageInJournalOrder()
    {
        final List<String> seen = new ArrayList<>();
        final MarketDataListener listener = new MarketDataListener()
        {
            @Override
            public void onCandle(final CandleDecoder c)
            {
                seen.add("candle " + c.sequence() + " " + c.closePrice());
            }

            @Override
            public void onDerivativeTicker(final DerivativeTickerDecoder t)
            {
                seen.add("ticker " + t.sequence() + " " + t.markPrice() + " " + t.verdict());
            }

            @Override
            public void onLiquidation(final LiquidationDecoder l)
            {
                seen.add("liquidation " + l.sequence() + " " + l.side());
            }

            @Override
            public void onOptionSummary(final OptionSummaryDecoder o)
            {
                seen.add("option " + o.sequence() + " " + o.markIv());
            }
        };
        try (Replay replay = Replay.builder().journal(dir).symbols(ReferenceSamples.PERP, ReferenceSamples.OPTION)
            .from(T0 + ReferenceSamples.MINUTE_NS).to(T0 + 2 * ReferenceSamples.MINUTE_NS).listener(listener).build())
        {
            replay.run();
        }
        assertThat(seen).containsExactly("candle 7 435212", "ticker 8 4352112345679 ACCEPTED", "liquidation 9 BUY",
            "option 10 6512340001", "candle 12 435213");
    }

    private static List<String> csv(final Journal journal, final String symbol, final int type)
    {
        final List<String> lines = new ArrayList<>();
        final StringBuilder sb = new StringBuilder();
        final CsvRow row = new CsvRow(sb);
        JournalQueries.scan(journal, JournalQueries.instrument(journal, symbol), type, T0 - ReferenceSamples.MINUTE_NS,
            Long.MAX_VALUE, 100, null, new ReferenceRows(JournalQueries.instrument(journal, symbol), new ReferenceRows.Target()
            {
                @Override
                public RowWriter begin()
                {
                    sb.setLength(0);
                    return row.begin();
                }

                @Override
                public void end()
                {
                    lines.add(sb.toString());
                }
            }));
        return lines;
    }
}
