package io.disruptorx.node.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.disruptorx.core.net.TestPorts;
import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.PostOnlyMode;
import io.disruptorx.engine.sbe.CallbackEventSink;
import io.disruptorx.engine.sbe.SbeEventEncoder;
import io.disruptorx.marketdata.FeedState;
import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.book.BookSide;
import io.disruptorx.marketdata.book.InstrumentBook;
import io.disruptorx.marketdata.book.MarketBook;
import io.disruptorx.marketdata.client.FeedClientConfig;
import io.disruptorx.marketdata.client.FeedClientRunner;
import io.disruptorx.marketdata.client.FeedEndpoints;
import io.disruptorx.marketdata.server.AgentHost;
import io.disruptorx.marketdata.server.FeedPublisher;
import io.disruptorx.marketdata.server.LossModel;
import io.disruptorx.marketdata.server.LossyPacketSink;
import io.disruptorx.marketdata.server.MessageStore;
import io.disruptorx.marketdata.server.PacketSink;
import io.disruptorx.marketdata.server.RecoveryServer;
import io.disruptorx.marketdata.server.RequestRateLimiter;
import io.disruptorx.marketdata.server.RetransmitServer;
import io.disruptorx.marketdata.server.UdpLine;
import io.disruptorx.marketdata.wire.MoldUdp64;
import io.disruptorx.protocol.marketdata.MarketDataEncoder;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.SystemNanoClock;

/**
 * A whole feed on real sockets: a {@link MatchingEngine} driven by a seeded {@link OrderFlow}, its market
 * data through the engine's {@link SbeEventEncoder} into a {@link FeedPublisher}, lines A and B with loss injection,
 * the retransmission and recovery servers, and any number of clients. Multicast on {@code lo} (inside a
 * network namespace) or unicast on 127.0.0.1.
 */
final class FeedHarness implements AutoCloseable
{
    static final String SESSION = "DXFEED";
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    final boolean multicast;
    final MatchingEngine engine;
    final ReferenceBook reference;
    final MessageStore store;
    final FeedPublisher publisher;
    final LossyPacketSink lossyA;
    final LossyPacketSink lossyB;
    final RetransmitServer retransmit;
    final RecoveryServer recovery;
    final List<FeedClientRunner> clients = new ArrayList<>();
    private final AgentHost retransmitHost;
    private AgentHost recoveryHost;
    private final UdpLine lineA;
    private final UdpLine lineB;
    private final UdpLine retransmitLine;
    private final InetSocketAddress groupA;
    private final InetSocketAddress groupB;
    private final NetworkInterface loopback;
    private final OrderFlow flow;

