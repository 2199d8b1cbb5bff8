package io.disruptorx.node.embedded;

import io.disruptorx.engine.MatchingEngine;
import org.agrona.ExpandableArrayBuffer;

/**
 * The engine's state as it was rebuilt on start (snapshot plus journal tail), for a feed's opening image.
 */
public final class EngineImage
{
    private EngineImage()
    {
    }

    /**
     * Writes the engine's snapshot bytes ({@link MatchingEngine#snapshot}). Call it on the thread that started
     * the node and before any command was published to it: the engine thread has then applied nothing since
     * the state was rebuilt on this thread, so reading it here is safe.
     *
     * @param node   a node that has not been sent a command yet.
     * @param buffer destination, grown as needed.
     * @return bytes written.
     */
    public static int beforeFirstCommand(final EmbeddedNode node, final ExpandableArrayBuffer buffer)
    {
        final MatchingEngine engine = node.engine();
        return engine.snapshot(buffer, 0);
    }
}
