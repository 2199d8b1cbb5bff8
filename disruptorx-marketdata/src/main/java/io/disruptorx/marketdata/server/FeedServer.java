package io.disruptorx.marketdata.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.client.FeedClientConfig;
import io.disruptorx.marketdata.client.FeedClientRunner;
import io.disruptorx.marketdata.client.FeedEndpoints;
import io.disruptorx.marketdata.wire.MoldUdp64;
import io.disruptorx.protocol.sbe.marketdata.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Everything a node needs to publish its market data: the {@link FeedPublisher} on lines A and B (multicast
 * groups, or unicast to registered subscribers), the {@link RetransmitServer}, the {@link RecoveryServer}
 * (snapshots) and the {@link TcpFeedServer}, all reading one {@link MessageStore}; plus a heartbeat thread.
 *
 * <p>{@link #publish(DirectBuffer, int, int)} and {@link #endOfBatch()} are called by one thread (the node's
 * market data consumer). The feed numbers its messages itself from 1 for each session: a message whose
 * {@code feedSequence} field differs (a node restarted from a snapshot continues the engine's count, and an
 * opening image comes first) is copied and renumbered, so the MoldUDP64 sequence and the SBE body always agree.
 *
 * <p>Heartbeats: the publishing thread is busy or parked in the node's ring, so a small thread sends the
 * heartbeats (and, after {@link #endOfSession()}, repeats the end of session) on sockets of its own, never
 * through the loss injection, carrying the next sequence of the last flushed batch: an idle feed still
 * reveals tail loss, and a lost end-of-session packet is sent again.
 */
public final class FeedServer implements AutoCloseable
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final Config config;
    private final byte[] session;
    private final MessageStore store;
    private final UdpLine lineA;
    private final UdpLine lineB;
    private final UdpLine heartbeatA;
    private final UdpLine heartbeatB;
    private final FanOutSink fanOutA;
    private final FanOutSink fanOutB;
    private final LossyPacketSink lossyA;
    private final LossyPacketSink lossyB;
    private final FeedPublisher publisher;
    private final RetransmitServer retransmit;
    private final RecoveryServer recovery;
    private final TcpFeedServer tcpFeed;
    private final Thread heartbeatThread;
    private final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
    private final ByteBuffer heartbeatBuffer =
        ByteBuffer.allocateDirect(MoldUdp64.HEADER_LENGTH).order(ByteOrder.BIG_ENDIAN);
    private final UnsafeBuffer heartbeat = new UnsafeBuffer(heartbeatBuffer);
    private final Map<FeedClientRunner, Subscriber> subscribers = new IdentityHashMap<>();
    private final List<Subscriber> lossySubscribers = new ArrayList<>();

    private long lastEngineSequence;
    private long droppedForRemoved;
    private volatile long sentThrough = 1;
    private volatile long lastSendNanos = System.nanoTime();
    private volatile boolean ended;
    private volatile boolean running = true;
    private volatile long renumbered;
    private volatile long engineSequenceBreaks;

    private FeedServer(final Config config)
    {
        this.config = config;
        this.session = MoldUdp64.session(config.session);
        this.store = new MessageStore(config.storeCapacity, FeedEncoder.MAX_MESSAGE_LENGTH);
        final InetAddress bind = config.bindAddress;
        if (config.groupA != null)
        {
            lineA = UdpLine.multicast(config.groupA, config.networkInterface, config.ttl);
            lineB = config.groupB == null ? UdpLine.unicast(new InetSocketAddress(bind, 0)) :
                UdpLine.multicast(config.groupB, config.networkInterface, config.ttl);
            heartbeatA = UdpLine.multicast(config.groupA, config.networkInterface, config.ttl);
            heartbeatB = config.groupB == null ? UdpLine.unicast(new InetSocketAddress(bind, 0)) :
                UdpLine.multicast(config.groupB, config.networkInterface, config.ttl);
        }
        else
        {
            final InetSocketAddress[] toA = config.destinationsA.toArray(InetSocketAddress[]::new);
            final InetSocketAddress[] toB = config.destinationsB.toArray(InetSocketAddress[]::new);
            lineA = UdpLine.unicast(new InetSocketAddress(bind, 0), toA);
            lineB = UdpLine.unicast(new InetSocketAddress(bind, 0), toB);
            heartbeatA = UdpLine.unicast(new InetSocketAddress(bind, 0), toA);
            heartbeatB = UdpLine.unicast(new InetSocketAddress(bind, 0), toB);
        }
        fanOutA = new FanOutSink(lineA);
        fanOutB = new FanOutSink(lineB);
        lossyA = config.lossRate > 0 ? new LossyPacketSink(fanOutA, lossModel(config.lossRate, config.lossSeed)) : null;
        lossyB = config.lossRate > 0 ?
            new LossyPacketSink(fanOutB, lossModel(config.lossRate, config.lossSeed * 31 + 7)) : null;
        publisher = new FeedPublisher(session, store, config.maxPayload, config.heartbeatNanos,
            lossyA == null ? fanOutA : lossyA, lossyB == null ? fanOutB : lossyB);
        retransmit = new RetransmitServer(new InetSocketAddress(bind, config.requestPort), session, store, null,
            config.maxPayload, config.maxMessagesPerRequest, config.coalesceNanos, config.coalesceNanos * 3,
            config.repeatWindowNanos, new RequestRateLimiter(config.requestsPerSecond, config.requestBurst, 4096));
        recovery = new RecoveryServer(new InetSocketAddress(bind, config.recoveryPort), store,
            new RequestRateLimiter(100, 20, 4096), config.maxMessagesPerRequest);
        tcpFeed = new TcpFeedServer(new InetSocketAddress(bind, config.tcpPort), session, store, config.heartbeatNanos);
        if (config.firstSequence > 1)
        {
            store.startAt(config.firstSequence);
            publisher.startAt(config.firstSequence);
            sentThrough = config.firstSequence;
        }
        heartbeatThread = new Thread(this::heartbeats, "dx-md-heartbeat");
        heartbeatThread.setDaemon(true);
    }

    /**
     * Opens the sockets and starts the server threads.
     *
     * @param config settings.
     * @return the running feed.
     */
    public static FeedServer start(final Config config)
    {
        final FeedServer server = new FeedServer(config);
        server.retransmit.start();
        server.recovery.start();
        server.tcpFeed.start();
        server.heartbeatThread.start();
        return server;
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
        final long engineSequence = buffer.getLong(offset + HEADER, ByteOrder.LITTLE_ENDIAN);
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
        scratch.putLong(HEADER, next, ByteOrder.LITTLE_ENDIAN);
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
            sentThrough = publisher.nextSequence();
            lastSendNanos = System.nanoTime();
        }
    }

    /**
     * Ends the session: the rest of the stream and end of session on the lines and the TCP feed. Call it once
     * nothing publishes any more (after the node has closed); the heartbeat thread repeats the end of session.
     */
    public void endOfSession()
    {
        publisher.endOfSession();
        tcpFeed.endOfSession();
        sentThrough = publisher.nextSequence();
        lastSendNanos = System.nanoTime();
        ended = true;
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
        final boolean multicast = config.groupA != null;
        if (multicast && (lossA != null || lossB != null))
        {
            throw new IllegalArgumentException("per-subscriber loss needs unicast lines");
        }
        final FeedEndpoints endpoints = multicast ?
            new FeedEndpoints(config.groupA, config.groupB, true, config.networkInterface, retransmit.address(),
                recovery.address()) :
            new FeedEndpoints(new InetSocketAddress(config.bindAddress, 0),
                new InetSocketAddress(config.bindAddress, 0), false, null, retransmit.address(), recovery.address());
        final FeedClientRunner runner = new FeedClientRunner(clientConfig, endpoints, listener);
        if (!multicast)
        {
            final Subscriber subscriber = new Subscriber(runner.lineAAddress(), runner.lineBAddress(), lossA, lossB);
            subscriber.addTo(this);
            subscribers.put(runner, subscriber);
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
        final Subscriber subscriber = subscribers.remove(runner);
        if (subscriber != null)
        {
            droppedForRemoved += subscriber.dropped();
            subscriber.removeFrom(this);
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
    public synchronized long packetsDropped()
    {
        long dropped = droppedForRemoved + (lossyA == null ? 0 : lossyA.dropped()) +
            (lossyB == null ? 0 : lossyB.dropped());
        for (final Subscriber subscriber : subscribers.values())
        {
            dropped += subscriber.dropped();
        }
        return dropped;
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
     * @return whether the lines are multicast groups.
     */
    public boolean multicast()
    {
        return config.groupA != null;
    }

    /**
     * @return line A's group, or null for unicast lines.
     */
    public InetSocketAddress groupA()
    {
        return config.groupA;
    }

    /**
     * @return line B's group, or null for unicast lines.
     */
    public InetSocketAddress groupB()
    {
        return config.groupB;
    }

    /**
     * @return the retransmission server.
     */
    public RetransmitServer retransmitServer()
    {
        return retransmit;
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
        return config.session;
    }

    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(heartbeatThread);
        try
        {
            heartbeatThread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        retransmit.close();
        recovery.close();
        tcpFeed.close();
        synchronized (this)
        {
            for (final Subscriber subscriber : lossySubscribers)
            {
                subscriber.close();
            }
            lossySubscribers.clear();
            subscribers.clear();
        }
        lineA.close();
        lineB.close();
        heartbeatA.close();
        heartbeatB.close();
    }

    private void heartbeats()
    {
        final long interval = config.heartbeatNanos;
        while (running)
        {
            LockSupport.parkNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), interval / 2));
            final long now = System.nanoTime();
            if (running && publisher.transmitting() && now - lastSendNanos >= interval)
            {
                MoldUdp64.writeHeader(heartbeat, 0, session, sentThrough,
                    ended ? MoldUdp64.END_OF_SESSION_COUNT : MoldUdp64.HEARTBEAT_COUNT);
                heartbeatA.send(heartbeatBuffer, MoldUdp64.HEADER_LENGTH);
                heartbeatB.send(heartbeatBuffer, MoldUdp64.HEADER_LENGTH);
                heartbeatBuffer.clear();
                if (!ended)
                {
                    lastSendNanos = now;
                }
            }
        }
    }

    private static LossModel lossModel(final double rate, final long seed)
    {
        return LossModel.random(seed, rate * 0.8, rate * 0.05, 4);
    }

    /**
     * One unicast subscriber's destinations, and its own lossy lines when it has loss injected.
     */
    private static final class Subscriber
    {
        private final InetSocketAddress addressA;
        private final InetSocketAddress addressB;
        private final UdpLine ownA;
        private final UdpLine ownB;
        private final LossyPacketSink sinkA;
        private final LossyPacketSink sinkB;

        Subscriber(
            final InetSocketAddress addressA, final InetSocketAddress addressB, final LossModel lossA,
            final LossModel lossB)
        {
            this.addressA = addressA;
            this.addressB = addressB;
            final boolean lossy = lossA != null || lossB != null;
            final InetSocketAddress any = new InetSocketAddress(addressA.getAddress(), 0);
            ownA = lossy ? UdpLine.unicast(any, addressA) : null;
            ownB = lossy ? UdpLine.unicast(any, addressB) : null;
            sinkA = lossy ? new LossyPacketSink(ownA, lossA == null ? LossModel.none() : lossA) : null;
            sinkB = lossy ? new LossyPacketSink(ownB, lossB == null ? LossModel.none() : lossB) : null;
        }

        void addTo(final FeedServer server)
        {
            if (sinkA != null)
            {
                server.fanOutA.add(sinkA);
                server.fanOutB.add(sinkB);
                server.lossySubscribers.add(this);
            }
            else
            {
                server.lineA.addDestination(addressA);
                server.lineB.addDestination(addressB);
            }
            server.heartbeatA.addDestination(addressA);
            server.heartbeatB.addDestination(addressB);
        }

        void removeFrom(final FeedServer server)
        {
            if (sinkA != null)
            {
                server.fanOutA.remove(sinkA);
                server.fanOutB.remove(sinkB);
                server.lossySubscribers.remove(this);
                close();
            }
            else
            {
                server.lineA.removeDestination(addressA);
                server.lineB.removeDestination(addressB);
            }
            server.heartbeatA.removeDestination(addressA);
            server.heartbeatB.removeDestination(addressB);
        }

        long dropped()
        {
            return sinkA == null ? 0 : sinkA.dropped() + sinkB.dropped();
        }

        void close()
        {
            if (ownA != null)
            {
                ownA.close();
                ownB.close();
            }
        }
    }

    /**
     * Settings of a {@link FeedServer}: fluent setters; defaults are unicast lines on 127.0.0.1 and ephemeral
     * ports for the servers.
     */
    public static final class Config
    {
        private String session = "DXFEED";
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
        private long firstSequence = 1;
        private double lossRate;
        private long lossSeed = 1;
        private int storeCapacity = 1 << 18;
        private int maxPayload = 1400;
        private long heartbeatNanos = TimeUnit.MILLISECONDS.toNanos(50);
        private long coalesceNanos = TimeUnit.MILLISECONDS.toNanos(1);
        private long repeatWindowNanos = TimeUnit.MILLISECONDS.toNanos(3);
        private int maxMessagesPerRequest = 10_000;
        private double requestsPerSecond = 2_000;
        private double requestBurst = 200;

        /**
         * @param session MoldUDP64 session name.
         * @return this.
         */
        public Config session(final String session)
        {
            this.session = session;
            return this;
        }

        /**
         * @param address where the servers listen and the unicast lines send from.
         * @return this.
         */
        public Config bindAddress(final InetAddress address)
        {
            this.bindAddress = address;
            return this;
        }

        /**
         * @param groupA           line A's group and port.
         * @param groupB           line B's group and port, or null for line A alone.
         * @param networkInterface interface to send on and join on (e.g. lo).
         * @return this, with multicast lines.
         */
        public Config multicast(
            final InetSocketAddress groupA, final InetSocketAddress groupB, final NetworkInterface networkInterface)
        {
            this.groupA = groupA;
            this.groupB = groupB;
            this.networkInterface = networkInterface;
            return this;
        }

        /**
         * @param destination where line A also sends (unicast); line B gets no destination from this call.
         * @return this.
         */
        public Config destinationA(final InetSocketAddress destination)
        {
            destinationsA.add(destination);
            return this;
        }

        /**
         * @param sequence the session's next sequence when this server starts (a session continued by a restarted
         *                 cluster member); 1 for a new session.
         * @return this.
         */
        public Config firstSequence(final long sequence)
        {
            if (sequence < 1)
            {
                throw new IllegalArgumentException("first sequence must be at least 1, was " + sequence);
            }
            this.firstSequence = sequence;
            return this;
        }

        /**
         * @param destinationA where line A also sends (unicast), e.g. an external md-client.
         * @param destinationB the same for line B.
         * @return this.
         */
        public Config destination(final InetSocketAddress destinationA, final InetSocketAddress destinationB)
        {
            destinationsA.add(destinationA);
            destinationsB.add(destinationB);
            return this;
        }

        /**
         * @param request  retransmission server UDP port (0: any).
         * @param recovery recovery server TCP port (0: any).
         * @param tcp      TCP feed port (0: any).
         * @return this.
         */
        public Config ports(final int request, final int recovery, final int tcp)
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
        public Config loss(final double rate, final long seed)
        {
            this.lossRate = rate;
            this.lossSeed = seed;
            return this;
        }

        /**
         * @param capacity messages kept for retransmission, a power of two.
         * @return this.
         */
        public Config storeCapacity(final int capacity)
        {
            this.storeCapacity = capacity;
            return this;
        }

        /**
         * @param nanos heartbeat interval.
         * @return this.
         */
        public Config heartbeatNanos(final long nanos)
        {
            this.heartbeatNanos = nanos;
            return this;
        }

        /**
         * @param nanos per-requester repeat suppression window (0: off).
         * @return this.
         */
        public Config repeatWindowNanos(final long nanos)
        {
            this.repeatWindowNanos = nanos;
            return this;
        }
    }
}
