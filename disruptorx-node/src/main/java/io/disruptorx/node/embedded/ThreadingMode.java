package io.disruptorx.node.embedded;

/**
 * How a node puts its stages (journal, engine, the output consumers) on threads.
 *
 * <p>With a core for every busy thread, one thread per stage (the LMAX layout) is right: each stage spins on its own
 * core and the stages overlap. With fewer cores than busy threads the scheduler time-slices them, and a producer or
 * a stage descheduled for a time slice (milliseconds) makes the latency tail; then one thread running every stage in
 * turn, as Aeron's {@code ThreadingMode.SHARED} does for its conductor, sender and receiver, leaves the other cores
 * to the gateways and producers. The ordering guarantees are the same in both: no event leaves the engine before
 * its command is durable under the force policy, and the output is byte for byte the same.
 */
public enum ThreadingMode
{
    /** {@link #SHARED} on a machine with fewer than {@link #DEDICATED_MIN_CORES} cores, {@link #DEDICATED} else. */
    AUTO,

    /**
     * One thread runs the journal step, the engine step and the output consumers as one duty cycle: a batch of
     * commands is journalled (and forced, by the policy), then applied, then its events are delivered, then the
     * next batch. It waits for commands by spinning, yielding, then parking until a producer wakes it.
     */
    SHARED,

    /**
     * One thread per stage: journal, engine, execution reports and market data each on their own thread, with the
     * rings' wait strategies between them.
     */
    DEDICATED;

    /**
     * Cores from which {@link #AUTO} dedicates a thread to each stage: the four stage threads, one producer or
     * gateway thread, and one core left for the operating system and the node's background file work.
     */
    public static final int DEDICATED_MIN_CORES = 6;

    /**
     * @param cores available processors.
     * @return this mode, or for {@link #AUTO} the mode for that many cores.
     */
    public ThreadingMode resolve(final int cores)
    {
        if (this != AUTO)
        {
            return this;
        }
        return cores >= DEDICATED_MIN_CORES ? DEDICATED : SHARED;
    }

    /**
     * @return {@link #resolve(int)} for this machine.
     */
    public ThreadingMode resolve()
    {
        return resolve(Runtime.getRuntime().availableProcessors());
    }
}
