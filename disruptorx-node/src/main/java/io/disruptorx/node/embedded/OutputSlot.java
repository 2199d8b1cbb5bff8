package io.disruptorx.node.embedded;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * A slot of the output ring: one SBE-encoded event (execution event or market data), the journal sequence of
 * the command that caused it, when that command was published (for order-to-report latency) and when the engine
 * took it (for the output stage's latency).
 */
public final class OutputSlot
{
    /** Room for the longest event. */
    public static final int CAPACITY = 256;

    final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CAPACITY]);
    int length;
    long commandSequence;
    long commandPublishNanos;
    long commandEngineNanos;
}
