package io.disruptorx.node.embedded;

import java.util.HashSet;
import java.util.List;

/**
 * How a node runs its stages on threads ({@code node.threading} in the configuration).
 *
 * @param mode     shared, dedicated, or auto (by core count); see {@link ThreadingMode}.
 * @param affinity CPUs to pin the node's stage threads to, in this order: shared, the one node thread; dedicated,
 *                 the journal, engine, execution report and market data threads. Threads beyond the list are not
 *                 pinned; an empty list (the default) pins nothing. Pinning uses OpenHFT's affinity library
 *                 ({@code sched_setaffinity}); it pays only with CPUs the OS keeps other work off ({@code isolcpus}).
 * @param pipelinedForces under {@code EVERY_BATCH}: whether a thread of the journal's own forces while the journal
 *                 step writes the next batch, the engine applying a command once a finished force covers it
 *                 ({@code node.threading.pipelined-forces}; see docs/node.md).
 */
public record NodeThreading(ThreadingMode mode, List<Integer> affinity, Pipelining pipelinedForces)
{
    /** Whether {@code EVERY_BATCH} forces run pipelined, on the journal's own thread. */
    public enum Pipelining
    {
        /** The default: off in both modes (pipelined measured worse in {@code shared}, see docs/node.md). */
        AUTO,
        /** Always. */
        ON,
        /** Never: the journal step forces at each batch end. */
        OFF
    }

    /**
     * Validates the settings.
     */
    public NodeThreading
    {
        if (mode == null || affinity == null || pipelinedForces == null)
        {
            throw new IllegalArgumentException(
                "node.threading.mode, node.threading.affinity and node.threading.pipelined-forces must be set");
        }
        affinity = List.copyOf(affinity);
        if (affinity.stream().anyMatch(cpu -> cpu < 0) || new HashSet<>(affinity).size() != affinity.size())
        {
            throw new IllegalArgumentException(
                "node.threading.affinity must list distinct CPU numbers >= 0, was " + affinity);
        }
    }

    /**
     * @param mode     shared, dedicated, or auto.
     * @param affinity CPUs to pin the stage threads to.
     */
    public NodeThreading(final ThreadingMode mode, final List<Integer> affinity)
    {
        this(mode, affinity, Pipelining.AUTO);
    }

    /**
     * @param pipelining whether {@code EVERY_BATCH} forces run pipelined.
     * @return a copy with that choice.
     */
    public NodeThreading withPipelinedForces(final Pipelining pipelining)
    {
        return new NodeThreading(mode, affinity, pipelining);
    }

    /**
     * @param resolved the mode the node runs in (shared or dedicated); {@code auto} is off in both today.
     * @return whether {@code EVERY_BATCH} forces run pipelined in it.
     */
    public boolean pipelinedIn(final ThreadingMode resolved)
    {
        return switch (pipelinedForces)
        {
            case ON -> true;
            case OFF -> false;
            default -> false;
        };
    }

    /**
     * @return the mode by core count, no pinning.
     */
    public static NodeThreading defaults()
    {
        return new NodeThreading(ThreadingMode.AUTO, List.of());
    }

    /**
     * @param mode a mode.
     * @return that mode, no pinning.
     */
    public static NodeThreading of(final ThreadingMode mode)
    {
        return new NodeThreading(mode, List.of());
    }

    /**
     * @param index a stage thread, in the order of {@link #affinity}.
     * @return its CPU, or -1 when it is not pinned.
     */
    int cpuOf(final int index)
    {
        return index < affinity.size() ? affinity.get(index) : -1;
    }
}
