package io.disruptorx.bench.node;

import io.disruptorx.node.embedded.NodeThreading;
import io.disruptorx.node.embedded.ThreadingMode;

/**
 * The node threading the node benches run with: the mode each run names, and whether {@code EVERY_BATCH} forces run
 * pipelined ({@code node.threading.pipelined-forces}; {@code --pipelined=auto|on|off}, auto by default).
 */
public final class BenchThreading
{
    private static volatile NodeThreading.Pipelining pipelining = NodeThreading.Pipelining.AUTO;

    private BenchThreading()
    {
    }

    /**
     * @param choice whether the nodes' {@code EVERY_BATCH} forces run pipelined.
     */
    public static void pipelining(final NodeThreading.Pipelining choice)
    {
        pipelining = choice;
    }

    /**
     * @return whether the nodes' {@code EVERY_BATCH} forces run pipelined.
     */
    public static NodeThreading.Pipelining pipelining()
    {
        return pipelining;
    }

    /**
     * @param mode a threading mode.
     * @return that mode, no pinning, with the chosen pipelining.
     */
    public static NodeThreading of(final ThreadingMode mode)
    {
        return NodeThreading.of(mode).withPipelinedForces(pipelining);
    }
}
