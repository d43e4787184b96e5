package dev.tickwire.engine.bars.features;

import dev.tickwire.engine.bars.BarBuilder;
import dev.tickwire.engine.bars.BarSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every within-bar feature of every bar, for time, tick, volume and information-driven bars fed together (one
 * shared InstrumentState), against the {@link Reference} on random streams: quotes only, book only, both;
 * N of 1, 3 and 5; events at the same nanosecond and on bar edges, gaps of many bars (with and without empty
 * bars), empty and crossed sides, locked and repeated quotes, snapshots in the middle of bars, zero-size
 * trades, aggressor NONE.
 */
class BarFeaturesReferenceTest
{
    private static final List<String> SPECS = List.of("1s", "250ms", "7s", "ticks:5", "volume:60", "value:300000",
        "tib:ewma=10,t0=20", "vrb:ewma=20,t0=30", "dib:ewma=5,t0=10,min=3");

    @ParameterizedTest(name = "{0} N={1} emitEmpty={2} se={3}")
    @CsvSource({
        "QUOTES, 1, false, 0",
        "QUOTES, 5, true, 0",
        "BOOK, 5, false, 0",
        "BOOK, 3, true, -3",
        "BOOK, 1, true, 0",
        "BOTH, 5, true, 0",
        "BOTH, 3, false, -3",
    })
    void everyColumnMatchesTheReference(final Tape.Mode mode, final int depth, final boolean emitEmpty, final int se)
    {
        final List<BarSpec> specs = SPECS.stream().map(BarSpec::parse).toList();
        final FeatureCheck.Coverage coverage = new FeatureCheck.Coverage();
        for (long seed = 1; seed <= 6; seed++)
        {
            final List<Tape.Event> events = Tape.random(new Random(seed * 7919 + mode.ordinal()), 4_000, mode);
            final Driver driver = new Driver(specs, emitEmpty, depth, -2, se).run(events);
            FeatureCheck.check(events, specs, driver, coverage, mode + " seed " + seed);
        }
        assertThat(coverage.bars).as(coverage.toString()).isGreaterThan(1_000);
        assertThat(coverage.crossed).as(coverage.toString()).isPositive();
        assertThat(coverage.emptySide).as(coverage.toString()).isPositive();
        assertThat(coverage.ofi).as(coverage.toString()).isPositive();
        assertThat(coverage.impact).as(coverage.toString()).isPositive();
        assertThat(coverage.midMoves).as(coverage.toString()).isPositive();
        if (emitEmpty)
        {
            assertThat(coverage.emptyBars).as(coverage.toString()).isPositive();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"QUOTES", "BOOK", "BOTH"})
    void eachSpecAloneGivesTheSameBitsAsAllSpecsSharingOneState(final Tape.Mode mode)
    {
        final List<BarSpec> specs = SPECS.stream().map(BarSpec::parse).toList();
        final List<Tape.Event> events = Tape.random(new Random(99 + mode.ordinal()), 5_000, mode);
        final Driver together = new Driver(specs, true, 5, -2, 0).run(events);
        for (int k = 0; k < specs.size(); k++)
        {
            final Driver alone = new Driver(List.of(specs.get(k)), true, 5, -2, 0).run(events);
            final List<Driver.Emitted> expected = alone.bars.get(0);
            final List<Driver.Emitted> actual = together.bars.get(k);
            assertThat(actual).hasSameSizeAs(expected).isNotEmpty();
            for (int i = 0; i < expected.size(); i++)
            {
                assertThat(actual.get(i).features().sameAs(expected.get(i).features()))
                    .as("%s bar %d: %s vs %s", specs.get(k), i, actual.get(i).features(), expected.get(i).features())
                    .isTrue();
            }
        }
    }

    @ParameterizedTest(name = "emitEmpty {0}")
    @CsvSource({"true", "false"})
    void featuresLeaveTheBarsAsTheyWere(final boolean emitEmpty)
    {
        final List<BarSpec> specs = SPECS.stream().map(BarSpec::parse).toList();
        final List<Tape.Event> events = Tape.random(new Random(31), 8_000, Tape.Mode.BOTH);
        final Driver withFeatures = new Driver(specs, emitEmpty, 5, -2, 0).run(events);
        for (int k = 0; k < specs.size(); k++)
        {
            final List<String> plain = new ArrayList<>();
            final BarBuilder builder = new BarBuilder(specs.get(k), Driver.INSTRUMENT, -2, 0, emitEmpty, bar ->
            {
                assertThat(bar.features()).isNull();
                plain.add(bar.kind() + " " + bar.size() + " [" + bar.startNs() + "," + bar.endNs() + ") o=" + bar.open() +
                    " c=" + bar.close() + " v=" + bar.volume() + " vwap=" + bar.vwap() + " n=" + bar.tradeCount() +
                    " seq=" + bar.sequence() + " empty=" + bar.empty());
            });
            for (int i = 0; i < events.size(); i++)
            {
                final Tape.Event e = events.get(i);
                if (e.kind() == Tape.Kind.TRADE)
                {
                    builder.onTrade(e.t(), e.t() + 1_000, i, e.price(), e.size(), e.side());
                }
                else
                {
                    for (int d = 0; d < Math.max(1, e.deltas().size()); d++)
                    {
                        builder.onEvent(e.t());
                    }
                }
            }
            final List<String> featured = withFeatures.bars.get(k).stream().map(bar -> bar.kind() + " " + bar.size() +
                " [" + bar.start() + "," + bar.end() + ") o=" + bar.open() + " c=" + bar.close() + " v=" + bar.volume() +
                " vwap=" + bar.vwap() + " n=" + bar.trades() + " seq=" + bar.sequence() + " empty=" + bar.empty()).toList();
            assertThat(featured).as(specs.get(k).text()).isEqualTo(plain).isNotEmpty();
        }
    }

    @Test
    void aBuilderThatMissesAStateUpdateSaysSo()
    {
        final InstrumentState state = new InstrumentState(5);
        final BarBuilder builder = new BarBuilder(BarSpec.parse("1s"), 1, -2, 0, false, bar -> { }, state);
        state.onQuote(100, 1, 101, 1);
        builder.onBookEvent(Tape.START);
        state.onQuote(100, 2, 101, 1);
        state.onQuote(100, 3, 101, 1); // the builder never heard of the one before
        assertThatThrownBy(() -> builder.onBookEvent(Tape.START + 1)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("updated 2 times");
        assertThatThrownBy(() -> new InstrumentState(0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("at least 1");
    }
}
