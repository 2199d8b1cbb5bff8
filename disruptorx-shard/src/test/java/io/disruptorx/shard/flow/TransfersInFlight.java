package io.disruptorx.shard.flow;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import io.disruptorx.engine.TransferState;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.RestoreOrderDecoder;
import io.disruptorx.protocol.sbe.command.TransferInDecoder;
import io.disruptorx.shard.support.MovingShards;
import org.agrona.DirectBuffer;

/**
 * The funds on their way between shards that a sum of the shards' balances and in-flight amounts counts twice: a
 * transfer (TransferIn) or a moved order's hold (RestoreOrder) already credited at its target while its source still
 * has it in flight (not settled yet). Told of every command a shard takes; reads each transfer's state on every
 * shard's engine, so the correction is exact at any moment, whatever events the gateway has not read yet. A command
 * sent again (the coordinator's re-send of an unfinished step) names the same transfer id and counts
 * once.
 */
final class TransfersInFlight
{
    /** One transfer a target took: its id, target, asset and amount. */
    private record Arrival(long transferId, int target, int assetId, long amount)
    {
    }

    private final MovingShards shards;
    private final Map<Long, Arrival> arrivals = new LinkedHashMap<>();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TransferInDecoder transferIn = new TransferInDecoder();
    private final RestoreOrderDecoder restore = new RestoreOrderDecoder();

    TransfersInFlight(final MovingShards shards)
    {
        this.shards = shards;
    }

    /**
     * Notes a TransferIn or RestoreOrder the shard took (other commands are ignored; one taken again replaces the
     * first: one transfer id is one transfer).
     */
    void onTaken(final int shard, final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final int at = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (header.templateId() == TransferInDecoder.TEMPLATE_ID)
        {
            transferIn.wrap(buffer, at, header.blockLength(), header.version());
            arrivals.put(transferIn.transferId(), new Arrival(transferIn.transferId(), shard, transferIn.assetId(),
                transferIn.amount()));
        }
        else if (header.templateId() == RestoreOrderDecoder.TEMPLATE_ID)
        {
            restore.wrap(buffer, at, header.blockLength(), header.version());
            arrivals.put(restore.transferId(), new Arrival(restore.transferId(), shard, restore.heldAssetId(),
                restore.hold()));
        }
    }

    /**
     * @param assetId an asset.
     * @return what of it has arrived at a target while its source still has it in flight; forgets the transfers
     * no shard has in flight any more (settled: they never count again).
     */
    long countedTwice(final int assetId)
    {
        long twice = 0;
        final Iterator<Arrival> each = arrivals.values().iterator();
        while (each.hasNext())
        {
            final Arrival arrival = each.next();
            if (!sourceHasInFlight(arrival))
            {
                each.remove();
            }
            else if (arrival.assetId() == assetId &&
                shards.engine(arrival.target()).transferState(arrival.transferId()) == TransferState.RECEIVED)
            {
                twice += arrival.amount();
            }
        }
        return twice;
    }

    /**
     * @return whether a shard other than the target has the transfer in flight.
     */
    private boolean sourceHasInFlight(final Arrival arrival)
    {
        for (int shard = 0; shard < shards.count(); shard++)
        {
            if (shard != arrival.target() &&
                shards.engine(shard).transferState(arrival.transferId()) == TransferState.IN_FLIGHT)
            {
                return true;
            }
        }
        return false;
    }
}
