package io.disruptorx.marketdata.server;

import java.nio.ByteBuffer;

/**
 * Where a finished packet goes: a line (multicast group or unicast destinations), a loss injector, a test.
 */
@FunctionalInterface
public interface PacketSink
{
    /**
     * Sends one packet. The sink may move the buffer's position and limit; the caller resets them.
     *
     * @param packet holding the packet from index 0.
     * @param length packet length.
     */
    void send(ByteBuffer packet, int length);
}
