package io.disruptorx.node.http;

import java.util.concurrent.atomic.AtomicLong;

import io.disruptorx.dashboard.OperatorAction;
import io.disruptorx.dashboard.VenueOperations;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;

/**
 * The dashboard's operator actions on an embedded node: each becomes one admin command claimed into the node's
 * input ring (a non-blocking {@link NodeClient}: a full ring refuses the action rather than hold the HTTP thread),
 * journalled and applied like every other command. One client, used by one handler thread at a time.
 */
final class NodeOperations implements VenueOperations
{
    private final NodeClient client;
    private final AtomicLong requestIds = new AtomicLong(System.currentTimeMillis() * 1_000L);

    NodeOperations(final EmbeddedNode node)
    {
        this.client = node.newClient(false);
    }

    @Override
    public synchronized long execute(
        final OperatorAction action, final int instrumentId, final long accountId, final long maxOrderQuantity,
        final long maxOrderNotional)
    {
        final long sequence = switch (action)
        {
            case HALT -> client.haltInstrument(instrumentId);
            case RESUME -> client.resumeInstrument(instrumentId);
            case KILL_SWITCH -> client.setRiskLimits(accountId, maxOrderQuantity, maxOrderNotional, true);
            case RELEASE_KILL_SWITCH -> client.setRiskLimits(accountId, maxOrderQuantity, maxOrderNotional, false);
            case MASS_CANCEL -> client.massCancel(accountId, instrumentId, requestIds.incrementAndGet());
            case SNAPSHOT -> client.takeSnapshot(requestIds.incrementAndGet());
        };
        return sequence < 0 ? NOT_TAKEN : sequence;
    }
}
