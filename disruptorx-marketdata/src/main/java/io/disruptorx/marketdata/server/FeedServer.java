package io.disruptorx.marketdata.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.disruptorx.core.net.RelayedPeers;
import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.client.FeedClientConfig;
import io.disruptorx.marketdata.client.FeedClientRunner;
import io.disruptorx.marketdata.client.FeedEndpoints;
import io.disruptorx.marketdata.wire.MoldUdp64;
import io.disruptorx.protocol.marketdata.MarketDataEncoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Everything a node needs to publish its market data: the {@link FeedPublisher} on lines A and B
 * ({@link FeedLines}), and agents around one {@link MessageStore} (retention: a duration and a size): the
 * {@link RetransmitServer}, the {@link RecoveryServer} (snapshots), the {@link TcpFeedServer} (SoupBinTCP feed and
 * snapshot sessions), the {@link FeedHeartbeats} and the {@link StoreKeeper}. The agents run on threads of an
 * {@link AgentHost} (one shared thread by default).
 *
 * <p>{@link #publish(DirectBuffer, int, int)} and {@link #endOfBatch()} are called by one thread (the node's
 * market data consumer). The feed numbers its messages itself from 1 for each session: a message whose
 * {@code feedSequence} field differs (a node restarted from a snapshot continues the engine's count, and an
 * opening image comes first) is copied and renumbered, so the MoldUDP64 sequence and the SBE body always agree.
 */
public final class FeedServer implements AutoCloseable
{
    private final FeedServerConfig config;
    private final MessageStore store;
    private final FeedLines lines;
    private final FeedPublisher publisher;
    private final FeedHeartbeats heartbeats;
    private final RetransmitServer retransmit;
    private final RecoveryServer recovery;
    private final TcpFeedServer tcpFeed;
    private final AgentHost host;
    private final RelayedPeers relayedPeers = new RelayedPeers();
    private final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
    private final Map<FeedClientRunner, Object> subscribers = new IdentityHashMap<>();

    private long lastEngineSequence;
    private volatile long renumbered;
    private volatile long engineSequenceBreaks;

    private FeedServer(
        final FeedServerConfig config,
        final NanoClock clock,
        final long firstSequence,
        final List<AutoCloseable> opened)
    {
        this.config = config;
        final byte[] session = MoldUdp64.session(config.session());
        final InetAddress bind = config.bindAddress();
        this.store = new MessageStore(
            config.retentionNanos(), config.maxRetainedMessages(), MarketDataEncoder.MAX_MESSAGE_LENGTH);
        this.lines = opened(opened, new FeedLines(config));
        this.publisher = new FeedPublisher(clock, session, store, config.maxPayload(), config.heartbeatNanos(),
            lines.publisherA(), lines.publisherB());
        this.heartbeats = new FeedHeartbeats(session, lines.heartbeatA(), lines.heartbeatB(),
            config.heartbeatNanos(), clock);
        this.retransmit = opened(opened, new RetransmitServer(new InetSocketAddress(bind, config.requestPort()),
            session, store, null, config.maxPayload(), config.maxMessagesPerRequest(), config.coalesceNanos(),
            config.coalesceNanos() * 3, config.repeatWindowNanos(), config.maxInFlightMessages(),
            new RequestRateLimiter(config.requestsPerSecond(), config.requestBurst(), 4096), clock));
        this.recovery = opened(opened, new RecoveryServer(new InetSocketAddress(bind, config.recoveryPort()), store,
            new RequestRateLimiter(100, 20, 4096), config.maxMessagesPerRequest(), clock));
        this.tcpFeed = opened(opened, new TcpFeedServer(new InetSocketAddress(bind, config.tcpPort()),
            config.session(), config.snapshotSession(), store, config.tcpHeartbeatNanos(), config.clientTimeoutNanos(),
            clock));
        recovery.limitConnections(config.maxConnections(), config.maxConnectionsPerAddress());
        tcpFeed.limitConnections(config.maxConnections(), config.maxConnectionsPerAddress());
        recovery.relayedPeers(relayedPeers);
        recovery.closeIdleAfter(config.clientTimeoutNanos());
        tcpFeed.relayedPeers(relayedPeers);
        if (firstSequence > 1)
        {
            store.startAt(firstSequence);
            publisher.startAt(firstSequence);
            heartbeats.onSent(firstSequence);
        }
        store.prepareSpare();
        this.host = AgentHost.start("dx-md-servers", config.threading(), retransmit, recovery, tcpFeed, heartbeats,
            new StoreKeeper(store));
    }

    /**
     * Opens the sockets and starts the servers' thread(s), with the system clock.
     *
     * @param config settings.
     * @return the running feed.
     * @throws java.io.UncheckedIOException naming the socket when one cannot be opened (a port in use).
     */
    public static FeedServer start(final FeedServerConfig config)
    {
        return start(config, SystemNanoClock.INSTANCE);
    }

