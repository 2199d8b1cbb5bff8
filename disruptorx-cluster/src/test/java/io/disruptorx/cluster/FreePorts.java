package io.disruptorx.cluster;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.SplittableRandom;

/**
 * Finds a block of consecutive ports free for both UDP and TCP on loopback, for members whose ports every other
 * member must know before any of them starts (the cluster's tests and, through this module's test jar, the node's).
 */
public final class FreePorts
{
    private static final SplittableRandom RANDOM = new SplittableRandom(System.nanoTime());

    private FreePorts()
    {
    }

    /**
     * @param count how many consecutive ports.
     * @return the first port of a free block, a multiple of 16.
     */
    public static synchronized int block(final int count)
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            final int base = 20_000 + RANDOM.nextInt(30_000 / 16) * 16;
            if (allFree(base, count))
            {
                return base;
            }
        }
        throw new IllegalStateException("no block of " + count + " free ports found");
    }

    private static boolean allFree(final int base, final int count)
    {
        final InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int port = base; port < base + count; port++)
        {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port));
                ServerSocket tcp = new ServerSocket())
            {
                tcp.bind(new InetSocketAddress(loopback, port));
            }
            catch (final IOException ex)
            {
                return false;
            }
        }
        return true;
    }
}
