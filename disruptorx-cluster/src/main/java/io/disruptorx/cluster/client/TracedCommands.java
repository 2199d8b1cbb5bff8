package io.disruptorx.cluster.client;

import java.nio.ByteOrder;

import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.NewOrderDecoder;
import io.disruptorx.protocol.venue.TraceContext;
import org.agrona.DirectBuffer;

/**
 * A cluster client's traced commands, for the gateway's own spans ({@link GatewaySpans}). Off ({@link #OFF}), a
 * command with a sampled trace context travels as a TRACED frame with the caller's span as its parent and nothing
 * is timed. On, a command is traced when its context is sampled or, without one, when it is a new order and the
 * {@code rootSampleEvery}-th since the last root sample (a counter, not a random draw); the client then gives it a
 * span id of its own (the gateway span, sent as the TRACED frame's parent so the leader's spans hang under it),
 * notes when it was taken, and when the first egress frame acknowledging it has been delivered hands the stages to
 * the spans. At most {@value #CAPACITY} traced commands wait for their answer; more are sent untraced, counted.
 * Nothing here allocates; with tracing off nothing reads the clock.
 */
final class TracedCommands
{
    /** Off: the caller's sampled context is passed on, no gateway span. */
    static final TracedCommands OFF = new TracedCommands(null, 0, 0);

    private static final int CAPACITY = 256;
    private static final int MASK = CAPACITY - 1;
    private static final int TEMPLATE_ID_OFFSET = 2;

    private final GatewaySpans spans;
    private final int rootSampleEvery;
    private final long[] sequences = new long[CAPACITY];
    private final long[] traceIdHigh = new long[CAPACITY];
    private final long[] traceIdLow = new long[CAPACITY];
    private final long[] parentSpanId = new long[CAPACITY];
    private final long[] spanId = new long[CAPACITY];
    private final long[] receiveNanos = new long[CAPACITY];
    private final long[] offerNanos = new long[CAPACITY];
    private int head;
    private int count;
    private int sinceRootSample;
    private long idState;
    private long untraced;

    /**
     * @param spans           where the gateway's spans go, or {@code null} for off.
     * @param rootSampleEvery start a trace for one in this many new orders without a sampled context; 0 for never.
     * @param seed            mixed into the span and trace ids (the gateway id and incarnation).
     */
    TracedCommands(final GatewaySpans spans, final int rootSampleEvery, final long seed)
    {
        if (rootSampleEvery < 0)
        {
            throw new IllegalArgumentException("rootSampleEvery must be >= 0, was " + rootSampleEvery);
        }
        this.spans = spans;
        this.rootSampleEvery = rootSampleEvery;
        this.idState = seed ^ System.nanoTime();
    }

    /**
     * Takes a command into the pending ring, traced or not.
     *
     * @return its command sequence.
     */
    long add(
        final PendingCommands pending, final DirectBuffer buffer, final int offset, final int length,
        final TraceContext trace)
    {
        final boolean sampled = trace != null && trace.sampled();
        if (spans == null)
        {
            return sampled ? pending.add(buffer, offset, length, trace.traceIdHigh(), trace.traceIdLow(),
                trace.parentSpanId()) : pending.add(buffer, offset, length);
        }
        if (!sampled && !rootSample(buffer, offset, length))
        {
            return pending.add(buffer, offset, length);
        }
        if (count == CAPACITY)
        {
            untraced++;
            return pending.add(buffer, offset, length);
        }
        final long offered = System.nanoTime();
        final int slot = (head + count) & MASK;
        final long high = sampled ? trace.traceIdHigh() : nextId();
        final long low = sampled ? trace.traceIdLow() : nextId();
        final long gatewaySpan = nextId();
        final long sequence = pending.add(buffer, offset, length, high, low, gatewaySpan);
        sequences[slot] = sequence;
        traceIdHigh[slot] = high;
        traceIdLow[slot] = low;
        parentSpanId[slot] = sampled ? trace.parentSpanId() : 0;
        spanId[slot] = gatewaySpan;
        receiveNanos[slot] = sampled && trace.receiveNanos() != 0 ? trace.receiveNanos() : offered;
        offerNanos[slot] = offered;
        count++;
        return sequence;
    }

    /**
     * An egress frame acknowledging every command up to {@code acked} has been delivered: the traced ones among
     * them are answered.
     *
     * @param acked       the frame's acknowledged command sequence.
     * @param answerNanos when the frame reached the client.
     */
    void answered(final long acked, final long answerNanos)
    {
        if (count == 0 || sequences[head] > acked)
        {
            return;
        }
        final long delivered = System.nanoTime();
        while (count > 0 && sequences[head] <= acked)
        {
            final int slot = head;
            spans.onAnswered(traceIdHigh[slot], traceIdLow[slot], parentSpanId[slot], spanId[slot],
                receiveNanos[slot], offerNanos[slot], answerNanos, delivered);
            head = (head + 1) & MASK;
            count--;
        }
    }

    /**
     * @return traced commands waiting for their answer.
     */
    int waiting()
    {
        return count;
    }

    /**
     * @return commands that were to be traced but went untraced because {@value #CAPACITY} were waiting.
     */
    long untraced()
    {
        return untraced;
    }

    private boolean rootSample(final DirectBuffer buffer, final int offset, final int length)
    {
        if (rootSampleEvery == 0 || length < MessageHeaderDecoder.ENCODED_LENGTH ||
            (buffer.getShort(offset + TEMPLATE_ID_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF) !=
            NewOrderDecoder.TEMPLATE_ID || ++sinceRootSample < rootSampleEvery)
        {
            return false;
        }
        sinceRootSample = 0;
        return true;
    }

    /**
     * @return the next id of a SplitMix64 sequence, never 0 (W3C ids are not all zero).
     */
    private long nextId()
    {
        long z = idState += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return z == 0 ? 1 : z;
    }
}
