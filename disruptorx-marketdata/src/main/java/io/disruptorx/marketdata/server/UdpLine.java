package io.disruptorx.marketdata.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;

import io.disruptorx.marketdata.wire.MoldUdp64;

/**
 * One feed line over UDP: a multicast group (interface and TTL set on the socket) and, as an option or
 * instead, unicast destinations that can be added and removed while it runs (copy on write: the send path
 * reads one volatile array and allocates nothing). It counts datagrams, the messages in them (the MoldUDP64 header's
 * count) and bytes sent, for the line's metrics; the counts are written by the sending thread only and read by any.
 */
public final class UdpLine implements PacketSink, AutoCloseable
{
    private final DatagramChannel channel;
    private volatile InetSocketAddress[] destinations;
    private volatile long packetsSent;
    private volatile long messagesSent;
    private volatile long bytesSent;
    private volatile long sendFailures;

    private UdpLine(final DatagramChannel channel, final InetSocketAddress[] destinations)
    {
        this.channel = channel;
        this.destinations = destinations;
    }

    /**
     * @param group        multicast group and port.
     * @param networkInterface interface to send on (IP_MULTICAST_IF); null for the system default.
     * @param ttl          multicast TTL.
     * @return a line that sends to the group.
     */
    public static UdpLine multicast(
        final InetSocketAddress group, final NetworkInterface networkInterface, final int ttl)
    {
        try
        {
            final DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
            if (networkInterface != null)
            {
                channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, networkInterface);
            }
            channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, ttl);
            channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 * 1024 * 1024);
            channel.bind(new InetSocketAddress(0));
            return new UdpLine(channel, new InetSocketAddress[]{group});
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param bindAddress local address to send from (port 0 for any).
     * @param destinations initial destinations, may be empty.
     * @return a line that sends a copy of each packet to every destination.
     */
    public static UdpLine unicast(final InetSocketAddress bindAddress, final InetSocketAddress... destinations)
    {
        try
        {
            final DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 * 1024 * 1024);
            channel.bind(bindAddress);
            return new UdpLine(channel, destinations.clone());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param destination added to the unicast destinations.
     */
    public synchronized void addDestination(final InetSocketAddress destination)
    {
        final InetSocketAddress[] current = destinations;
        final InetSocketAddress[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = destination;
        destinations = next;
    }

    /**
     * @param destination removed from the unicast destinations.
     */
    public synchronized void removeDestination(final InetSocketAddress destination)
    {
        destinations = Arrays.stream(destinations).filter((d) -> !d.equals(destination))
            .toArray(InetSocketAddress[]::new);
    }

    /**
     * @return number of destinations each packet goes to.
     */
    public int destinationCount()
    {
        return destinations.length;
    }

    @Override
    public void send(final ByteBuffer packet, final int length)
    {
        final InetSocketAddress[] destinations = this.destinations;
        for (final InetSocketAddress destination : destinations)
        {
            packet.limit(length).position(0);
            try
            {
                channel.send(packet, destination);
                packetsSent = packetsSent + 1;
                messagesSent = messagesSent + messageCount(packet, length);
                bytesSent = bytesSent + length;
            }
            catch (final IOException ex)
            {
                sendFailures = sendFailures + 1;
            }
        }
    }

    /**
     * @return datagrams sent (one per destination per packet); read from the sending thread.
     */
    public long packetsSent()
    {
        return packetsSent;
    }

    /**
     * @return messages in the datagrams sent (heartbeats and the end of session carry none).
     */
    public long messagesSent()
    {
        return messagesSent;
    }

    /**
     * @return bytes in the datagrams sent.
     */
    public long bytesSent()
    {
        return bytesSent;
    }

    private static int messageCount(final ByteBuffer packet, final int length)
    {
        if (length < MoldUdp64.HEADER_LENGTH)
        {
            return 0;
        }
        final int count =
            (packet.get(MoldUdp64.COUNT_OFFSET) & 0xFF) << 8 | packet.get(MoldUdp64.COUNT_OFFSET + 1) & 0xFF;
        return count == MoldUdp64.END_OF_SESSION_COUNT ? 0 : count;
    }

    /**
     * @return sends that failed with an I/O error.
     */
    public long sendFailures()
    {
        return sendFailures;
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
