package io.disruptorx.cluster;

import io.disruptorx.core.net.TestPorts;

/**
 * Blocks of consecutive ports for members whose ports every other member must know before any of them starts (the
 * cluster's tests and, through this module's test jar, the node's and the system tests'). The ports come from
 * {@link TestPorts} (core test jar): below the ephemeral range, probed free for TCP and UDP, never handed out twice
 * in a JVM, so they cannot overlap a feed's ports or another block.
 */
public final class FreePorts
{
    private FreePorts()
    {
    }

    /**
     * @param count how many consecutive ports.
     * @return the first port of a free block.
     */
    public static int block(final int count)
    {
        return TestPorts.block(count);
    }
}
