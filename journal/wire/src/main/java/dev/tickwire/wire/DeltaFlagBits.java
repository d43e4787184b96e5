package dev.tickwire.wire;

/** Bit values of the BookDelta flags set, for code that builds flags as an int. */
public final class DeltaFlagBits
{
    public static final int SNAPSHOT = 1;
    public static final int END_OF_BATCH = 1 << 1;
    public static final int CORRECTION = 1 << 2;

    private DeltaFlagBits()
    {
    }
}
