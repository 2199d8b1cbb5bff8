package io.disruptorx.marketdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Drives a market data TCP server (its duty cycle, on a clock of the fuzzing thread's) with one client byte stream
 * per input, on a real loopback connection of its own: the client writes the bytes and closes its side, the server
 * is run until it has accepted the connection and closed it (it reads to the end, or closes on a bad frame), and the
 * client reads whatever was answered. Each connection must be accepted once and closed within a bounded number of
 * duty cycles (no hang), and the server must never throw.
 */
final class TcpServerFuzzHarness
{
    private static final int MAX_CYCLES = 100_000;

    private final IntSupplier dutyCycle;
    private final InetSocketAddress address;
    private final LongSupplier accepted;
    private final LongSupplier open;
    private final ByteBuffer answers = ByteBuffer.allocateDirect(1 << 20);

    /**
     * @param dutyCycle the server's duty cycle, run by no other thread.
     * @param address   where it listens.
     * @param accepted  its count of connections accepted.
     * @param open      its count of connections held now.
     */
    TcpServerFuzzHarness(
        final IntSupplier dutyCycle, final InetSocketAddress address, final LongSupplier accepted,
        final LongSupplier open)
    {
        this.dutyCycle = dutyCycle;
        this.address = address;
        this.accepted = accepted;
        this.open = open;
    }

    void stream(final byte[] input)
    {
        final long acceptedBefore = accepted.getAsLong();
        try (SocketChannel client = SocketChannel.open(address))
        {
            client.configureBlocking(false);
            final ByteBuffer bytes = ByteBuffer.wrap(input);
            boolean outputClosed = false;
            int cycles = 0;
            while (accepted.getAsLong() == acceptedBefore || open.getAsLong() != 0)
            {
                if (cycles++ == MAX_CYCLES)
                {
                    throw new IllegalStateException("a stream of " + input.length + " bytes: the server " +
                        (accepted.getAsLong() == acceptedBefore ? "never accepted it" : "never closed it") +
                        " in " + MAX_CYCLES + " duty cycles");
                }
                outputClosed = write(client, bytes, outputClosed);
                dutyCycle.getAsInt();
                drain(client);
            }
            if (accepted.getAsLong() != acceptedBefore + 1)
            {
                throw new IllegalStateException("one connection accepted " +
                    (accepted.getAsLong() - acceptedBefore) + " times");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static boolean write(final SocketChannel client, final ByteBuffer bytes, final boolean outputClosed)
    {
        if (outputClosed)
        {
            return true;
        }
        try
        {
            client.write(bytes);
            if (!bytes.hasRemaining())
            {
                client.shutdownOutput();
                return true;
            }
            return false;
        }
        catch (final IOException ex)
        {
            // the server closed the connection (a bad frame) before it took every byte
            return true;
        }
    }

    private void drain(final SocketChannel client)
    {
        try
        {
            answers.clear();
            while (client.read(answers) > 0)
            {
                answers.clear();
            }
        }
        catch (final IOException ex)
        {
            // reset by the server after a bad frame: nothing more to read
        }
    }
}
