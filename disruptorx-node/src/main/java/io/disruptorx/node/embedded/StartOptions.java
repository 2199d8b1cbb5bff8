package io.disruptorx.node.embedded;

import java.time.Duration;
import java.util.function.UnaryOperator;

import io.disruptorx.journal.Journal;

/**
 * How a node is put together beyond its {@link NodeConfig}, for tests: a decorator around the journal the journal
 * step writes to (to make a force fail, or an append throw or stall) and how long stopping waits for a ring thread.
 *
 * @param journal         wraps the node's journal.
 * @param shutdownTimeout how long {@link EmbeddedNode#close()} waits for each ring to drain and its threads to end.
 * @param tracing         whether and how the node records traces.
 */
record StartOptions(UnaryOperator<Journal> journal, Duration shutdownTimeout, NodeTracing tracing)
{
    /** The journal as it is, 30 s to stop, tracing off. */
    static final StartOptions DEFAULT = new StartOptions(UnaryOperator.identity(), Duration.ofSeconds(30));

    /**
     * Options with tracing off.
     */
    StartOptions(final UnaryOperator<Journal> journal, final Duration shutdownTimeout)
    {
        this(journal, shutdownTimeout, NodeTracing.OFF);
    }

    /**
     * @return these options with the given tracing.
     */
    StartOptions withTracing(final NodeTracing newTracing)
    {
        return new StartOptions(journal, shutdownTimeout, newTracing);
    }
}
