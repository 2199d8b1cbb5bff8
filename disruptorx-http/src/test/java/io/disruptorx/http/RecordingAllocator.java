package io.disruptorx.http;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Unpooled buffers, each direct one kept to check its reference count.
 */
final class RecordingAllocator extends AbstractByteBufAllocator
{
    final List<ByteBuf> buffers = new CopyOnWriteArrayList<>();

    RecordingAllocator()
    {
        super(true);
    }

    @Override
    protected ByteBuf newHeapBuffer(final int initialCapacity, final int maxCapacity)
    {
        return Unpooled.buffer(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(final int initialCapacity, final int maxCapacity)
    {
        final ByteBuf buffer = Unpooled.directBuffer(initialCapacity, maxCapacity);
        buffers.add(buffer);
        return buffer;
    }

    @Override
    public boolean isDirectBufferPooled()
    {
        return false;
    }
}
