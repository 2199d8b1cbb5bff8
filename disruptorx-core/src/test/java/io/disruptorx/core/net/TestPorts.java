package io.disruptorx.core.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one place tests get fixed TCP and UDP ports from: single ports and blocks of consecutive ports that a test
 * writes into a configuration, or hands to a child process, before anything binds them.
 * <p>
 * The ports lie below the kernel's ephemeral range ({@code /proc/sys/net/ipv4/ip_local_port_range}): a port there
 * is never given to an outgoing connection's local end, so a port found free stays free until the test binds it.
 * Within one JVM no port is handed out twice. Each JVM starts at its own place in the range, derived from its pid,
 * and goes up from there, so test JVMs that run one after another (and their child processes) start away from the
 * ports the previous ones used. Before handing a port out it binds it, without {@code SO_REUSEADDR}, for TCP and
 * UDP, on the wildcard address and on 127.0.0.1: stricter than the code under test (its TCP listeners set
 * {@code SO_REUSEADDR}, its UDP sockets do not), it fails while any socket of any process, a listener, an open
 * connection or one in TIME_WAIT, still holds the port, so it passes only where every such bind succeeds.
 * <p>
 * It does not reserve anything: another process that picks fixed ports in the same range on its own can still take
 * one before the test binds it.
 */
public final class TestPorts
{
    /**
     * The lowest port handed out; ports below it are left to services a machine commonly runs.
     */
    public static final int LOWEST = 10_000;

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int FALLBACK_END = 32_768;
    private static final int HIGHEST_PORT = 65_535;
    private static final int SMALLEST_RANGE = 4_096;
    private static final long PID_SPREAD = 0x9E3779B97F4A7C15L;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int[] RANGE = range(readEphemeralRange());
    private static final int START = startOffset(ProcessHandle.current().pid(), RANGE[1] - RANGE[0]);

    private static int used;

    private TestPorts()
    {
    }

    /**
     * @return a port free for TCP and UDP, handed out by no earlier call in this JVM.
     * @throws IllegalStateException if this JVM has gone through the whole range.
     */
    public static int port()
    {
        return block(1);
    }

    /**
     * @param count how many consecutive ports, 1 or more.
     * @return the first of {@code count} consecutive ports, each free for TCP and UDP and handed out by no earlier
     * call in this JVM.
     * @throws IllegalArgumentException if count is below 1 or larger than a tenth of the range.
     * @throws IllegalStateException    if this JVM has gone through the whole range.
     */
    public static synchronized int block(final int count)
    {
        final int size = RANGE[1] - RANGE[0];
        if (count < 1 || count > size / 10)
        {
            throw new IllegalArgumentException("a block of 1 to " + size / 10 + " ports, not " + count);
        }
        while (true)
        {
            int offset = (START + used) % size;
            if (offset + count > size)
            {
                used += size - offset;
                offset = 0;
            }
            if (used + count > size)
            {
                throw new IllegalStateException("this JVM has handed out or skipped every port in [" + RANGE[0] +
                    ", " + RANGE[1] + ")");
            }
            final int base = RANGE[0] + offset;
            final int busy = firstBusy(base, count);
            used += busy < 0 ? count : busy - base + 1;
            if (busy < 0)
            {
                return base;
            }
        }
    }

    /**
     * @return the lowest port this JVM hands out.
     */
    public static int lowest()
    {
        return RANGE[0];
    }

    /**
     * @return one above the highest port this JVM hands out: the ephemeral range's low end where the machine's range
     * leaves room below it.
     */
    public static int end()
    {
        return RANGE[1];
    }

    /**
     * @param ephemeralRange the text of {@code ip_local_port_range} ("low high"), or null where it cannot be read.
     * @return [lowest, end) of the ports to hand out: from {@link #LOWEST} up to the ephemeral range's low end where
     * that leaves at least 4,096 ports; otherwise above the ephemeral range where that leaves as many; otherwise, as
     * where the range cannot be read, from {@link #LOWEST} up to 32,768, below the ephemeral range of Linux's
     * default and of most other systems.
     */
    static int[] range(final String ephemeralRange)
    {
        final int[] fallback = {LOWEST, FALLBACK_END};
        if (ephemeralRange == null)
        {
            return fallback;
        }
        final String[] parts = ephemeralRange.trim().split("\\s+");
        try
        {
            final int low = Integer.parseInt(parts[0]);
            final int high = Integer.parseInt(parts[parts.length - 1]);
            if (low - LOWEST >= SMALLEST_RANGE)
            {
                return new int[]{LOWEST, Math.min(low, HIGHEST_PORT + 1)};
            }
            if (HIGHEST_PORT - high >= SMALLEST_RANGE)
            {
                return new int[]{Math.max(high + 1, LOWEST), HIGHEST_PORT + 1};
            }
            return fallback;
        }
        catch (final NumberFormatException ex)
        {
            return fallback;
        }
    }

    /**
     * @return where in a range of {@code size} ports a JVM of this pid starts, a multiple of 16: the fraction of
     * the range is pid times the golden ratio, modulo 1 (Fibonacci hashing), so pids that follow one another land
     * far apart.
     */
    static int startOffset(final long pid, final int size)
    {
        final long fraction = (pid * PID_SPREAD) >>> 32;
        return (int)((fraction * (size / 16)) >>> 32) * 16;
    }

    /**
     * Reads the file line by line: {@code Files.readString} starts from the size the file reports, 0 for a
     * {@code /proc/sys} file, and on this JDK 17 returns "3" out of "32768 60999".
     */
    private static String readEphemeralRange()
    {
        try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE))
        {
            return reader.readLine();
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }

    private static int firstBusy(final int base, final int count)
    {
        for (int port = base; port < base + count; port++)
        {
            if (!isFree(port))
            {
                return port;
            }
        }
        return -1;
    }

    /**
     * @return whether TCP and UDP binds of the port, without SO_REUSEADDR, succeed on the wildcard address (dual
     * stack where the JVM has IPv6) and on 127.0.0.1.
     */
    static boolean isFree(final int port)
    {
        return bindsTcp(new InetSocketAddress(port)) && bindsTcp(new InetSocketAddress(LOOPBACK, port)) &&
            bindsUdp(null, new InetSocketAddress(port)) &&
            bindsUdp(StandardProtocolFamily.INET, new InetSocketAddress(LOOPBACK, port));
    }

    private static boolean bindsTcp(final InetSocketAddress address)
    {
        try (ServerSocket socket = new ServerSocket())
        {
            socket.setReuseAddress(false);
            socket.bind(address, 1);
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static boolean bindsUdp(final StandardProtocolFamily family, final InetSocketAddress address)
    {
        try (DatagramChannel channel = family == null ? DatagramChannel.open() : DatagramChannel.open(family))
        {
            channel.bind(address);
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
