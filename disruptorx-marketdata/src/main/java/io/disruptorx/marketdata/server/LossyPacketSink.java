package io.disruptorx.marketdata.server;

import java.nio.ByteBuffer;

import io.disruptorx.marketdata.wire.MoldUdp64;

/**
 * Loss injection on the sending side: passes each MoldUDP64 packet to the real line unless its
 * {@link LossModel} drops it. The model can be swapped while running (a volatile field).
 */
public final class LossyPacketSink implements PacketSink
{
    private final PacketSink delegate;
    private volatile LossModel model;
    private volatile long dropped;
    private volatile long passed;

    /**
     * @param delegate the real line.
     * @param model    which packets to drop.
     */
    public LossyPacketSink(final PacketSink delegate, final LossModel model)
    {
        this.delegate = delegate;
        this.model = model;
    }

    /**
     * @param model new loss model.
     */
    public void model(final LossModel model)
    {
        this.model = model;
    }

    @Override
    public void send(final ByteBuffer packet, final int length)
    {
        final long sequence = packet.getLong(MoldUdp64.SEQUENCE_OFFSET);
        final int count = packet.getShort(MoldUdp64.COUNT_OFFSET) & 0xFFFF;
        if (model.drop(packet, sequence, count))
        {
            dropped++;
            return;
        }
        passed++;
        delegate.send(packet, length);
    }

    /**
     * @return packets dropped.
     */
    public long dropped()
    {
        return dropped;
    }

    /**
     * @return packets passed on.
     */
    public long passed()
    {
        return passed;
    }
}
