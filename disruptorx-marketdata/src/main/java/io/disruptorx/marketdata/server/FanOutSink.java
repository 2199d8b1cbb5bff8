package io.disruptorx.marketdata.server;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Sends each packet to every sink of a copy-on-write array: one line's shared socket plus, for instance, a
 * subscriber that gets its own lossy copy. The send path reads one volatile array and allocates nothing.
 */
public final class FanOutSink implements PacketSink
{
    private volatile PacketSink[] sinks;

    /**
     * @param sinks initial sinks.
     */
    public FanOutSink(final PacketSink... sinks)
    {
        this.sinks = sinks.clone();
    }

    /**
     * @param sink added.
     */
    public synchronized void add(final PacketSink sink)
    {
        final PacketSink[] current = sinks;
        final PacketSink[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = sink;
        sinks = next;
    }

    /**
     * @param sink removed (compared by identity).
     */
    public synchronized void remove(final PacketSink sink)
    {
        sinks = Arrays.stream(sinks).filter((s) -> s != sink).toArray(PacketSink[]::new);
    }

    @Override
    public void send(final ByteBuffer packet, final int length)
    {
        for (final PacketSink sink : sinks)
        {
            sink.send(packet, length);
            packet.limit(packet.capacity()).position(0);
        }
    }
}
