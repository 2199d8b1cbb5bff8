package io.disruptorx.core.net;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;

/**
 * Finds a port base for shards' market data feeds on loopback, laid out as {@code dx shard-host --feed-shard}
 * lays them out: shard i uses {@code base + 10 i + 1} to {@code base + 10 i + 5}.
 */
public final class FeedPortBase
{
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int HIGHEST = 16_000;

    private FeedPortBase()
    {
    }

    /**
     * @param from the lowest base to try, from 10,000; bases go up by 20 from it below 16,000: below the kernel's
     *             ephemeral range (a port found free there can be taken by an outgoing connection before the feed
     *             binds it) and below the cluster test jar's {@code FreePorts} blocks (16,000 up), which a test may
     *             pick after this one, before either is bound.
     * @return a port base whose two shards' feed ports (base + 1 to + 5 and base + 11 to + 15) are free for UDP
     * and TCP on loopback right now.
     * @throws IOException if a probe socket cannot be opened.
     */
    public static int freeForTwoShards(final int from) throws IOException
    {
        for (int base = from; base < HIGHEST; base += 20)
        {
            boolean free = true;
            for (int port = base + 1; port <= base + 15 && free; port++)
            {
                free = port % 10 > 5 || port % 10 == 0 || isFree(port);
            }
            if (free)
            {
                return base;
            }
        }
        throw new IllegalStateException("no free port base on loopback from " + from);
    }

    private static boolean isFree(final int port) throws IOException
    {
        try (DatagramChannel udp = DatagramChannel.open(StandardProtocolFamily.INET);
            ServerSocket tcp = new ServerSocket())
        {
            udp.bind(new InetSocketAddress(LOOPBACK, port));
            tcp.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        }
        catch (final BindException ex)
        {
            return false;
        }
    }
}
