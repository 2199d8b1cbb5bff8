package io.disruptorx.marketdata.server.tcp;

import org.agrona.DirectBuffer;

/**
 * The protocol on top of a {@link PacketServer}: told about new connections, each complete packet, frames that
 * cannot be packets, and closed connections. Called on the polling (agent) thread.
 */
public interface PacketHandler
{
    /**
     * A connection was accepted; attach protocol state to it here.
     *
     * @param connection the connection.
     * @param nowNanos   the duty cycle's time.
     */
    void onOpen(PacketConnection connection, long nowNanos);

    /**
     * One complete packet.
     *
     * @param connection the sender.
     * @param type       the packet type byte.
     * @param buffer     holding the payload (valid during the call only).
     * @param offset     where the payload starts.
     * @param length     payload length (may be 0).
     * @param nowNanos   the duty cycle's time.
     */
    void onPacket(
        PacketConnection connection, byte type, DirectBuffer buffer, int offset, int length, long nowNanos);

    /**
     * A frame that cannot be a packet; the connection is closed right after.
     *
     * @param connection the sender.
     * @param error      what was wrong.
     */
    void onFrameError(PacketConnection connection, FrameError error);

    /**
     * The connection is closed (once per connection).
     *
     * @param connection the connection.
     * @param reason     why.
     */
    void onClosed(PacketConnection connection, CloseReason reason);
}
