package io.disruptorx.core.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slow-loris client on a real loopback socket: it writes a request one byte at a time, looking for the end of
 * stream after each byte, and asserts that the server closes the connection without answering.
 */
public final class SlowLoris
{
    private static final int POLL_MS = 50;
    private static final int CLOSE_WAIT_MS = 10_000;

    private SlowLoris()
    {
    }

    /**
     * Connects, trickles {@code count} bytes of {@code request} and waits (up to 10 s after the last byte) for the
     * server to close the connection; fails if the server answers anything.
     *
     * @param address the server.
     * @param request the bytes to trickle.
     * @param count how many of them to write at most (fewer when the server closes first).
     * @return nanoseconds from before the connect to the close.
     * @throws IOException when the connection cannot be opened.
     */
    public static long trickleUntilClosed(final InetSocketAddress address, final byte[] request, final int count)
        throws IOException
    {
        final long started = System.nanoTime();
        try (Socket loris = new Socket(address.getAddress(), address.getPort()))
        {
            loris.setSoTimeout(POLL_MS);
            final OutputStream out = loris.getOutputStream();
            final InputStream in = loris.getInputStream();
            boolean closed = false;
            for (int written = 0; !closed && written < count; written++)
            {
                try
                {
                    out.write(request[written]);
                    out.flush();
                    closed = in.read() < 0;
                }
                catch (final SocketTimeoutException ex)
                {
                    closed = false;
                }
                catch (final IOException ex)
                {
                    closed = true;
                }
            }
            if (!closed)
            {
                loris.setSoTimeout(CLOSE_WAIT_MS);
                assertThat(in.read()).as("closed without an answer").isEqualTo(-1);
            }
        }
        return System.nanoTime() - started;
    }
}
