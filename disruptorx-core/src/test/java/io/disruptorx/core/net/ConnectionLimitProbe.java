package io.disruptorx.core.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Probes an edge configured for 3 connections in all and 2 per source address with real sockets on loopback from
 * 127.0.0.1 to 127.0.0.3: the third from one address and the fourth in all are closed by the edge (end of stream)
 * and counted, the held ones stay open (no end of stream within {@value #HELD_MS} ms), and a freed slot is taken
 * again. The edge must send nothing first on a new connection and keep a silent one for a few seconds.
 */
public final class ConnectionLimitProbe
{
    /** The edge's limit in all. */
    public static final int TOTAL = 3;
    /** The edge's limit per source address. */
    public static final int PER_ADDRESS = 2;
    private static final int HELD_MS = 300;

    private ConnectionLimitProbe()
    {
    }

    /**
     * @param address the edge.
     * @param refused the edge's count of connections refused at accept, 0 before the probe.
     * @throws IOException when a connection cannot be opened.
     */
    public static void assertLimits(final InetSocketAddress address, final LongSupplier refused) throws IOException
    {
        final List<Socket> held = new ArrayList<>();
        try
        {
            held.add(connect(address, "127.0.0.1"));
            held.add(connect(address, "127.0.0.1"));
            assertHeld(held);
            try (Socket third = connect(address, "127.0.0.1"))
            {
                assertThat(closedByServer(third)).as("a third connection from 127.0.0.1").isTrue();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> refused.getAsLong() == 1);
            held.add(connect(address, "127.0.0.2"));
            assertHeld(held);
            try (Socket fourth = connect(address, "127.0.0.3"))
            {
                assertThat(closedByServer(fourth)).as("a fourth connection in all").isTrue();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> refused.getAsLong() == 2);
            held.remove(0).close();
            await("the freed slot taken again").atMost(Duration.ofSeconds(10)).until(() ->
            {
                try (Socket again = connect(address, "127.0.0.1"))
                {
                    return !closedByServer(again);
                }
            });
            assertThat(refused.getAsLong()).as("refused while the closed one was still held").isBetween(2L, 100L);
        }
        finally
        {
            for (final Socket socket : held)
            {
                socket.close();
            }
        }
    }

    private static void assertHeld(final List<Socket> held) throws IOException
    {
        for (final Socket socket : held)
        {
            assertThat(closedByServer(socket)).as("a connection within the limits").isFalse();
        }
    }

    private static Socket connect(final InetSocketAddress address, final String from) throws IOException
    {
        final Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(address, 5_000);
        socket.setSoTimeout(HELD_MS);
        return socket;
    }

    /**
     * @return whether the edge closed the connection (end of stream or reset) rather than holding it silently.
     */
    private static boolean closedByServer(final Socket socket) throws IOException
    {
        try
        {
            return socket.getInputStream().read() < 0;
        }
        catch (final SocketTimeoutException ex)
        {
            return false;
        }
        catch (final SocketException ex)
        {
            return true;
        }
    }
}
