package io.disruptorx.node.embedded;

import java.util.zip.CRC32C;

import io.disruptorx.engine.MatchingEngine;
import org.agrona.ExpandableArrayBuffer;

/**
 * Test access to the state an {@link EmbeddedNode} holds, through its package-private engine accessor, so a
 * system test can compare what the node recovered with a replay of its journal.
 */
public final class NodeState
{
    private NodeState()
    {
    }

    /**
     * Serialises the node's engine. Call it only when no command is flowing: right after start, before any
     * client has sent anything (recovery ran on the starting thread, before the rings started), or after close.
     *
     * @param node the node.
     * @return the engine's snapshot bytes.
     */
    public static byte[] engineSnapshot(final EmbeddedNode node)
    {
        return snapshotOf(node.engine());
    }

    /**
     * @param engine an engine not being driven by another thread.
     * @return its snapshot bytes.
     */
    public static byte[] snapshotOf(final MatchingEngine engine)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024 * 1024);
        final int length = engine.snapshot(buffer, 0);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    /**
     * @param state snapshot bytes.
     * @return their CRC32C, a compact digest to print from a child process.
     */
    public static long digest(final byte[] state)
    {
        final CRC32C crc = new CRC32C();
        crc.update(state);
        return crc.getValue();
    }
}
