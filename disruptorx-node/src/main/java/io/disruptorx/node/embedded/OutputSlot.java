package io.disruptorx.node.embedded;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * A slot of the output ring: one SBE-encoded event (execution event or market data), the journal sequence of
 * the command that caused it, when that command was published (for order-to-report latency) and when the engine
 * took it (for the output stage's latency). With tracing on, the events of a sampled command also carry its trace
 * context and its timeline so far (received, durable, and when the engine emitted this event). The last event of
 * each command is marked ({@code commandEnd}): nothing more of that command follows it.
 */
public final class OutputSlot
{
    /** Room for the longest event. */
    public static final int CAPACITY = 256;

    final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CAPACITY]);
    int length;
    long commandSequence;
    boolean commandEnd;
    long commandPublishNanos;
    long commandEngineNanos;
    boolean traced;
    long traceIdHigh;
    long traceIdLow;
    long parentSpanId;
    long receiveNanos;
    long durableNanos;
    long appliedNanos;
}
