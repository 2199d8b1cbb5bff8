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
 */
public record NodeThreading(ThreadingMode mode, List<Integer> affinity)
{
    /**
     * Validates the settings.
     */
    public NodeThreading
    {
        if (mode == null || affinity == null)
        {
            throw new IllegalArgumentException("node.threading.mode and node.threading.affinity must be set");
        }
        affinity = List.copyOf(affinity);
        if (affinity.stream().anyMatch(cpu -> cpu < 0) || new HashSet<>(affinity).size() != affinity.size())
        {
            throw new IllegalArgumentException(
                "node.threading.affinity must list distinct CPU numbers >= 0, was " + affinity);
        }
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