    FeedHarness(final boolean multicast, final int storeCapacity, final boolean sharedRetransmission, final long seed)
    {
        this.multicast = multicast;
        try
        {
            loopback = NetworkInterface.getByName("lo");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        if (multicast)
        {
            groupA = new InetSocketAddress(address("239.255.10.1"), TestPorts.port());
            groupB = new InetSocketAddress(address("239.255.10.2"), TestPorts.port());
            lineA = UdpLine.multicast(groupA, loopback, 1);
            lineB = UdpLine.multicast(groupB, loopback, 1);
            retransmitLine = UdpLine.multicast(groupA, loopback, 1);
        }
        else
        {
            groupA = null;
            groupB = null;
            lineA = UdpLine.unicast(new InetSocketAddress(LOOPBACK, 0));
            lineB = UdpLine.unicast(new InetSocketAddress(LOOPBACK, 0));
            retransmitLine = UdpLine.unicast(new InetSocketAddress(LOOPBACK, 0));
        }
        lossyA = new LossyPacketSink(lineA, LossModel.none());
        lossyB = new LossyPacketSink(lineB, LossModel.none());
        store = new MessageStore(storeCapacity, MarketDataEncoder.MAX_MESSAGE_LENGTH);
        publisher = new FeedPublisher(
            MoldUdp64.session(SESSION), store, 1400, TimeUnit.MILLISECONDS.toNanos(20), lossyA, lossyB);
        final PacketSink shared = sharedRetransmission ? retransmitLine : null;
        retransmit = new RetransmitServer(new InetSocketAddress(LOOPBACK, 0), MoldUdp64.session(SESSION), store,
            shared, 1400, 10_000, TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(3),
            0, 1024, new RequestRateLimiter(2_000, 200, 10_000), SystemNanoClock.INSTANCE);
        recovery = new RecoveryServer(new InetSocketAddress(LOOPBACK, 0), store,
            new RequestRateLimiter(1_000, 100, 10_000), 10_000, SystemNanoClock.INSTANCE);
        retransmitHost = AgentHost.start("dx-md-harness-retransmit", AgentHost.Threading.SHARED, retransmit);
        startRecovery();
        reference = new ReferenceBook(new SbeEventEncoder(new CallbackEventSink((buffer, offset, length) ->
        {
        }), new CallbackEventSink((buffer, offset, length) -> publisher.onMessage(
            buffer.getLong(offset + MarketDataEncoder.FEED_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN), buffer, offset,
            length))));
        engine = new MatchingEngine(
            new EngineConfig(16, 16, 1_000_000, 4096, 0, PostOnlyMode.REJECT), reference);
        flow = new OrderFlow(engine, seed);
    }

    /**
     * Stops serving snapshots: a client's snapshot request then waits (its connection is accepted by the
     * listening socket) until {@link #startRecovery()}.
     */
    void stopRecovery()
    {
        recoveryHost.close();
        recoveryHost = null;
    }

    /**
     * Serves snapshots (again); the harness starts with snapshots served.
     */
    void startRecovery()
    {
        recoveryHost = AgentHost.start("dx-md-harness-recovery", AgentHost.Threading.SHARED, new Agent()
        {
            @Override
            public int doWork()
            {
                return recovery.doWork();
            }

            @Override
            public String roleName()
            {
                return recovery.roleName();
            }
        });
    }

    /**
     * Adds and starts a client on its own thread.
     */
    FeedClientRunner addClient(final FeedClientConfig.Builder config)
    {
        final FeedEndpoints endpoints = multicast ?
            new FeedEndpoints(groupA, groupB, true, loopback, retransmit.address(), recovery.address()) :
            new FeedEndpoints(new InetSocketAddress(LOOPBACK, 0), new InetSocketAddress(LOOPBACK, 0), false, null,
                retransmit.address(), recovery.address());
        final FeedClientRunner runner = new FeedClientRunner(config.session(SESSION).build(), endpoints,
            new MarketDataListener()
            {
            });
        if (!multicast)
        {
            lineA.addDestination(runner.lineAAddress());
            lineB.addDestination(runner.lineBAddress());
            retransmitLine.addDestination(runner.lineAAddress());
        }
        clients.add(runner);
        runner.start("dx-md-client-" + clients.size());
        return runner;
    }

    /**
     * Runs commands, flushing the publisher every {@code batch} commands (end of batch).
     */
    void run(final int commands, final int batch)
    {
        for (int i = 0; i < commands; i++)
        {
            flow.step();
            if ((i + 1) % batch == 0)
            {
                publisher.flush();
            }
        }
        publisher.flush();
    }

    /**
     * Keeps heartbeating until the condition holds or the timeout passes.
     *
     * @return whether it held.
     */
    boolean awaitWithHeartbeats(final BooleanSupplier condition, final long timeoutMillis)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline)
        {
            publisher.onTimer(System.nanoTime());
            if (condition.getAsBoolean())
            {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        return condition.getAsBoolean();
    }

    /**
     * @return whether every client has applied everything the engine published.
     */
    boolean allSynchronized()
    {
        final long next = engine.nextFeedSequence();
        for (final FeedClientRunner client : clients)
        {
            if (client.state() != FeedState.SYNCHRONIZED || client.client().nextSequence() != next)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Compares a closed client's book with the engine and with the reference book.
     *
     * @return null when equal, else the first difference.
     */
    String compare(final MarketBook book)
    {
        if (book.orderCount() != engine.restingOrderCount() || book.orderCount() != reference.orders.size())
        {
            return "order count " + book.orderCount() + " engine " + engine.restingOrderCount() +
                " reference " + reference.orders.size();
        }
        for (final Map.Entry<Long, long[]> order : reference.orders.entrySet())
        {
            final long id = order.getKey();
            final long[] o = order.getValue();
            if (book.quantity(id) != o[3] || book.price(id) != o[2] || book.side(id) != o[1] ||
                engine.openQuantity(id) != o[3])
            {
                return "order " + id + " client qty " + book.quantity(id) + " reference " + o[3] +
                    " engine " + engine.openQuantity(id);
            }
        }
        for (int instrument = 1; instrument <= OrderFlow.INSTRUMENTS; instrument++)
        {
            final InstrumentBook ib = book.book(instrument);
            if (ib == null)
            {
                return "no book for " + instrument;
            }
            if (ib.bids().bestPrice() != engine.bestBid(instrument) ||
                ib.asks().bestPrice() != engine.bestAsk(instrument))
            {
                return "instrument " + instrument + " top " + ib.bids().bestPrice() + "/" + ib.asks().bestPrice() +
                    " engine " + engine.bestBid(instrument) + "/" + engine.bestAsk(instrument);
            }
            final Map<Integer, Map<Long, Long>> sides = reference.levels().getOrDefault(instrument, Map.of());
            for (int side = 0; side < 2; side++)
            {
                final Map<Long, Long> levels = sides.getOrDefault(side, Map.of());
                final BookSide bookSide = ib.side(side);
                if (bookSide.levels() != levels.size())
                {
                    return "instrument " + instrument + " side " + side + " levels " + bookSide.levels() +
                        " reference " + levels.size();
                }
                for (int level = 0; level < bookSide.levels(); level++)
                {
                    final Long quantity = levels.get(bookSide.price(level));
                    if (quantity == null || quantity != bookSide.quantity(level))
                    {
                        return "instrument " + instrument + " level " + bookSide.price(level) + " qty " +
                            bookSide.quantity(level) + " reference " + quantity;
                    }
                }
            }
        }
        return null;
    }

    @Override
    public void close()
    {
        for (final FeedClientRunner client : clients)
        {
            client.close();
        }
        retransmitHost.close();
        if (recoveryHost != null)
        {
            recoveryHost.close();
        }
        recovery.close();
        lineA.close();
        lineB.close();
        retransmitLine.close();
    }

    private static InetAddress address(final String name)
    {
        try
        {
            return InetAddress.getByName(name);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
