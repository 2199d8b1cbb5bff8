package io.disruptorx.node.embedded;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * A slot of the input ring: one SBE-encoded command, its journal sequence and, for latency only, when it was
 * published. The journal step and the engine step read it; only the producer writes it.
 */
public final class CommandSlot
{
    /** Room for the longest command. */
    public static final int CAPACITY = 128;

    final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CAPACITY]);
    int length;
    long sequence;
    long publishNanos;
}
