package io.disruptorx.node.embedded;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * A slot of the input ring: one SBE-encoded command, its journal sequence and, for latency only, when it was
 * published and when the journal made it durable. The producer writes the command; the journal step writes
 * {@code durableNanos} (at the end of the batch, before the engine step may see the slot); the engine step reads.
 * With tracing on, a sampled command also carries its W3C trace context and when the gateway received it; the
 * engine step hands them to the output slots and clears {@code traced}.
 */
public final class CommandSlot
{
    /** Room for the longest command. */
    public static final int CAPACITY = 128;

    final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CAPACITY]);
    int length;
    long sequence;
    long publishNanos;
    long durableNanos;
    boolean traced;
    long traceIdHigh;
    long traceIdLow;
    long parentSpanId;
    long receiveNanos;
}
