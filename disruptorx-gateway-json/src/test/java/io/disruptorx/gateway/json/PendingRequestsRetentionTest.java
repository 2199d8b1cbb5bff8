package io.disruptorx.gateway.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the waiting requests of a session keep once a burst is over: a pooled request that carried many fills does
 * not keep their room, at most {@link PendingRequests#POOL_KEPT} requests stay pooled, and a table grown for the
 * burst is set back to its first size once empty; a steady load still reuses what it has (the same request, the
 * same list), allocating nothing.
 */
class PendingRequestsRetentionTest
{
    private static final TradeView FILL = new TradeView(1, 1, 1, null, true, true, 100, 1, 0, 0);

    private final PendingRequests pending = new PendingRequests();

    @Test
    void shouldNotKeepTheRoomOfManyFillsInThePool()
    {
        final PendingRequests.Pending swept = accepted(1, 10_000);
        final List<TradeView> many = swept.fills;
        pending.remove(swept);

        final PendingRequests.Pending next = pending.add(null, false, 2, 1, 0);
        assertThat(next).isSameAs(swept);
        assertThat(next.fills).isEmpty();
        assertThat(next.fills).isNotSameAs(many);
        pending.remove(next);

        final PendingRequests.Pending few = accepted(3, PendingRequests.FILLS_KEPT);
        final List<TradeView> kept = few.fills;
        pending.remove(few);
        final PendingRequests.Pending reused = pending.add(null, false, 4, 1, 0);
        assertThat(reused).isSameAs(few);
        assertThat(reused.fills).isSameAs(kept).isEmpty();
    }

    @Test
    void shouldKeepAtMostPoolKeptRequestsAndSetItsTablesBackAfterABurst()
    {
        final int emptySlots = pending.tableSlots();
        final Set<PendingRequests.Pending> first = Collections.newSetFromMap(new IdentityHashMap<>());
        final List<PendingRequests.Pending> burst = new ArrayList<>();
        for (int i = 0; i < 10_000; i++)
        {
            burst.add(pending.add(null, i % 2 == 0, i, 1, i));
        }
        first.addAll(burst);
        assertThat(pending.tableSlots()).isGreaterThan(emptySlots);
        burst.forEach(pending::remove);
        assertThat(pending.size()).isZero();
        assertThat(pending.tableSlots()).isEqualTo(emptySlots);

        int reused = 0;
        for (int i = 0; i < 10_000; i++)
        {
            if (first.contains(pending.add(null, false, i, 1, i)))
            {
                reused++;
            }
        }
        assertThat(reused).isEqualTo(PendingRequests.POOL_KEPT);
    }

    private PendingRequests.Pending accepted(final long orderId, final int fills)
    {
        final PendingRequests.Pending p = pending.add(null, false, orderId, 1, 0);
        final OrderView order = new OrderView();
        order.orderId = orderId;
        pending.accepted(p, order, 1);
        for (int i = 0; i < fills; i++)
        {
            p.fills.add(FILL);
        }
        return p;
    }
}
