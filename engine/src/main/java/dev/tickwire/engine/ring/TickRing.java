package dev.tickwire.engine.ring;

import com.lmax.disruptor.EventFactory;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import dev.tickwire.wire.MessageTypes;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * The ring's memory: {@code size} slots of {@code slotLength} bytes in one off-heap block. The
 * Disruptor creates its events in index order, so the factory hands each event the next window.
 */
public final class TickRing
{
    /**
     * A slot holds the longest tick message (an option summary, 205 bytes), rounded up to whole cache lines:
     * 256 bytes. A message only touches the lines it uses, so short ticks cost what they did in 128-byte slots.
     */
    public static final int SLOT_LENGTH = (MessageTypes.MAX_MESSAGE_LENGTH + 63) & ~63;

    private final ByteBuffer memory;
    private final int slotLength;
    private final int size;

    public TickRing(final int size, final int slotLength)
    {
        if (Integer.bitCount(size) != 1)
        {
            throw new IllegalArgumentException("ring size must be a power of two: " + size);
        }
        this.size = size;
        this.slotLength = slotLength;
        this.memory = BufferUtil.allocateDirectAligned(size * slotLength, 64);
    }

    /** An event factory giving slot i the window [i * slotLength, (i + 1) * slotLength). */
    public EventFactory<TickSlot> slotFactory()
    {
        return new EventFactory<>()
        {
            private int next;

            @Override
            public TickSlot newInstance()
            {
                final int index = next++;
                if (index >= size)
                {
                    throw new IllegalStateException("ring asked for more slots than " + size);
                }
                return new TickSlot(new UnsafeBuffer(memory, index * slotLength, slotLength));
            }
        };
    }

    public RingBuffer<TickSlot> newRingBuffer(final ProducerType producerType, final WaitStrategy waitStrategy)
    {
        return RingBuffer.create(producerType, slotFactory(), size, waitStrategy);
    }

    public int size()
    {
        return size;
    }

    public int slotLength()
    {
        return slotLength;
    }
}
