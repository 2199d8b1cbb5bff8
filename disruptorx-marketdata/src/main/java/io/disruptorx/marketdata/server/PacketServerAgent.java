package io.disruptorx.marketdata.server;

import java.net.InetSocketAddress;

import io.disruptorx.core.net.RelayedPeers;
import io.disruptorx.marketdata.server.tcp.PacketHandler;
import io.disruptorx.marketdata.server.tcp.PacketServer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

/**
 * The duty cycle the TCP servers share: read the clock once, let the server catch up with the store, accept and
 * read every connection, let it serve its connections, then flush what they owe. A server handles the packets
 * ({@link PacketHandler}); this runs the {@link PacketServer} it listens with.
 */
abstract class PacketServerAgent implements Agent, PacketHandler, AutoCloseable
{
    private final NanoClock clock;
    private final PacketServer server;

    /**
     * @param what             what listens, for the bind error message (e.g. "recovery server").
     * @param bindAddress      where to listen (port 0 for an ephemeral port).
     * @param maxPacket        longest packet (type and payload) a client may send.
     * @param maxPendingOutput unsent bytes beyond which a connection's requests wait.
     * @param clock            the time of the duty cycle.
     */
    PacketServerAgent(
        final String what,
        final InetSocketAddress bindAddress,
        final int maxPacket,
        final int maxPendingOutput,
        final NanoClock clock)
    {
        this.clock = clock;
        this.server = new PacketServer(what, bindAddress, maxPacket, maxPendingOutput, clock);
    }

    @Override
    public final int doWork()
    {
        final long now = clock.nanoTime();
        int work = catchUp();
        work += server.poll(this, now);
        work += serve(server, now);
        work += server.flushAll(this, now);
        return work;
    }

    @Override
    public final void onClose()
    {
        close();
    }

    @Override
    public final void close()
    {
        server.close();
    }

    /**
     * Sets the connection limits ({@link PacketServer#limitConnections}); call before the agent runs.
     *
     * @param total      connections held at once.
     * @param perAddress connections held at once from one source address.
     */
    public final void limitConnections(final int total, final int perAddress)
    {
        server.limitConnections(total, perAddress);
    }

    /**
     * Knows relayed connections by their clients' own addresses ({@link PacketServer#relayedPeers}); call before the
     * agent runs.
     *
     * @param peers where a TLS terminator in the same process records the clients it relays here.
     */
    public final void relayedPeers(final RelayedPeers peers)
    {
        server.relayedPeers(peers);
    }

    /**
     * @return connections closed at accept because a connection limit was reached (any thread may read it).
     */
    public final long refusedConnections()
    {
        return server.refusedConnections();
    }

    /**
     * @return connections held now (any thread may read it).
     */
    public final int openConnections()
    {
        return server.openConnections();
    }

    /**
     * @return the bound address.
     */
    public final InetSocketAddress address()
    {
        return server.address();
    }

    /**
     * Brings what the server reads up to date with the store, before any request of this cycle is read.
     *
     * @return 1 when a backlog remains for the next cycle, else 0 ({@link StoreBook#follow}).
     */
    abstract int catchUp();

    /**
     * Serves the open connections after their requests were read (streams, timeouts); nothing by default.
     *
     * @param server   the listening server and its connections.
     * @param nowNanos the time of this cycle.
     * @return the work done.
     */
    int serve(final PacketServer server, final long nowNanos)
    {
        return 0;
    }
}
