package io.disruptorx.cluster;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Finds a block of consecutive ports free for both UDP and TCP on loopback, for members whose ports every other
 * member must know before any of them starts (the cluster's tests and, through this module's test jar, the node's).
 * The blocks lie below the kernel's ephemeral range ({@code /proc/sys/net/ipv4/ip_local_port_range}, 32768-60999 by
 * default): a port found free there can be taken, before a member binds it, by any outgoing connection's local port
 * Ports 10,000-15,999 are left to {@code FeedPortBase} (core test jar), whose feeds a test picks before its members.
 */
public final class FreePorts
{
    private static final SplittableRandom RANDOM = new SplittableRandom(System.nanoTime());
    private static final int LOWEST = 16_000;
    private static final int LOWEST_EPHEMERAL = 16_384;
    private static final int DEFAULT_EPHEMERAL_LOW = 32_768;
    private static final int EPHEMERAL_LOW = ephemeralLow();

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
            final int base = LOWEST + RANDOM.nextInt((EPHEMERAL_LOW - LOWEST - count) / 16) * 16;
            if (allFree(base, count))
            {
                return base;
            }
        }
        throw new IllegalStateException("no block of " + count + " free ports found");
    }

    /**
     * @return the lowest port the kernel gives outgoing connections (32768 when it cannot be read).
     */
    public static int ephemeralLow()
    {
        try
        {
            final String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Math.max(LOWEST_EPHEMERAL, Integer.parseInt(range.split("\\s+")[0]));
        }
        catch (final IOException | RuntimeException ex)
        {
            return DEFAULT_EPHEMERAL_LOW;
        }
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
