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
 */
record StartOptions(UnaryOperator<Journal> journal, Duration shutdownTimeout)
{
    /** The journal as it is, 30 s to stop. */
    static final StartOptions DEFAULT = new StartOptions(UnaryOperator.identity(), Duration.ofSeconds(30));
}
