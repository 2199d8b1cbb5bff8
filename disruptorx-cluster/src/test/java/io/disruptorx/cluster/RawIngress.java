package io.disruptorx.cluster;

import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.disruptorx.cluster.wire.IngressFrame;
import org.agrona.concurrent.UnsafeBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway written frame by frame: a raw Aeron Cluster client that sends the ingress frames a test builds in
 * {@link #out()} and hands every egress message to the test's listener, for protocol tests that must send what a
 * {@code ClusterVenueClient} never would (repeats, gaps, stale incarnations). Its Aeron client records every error
 * Aeron reports (Aeron's default handler would {@code System.exit} the test JVM on a media driver timeout) and the
 * next send or poll fails with the first one.
 */
final class RawIngress implements AutoCloseable
{
    private final UnsafeBuffer out;
    private final AeronCluster client;
    private final Duration wait;
    private final List<Throwable> errors;

    private RawIngress(
        final UnsafeBuffer out, final AeronCluster client, final Duration wait, final List<Throwable> errors)
    {
        this.out = out;
        this.client = client;
        this.wait = wait;
        this.errors = errors;
    }

    /**
     * Connects to a running cluster's leader.
     *
     * @param cluster     whose ingress to use.
     * @param bufferBytes size of the frame buffer.
     * @param wait        longest wait for the cluster to take a frame.
     * @param egress      receives every egress message.
     * @return the connected client.
     */
    static RawIngress connect(
        final TestCluster cluster, final int bufferBytes, final Duration wait, final EgressListener egress)
    {
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final AeronCluster client = AeronCluster.connect(new AeronCluster.Context()
            .errorHandler(errors::add)
            .aeronDirectoryName(cluster.clientAeronDirectory())
            .ingressChannel("aeron:udp")
            .ingressEndpoints(cluster.ingressEndpoints())
            .egressChannel("aeron:udp?endpoint=localhost:0")
            .egressListener(egress));
        return new RawIngress(new UnsafeBuffer(new byte[bufferBytes]), client, wait, errors);
    }

    /**
     * @return the buffer frames are built in (a command goes at {@link IngressFrame#HEADER_LENGTH}).
     */
    UnsafeBuffer out()
    {
        return out;
    }

    /**
     * Says HELLO.
     *
     * @param gatewayId   the gateway.
     * @param incarnation its incarnation.
     * @param nextEvent   the first event sequence it wants.
     * @param flags       what it reads ({@link IngressFrame#EVENTS_BATCHES} or 0).
     */
    void hello(final long gatewayId, final long incarnation, final long nextEvent, final int flags)
    {
        offer(IngressFrame.hello(out, 0, gatewayId, incarnation, nextEvent, 0, null, flags));
    }

    /**
     * Asks for the events from a sequence on.
     *
     * @param from first event sequence wanted.
     */
    void resend(final long from)
    {
        IngressFrame.header(out, 0, IngressFrame.RESEND, from);
        offer(IngressFrame.HEADER_LENGTH);
    }

    /**
     * Sends the command already encoded at {@link IngressFrame#HEADER_LENGTH} of {@link #out()}.
     *
     * @param sequence      the gateway's command sequence.
     * @param commandLength length of the encoded command.
     */
    void command(final long sequence, final int commandLength)
    {
        IngressFrame.header(out, 0, IngressFrame.COMMAND, sequence);
        offer(IngressFrame.HEADER_LENGTH + commandLength);
    }

    /**
     * Sends commands as one BATCH frame.
     *
     * @param first    the first command's sequence.
     * @param commands encoded commands.
     */
    void batch(final long first, final byte[]... commands)
    {
        offer(batchFrame(first, commands));
    }

    /**
     * Builds a BATCH frame in {@link #out()} without sending it.
     *
     * @param first    the first command's sequence.
     * @param commands encoded commands.
     * @return the frame's length.
     */
    int batchFrame(final long first, final byte[]... commands)
    {
        IngressFrame.header(out, 0, IngressFrame.BATCH, first);
        out.putInt(IngressFrame.BATCH_COUNT_OFFSET, commands.length, ByteOrder.LITTLE_ENDIAN);
        out.putInt(IngressFrame.BATCH_COUNT_OFFSET + 4, 0, ByteOrder.LITTLE_ENDIAN);
        int at = IngressFrame.BATCH_COMMANDS_OFFSET;
        for (final byte[] command : commands)
        {
            out.putInt(at, command.length, ByteOrder.LITTLE_ENDIAN);
            out.putBytes(at + IngressFrame.BATCH_LENGTH_PREFIX, command);
            at += IngressFrame.BATCH_LENGTH_PREFIX + command.length;
        }
        return at;
    }

    /**
     * Sends the first {@code length} bytes of {@link #out()}, polling egress while the cluster pushes back.
     *
     * @param length of the frame.
     */
    void offer(final int length)
    {
        final long deadline = System.nanoTime() + wait.toNanos();
        while (client.offer(out, 0, length) < 0)
        {
            assertThat(System.nanoTime()).isLessThan(deadline);
            poll();
            LockSupport.parkNanos(100_000);
        }
    }

    /**
     * @return egress messages delivered to the listener by this poll.
     */
    int poll()
    {
        if (!errors.isEmpty())
        {
            throw new AssertionError("the raw client's Aeron reported " + errors.size() + " errors, the first: " +
                errors.get(0), errors.get(0));
        }
        return client.pollEgress();
    }

    @Override
    public void close()
    {
        client.close();
    }
}
