package io.disruptorx.marketdata.server;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A feed's lines A and B: the publisher's sockets (multicast groups or unicast destinations), their heartbeat
 * sockets, the optional loss injection on each, and the unicast subscribers registered while the feed runs (a
 * subscriber can get its own lossy copy of the lines through a {@link FanOutSink}).
 */
final class FeedLines implements AutoCloseable
{
    private final UdpLine lineA;
    private final UdpLine lineB;
    private final UdpLine heartbeatA;
    private final UdpLine heartbeatB;
    private final FanOutSink fanOutA;
    private final FanOutSink fanOutB;
    private final LossyPacketSink lossyA;
    private final LossyPacketSink lossyB;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private long droppedForRemoved;

    FeedLines(final FeedServerConfig config)
    {
        final List<AutoCloseable> opened = new ArrayList<>();
        try
        {
            if (config.multicast())
            {
                lineA = open(opened, UdpLine.multicast(config.groupA(), config.networkInterface(), config.ttl()));
                lineB = open(opened, lineB(config));
                heartbeatA = open(opened, UdpLine.multicast(config.groupA(), config.networkInterface(), config.ttl()));
                heartbeatB = open(opened, lineB(config));
            }
            else
            {
                final InetSocketAddress any = new InetSocketAddress(config.bindAddress(), 0);
                final InetSocketAddress[] toA = config.destinationsA().toArray(InetSocketAddress[]::new);
                final InetSocketAddress[] toB = config.destinationsB().toArray(InetSocketAddress[]::new);
                lineA = open(opened, UdpLine.unicast(any, toA));
                lineB = open(opened, UdpLine.unicast(any, toB));
                heartbeatA = open(opened, UdpLine.unicast(any, toA));
                heartbeatB = open(opened, UdpLine.unicast(any, toB));
            }
        }
        catch (final RuntimeException ex)
        {
            for (final AutoCloseable closeable : opened)
            {
                FeedServer.closeAfterFailure(closeable, ex);
            }
            throw ex;
        }
        fanOutA = new FanOutSink(lineA);
        fanOutB = new FanOutSink(lineB);
        lossyA = config.lossRate() > 0 ?
            new LossyPacketSink(fanOutA, lossModel(config.lossRate(), config.lossSeed())) : null;
        lossyB = config.lossRate() > 0 ?
            new LossyPacketSink(fanOutB, lossModel(config.lossRate(), config.lossSeed() * 31 + 7)) : null;
    }

    PacketSink publisherA()
    {
        return lossyA == null ? fanOutA : lossyA;
    }

    PacketSink publisherB()
    {
        return lossyB == null ? fanOutB : lossyB;
    }

    PacketSink heartbeatA()
    {
        return heartbeatA;
    }

    PacketSink heartbeatB()
    {
        return heartbeatB;
    }

    /**
     * Adds a unicast subscriber; with loss it gets its own sockets sending a lossy copy of each line.
     *
     * @return a handle to remove it.
     */
    synchronized Object add(
        final InetSocketAddress addressA, final InetSocketAddress addressB, final LossModel lossA,
        final LossModel lossB)
    {
        final Subscriber subscriber = new Subscriber(addressA, addressB, lossA, lossB);
        if (subscriber.sinkA != null)
        {
            fanOutA.add(subscriber.sinkA);
            fanOutB.add(subscriber.sinkB);
        }
        else
        {
            lineA.addDestination(addressA);
            lineB.addDestination(addressB);
        }
        heartbeatA.addDestination(addressA);
        heartbeatB.addDestination(addressB);
        subscribers.add(subscriber);
        return subscriber;
    }

    synchronized void remove(final Object handle)
    {
        final Subscriber subscriber = (Subscriber)handle;
        if (!subscribers.remove(subscriber))
        {
            return;
        }
        droppedForRemoved += subscriber.dropped();
        if (subscriber.sinkA != null)
        {
            fanOutA.remove(subscriber.sinkA);
            fanOutB.remove(subscriber.sinkB);
            subscriber.close();
        }
        else
        {
            lineA.removeDestination(subscriber.addressA);
            lineB.removeDestination(subscriber.addressB);
        }
        heartbeatA.removeDestination(subscriber.addressA);
        heartbeatB.removeDestination(subscriber.addressB);
    }

    /**
     * @return packets dropped by loss injection (global and per subscriber).
     */
    synchronized long packetsDropped()
    {
        long dropped = droppedForRemoved + (lossyA == null ? 0 : lossyA.dropped()) +
            (lossyB == null ? 0 : lossyB.dropped());
        for (final Subscriber subscriber : subscribers)
        {
            dropped += subscriber.dropped();
        }
        return dropped;
    }

    @Override
    public synchronized void close()
    {
        for (final Subscriber subscriber : subscribers)
        {
            subscriber.close();
        }
        subscribers.clear();
        lineA.close();
        lineB.close();
        heartbeatA.close();
        heartbeatB.close();
    }

    /**
     * Line B's group, or with none (line A alone) a socket without destinations.
     */
    private static UdpLine lineB(final FeedServerConfig config)
    {
        return config.groupB() == null ? UdpLine.unicast(new InetSocketAddress(config.bindAddress(), 0)) :
            UdpLine.multicast(config.groupB(), config.networkInterface(), config.ttl());
    }

    private static UdpLine open(final List<AutoCloseable> opened, final UdpLine line)
    {
        opened.add(line);
        return line;
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
}
