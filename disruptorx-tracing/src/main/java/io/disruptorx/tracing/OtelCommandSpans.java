package io.disruptorx.tracing;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.disruptorx.cluster.client.GatewaySpans;
import io.disruptorx.cluster.service.ClusterSpans;
import io.disruptorx.node.embedded.CommandSpans;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The node's {@link CommandSpans}, the cluster host's {@link ClusterSpans} and a cluster gateway's
 * {@link GatewaySpans} on OpenTelemetry. Each call only copies its timeline's longs into a ring (Agrona's
 * many-to-one ring buffer: no allocation, no lock; a full ring drops the timeline and counts it); a thread of its
 * own ({@code dx-tracing}) reads the ring and builds the spans with the SDK ({@link SpanTimelines}), at their
 * recorded times. An embedded node's order:
 * <pre>
 *   client span (traceparent's parent-id; none for a root sample)
 *   └── gateway.receive   receive ─▶ publish      (decode, checks, into the input ring)
 *       ├── journal.durable  publish ─▶ durable   (ring queueing, append, group commit)
 *       ├── engine.applied   durable ─▶ applied   (hand-over to the engine, the apply)
 *       └── report.sent      applied ─▶ sent      (output ring to the report's consumers)
 * </pre>
 * An order through a cluster: the gateway's spans ({@code dx cluster-gateway}) and the leader's
 * ({@code dx cluster-node}), linked by the gateway span's id, which the command carried to the leader:
 * <pre>
 *   client span (the request's trace context; none when the gateway started the trace)
 *   └── gateway.receive        receive ─▶ offer        (gateway: decode, checks, into the cluster client)
 *       ├── cluster.command    logged ─▶ applied       (leader: its log timestamp to the engine's apply done)
 *       │   ├── cluster.committed  logged ─▶ apply start (replication to a majority, commit, the service's turn)
 *       │   └── engine.applied     apply start ─▶ applied
 *       └── report.sent        answer ─▶ delivered     (gateway: the acknowledging egress frame handed over)
 * </pre>
 * The gateway span gets the id the gateway chose only from a provider built here ({@link
 * #OtelCommandSpans(SdkTracerProviderBuilder, int)}, with {@link PresetIds}); with a provider built elsewhere a
 * gateway's timelines are dropped and counted.
 */
public final class OtelCommandSpans implements CommandSpans, ClusterSpans, GatewaySpans, AutoCloseable
{
    /** The instrumentation scope the spans are recorded under. */
    public static final String SCOPE = "io.disruptorx.node";

    private static final int ORDER = 1;
    private static final int CLUSTER_COMMAND = 2;
    private static final int GATEWAY_COMMAND = 3;
    private static final int RECORD_LENGTH = 8 * Long.BYTES;
    private static final int READ_LIMIT = 256;

    private final ManyToOneRingBuffer ring;
    private final SpanTimelines timelines;
    private final AutoCloseable onClose;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final MessageHandler reader = this::build;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Builds the tracer provider with this class's id generator (so that a cluster gateway's spans carry the ids
     * it sent) and starts the span-building thread; {@link #close} closes the provider.
     *
     * @param provider      the provider's settings (its processors and exporter, its resource).
     * @param capacityBytes ring capacity, a power of two; each timeline takes 72 bytes.
     */
    public OtelCommandSpans(final SdkTracerProviderBuilder provider, final int capacityBytes)
    {
        this(provider, new PresetIds(), capacityBytes);
    }

    /**
     * Starts the span-building thread over a provider built elsewhere: a cluster gateway's timelines are then
     * dropped (the provider would give the gateway span an id of its own, breaking the trace).
     *
     * @param provider      where the spans go (an SDK tracer provider with its processors and exporter).
     * @param capacityBytes ring capacity, a power of two; each timeline takes 72 bytes.
     * @param onClose       closed after the last span was built (the provider, to flush its exporter), or
     *                      {@code null}.
     */
    public OtelCommandSpans(final TracerProvider provider, final int capacityBytes, final AutoCloseable onClose)
    {
        this(provider, null, capacityBytes, onClose);
    }

    private OtelCommandSpans(final SdkTracerProviderBuilder builder, final PresetIds ids, final int capacityBytes)
    {
        this(builder.setIdGenerator(ids).build(), ids, capacityBytes);
    }

    private OtelCommandSpans(final SdkTracerProvider provider, final PresetIds ids, final int capacityBytes)
    {
        this(provider, ids, capacityBytes, provider);
    }

    private OtelCommandSpans(
        final TracerProvider provider, final PresetIds ids, final int capacityBytes, final AutoCloseable onClose)
    {
        this.ring = new ManyToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(capacityBytes + RingBufferDescriptor.TRAILER_LENGTH)));
        this.onClose = onClose;
        final Instant now = Clock.systemUTC().instant();
        this.timelines = new SpanTimelines(provider.get(SCOPE), ids,
            now.getEpochSecond() * 1_000_000_000L + now.getNano() - System.nanoTime());
        this.thread = new Thread(this::run, "dx-tracing");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void onOrder(
        final long traceIdHigh,
        final long traceIdLow,
        final long parentSpanId,
        final long receiveNanos,
        final long publishNanos,
        final long durableNanos,
        final long appliedNanos,
        final long sentNanos)
    {
        put(ORDER, traceIdHigh, traceIdLow, parentSpanId, receiveNanos, publishNanos, durableNanos, appliedNanos,
            sentNanos);
    }

    @Override
    public void onApplied(
        final long traceIdHigh,
        final long traceIdLow,
        final long parentSpanId,
        final long loggedEpochNanos,
        final long applyStartNanos,
        final long applyEndNanos)
    {
        put(CLUSTER_COMMAND, traceIdHigh, traceIdLow, parentSpanId, loggedEpochNanos, applyStartNanos, applyEndNanos,
            0, 0);
    }

    @Override
    public void onAnswered(
        final long traceIdHigh,
        final long traceIdLow,
        final long parentSpanId,
        final long gatewaySpanId,
        final long receiveNanos,
        final long offerNanos,
        final long answerNanos,
        final long deliveredNanos)
    {
        put(GATEWAY_COMMAND, traceIdHigh, traceIdLow, parentSpanId, gatewaySpanId, receiveNanos, offerNanos,
            answerNanos, deliveredNanos);
    }

    /**
     * @return timelines whose spans were built.
     */
    public long recorded()
    {
        return recorded.get();
    }

    /**
     * @return timelines dropped because the ring was full (or a gateway's, over a provider built elsewhere).
     */
    public long dropped()
    {
        return dropped.get();
    }

    /**
     * @return timelines whose spans could not be built because the SDK (a processor or exporter) threw; the
     *         thread goes on with the next timeline.
     */
    public long failed()
    {
        return failed.get();
    }

    /**
     * Builds the spans of every timeline already handed over, stops the thread and closes the provider.
     */
    @Override
    public void close()
    {
        running = false;
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            if (onClose != null)
            {
                onClose.close();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("closing the tracer provider failed", ex);
        }
    }

    private void put(
        final int type, final long v0, final long v1, final long v2, final long v3, final long v4, final long v5,
        final long v6, final long v7)
    {
        final int index = ring.tryClaim(type, RECORD_LENGTH);
        if (index <= 0)
        {
            dropped.incrementAndGet();
            return;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putLong(index, v0);
        buffer.putLong(index + 8, v1);
        buffer.putLong(index + 16, v2);
        buffer.putLong(index + 24, v3);
        buffer.putLong(index + 32, v4);
        buffer.putLong(index + 40, v5);
        buffer.putLong(index + 48, v6);
        buffer.putLong(index + 56, v7);
        ring.commit(index);
    }

    private void run()
    {
        final IdleStrategy idle = new BackoffIdleStrategy(1, 1, TimeUnit.MICROSECONDS.toNanos(100),
            TimeUnit.MILLISECONDS.toNanos(1));
        while (running)
        {
            idle.idle(ring.read(reader, READ_LIMIT));
        }
        while (ring.read(reader, READ_LIMIT) > 0)
        {
            idle.reset();
        }
    }

    private void build(final int type, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final boolean built;
        try
        {
            switch (type)
            {
                case CLUSTER_COMMAND:
                    timelines.clusterCommand(buffer, index);
                    built = true;
                    break;

                case GATEWAY_COMMAND:
                    built = timelines.gatewayCommand(buffer, index);
                    break;

                default:
                    timelines.order(buffer, index);
                    built = true;
                    break;
            }
        }
        catch (final RuntimeException ex)
        {
            failed.incrementAndGet();
            return;
        }
        (built ? recorded : dropped).incrementAndGet();
    }
}
