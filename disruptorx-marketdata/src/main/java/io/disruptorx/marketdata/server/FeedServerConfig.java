package io.disruptorx.marketdata.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.disruptorx.core.net.ConnectionLimiter;
import io.disruptorx.marketdata.wire.MoldUdp64;
import io.disruptorx.protocol.marketdata.MarketDataEncoder;
import org.agrona.BitUtil;

import static io.disruptorx.marketdata.SettingChecks.notNegative;
import static io.disruptorx.marketdata.SettingChecks.positive;

/**
 * Settings of a {@link FeedServer}, validated when built (the message names the setting). Defaults: session
 * DXFEED and snapshot session SNAPSHOT, unicast lines from 127.0.0.1, ephemeral ports for the servers, messages
 * kept at least 75 s and at most 2^23 (more than a minute at the demo's ~60,000 messages a second), 50 ms
 * heartbeats on the lines, 1 s on SoupBinTCP, 15 s client timeout, 1 ms coalescing, 3 ms repeat window, 1,024
 * messages in flight per requester, all servers on one thread, 1,024 connections to each TCP server of which 64
 * from one source address.
 *
 * @param session               MoldUDP64 and SoupBinTCP session name, 1 to 10 ASCII characters.
 * @param snapshotSession       SoupBinTCP session that serves the book as a snapshot, 1 to 10 ASCII characters.
 * @param bindAddress           where the servers listen and the unicast lines send from.
 * @param groupA                line A's multicast group, or null for unicast lines.
 * @param groupB                line B's multicast group (with groupA), or null for line A alone (a cluster member
 *                              transmits on one line).
 * @param networkInterface      interface to send on for multicast (e.g. lo), or null for the default.
 * @param ttl                   multicast TTL.
 * @param destinationsA         where unicast line A also sends (e.g. an external md-client).
 * @param destinationsB         the same for line B.
 * @param requestPort           retransmission server UDP port (0: any).
 * @param recoveryPort          recovery server TCP port (0: any).
 * @param tcpPort               SoupBinTCP feed port (0: any).
 * @param lossRate              fraction of packets dropped on each line when sending (0: none).
 * @param lossSeed              loss seed.
 * @param retentionNanos        how long every message is kept for retransmission and late joiners, at least.
 * @param maxRetainedMessages   messages kept at most, a power of two (the oldest are overwritten beyond).
 * @param maxPayload            largest UDP payload, header included.
 * @param heartbeatNanos        send silence on the lines before a heartbeat.
 * @param tcpHeartbeatNanos     send silence on a SoupBinTCP session before a server heartbeat.
 * @param clientTimeoutNanos    silence from a SoupBinTCP client after which it is disconnected; also the recovery
 *                              server's idle timeout (no byte sent or taken).
 * @param coalesceNanos         how long retransmission requests are gathered before an answer.
 * @param repeatWindowNanos     how long a range in flight to a requester is not sent to it again, unless it shows
 *                              progress (0: every request answered in full).
 * @param maxInFlightMessages   messages sent to one requester ahead of what it has shown it received.
 * @param maxMessagesPerRequest largest range answered at once.
 * @param requestsPerSecond     sustained retransmission requests per second per requester.
 * @param requestBurst          retransmission requests allowed at once per requester.
 * @param threading             how the servers share threads.
 * @param maxConnections        connections each TCP server (recovery, SoupBinTCP feed) holds at once; more are
 *                              closed at accept and counted.
 * @param maxConnectionsPerAddress connections each TCP server holds at once from one source address.
 */
