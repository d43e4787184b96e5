package dev.tickwire.engine.synthetic;

/** xorshift64*: deterministic, allocation-free, good enough for synthetic market data. */
final class XorShiftRandom
{
    private long state;

    XorShiftRandom(final long seed)
    {
        state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    long nextLong()
    {
        state ^= state >>> 12;
        state ^= state << 25;
        state ^= state >>> 27;
        return state * 0x2545F4914F6CDD1DL;
    }

    /** Uniform in [0, bound). */
    int nextInt(final int bound)
    {
        return (int)((nextLong() >>> 33) % bound);
    }
}
