package io.disruptorx.node.demo;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.marketdata.client.FeedClientRunner;
import io.disruptorx.marketdata.server.FeedServer;
import io.disruptorx.marketdata.server.FeedServerConfig;
import io.disruptorx.marketdata.server.RetransmitCounters;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.feed.FeedMetrics;
import io.disruptorx.node.feed.NodeFeed;

/**
 * The demo's market data: the node's feed, in-process subscribers, the feed part of the status line and of
 * the summary (whether every subscriber's book equals the engine's).
 */
public final class DemoFeed implements AutoCloseable
{
    /** The demo's session; shard I of {@code dx demo --shards} publishes {@code DXDEMO-I}. */
    static final String SESSION = "DXDEMO";

    private static final long END_WAIT_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final Settings settings;
    private final NodeFeed feed;
    private final int externalPortA;
    private int openingImage;
    private long lastMessages;
    private boolean allEnded;

    /**
     * Feed settings of the demo.
     *
     * @param subscribers      in-process subscribers.
     * @param lossPercent      packets dropped on each line on the sending side, in percent (0 for none).
     * @param groupA           line A's multicast group, or null for unicast lines on 127.0.0.1.
     * @param groupB           line B's multicast group (with groupA).
     * @param networkInterface interface for multicast (e.g. lo).
     * @param portBase         unicast line A also goes to 127.0.0.1:base+1 and B to base+2 (for {@code dx
     *                         md-client}); the retransmission server listens on base+3 (UDP), the recovery server
     *                         on base+4 and the TCP feed on base+5. 0: ephemeral ports, no extra destinations.
     */
    public record Settings(
        int subscribers,
        double lossPercent,
        InetSocketAddress groupA,
        InetSocketAddress groupB,
        String networkInterface,
        int portBase)
    {
    }

    private DemoFeed(final Settings settings, final NodeFeed feed, final int externalPortA)
    {
        this.settings = settings;
        this.feed = feed;
        this.externalPortA = externalPortA;
    }

    static DemoFeed start(final Settings settings)
    {
        return start(settings, SESSION);
    }

    /**
     * @param settings the feed's settings.
     * @param session  its MoldUDP64 session (each shard of {@code dx demo --shards} has its own).
     * @return the running feed.
     */
    static DemoFeed start(final Settings settings, final String session)
    {
        final FeedServerConfig.Builder config = FeedServerConfig.builder().session(session);
        final int base = settings.portBase();
        if (base > 0)
        {
            config.ports(base + 3, base + 4, base + 5);
        }
        if (settings.groupA() != null)
        {
            config.multicast(settings.groupA(), settings.groupB(), networkInterface(settings.networkInterface()));
        }
        else if (base > 0)
        {
            final InetAddress loopback = InetAddress.getLoopbackAddress();
            config.destination(new InetSocketAddress(loopback, base + 1), new InetSocketAddress(loopback, base + 2));
        }
        if (settings.lossPercent() > 0)
        {
            config.loss(settings.lossPercent() / 100.0, 42);
        }
        return new DemoFeed(
            settings, NodeFeed.start(config.build()), settings.groupA() == null && base > 0 ? base + 1 : 0);
    }

    NodeFeed nodeFeed()
    {
        return feed;
    }

    /**
     * Starts the subscribers, publishes the opening image of a restarted node (so they get it live) and says
     * where the feed is.
     */
    void startSubscribers(final EmbeddedNode node, final PrintWriter out)
    {
        FeedMetrics.register(node.metrics(), feed.server());
        for (int i = 0; i < settings.subscribers(); i++)
        {
            FeedMetrics.registerClient(node.metrics(), "subscriber-" + (i + 1),
                feed.addSubscriber(null, null, 1000 + i).client().counters());
        }
        openingImage = feed.openingImage(node);
        final FeedServer server = feed.server();
        final String lines = server.multicast() ?
            "multicast " + hostPort(server.groupA()) + " and " + hostPort(server.groupB()) + " on " +
            settings.networkInterface() :
            "unicast on 127.0.0.1" + (externalPortA > 0 ? " (also to 127.0.0.1:" + externalPortA + " and :" +
            (externalPortA + 1) + ")" : "");
        out.printf(Locale.ROOT, "dx demo: market data session %s, lines A/B %s%s; retransmission udp %s, " +
            "recovery tcp %s, SoupBinTCP tcp %s (sessions %s and %s, a snapshot); %d in-process subscribers%s%n",
            server.session(), lines,
            settings.lossPercent() > 0 ? String.format(Locale.ROOT, " with %.1f%% loss", settings.lossPercent()) : "",
            hostPort(server.retransmitServer().address()), hostPort(server.recoveryServer().address()),
            hostPort(server.tcpFeedServer().address()), server.session(), server.config().snapshotSession(),
            settings.subscribers(),
            openingImage > 0 ? "; opening image of " + openingImage + " messages (recovered book)" : "");
        if (server.multicast() || externalPortA > 0)
        {
            out.printf(Locale.ROOT, "dx demo: watch it with ./dx md-client %s --request %s --recovery %s%n",
                server.multicast() ?
                "--multicast --interface " + settings.networkInterface() + " --line-a " + hostPort(server.groupA()) +
                " --line-b " + hostPort(server.groupB()) :
                "--line-a 127.0.0.1:" + externalPortA + " --line-b 127.0.0.1:" + (externalPortA + 1),
                hostPort(server.retransmitServer().address()), hostPort(server.recoveryServer().address()));
        }
        out.flush();
    }

