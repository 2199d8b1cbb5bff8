package io.disruptorx.tracing;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.disruptorx.cluster.service.ClusterSpans;
import io.disruptorx.node.embedded.CommandSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The node's {@link CommandSpans} on OpenTelemetry. {@link #onOrder} only copies the order's eight longs into a
 * ring (Agrona's many-to-one ring buffer: no allocation, no lock; a full ring drops the order and counts it); a
 * thread of its own ({@code dx-tracing}) reads the ring and builds the spans with the SDK, at their recorded times:
 * <pre>
 *   client span (traceparent's parent-id; none for a root sample)
 *   └── gateway.receive   receive ─▶ publish      (decode, checks, into the input ring)
 *       ├── journal.durable  publish ─▶ durable   (ring queueing, append, group commit)
 *       ├── engine.applied   durable ─▶ applied   (hand-over to the engine, the apply)
 *       └── report.sent      applied ─▶ sent      (output ring to the report's consumers)
 * </pre>
 * As the cluster host's {@link ClusterSpans} (a traced command applied by the leader's clustered service), the same
 * way with six longs:
 * <pre>
 *   client span (the trace context the gateway offered the command with)
 *   └── cluster.command      logged ─▶ applied      (the leader's log timestamp to the engine's apply done)
 *       ├── cluster.committed  logged ─▶ apply start (replication to a majority, commit, the service's turn)
 *       └── engine.applied     apply start ─▶ applied
 * </pre>
 * Monotonic times are turned into epoch times with one offset taken at construction.
 */
public final class OtelCommandSpans implements CommandSpans, ClusterSpans, AutoCloseable
{
    /** The instrumentation scope the spans are recorded under. */
    public static final String SCOPE = "io.disruptorx.node";

    private static final int ORDER = 1;
    private static final int RECORD_LENGTH = 8 * Long.BYTES;
    private static final int CLUSTER_COMMAND = 2;
    private static final int CLUSTER_RECORD_LENGTH = 6 * Long.BYTES;
    private static final int READ_LIMIT = 256;

    private final ManyToOneRingBuffer ring;
    private final Tracer tracer;
    private final AutoCloseable onClose;
    private final long epochOffsetNanos;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();
    private final MessageHandler reader = this::build;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts the span-building thread.
     *
     * @param provider         where the spans go (an SDK tracer provider with its processors and exporter).
     * @param capacityBytes    ring capacity, a power of two; each order takes 72 bytes.
     * @param onClose          closed after the last span was built (the provider, to flush its exporter), or
     *                         {@code null}.
     */
    public OtelCommandSpans(final TracerProvider provider, final int capacityBytes, final AutoCloseable onClose)
    {
        this.ring = new ManyToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(capacityBytes + RingBufferDescriptor.TRAILER_LENGTH)));
        this.tracer = provider.get(SCOPE);
        this.onClose = onClose;
        final Instant now = Clock.systemUTC().instant();
        this.epochOffsetNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() - System.nanoTime();
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
        final int index = ring.tryClaim(ORDER, RECORD_LENGTH);
        if (index <= 0)
        {
            dropped.incrementAndGet();
            return;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putLong(index, traceIdHigh);
        buffer.putLong(index + 8, traceIdLow);
        buffer.putLong(index + 16, parentSpanId);
        buffer.putLong(index + 24, receiveNanos);
        buffer.putLong(index + 32, publishNanos);
        buffer.putLong(index + 40, durableNanos);
        buffer.putLong(index + 48, appliedNanos);
        buffer.putLong(index + 56, sentNanos);
        ring.commit(index);
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
        final int index = ring.tryClaim(CLUSTER_COMMAND, CLUSTER_RECORD_LENGTH);
        if (index <= 0)
        {
            dropped.incrementAndGet();
            return;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putLong(index, traceIdHigh);
        buffer.putLong(index + 8, traceIdLow);
        buffer.putLong(index + 16, parentSpanId);
        buffer.putLong(index + 24, loggedEpochNanos);
        buffer.putLong(index + 32, applyStartNanos);
        buffer.putLong(index + 40, applyEndNanos);
        ring.commit(index);
    }

    /**
     * @return orders whose spans were built.
     */
    public long recorded()
    {
        return recorded.get();
    }

    /**
     * @return orders dropped because the ring was full.
     */
    public long dropped()
    {
        return dropped.get();
    }

    /**
     * Builds the spans of every order already handed over, stops the thread and closes {@code onClose}.
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
        if (type == CLUSTER_COMMAND)
        {
            buildClusterCommand(buffer, index);
            return;
        }
        final long traceIdHigh = buffer.getLong(index);
        final long traceIdLow = buffer.getLong(index + 8);
        final long parentSpanId = buffer.getLong(index + 16);
        final long receive = buffer.getLong(index + 24);
        final long publish = buffer.getLong(index + 32);
        final long durable = buffer.getLong(index + 40);
        final long applied = buffer.getLong(index + 48);
        final long sent = buffer.getLong(index + 56);
        final Context parent = traceIdHigh == 0 && traceIdLow == 0 ? Context.root() : Context.root().with(
            Span.wrap(SpanContext.createFromRemoteParent(TraceId.fromLongs(traceIdHigh, traceIdLow),
            SpanId.fromLong(parentSpanId), TraceFlags.getSampled(), TraceState.getDefault())));
        final Span gateway = tracer.spanBuilder("gateway.receive")
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setStartTimestamp(epoch(receive), TimeUnit.NANOSECONDS)
            .startSpan();
        gateway.end(epoch(publish), TimeUnit.NANOSECONDS);
        final Context inGateway = parent.with(gateway);
        stage("journal.durable", inGateway, publish, durable);
        stage("engine.applied", inGateway, durable, applied);
        stage("report.sent", inGateway, applied, sent);
        recorded.incrementAndGet();
    }

    private void buildClusterCommand(final MutableDirectBuffer buffer, final int index)
    {
        final Context parent = Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(
            TraceId.fromLongs(buffer.getLong(index), buffer.getLong(index + 8)),
            SpanId.fromLong(buffer.getLong(index + 16)), TraceFlags.getSampled(), TraceState.getDefault())));
        final long applyStart = epoch(buffer.getLong(index + 32));
        final long applied = Math.max(applyStart, epoch(buffer.getLong(index + 40)));
        final long logged = Math.min(buffer.getLong(index + 24), applyStart);
        final Span command = tracer.spanBuilder("cluster.command")
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setStartTimestamp(logged, TimeUnit.NANOSECONDS)
            .startSpan();
        final Context inCommand = parent.with(command);
        epochStage("cluster.committed", inCommand, logged, applyStart);
        epochStage("engine.applied", inCommand, applyStart, applied);
        command.end(applied, TimeUnit.NANOSECONDS);
        recorded.incrementAndGet();
    }

    private void epochStage(final String name, final Context parent, final long startEpoch, final long endEpoch)
    {
        tracer.spanBuilder(name)
            .setParent(parent)
            .setSpanKind(SpanKind.INTERNAL)
            .setStartTimestamp(startEpoch, TimeUnit.NANOSECONDS)
            .startSpan()
            .end(endEpoch, TimeUnit.NANOSECONDS);
    }

    private void stage(final String name, final Context parent, final long start, final long end)
    {
        tracer.spanBuilder(name)
            .setParent(parent)
            .setSpanKind(SpanKind.INTERNAL)
            .setStartTimestamp(epoch(start), TimeUnit.NANOSECONDS)
            .startSpan()
            .end(epoch(Math.max(start, end)), TimeUnit.NANOSECONDS);
    }

    private long epoch(final long nanoTime)
    {
        return nanoTime + epochOffsetNanos;
    }
}
