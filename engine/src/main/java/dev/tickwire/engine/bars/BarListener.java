package dev.tickwire.engine.bars;

/** Receives completed bars from a {@link BarBuilder}, in the order they complete. */
@FunctionalInterface
public interface BarListener
{
    /** @param bar valid for the duration of the call only */
    void onBar(Bar bar);
}