    /**
     * @return the feed part of a status line; call it once a second from one thread.
     */
    String status()
    {
        final long messages = feed.server().lastSequence();
        final long perSecond = messages - lastMessages;
        lastMessages = messages;
        return String.format(Locale.ROOT, "md msgs/s=%,d subscribers=%d synchronized=%d/%d gaps recovered=%,d " +
            "resent=%,d", perSecond, feed.subscribers().size(), feed.synchronizedCount(), feed.subscribers().size(),
            feed.gapsRecovered(), feed.server().retransmitServer().counters().messagesRetransmitted());
    }

    /**
     * Ends the session (the node has closed), waits for the subscribers to reach its end, stops them and
     * compares their books with the engine's.
     */
    List<List<String>> finish(final MatchingEngine engine)
    {
        feed.endOfSession();
        allEnded = feed.awaitSubscribersEnded(END_WAIT_NANOS);
        feed.stopSubscribers();
        return feed.compare(engine);
    }

    void printSummary(final List<List<String>> differences, final PrintWriter out)
    {
        final FeedServer server = feed.server();
        final RetransmitCounters retransmit = server.retransmitServer().counters();
        out.printf(Locale.ROOT, "  market data: %,d messages (%,d packets per line, %,d dropped by loss injection)" +
            "; retransmission server: %,d requests, %,d messages resent, %,d not resent as repeats; " +
            "snapshots served %,d%n", server.lastSequence(), server.packetsSent(), server.packetsDropped(),
            retransmit.requestsReceived(), retransmit.messagesRetransmitted(), retransmit.messagesNotRepeated(),
            server.recoveryServer().counters().snapshotsServed());
        int equal = 0;
        final List<FeedClientRunner> subscribers = feed.subscribers();
        for (int i = 0; i < subscribers.size(); i++)
        {
            final List<String> diff = differences.get(i);
            equal += diff.isEmpty() ? 1 : 0;
            out.printf(Locale.ROOT, "  subscriber %d: %s; book %s%n", i + 1, NodeFeed.describe(subscribers.get(i)),
                diff.isEmpty() ? "equals the engine's" : "DIFFERS: " + String.join("; ", diff.subList(0,
                Math.min(3, diff.size()))));
        }
        if (!subscribers.isEmpty())
        {
            out.printf(Locale.ROOT, "  (otherLineCopies: the second copy of each message, from the other line, " +
                "dropped by A/B arbitration: about one per message when both lines work; duplicates: a line " +
                "repeating a message it already carried, 0 expected; resentAlreadyHeld: resent messages a line " +
                "delivered first)%n");
            out.printf(Locale.ROOT, "  books: %s (%d of %d subscribers equal the engine's final book, every price " +
                "level; %s)%n", equal == subscribers.size() ? "MATCH" : "MISMATCH", equal, subscribers.size(),
                allEnded ? "all reached the end of the session" : "not all reached the end of the session");
        }
        out.flush();
    }

    @Override
    public void close()
    {
        feed.close();
    }

    private static NetworkInterface networkInterface(final String name)
    {
        try
        {
            final NetworkInterface found = NetworkInterface.getByName(name);
            if (found == null)
            {
                throw new IllegalArgumentException("no network interface " + name);
            }
            return found;
        }
        catch (final SocketException ex)
        {
            throw new IllegalArgumentException("network interface " + name + ": " + ex.getMessage(), ex);
        }
    }

    private static String hostPort(final InetSocketAddress address)
    {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
