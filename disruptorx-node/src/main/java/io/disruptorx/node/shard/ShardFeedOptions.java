package io.disruptorx.node.shard;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.disruptorx.core.config.ConfigLoader;
import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.feed.MarketDataConfig;
import io.disruptorx.node.venue.NodeMarketData;
import picocli.CommandLine.Option;

/**
 * The market data feed options of {@code dx shard-host}: the shard publishes its own feed session, with the same
 * services as {@code dx node} ({@link NodeMarketData}: MoldUDP64 lines A and B, retransmission, recovery and
 * SoupBinTCP feed servers, the recovered book as the opening image), configured by the same {@code market-data} keys
 * ({@link MarketDataConfig}). No option: no feed.
 *
 * <p>{@code --feed-shard I} applies the shards' convention: session {@code DXSHARD-I} and, from base
 * {@code B = --feed-port-base + 10 * I}, unicast lines to 127.0.0.1:{@code B+1} (A) and {@code B+2} (B),
 * retransmission on {@code B+3}, recovery on {@code B+4} and the SoupBinTCP feed on {@code B+5}
 * ({@code dx md-client --shards N --session DXSHARD --port-base 31100} follows such shards). Port base 0: any free
 * ports and no unicast destination. {@code --market-data FILE} reads the {@code market-data} section of a HOCON file
 * (a {@code dx node} file will do: only that section is read); with {@code --feed-shard} too, the convention's
 * session and ports win over the file's, and its unicast lines are used only when the file names no multicast group.
 */
public final class ShardFeedOptions
{
    /** The convention's session name prefix. */
    public static final String SESSION_PREFIX = "DXSHARD";
    /** The convention's default port base. */
    public static final int DEFAULT_PORT_BASE = 31_100;
    /** Ports each shard takes from the base. */
    public static final int PORTS_PER_SHARD = 10;

    private static final int MAX_SHARD = 99;

    @Option(names = "--market-data", paramLabel = "FILE",
        description = "Publish this shard's market data feed as the file's market-data section says (the keys of " +
            "dx node's; docs/marketdata.md). Default: no feed.")
    private Path file;

    @Option(names = "--feed-shard", paramLabel = "INDEX",
        description = "Publish this shard's feed by the shards' convention: session DXSHARD-INDEX, unicast lines to " +
            "127.0.0.1 port BASE+1 and +2, retransmission BASE+3, recovery BASE+4, SoupBinTCP feed BASE+5, where " +
            "BASE = --feed-port-base + 10*INDEX (docs/scaling.md).")
    private Integer shard;

    @Option(names = "--feed-port-base", paramLabel = "PORT", defaultValue = "31100",
        description = "The convention's port base (default ${DEFAULT-VALUE}; 0: any free ports, no unicast line).")
    private int portBase;

    /**
     * @return the feed's settings, or {@code null} when no feed option was given.
     * @throws ConfigValidationException listing every invalid key.
     * @throws IllegalArgumentException  when the shard index or the port base is out of range.
     */
    public MarketDataConfig config()
    {
        if (shard != null && shard < 0)
        {
            throw new IllegalArgumentException("--feed-shard must be 0.." + MAX_SHARD + ", was " + shard);
        }
        return config(file, shard == null ? -1 : shard, portBase);
    }

    /**
     * @param file     a HOCON file with a {@code market-data} section, or {@code null}.
     * @param shard    the convention's shard index (0 to 99), or -1 for none.
     * @param portBase the convention's port base (0: any free ports).
     * @return the feed's settings, or {@code null} when neither a file nor a shard index is given.
     * @throws ConfigValidationException listing every invalid key.
     * @throws IllegalArgumentException  when the shard index or the port base is out of range, or the file has no
     *                                   {@code market-data} section and no shard index is given.
     */
    public static MarketDataConfig config(final Path file, final int shard, final int portBase)
    {
        if (file == null && shard < 0)
        {
            return null;
        }
        final Config given = file == null ? ConfigFactory.empty() : new ConfigLoader().parse(file);
        if (shard < 0)
        {
            if (!given.hasPath(MarketDataConfig.SECTION))
            {
                throw new IllegalArgumentException(file + " has no " + MarketDataConfig.SECTION + " section");
            }
            return MarketDataConfig.bind(given, file.toString());
        }
        if (shard > MAX_SHARD || portBase < 0 || portBase > 0 && base(shard, portBase) + 5 > 65_535)
        {
            throw new IllegalArgumentException("--feed-shard must be 0.." + MAX_SHARD + " and --feed-port-base 0 " +
                "or a port with --feed-port-base + 10 * shard + 5 at most 65535");
        }
        final String section = MarketDataConfig.SECTION;
        final Map<String, Object> convention = new HashMap<>();
        convention.put(section + ".session", SESSION_PREFIX + "-" + shard);
        if (portBase > 0)
        {
            final int base = base(shard, portBase);
            convention.put(section + ".retransmission-port", base + 3);
            convention.put(section + ".recovery-port", base + 4);
            convention.put(section + ".tcp-feed-port", base + 5);
            if (!given.hasPath(section + ".lines.multicast-a") ||
                given.getString(section + ".lines.multicast-a").isBlank())
            {
                convention.put(section + ".lines.unicast-a", List.of("127.0.0.1:" + (base + 1)));
                convention.put(section + ".lines.unicast-b", List.of("127.0.0.1:" + (base + 2)));
            }
        }
        return MarketDataConfig.bind(ConfigFactory.parseMap(convention, "--feed-shard " + shard).withFallback(given),
            file == null ? "--feed-shard" : file.toString());
    }

    /**
     * Starts a shard's node publishing to its feed, and opens the feed (the recovered book as the opening image,
     * the feed's metrics) before anything else can send the node a command.
     *
     * @param config the node's settings.
     * @param feed   the shard's feed, started, or {@code null} for none.
     * @return the node.
     */
    public static EmbeddedNode startNode(final NodeConfig config, final NodeMarketData feed)
    {
        final EmbeddedNode node = EmbeddedNode.start(config, feed == null ? null : feed.sink(), null);
        if (feed != null)
        {
            try
            {
                feed.open(node);
            }
            catch (final RuntimeException ex)
            {
                node.close();
                throw ex;
            }
        }
        return node;
    }

    private static int base(final int shard, final int portBase)
    {
        return portBase + PORTS_PER_SHARD * shard;
    }
}
