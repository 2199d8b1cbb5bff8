package io.disruptorx.engine;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * The transfers one shard's ledger has seen, by id and in the order they came (the map is never iterated; the
 * snapshot walks the array). Every transfer stays here once seen, applied or refused, with the answer it got, so a
 * repeated id is always recognised and answered the same: that is what makes transfers idempotent. One record per
 * transfer, allocated when a transfer is first seen (an administrative command, not the order path).
 */
final class TransferBook
{
    /**
     * One transfer as this shard knows it.
     */
    static final class Transfer
    {
        final long id;
        final long accountId;
        final int assetId;
        final long amount;
        final boolean incoming;
        final RejectReason reason;
        TransferState state;

        Transfer(
            final long id,
            final long accountId,
            final int assetId,
            final long amount,
            final boolean incoming,
            final RejectReason reason,
            final TransferState state)
        {
            this.id = id;
            this.accountId = accountId;
            this.assetId = assetId;
            this.amount = amount;
            this.incoming = incoming;
            this.reason = reason;
            this.state = state;
        }

        /**
         * @return this transfer's part of its account's funds on their way as this shard counts it: {@code +amount}
         * once it left this shard and was not returned, {@code -amount} once it arrived here, else 0.
         */
        long inTransferPart()
        {
            return switch (state)
            {
                case IN_FLIGHT, COMPLETED -> amount;
                case RECEIVED -> -amount;
                default -> 0;
            };
        }
    }

    private final Long2ObjectHashMap<Transfer> byId = new Long2ObjectHashMap<>();
    private final InsertionOrder<Transfer> inOrder = new InsertionOrder<>();

    Transfer get(final long transferId)
    {
        return byId.get(transferId);
    }

    Transfer add(
        final long id,
        final long accountId,
        final int assetId,
        final long amount,
        final boolean incoming,
        final RejectReason reason,
        final TransferState state)
    {
        final Transfer transfer = new Transfer(id, accountId, assetId, amount, incoming, reason, state);
        byId.put(id, transfer);
        inOrder.add(transfer);
        return transfer;
    }

    int count()
    {
        return inOrder.count();
    }

    Transfer inOrder(final int index)
    {
        return inOrder.get(index);
    }

    /**
     * @return what the account has in flight out of this shard in that asset.
     */
    long inFlight(final long accountId, final int assetId)
    {
        long total = 0;
        for (int i = 0; i < inOrder.count(); i++)
        {
            final Transfer transfer = inOrder.get(i);
            if (transfer.state == TransferState.IN_FLIGHT && transfer.accountId == accountId &&
                transfer.assetId == assetId)
            {
                total += transfer.amount;
            }
        }
        return total;
    }
}