    /**
     * Opens the sockets and starts the servers' thread(s).
     *
     * @param config settings.
     * @param clock  the servers' and heartbeats' time.
     * @return the running feed.
     * @throws java.io.UncheckedIOException naming the socket when one cannot be opened (a port in use).
     */
    public static FeedServer start(final FeedServerConfig config, final NanoClock clock)
    {
        return start(config, clock, 1);
    }

    /**
     * Opens the sockets and starts the servers' thread(s) for a session that continues at a later sequence (a
     * cluster member restarted from a snapshot continues the engine's count): the store holds nothing below it.
     *
     * @param config        settings.
     * @param clock         the servers' and heartbeats' time.
     * @param firstSequence the sequence of the first message this feed will publish, 1 for a new session.
     * @return the running feed.
     * @throws java.io.UncheckedIOException naming the socket when one cannot be opened (a port in use).
     */
    public static FeedServer start(final FeedServerConfig config, final NanoClock clock, final long firstSequence)
    {
        if (firstSequence < 1)
        {
            throw new IllegalArgumentException("first sequence must be at least 1, was " + firstSequence);
        }
        final List<AutoCloseable> opened = new ArrayList<>();
        try
        {
            return new FeedServer(config, clock, firstSequence, opened);
        }
        catch (final RuntimeException ex)
        {
            for (final AutoCloseable closeable : opened)
            {
                closeAfterFailure(closeable, ex);
            }
            throw ex;
        }
    }

