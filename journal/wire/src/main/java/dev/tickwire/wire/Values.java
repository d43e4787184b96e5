package dev.tickwire.wire;

/**
 * The one "no value" of tickwire's longs, wherever a long may be absent: a price or size (an empty
 * book side, a trade without a quote), a time, a source position, a journal index or checkpoint, a
 * watermark before the first market event. It is {@code Long.MIN_VALUE}, SBE's null for int64, so an
 * absent field is absent on the wire too, and it sorts below every real value.
 */
public final class Values
{
    public static final long NONE = Long.MIN_VALUE;

    private Values()
    {
    }
}
