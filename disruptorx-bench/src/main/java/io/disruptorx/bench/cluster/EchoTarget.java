package io.disruptorx.bench.cluster;

import java.nio.ByteOrder;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The echo anchor as a {@link BenchTarget}: a plain Aeron Cluster client sends a message as long as an order
 * command in its cluster frame, carrying its index, and reads the index back from the echo.
 */
final class EchoTarget implements BenchTarget, EgressListener
{
    /** As long as a NewOrder command (header and body) in its 16-byte ingress frame. */
    static final int MESSAGE_LENGTH = 16 + 64;

    private final AeronCluster cluster;
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[MESSAGE_LENGTH]);
    private AnswerListener listener;
    private int delivered;

    EchoTarget(final AeronCluster.Context context)
    {
        this.cluster = AeronCluster.connect(context.egressListener(this));
    }

    @Override
    public boolean send(final long index)
    {
        message.putLong(0, index, ByteOrder.LITTLE_ENDIAN);
        return cluster.offer(message, 0, MESSAGE_LENGTH) > 0;
    }

    @Override
    public int poll(final AnswerListener listener)
    {
        this.listener = listener;
        delivered = 0;
        cluster.pollEgress();
        return delivered;
    }

    @Override
    public void keepAlive()
    {
        cluster.sendKeepAlive();
    }

    @Override
    public void onMessage(
        final long clusterSessionId,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        delivered++;
        listener.onAnswer(buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN), System.nanoTime());
    }

    void close()
    {
        cluster.close();
    }
}
