package dev.tickwire.adapters.sierra;

import dev.tickwire.adapters.sierra.SierraSourceHarness.Msg;
import dev.tickwire.wire.Values;
import dev.tickwire.wire.sbe.RejectReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static dev.tickwire.adapters.sierra.SierraSourceHarness.ES;
import static dev.tickwire.adapters.sierra.SierraSourceHarness.nanos;
import static org.assertj.core.api.Assertions.assertThat;

/** The live .scid source on spec-following files, through a real engine: exact values in the journal. */
class SierraSourceScidTest
{
    private static final long T0 = nanos(Instant.parse("2025-06-13T13:30:00.123Z"));
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    private SierraSourceHarness h;

    @BeforeEach
    void setUp()
    {
        h = new SierraSourceHarness(dir);
    }

    @AfterEach
    void tearDown()
    {
        h.close();
    }

    private static String trade(final int source, final long position, final long ts, final long price, final long size,
        final String side, final long bid, final long ask)
    {
        return "T src=" + source + " pos=" + position + " ts=" + ts + " p=" + price + " q=" + size + " " + side +
            " id=" + position + " bid=" + bid + " ask=" + ask + " ok";
    }

    private static String quote(final int source, final long position, final long ts, final long bid, final long bidSize,
        final long ask, final long askSize)
    {
        return "Q src=" + source + " pos=" + position + " ts=" + ts + " " + bid + "x" + bidSize + " / " + ask + "x" + askSize + " ok";
    }

    private static List<String> strings(final List<Msg> messages)
    {
        return messages.stream().map(Msg::toString).collect(Collectors.toList());
    }

    @Test
    void tradesWithBidAskAggressorSubTradeMarkersQuotesAndSkippedBars() throws Exception
    {
        h.contract(ES, "0.25").put("depth", false);
        try (ScidFileWriter w = new ScidFileWriter(h.scid(ES)))
        {
            w.trade(T0, 5000.25f, 5000.00f, 5000.25f, 3, 1, ScidFormat.SINGLE_TRADE);          // 0 buy
            w.trade(T0, 5000.00f, 5000.00f, 5000.25f, 2, -1, ScidFormat.FIRST_SUB_TRADE);      // 1 same ms: …001
            w.trade(T0, 5000.00f, 5000.00f, 5000.25f, 4, -1, ScidFormat.LAST_SUB_TRADE);       // 2 same ms: …002
            w.trade(T0 + MS, 5000.25f, 5000.00f, 5000.25f, 1, 0, ScidFormat.SINGLE_TRADE);     // 3 no aggressor
            w.quote(T0 + 2 * MS, 5000.00f, 5000.25f, 10, 12);                                  // 4 bid/ask only
            w.bar(T0 + 3 * MS, 5000.00f, 5001.00f, 4999.75f, 5000.50f, 1, 100);               // 5 bar: ordinary Open
            w.bar(T0 + 4 * MS, 0.0f, 5001.00f, 4999.75f, 5000.50f, 7, 50);                     // 6 bar: NumTrades > 1
            w.trade(T0 + 5 * MS, 5000.50f, 5000.25f, 5000.50f, 6, 1, ScidFormat.SINGLE_TRADE); // 7
            w.quote(T0 + 5 * MS, 5000.25f, 5000.75f, 4, 9);                                    // 8 same ms: …001
            w.trade(T0 + 6 * MS, 5001.00f, 5000.50f, 5000.50f, 2, 1, ScidFormat.SINGLE_TRADE); // 9 quirks: locked, printed outside
        }

        h.startViaFactory();
        final int src = h.scidSource(ES);
        final List<Msg> market = h.awaitMessages("scid market events", m -> m.sourceId == src && !m.isStatus(), 8);
        h.awaitDrained();

        assertThat(strings(market)).containsExactly(
            trade(src, 1, T0, 500025, 3, "BUY", 500000, 500025),
            trade(src, 2, T0 + US, 500000, 2, "SELL", 500000, 500025),
            trade(src, 3, T0 + 2 * US, 500000, 4, "SELL", 500000, 500025),
            trade(src, 4, T0 + MS, 500025, 1, "NONE", 500000, 500025),
            quote(src, 5, T0 + 2 * MS, 500000, 10, 500025, 12),
            trade(src, 8, T0 + 5 * MS, 500050, 6, "BUY", 500025, 500050),
            quote(src, 9, T0 + 5 * MS + US, 500025, 4, 500075, 9),
            trade(src, 10, T0 + 6 * MS, 500100, 2, "BUY", 500050, 500050));
        assertThat(h.counter("sierra " + ES + " scid: bar records skipped")).isEqualTo(2);
        assertThat(h.counter("scid: file problems")).isZero();
        assertThat(h.engine.counters().rejectedTotal().get()).isZero();

        final List<Msg> definitions = h.journal().stream().filter(m -> m.type.equals("I")).collect(Collectors.toList());
        assertThat(definitions).hasSize(1);
        assertThat(definitions.get(0).symbol).isEqualTo(ES);
        assertThat(definitions.get(0).priceExponent).isEqualTo(-2);
        assertThat(definitions.get(0).sizeExponent).isZero();
        assertThat(definitions.get(0).tickSize).isEqualTo(25);
        assertThat(definitions.get(0).instrumentId).isEqualTo(market.get(0).instrumentId);
    }

