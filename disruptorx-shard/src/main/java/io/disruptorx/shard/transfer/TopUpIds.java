package io.disruptorx.shard.transfer;

/**
 * The transfer ids of one gateway's top-ups and the day's totals, both read from its coordinator's transfers (so
 * from its journal after a restart): {@code TOP_UP_TRANSFER | gateway << 50 | day << 32 | counter}, the day being
 * the UTC day of the gateway's clock and the counter starting again each day. Below bit 60, where the mover's ids
 * are ({@code ShardMover.UNDO_TRANSFER}, {@code MOVE_TRANSFER}); above the ids operators give ({@link TransferDesk}).
 */
final class TopUpIds
{
    private static final long DAY_MILLIS = 86_400_000L;
    private static final long DAY_MASK = (1L << 18) - 1;
    private static final long COUNTER_MASK = 0xFFFF_FFFFL;

    private final TransferCoordinator coordinator;
    private final long gatewayBits;
    private long idDay = -1;
    private long idCounter;

    TopUpIds(final TransferCoordinator coordinator, final int gatewayId)
    {
        this.coordinator = coordinator;
        this.gatewayBits = TopUpVenueClient.TOP_UP_TRANSFER | (long)gatewayId << 50;
    }

    /**
     * @param epochMillis the gateway's clock.
     * @return its day as the ids carry it.
     */
    static long dayOf(final long epochMillis)
    {
        return epochMillis / DAY_MILLIS & DAY_MASK;
    }

    /**
     * @return what this gateway's top-ups of the account's asset moved on the day, or are moving (every one not
     * failed, refused as a reused id or returned).
     */
    long usedOn(final long day, final long accountId, final int assetId)
    {
        final long prefix = gatewayBits | day << 32;
        final long[] used = new long[1];
        coordinator.forEach((id, recorded, step) ->
        {
            if ((id & ~COUNTER_MASK) == prefix && recorded.accountId() == accountId &&
                recorded.assetId() == assetId && step != TransferStep.FAILED && step != TransferStep.RETURNED &&
                step != TransferStep.REUSED)
            {
                used[0] += recorded.amount();
            }
        });
        return used[0];
    }

    /**
     * @return a transfer id no top-up of this gateway has had.
     */
    long next(final long day)
    {
        final long prefix = gatewayBits | day << 32;
        if (day != idDay)
        {
            idDay = day;
            final long[] highest = new long[1];
            coordinator.forEach((id, recorded, step) ->
            {
                if ((id & ~COUNTER_MASK) == prefix)
                {
                    highest[0] = Math.max(highest[0], id & COUNTER_MASK);
                }
            });
            idCounter = highest[0];
        }
        return prefix | ++idCounter;
    }
}