    /**
     * Publishes one SBE market data message (the publishing thread only). Its {@code feedSequence} is
     * rewritten to the feed's next sequence when it differs.
     *
     * @param buffer holding the message (header first).
     * @param offset where it starts.
     * @param length its length.
     */
    public void publish(final DirectBuffer buffer, final int offset, final int length)
    {
        final long engineSequence =
            buffer.getLong(offset + MarketDataEncoder.FEED_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (lastEngineSequence != 0 && engineSequence != lastEngineSequence + 1)
        {
            engineSequenceBreaks++;
        }
        lastEngineSequence = engineSequence;
        final long next = publisher.nextSequence();
        if (engineSequence == next)
        {
            publisher.onMessage(next, buffer, offset, length);
            return;
        }
        final UnsafeBuffer scratch = this.scratch;
        scratch.putBytes(0, buffer, offset, length);
        scratch.putLong(MarketDataEncoder.FEED_SEQUENCE_OFFSET, next, ByteOrder.LITTLE_ENDIAN);
        publisher.onMessage(next, scratch, 0, length);
        renumbered++;
    }

    /**
     * Publishes one message that is not the engine's (an opening image, for instance): it always takes the
     * feed's next sequence, and the engine sequence check ignores it.
     *
     * @param buffer holding the message (header first).
     * @param offset where it starts.
     * @param length its length.
     */
    public void publishOther(final DirectBuffer buffer, final int offset, final int length)
    {
        final long saved = lastEngineSequence;
        lastEngineSequence = 0;
        publish(buffer, offset, length);
        lastEngineSequence = saved;
    }

    /**
     * End of a batch (the publishing thread only): sends the partial packet.
     */
    public void endOfBatch()
    {
        final long packets = publisher.packetsSent();
        publisher.flush();
        if (publisher.packetsSent() != packets)
        {
            heartbeats.onSent(publisher.nextSequence());
        }
    }

    /**
     * Ends the session: the rest of the stream and end of session on the lines and the TCP feed. Call it once
     * nothing publishes any more (after the node has closed); the heartbeat agent repeats the end of session.
     */
    public void endOfSession()
    {
        publisher.endOfSession();
        tcpFeed.endOfSession();
        heartbeats.onEndOfSession(publisher.nextSequence());
    }

    /**
     * Turns transmission on or off (any thread): while off, published messages still fill the store that the
     * retransmission, recovery and TCP servers read, but nothing goes out on the lines, heartbeats included.
     *
     * @param transmitting whether the lines send.
     */
    public void transmitting(final boolean transmitting)
    {
        publisher.transmitting(transmitting);
        heartbeats.transmitting(transmitting);
    }

    /**
     * Creates a subscriber on its own thread: a {@link FeedClientRunner} bound to ephemeral ports on the bind
     * address, registered as a unicast destination of both lines (or joined to the groups).
     *
     * @param clientConfig client settings (its session should be this feed's).
     * @param listener     book callbacks, on the client's thread.
     * @param lossA        loss injected on line A for this subscriber only (unicast only), or null.
     * @param lossB        the same for line B, or null.
     * @param name         the client thread's name.
     * @return the running client.
     */
    public synchronized FeedClientRunner subscribe(
        final FeedClientConfig clientConfig,
        final MarketDataListener listener,
        final LossModel lossA,
        final LossModel lossB,
        final String name)
    {
        if (config.multicast() && (lossA != null || lossB != null))
        {
            throw new IllegalArgumentException("per-subscriber loss needs unicast lines");
        }
        if (config.multicast() && config.groupB() == null)
        {
            throw new IllegalArgumentException("a subscriber needs two lines; this feed has line A alone");
        }
        final FeedEndpoints endpoints = config.multicast() ?
            new FeedEndpoints(config.groupA(), config.groupB(), true, config.networkInterface(),
                retransmit.address(), recovery.address()) :
            new FeedEndpoints(new InetSocketAddress(config.bindAddress(), 0),
                new InetSocketAddress(config.bindAddress(), 0), false, null, retransmit.address(), recovery.address());
        final FeedClientRunner runner = new FeedClientRunner(clientConfig, endpoints, listener);
        if (!config.multicast())
        {
            subscribers.put(runner, lines.add(runner.lineAAddress(), runner.lineBAddress(), lossA, lossB));
        }
        return runner.start(name);
    }

    /**
     * Stops sending to a subscriber made by {@link #subscribe}; the caller closes the runner.
     *
     * @param runner the subscriber.
     */
    public synchronized void unsubscribe(final FeedClientRunner runner)
    {
        final Object handle = subscribers.remove(runner);
        if (handle != null)
        {
            lines.remove(handle);
        }
    }

    /**
     * @return the sequence the last message published carries.
     */
    public long lastSequence()
    {
        return publisher.messagesPublished();
    }

    /**
     * @return data packets sent per line.
     */
    public long packetsSent()
    {
        return publisher.packetsSent();
    }

    /**
     * @return packets dropped by loss injection (global and per subscriber).
     */
    public long packetsDropped()
    {
        return lines.packetsDropped();
    }

    /**
     * @return messages renumbered because their feedSequence was not the feed's next sequence.
     */
    public long renumbered()
    {
        return renumbered;
    }

    /**
     * @return times the engine's feed sequence jumped (should stay 0).
     */
    public long engineSequenceBreaks()
    {
        return engineSequenceBreaks;
    }

    /**
     * @return exceptions that escaped a server's duty cycle (bugs; should stay 0).
     */
    public long errors()
    {
        return host.errors();
    }

    /**
     * @return the settings.
     */
    public FeedServerConfig config()
    {
        return config;
    }

    /**
     * @return whether the lines are multicast groups.
     */
    public boolean multicast()
    {
        return config.multicast();
    }

    /**
     * @return line A's group, or null for unicast lines.
     */
    public InetSocketAddress groupA()
    {
        return config.groupA();
    }

    /**
     * @return line B's group, or null for unicast lines.
     */
    public InetSocketAddress groupB()
    {
        return config.groupB();
    }

    /**
     * @return line A's data socket (its datagram, message and byte counts).
     */
    public UdpLine lineA()
    {
        return lines.lineA();
    }

    /**
     * @return line B's data socket.
     */
    public UdpLine lineB()
    {
        return lines.lineB();
    }

    /**
     * @return the retransmission server.
     */
    public RetransmitServer retransmitServer()
    {
        return retransmit;
    }

    /**
     * @return where TLS terminators in this process record the clients they relay to the recovery and TCP feed
     * servers, so those servers know each relayed client by its own address (connection limits per address,
     * request rate limits).
     */
    public RelayedPeers relayedPeers()
    {
        return relayedPeers;
    }

    /**
     * @return the recovery (snapshot) server.
     */
    public RecoveryServer recoveryServer()
    {
        return recovery;
    }

    /**
     * @return the TCP feed server.
     */
    public TcpFeedServer tcpFeedServer()
    {
        return tcpFeed;
    }

    /**
     * @return the session name.
     */
    public String session()
    {
        return config.session();
    }

    /**
     * @return the store behind the servers.
     */
    public MessageStore store()
    {
        return store;
    }

    @Override
    public void close()
    {
        try
        {
            CloseHelper.closeAll(host, retransmit, recovery, tcpFeed, lines);
        }
        finally
        {
            synchronized (this)
            {
                subscribers.clear();
            }
        }
    }

    static void closeAfterFailure(final AutoCloseable closeable, final RuntimeException failure)
    {
        try
        {
            closeable.close();
        }
        catch (final Exception ex)
        {
            failure.addSuppressed(ex);
        }
    }

    private static <T extends AutoCloseable> T opened(final List<AutoCloseable> opened, final T closeable)
    {
        opened.add(closeable);
        return closeable;
    }
}