    @Test
    void priceAndSizeMultipliersAreApplied() throws Exception
    {
        h.contract(ES, "0.25").put("depth", false).put("priceMultiplier", "0.01").put("sizeMultiplier", "2.5");
        try (ScidFileWriter w = new ScidFileWriter(h.scid(ES)))
        {
            w.trade(T0, 500025f, 500000f, 500025f, 4, 1, ScidFormat.SINGLE_TRADE);
            w.quote(T0 + MS, 499975f, 500000f, 3, 5);
            w.trade(T0 + 2 * MS, 500050.03f, 500025f, 500050f, 1, -1, ScidFormat.SINGLE_TRADE); // float noise: 500050.03125
        }

        h.start();
        final int src = h.scidSource(ES);
        final List<Msg> market = h.awaitMessages("scid market events", m -> m.sourceId == src, 3);

        // sizeMultiplier 2.5 = 25 × 10^-1: the instrument's sizes have exponent -1
        assertThat(strings(market)).containsExactly(
            trade(src, 1, T0, 500025, 100, "BUY", 500000, 500025),
            quote(src, 2, T0 + MS, 499975, 75, 500000, 125),
            trade(src, 3, T0 + 2 * MS, 500050, 25, "SELL", 500025, 500050));
        final Msg definition = h.journal().stream().filter(m -> m.type.equals("I")).findFirst().orElseThrow();
        assertThat(definition.priceExponent).isEqualTo(-2);
        assertThat(definition.sizeExponent).isEqualTo(-1);
        assertThat(definition.tickSize).isEqualTo(25);
    }

    @Test
    void floatNoiseIsSnappedToTheTickGridAtAFinerJournalExponent() throws Exception
    {
        // tick 0.1, journal exponent -4 (tick = 1000 mantissa units): Sierra's float32 prices carry noise
        // far below a tick (4321.3f is 4321.2998046875, 0.002 ticks off); the grid price must come out.
        h.contract(ES, "0.1").put("depth", false).put("priceExponent", -4);
        try (ScidFileWriter w = new ScidFileWriter(h.scid(ES)))
        {
            w.trade(T0, 5000.1f, 0.0f, 0.0f, 1, 1, ScidFormat.SINGLE_TRADE);      // 5000.10009765625
            w.trade(T0 + MS, 4321.3f, 0.0f, 0.0f, 1, 1, ScidFormat.SINGLE_TRADE); // 4321.2998046875
            w.trade(T0 + 2 * MS, 4321.4f, 0.0f, 0.0f, 1, 1, ScidFormat.SINGLE_TRADE); // 4321.39990234375
            w.trade(T0 + 3 * MS, 4321.35f, 0.0f, 0.0f, 1, 1, ScidFormat.SINGLE_TRADE); // genuinely between ticks
        }

        h.start();
        final int src = h.scidSource(ES);
        final List<Msg> trades = h.awaitMessages("trades", m -> m.sourceId == src && m.isTrade(), 4);

        assertThat(trades.get(0).bid).isEqualTo(Values.NONE); // Sierra's 0 = no bid
        assertThat(trades).extracting(m -> m.price).startsWith(50_001_000L, 43_213_000L, 43_214_000L);
        assertThat(trades).extracting(m -> m.accepted ? "ok" : m.reason.name())
            .containsExactly("ok", "ok", "ok", RejectReason.PRICE_OFF_TICK.name());
    }
}
