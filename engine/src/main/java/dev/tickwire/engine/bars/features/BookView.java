package dev.tickwire.engine.bars.features;

/**
 * What the features read from one book state, derived once per update by {@link InstrumentState} (not per bar
 * spec). L1 values are defined only when {@link #l1Valid}: both sides present and bid ≤ ask (a locked book is
 * valid, with spread 0); prices are mantissas, {@code mid2} is bid + ask (twice the mid, exact).
 */
final class BookView
{
    boolean l1Empty;
    boolean l1Crossed;
    boolean l1Valid;
    long spread;
    long mid2;
    double spreadBps;
    double imbalance;
    /** Size-weighted mid, as a price mantissa. */
    double micro;
    boolean topValid;
    double topImbalance;
}