public record FeedServerConfig(
    String session,
    String snapshotSession,
    InetAddress bindAddress,
    InetSocketAddress groupA,
    InetSocketAddress groupB,
    NetworkInterface networkInterface,
    int ttl,
    List<InetSocketAddress> destinationsA,
    List<InetSocketAddress> destinationsB,
    int requestPort,
    int recoveryPort,
    int tcpPort,
    double lossRate,
    long lossSeed,
    long retentionNanos,
    long maxRetainedMessages,
    int maxPayload,
    long heartbeatNanos,
    long tcpHeartbeatNanos,
    long clientTimeoutNanos,
    long coalesceNanos,
    long repeatWindowNanos,
    int maxInFlightMessages,
    int maxMessagesPerRequest,
    double requestsPerSecond,
    double requestBurst,
    AgentHost.Threading threading,
    int maxConnections,
    int maxConnectionsPerAddress)
{
    /**
     * Validates.
     */
    public FeedServerConfig
    {
        sessionName("session", session);
        sessionName("snapshotSession", snapshotSession);
        if (session.equals(snapshotSession))
        {
            throw new IllegalArgumentException("snapshotSession: must differ from the session, got '" + session + "'");
        }
        if (groupA == null && groupB != null)
        {
            throw new IllegalArgumentException("multicast: line B's group needs line A's");
        }
        if (ttl < 0 || ttl > 255)
        {
            throw new IllegalArgumentException("ttl: 0 to 255, got " + ttl);
        }
        port("requestPort", requestPort);
        port("recoveryPort", recoveryPort);
        port("tcpPort", tcpPort);
        if (!(lossRate >= 0 && lossRate < 1))
        {
            throw new IllegalArgumentException("lossRate: from 0 up to 1, got " + lossRate);
        }
        positive("retentionNanos", retentionNanos);
        if (maxRetainedMessages < 1 || !BitUtil.isPowerOfTwo(maxRetainedMessages))
        {
            throw new IllegalArgumentException("maxRetainedMessages: a power of two, got " + maxRetainedMessages);
        }
        final int minPayload = MoldUdp64.HEADER_LENGTH + MoldUdp64.MESSAGE_LENGTH_FIELD +
            MarketDataEncoder.MAX_MESSAGE_LENGTH;
        if (maxPayload < minPayload || maxPayload > 65_507)
        {
            throw new IllegalArgumentException("maxPayload: " + minPayload + " to 65507 bytes, got " + maxPayload);
        }
        positive("heartbeatNanos", heartbeatNanos);
        positive("tcpHeartbeatNanos", tcpHeartbeatNanos);
        positive("clientTimeoutNanos", clientTimeoutNanos);
        notNegative("coalesceNanos", coalesceNanos);
        notNegative("repeatWindowNanos", repeatWindowNanos);
        positive("maxInFlightMessages", maxInFlightMessages);
        positive("maxMessagesPerRequest", maxMessagesPerRequest);
        if (!(requestsPerSecond > 0) || !(requestBurst >= 1))
        {
            throw new IllegalArgumentException("requestsPerSecond > 0 and requestBurst >= 1, got " +
                requestsPerSecond + " and " + requestBurst);
        }
        if (maxConnections < 1 || maxConnectionsPerAddress < 1 || maxConnectionsPerAddress > maxConnections)
        {
            throw new IllegalArgumentException("maxConnections and maxConnectionsPerAddress: at least 1, and per " +
                "address at most the total, got " + maxConnections + " and " + maxConnectionsPerAddress);
        }
        if (bindAddress == null || threading == null)
        {
            throw new IllegalArgumentException("bindAddress and threading are required");
        }
        destinationsA = List.copyOf(destinationsA);
        destinationsB = List.copyOf(destinationsB);
    }

    /**
     * @return a builder with the defaults.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * @return whether the lines are multicast groups.
     */
    public boolean multicast()
    {
        return groupA != null;
    }

    private static void sessionName(final String name, final String value)
    {
        if (value == null || value.isBlank() || value.length() > MoldUdp64.SESSION_LENGTH ||
            !value.strip().equals(value) || !StandardCharsets.US_ASCII.newEncoder().canEncode(value))
        {
            throw new IllegalArgumentException(name + ": 1 to 10 ASCII characters without surrounding spaces, got '" +
                value + "'");
        }
    }

    private static void port(final String name, final int port)
    {
        if (port < 0 || port > 65_535)
        {
            throw new IllegalArgumentException(name + ": 0 to 65535, got " + port);
        }
    }

    /**
     * Builds a {@link FeedServerConfig}; every setting is optional.
     */
    public static final class Builder
    {
        private String session = "DXFEED";
        private String snapshotSession = "SNAPSHOT";
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private InetSocketAddress groupA;
        private InetSocketAddress groupB;
        private NetworkInterface networkInterface;
        private int ttl = 1;
        private final List<InetSocketAddress> destinationsA = new ArrayList<>();
        private final List<InetSocketAddress> destinationsB = new ArrayList<>();
        private int requestPort;
        private int recoveryPort;
        private int tcpPort;
        private double lossRate;
        private long lossSeed = 1;
        private long retentionNanos = TimeUnit.SECONDS.toNanos(75);
        private long maxRetainedMessages = 1L << 23;
        private int maxPayload = 1400;
        private long heartbeatNanos = TimeUnit.MILLISECONDS.toNanos(50);
        private long tcpHeartbeatNanos = TimeUnit.SECONDS.toNanos(1);
        private long clientTimeoutNanos = TimeUnit.SECONDS.toNanos(15);
        private long coalesceNanos = TimeUnit.MILLISECONDS.toNanos(1);
        private int maxConnections = ConnectionLimiter.DEFAULT_MAX_CONNECTIONS;
        private int maxConnectionsPerAddress = ConnectionLimiter.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        private long repeatWindowNanos = TimeUnit.MILLISECONDS.toNanos(3);
        private int maxInFlightMessages = 1024;
        private int maxMessagesPerRequest = 10_000;
        private double requestsPerSecond = 2_000;
        private double requestBurst = 200;
        private AgentHost.Threading threading = AgentHost.Threading.SHARED;

        private Builder()
        {
        }

        /**
         * @param session session name.
         * @return this.
         */
        public Builder session(final String session)
        {
            this.session = session;
            return this;
        }

        /**
         * @param snapshotSession SoupBinTCP session that serves the book as a snapshot.
         * @return this.
         */
        public Builder snapshotSession(final String snapshotSession)
        {
            this.snapshotSession = snapshotSession;
            return this;
        }

        /**
         * @param address where the servers listen and the unicast lines send from.
         * @return this.
         */
        public Builder bindAddress(final InetAddress address)
        {
            this.bindAddress = address;
            return this;
        }

        /**
         * @param groupA           line A's group and port.
         * @param groupB           line B's group and port, or null for line A alone.
         * @param networkInterface interface to send on (e.g. lo).
         * @return this, with multicast lines.
         */
        public Builder multicast(
            final InetSocketAddress groupA, final InetSocketAddress groupB, final NetworkInterface networkInterface)
        {
            this.groupA = groupA;
            this.groupB = groupB;
            this.networkInterface = networkInterface;
            return this;
        }

        /**
         * @param destinationA where unicast line A also sends; line B gets no destination from this call.
         * @return this.
         */
        public Builder destinationA(final InetSocketAddress destinationA)
        {
            destinationsA.add(destinationA);
            return this;
        }

        /**
         * @param destinationA where unicast line A also sends.
         * @param destinationB the same for line B.
         * @return this.
         */
        public Builder destination(final InetSocketAddress destinationA, final InetSocketAddress destinationB)
        {
            destinationsA.add(destinationA);
            destinationsB.add(destinationB);
            return this;
        }

        /**
         * @param request  retransmission server UDP port (0: any).
         * @param recovery recovery server TCP port (0: any).
         * @param tcp      SoupBinTCP feed port (0: any).
         * @return this.
         */
        public Builder ports(final int request, final int recovery, final int tcp)
        {
            this.requestPort = request;
            this.recoveryPort = recovery;
            this.tcpPort = tcp;
            return this;
        }

        /**
         * @param rate fraction of packets dropped on each line (independently, partly in bursts of 4).
         * @param seed loss seed.
         * @return this.
         */
        public Builder loss(final double rate, final long seed)
        {
            this.lossRate = rate;
            this.lossSeed = seed;
            return this;
        }

        /**
         * @param nanos how long every message is kept at least.
         * @param max   messages kept at most, a power of two.
         * @return this.
         */
        public Builder retention(final long nanos, final long max)
        {
            this.retentionNanos = nanos;
            this.maxRetainedMessages = max;
            return this;
        }

        /**
         * @param nanos send silence on the lines before a heartbeat.
         * @return this.
         */
        public Builder heartbeatNanos(final long nanos)
        {
            this.heartbeatNanos = nanos;
            return this;
        }

        /**
         * @param heartbeat send silence on a SoupBinTCP session before a server heartbeat.
         * @param timeout   silence from a SoupBinTCP client after which it is disconnected.
         * @return this.
         */
        public Builder tcpHeartbeats(final long heartbeat, final long timeout)
        {
            this.tcpHeartbeatNanos = heartbeat;
            this.clientTimeoutNanos = timeout;
            return this;
        }

        /**
         * @param messages messages sent to one requester ahead of what it has shown it received.
         * @return this.
         */
        public Builder maxInFlightMessages(final int messages)
        {
            this.maxInFlightMessages = messages;
            return this;
        }

        /**
         * @param nanos how long retransmission requests are gathered before an answer.
         * @return this.
         */
        public Builder coalesceNanos(final long nanos)
        {
            this.coalesceNanos = nanos;
            return this;
        }

        /**
         * @param nanos retry interval: how long a range in flight to a requester is not sent again unless it shows
         *              progress (0: every request answered in full).
         * @return this.
         */
        public Builder repeatWindowNanos(final long nanos)
        {
            this.repeatWindowNanos = nanos;
            return this;
        }

        /**
         * @param total      connections each TCP server holds at once.
         * @param perAddress connections each TCP server holds at once from one source address.
         * @return this.
         */
        public Builder connectionLimits(final int total, final int perAddress)
        {
            this.maxConnections = total;
            this.maxConnectionsPerAddress = perAddress;
            return this;
        }

        /**
         * @param threading how the servers share threads.
         * @return this.
         */
        public Builder threading(final AgentHost.Threading threading)
        {
            this.threading = threading;
            return this;
        }

        /**
         * @return the validated settings.
         * @throws IllegalArgumentException naming the first invalid setting.
         */
        public FeedServerConfig build()
        {
            return new FeedServerConfig(session, snapshotSession, bindAddress, groupA, groupB, networkInterface, ttl,
                destinationsA, destinationsB, requestPort, recoveryPort, tcpPort, lossRate, lossSeed, retentionNanos,
                maxRetainedMessages, maxPayload, heartbeatNanos, tcpHeartbeatNanos, clientTimeoutNanos, coalesceNanos,
                repeatWindowNanos, maxInFlightMessages, maxMessagesPerRequest, requestsPerSecond, requestBurst,
                threading, maxConnections, maxConnectionsPerAddress);
        }
    }
}
