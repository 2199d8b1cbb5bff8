package io.disruptorx.marketdata;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import com.paritytrading.nassau.moldudp64.MoldUDP64Client;
import com.paritytrading.nassau.moldudp64.MoldUDP64ClientState;
import com.paritytrading.nassau.moldudp64.MoldUDP64ClientStatusListener;

/**
 * Parity's nassau 1.0.0 {@code MoldUDP64Client}, unmodified, on one non-blocking unicast socket that receives the
 * line and sends re-requests to our retransmission server: records the feed sequence of every message it delivers
 * (read from the SBE body), its requests and its state.
 */
final class NassauMoldClient implements AutoCloseable
{
    final List<Long> sequences = new ArrayList<>();
    final DatagramChannel channel;
    final MoldUDP64Client client;
    long requests;
    long requestedMessages;
    MoldUDP64ClientState state;
    boolean outOfOrder;

    NassauMoldClient(final InetSocketAddress retransmitServer, final long firstSequence) throws IOException
    {
        channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        channel.configureBlocking(false);
        client = new MoldUDP64Client(channel, retransmitServer, (message) ->
        {
            final long sequence = message.order(ByteOrder.LITTLE_ENDIAN).getLong(message.position() + 8);
            if (!sequences.isEmpty() && sequence != sequences.get(sequences.size() - 1) + 1)
            {
                outOfOrder = true;
            }
            sequences.add(sequence);
        }, new MoldUDP64ClientStatusListener()
        {
            @Override
            public void state(final MoldUDP64Client session, final MoldUDP64ClientState next)
            {
                state = next;
            }

            @Override
            public void downstream(final MoldUDP64Client session, final long sequence, final int count)
            {
            }

            @Override
            public void request(final MoldUDP64Client session, final long sequence, final int count)
            {
                requests++;
                requestedMessages += count;
            }

            @Override
            public void endOfSession(final MoldUDP64Client session)
            {
            }
        }, firstSequence);
    }

    InetSocketAddress address() throws IOException
    {
        return (InetSocketAddress)channel.getLocalAddress();
    }

    int drain() throws IOException
    {
        int packets = 0;
        while (client.receive())
        {
            packets++;
        }
        return packets;
    }

    long lastSequence()
    {
        return sequences.isEmpty() ? 0 : sequences.get(sequences.size() - 1);
    }

    @Override
    public void close() throws IOException
    {
        client.close();
    }
}
