package io.disruptorx.cluster.feed;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.List;

import io.disruptorx.marketdata.server.FeedServer;
import io.disruptorx.marketdata.server.FeedServerConfig;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.SystemNanoClock;

/**
 * One member's market data feed: the single place the cluster touches the market data module. Every member
 * publishes the same engine output, so every member's stream is the same sequenced MoldUDP64 session; this member
 * transmits it on its own line (member 0 on line A, 1 on B, 2 on C: a multicast group or unicast destinations per
 * line) and runs its own retransmission, recovery (snapshot) and TCP servers over its own store. A member that
 * started from a snapshot continues the session at the engine's next feed sequence.
 *
 * <p>{@link #transmitting} mutes the line (heartbeats too) while the member replays or catches up: the store
 * still fills, so retransmission requests for the replayed range are answered from this member too.
 */
public final class MemberFeed implements AutoCloseable
{
    private final FeedServer server;

    private MemberFeed(final FeedServer server)
    {
        this.server = server;
    }

    /**
     * Starts the member's feed, muted.
     *
     * @param settings      this member's line and ports.
     * @param firstSequence the engine's next feed sequence (1 for a new cluster).
     * @return the feed.
     */
    public static MemberFeed start(final Settings settings, final long firstSequence)
    {
        final FeedServerConfig.Builder config = FeedServerConfig.builder()
            .session(settings.session())
            .bindAddress(settings.bindAddress())
            .ports(settings.retransmitPort(), settings.recoveryPort(), settings.tcpPort())
            .retention(Long.MAX_VALUE, settings.storeCapacity());
        if (settings.multicastGroup() != null)
        {
            config.multicast(settings.multicastGroup(), null, settings.networkInterface());
        }
        for (final InetSocketAddress destination : settings.destinations())
        {
            config.destinationA(destination);
        }
        final FeedServer server = FeedServer.start(config.build(), SystemNanoClock.INSTANCE, firstSequence);
        server.transmitting(false);
        return new MemberFeed(server);
    }

    /**
     * @param buffer holding one market data message of the engine (SBE, market data schema).
     * @param offset of its header.
     * @param length of the message.
     */
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        server.publish(buffer, offset, length);
    }

    /**
     * Sends the partly filled packet: called when the service has no more log to apply right now.
     */
    public void endOfBatch()
    {
        server.endOfBatch();
    }

    /**
     * @param transmitting whether the line sends.
     */
    public void transmitting(final boolean transmitting)
    {
        server.transmitting(transmitting);
    }

    /**
     * @return the last feed sequence published.
     */
    public long lastSequence()
    {
        return server.lastSequence();
    }

    /**
     * @return the retransmission server's address.
     */
    public InetSocketAddress retransmitAddress()
    {
        return server.retransmitServer().address();
    }

    /**
     * @return the recovery (snapshot) server's address.
     */
    public InetSocketAddress recoveryAddress()
    {
        return server.recoveryServer().address();
    }

    @Override
    public void close()
    {
        server.close();
    }

    /**
     * One member's feed settings.
     *
     * @param session          MoldUDP64 session name, the same on every member.
     * @param line             this member's line letter (A, B, C...), for display.
     * @param bindAddress      where the servers listen and the line sends from.
     * @param multicastGroup   the line's multicast group, or null for unicast destinations only.
     * @param networkInterface interface for multicast, or null for the default.
     * @param destinations     unicast destinations of the line (subscribers), may be empty.
     * @param retransmitPort   MoldUDP64 request port (0: any).
     * @param recoveryPort     recovery (snapshot) TCP port (0: any).
     * @param tcpPort          TCP feed port (0: any).
     * @param storeCapacity    messages kept for retransmission, a power of two.
     */
    public record Settings(
        String session,
        char line,
        InetAddress bindAddress,
        InetSocketAddress multicastGroup,
        NetworkInterface networkInterface,
        List<InetSocketAddress> destinations,
        int retransmitPort,
        int recoveryPort,
        int tcpPort,
        int storeCapacity)
    {
        /**
         * Validates and copies.
         */
        public Settings
        {
            if (session == null || session.isBlank() || session.length() > 10)
            {
                throw new IllegalArgumentException("feed session must be 1 to 10 characters, was '" + session + "'");
            }
            if (bindAddress == null)
            {
                throw new IllegalArgumentException("feed bind address must be set");
            }
            destinations = List.copyOf(destinations);
            if (Integer.bitCount(storeCapacity) != 1)
            {
                throw new IllegalArgumentException("feed store capacity must be a power of two, was " + storeCapacity);
            }
        }
    }
}
