package io.disruptorx.node.venue;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;

/**
 * The gateway tests' venue (instruments and funded accounts, as the gateway's TestVenueSetup lists them) set up
 * on an embedded node through its own client.
 */
final class NodeVenueSetup
{
    private NodeVenueSetup()
    {
    }

    /**
     * Lists the instruments and funds accounts 1 to 5, then waits until the engine has applied it all.
     *
     * @param node a fresh node.
     */
    static void list(final EmbeddedNode node)
    {
        final NodeClient client = node.newClient(true);
        client.addInstrument(1, 1, 0, 1, 1, 2, 0, 1, 2, 10_000, 1_000, 1_000);
        client.addInstrument(2, 2, 0, 5, 1_000, 2, 3, 0, 10, 200_000, 0, 1_000);
        long last = 0;
        for (long account = 1; account <= 5; account++)
        {
            client.adjustBalance(account, 0, 1_000_000_000_000L);
            client.adjustBalance(account, 1, 1_000_000_000L);
            last = client.adjustBalance(account, 2, 1_000_000_000_000L);
        }
        final long applied = last;
        await(() -> node.appliedSequence() >= applied, "the set-up to be applied");
    }

    static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.yield();
        }
    }
}
