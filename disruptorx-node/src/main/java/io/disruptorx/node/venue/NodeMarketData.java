package io.disruptorx.node.venue;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.disruptorx.core.net.ConnectionLimiter;
import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.http.TlsTerminator;
import io.disruptorx.marketdata.server.FeedServer;
import io.disruptorx.marketdata.server.FeedServerConfig;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.MarketDataSink;
import io.disruptorx.node.feed.FeedMetrics;
import io.disruptorx.node.feed.MarketDataConfig;
import io.disruptorx.node.feed.NodeFeed;

/**
 * A configured node's market data services ({@code market-data}, {@link MarketDataConfig}): the feed server (lines
 * A and B, retransmission, recovery and SoupBinTCP feed servers) whose sink the node publishes to, the node's
 * recovered book as the opening image of the session, the feed's metrics, and TLS listeners in front of the two TCP
 * servers. Each TLS listener holds its clients to the TCP servers' connection limits, and the servers behind it know
 * each relayed client by its own address ({@link FeedServer#relayedPeers()}), not the relay's loopback address.
 *
 * <p>Order of use: {@link #start}, {@link EmbeddedNode} started with {@link #sink()}, {@link #open} before the
 * first command reaches the node, {@link #describe}; at the end close the node, then this.
 */
public final class NodeMarketData implements AutoCloseable
{
    /** The TLS edge in front of the recovery server. */
    public static final String RECOVERY_EDGE = "md-recovery";
    /** The TLS edge in front of the SoupBinTCP feed. */
    public static final String TCP_FEED_EDGE = "md-tcp-feed";

    private final MarketDataConfig config;
    private final NodeFeed feed;
    private final TlsEdges tls = new TlsEdges();
    private int openingImage;

    private NodeMarketData(final MarketDataConfig config, final NodeFeed feed)
    {
        this.config = config;
        this.feed = feed;
    }

    /**
     * Starts the feed's servers; nothing is published until the node starts.
     *
     * @param config the node's {@code market-data} settings.
     * @return the running servers.
     * @throws java.io.UncheckedIOException naming the socket when one cannot be opened (a port in use).
     */
    public static NodeMarketData start(final MarketDataConfig config)
    {
        return new NodeMarketData(config, NodeFeed.start(config.feed()));
    }

    /**
     * @return the sink to give the node.
     */
    public MarketDataSink sink()
    {
        return feed.sink();
    }

    /**
     * @return the feed, for the dashboard's book and the JSON edge's public streams.
     */
    public NodeFeed feed()
    {
        return feed;
    }

    /**
     * Publishes the node's recovered book, registers the feed's metrics and starts the TLS listeners. Call it on
     * the thread that started the node, before any command is sent to it.
     *
     * @param node the node, just started with {@link #sink()}.
     * @throws io.disruptorx.core.tls.TlsConfigException when the key or trust store cannot be used.
     * @throws java.io.UncheckedIOException              when a TLS listener cannot listen.
     */
    public void open(final EmbeddedNode node)
    {
        openingImage = feed.openingImage(node);
        FeedMetrics.register(node.metrics(), feed.server());
        final FeedServer server = feed.server();
        if (config.recoveryTls() != null)
        {
            tls.add(RECOVERY_EDGE, config.recoveryTls(), server.recoveryServer().address().getPort(), config.tls(),
                newConnectionLimiter(), server.relayedPeers());
        }
        if (config.tcpFeedTls() != null)
        {
            tls.add(TCP_FEED_EDGE, config.tcpFeedTls(), server.tcpFeedServer().address().getPort(), config.tls(),
                newConnectionLimiter(), server.relayedPeers());
        }
        tls.registerMetrics(node.metrics());
    }

    /**
     * @return a TLS listener's limits: the plain TCP servers' own, applied to the clients' addresses.
     */
    private ConnectionLimiter newConnectionLimiter()
    {
        return new ConnectionLimiter(config.feed().maxConnections(), config.feed().maxConnectionsPerAddress());
    }

    /**
     * Starts the JSON edge's public streams from one more subscriber of the feed.
     *
     * @param instruments the gateway's instruments.
     * @return the streams, to give the gateways and to close after them.
     */
    public JsonMarketData streams(final List<InstrumentSpec> instruments)
    {
        return JsonMarketData.start(feed, instruments);
    }

    /**
     * Prints where each market data service is.
     *
     * @param prefix line prefix, e.g. {@code "dx node: "}.
     * @param out    destination.
     */
    public void describe(final String prefix, final PrintWriter out)
    {
        final FeedServer server = feed.server();
        final FeedServerConfig settings = server.config();
        out.printf(Locale.ROOT, "%smarket data session %s, lines A/B %s%s%n", prefix, server.session(), lines(server),
            openingImage > 0 ? "; opening image of " + openingImage + " messages (recovered book)" : "");
        out.printf(Locale.ROOT, "%smarket data retransmission udp %s, recovery tcp %s, SoupBinTCP tcp %s " +
            "(sessions %s and %s, a snapshot); each TCP server holds %d connections, %d per address%n", prefix,
            hostPort(server.retransmitServer().address()), hostPort(server.recoveryServer().address()),
            hostPort(server.tcpFeedServer().address()), server.session(), settings.snapshotSession(),
            settings.maxConnections(), settings.maxConnectionsPerAddress());
        tls.describe(prefix, out);
        out.flush();
    }

    /**
     * @param name {@link #RECOVERY_EDGE} or {@link #TCP_FEED_EDGE}.
     * @return its TLS listener's port, or -1 when it has none.
     */
    public int tlsPort(final String name)
    {
        return tls.edge(name) == null ? -1 : tls.edge(name).port();
    }

    /**
     * @param name {@link #RECOVERY_EDGE} or {@link #TCP_FEED_EDGE}.
     * @return its TLS listener (its counts), or {@code null} when it has none.
     */
    public TlsTerminator tlsEdge(final String name)
    {
        return tls.edge(name);
    }

    /**
     * Ends the session, stops the TLS listeners and the servers; call it once the node has closed.
     */
    @Override
    public void close()
    {
        tls.close();
        feed.endOfSession();
        feed.close();
    }

    private String lines(final FeedServer server)
    {
        if (server.multicast())
        {
            return "multicast " + hostPort(server.groupA()) + (server.groupB() == null ? "" : " and " +
                hostPort(server.groupB())) + " on " + config.interfaceName();
        }
        final FeedServerConfig settings = server.config();
        if (settings.destinationsA().isEmpty())
        {
            return "unicast from " + settings.bindAddress().getHostAddress() + " to in-process subscribers only " +
                "(market-data.lines.unicast-a and -b name receivers)";
        }
        return "unicast from " + settings.bindAddress().getHostAddress() + ", A to " +
            join(settings.destinationsA()) +
            (settings.destinationsB().isEmpty() ? "" : ", B to " + join(settings.destinationsB()));
    }

    private static String join(final List<InetSocketAddress> addresses)
    {
        return addresses.stream().map(NodeMarketData::hostPort).collect(Collectors.joining(" "));
    }

    private static String hostPort(final InetSocketAddress address)
    {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
