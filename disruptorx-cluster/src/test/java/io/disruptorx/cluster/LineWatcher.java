package io.disruptorx.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Listens to one feed line on a thread of its own and remembers when each MoldUDP64 packet arrived and the
 * sequence it starts at.
 */
final class LineWatcher implements AutoCloseable
{
    private static final int SEQUENCE_OFFSET = 10;

    private final DatagramChannel channel;
    private final Queue<long[]> packets = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    LineWatcher(final InetSocketAddress address)
    {
        try
        {
            channel = DatagramChannel.open(StandardProtocolFamily.INET);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
            channel.bind(address);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        thread = new Thread(this::run, "line-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @param nanos a moment.
     * @return the lowest sequence of the packets that arrived after it, Long.MAX_VALUE when none did.
     */
    long firstSequenceAfter(final long nanos)
    {
        long lowest = Long.MAX_VALUE;
        for (final long[] packet : packets)
        {
            if (packet[0] > nanos)
            {
                lowest = Math.min(lowest, packet[1]);
            }
        }
        return lowest;
    }

    private void run()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(2048).order(ByteOrder.BIG_ENDIAN);
        while (running)
        {
            buffer.clear();
            try
            {
                if (channel.receive(buffer) != null && buffer.position() >= 20)
                {
                    packets.add(new long[]{System.nanoTime(), buffer.getLong(SEQUENCE_OFFSET)});
                }
            }
            catch (final IOException ex)
            {
                return;
            }
        }
    }

    @Override
    public void close()
    {
        running = false;
        try
        {
            channel.close();
            thread.join(1_000);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
