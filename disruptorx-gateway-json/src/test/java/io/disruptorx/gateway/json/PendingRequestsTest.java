package io.disruptorx.gateway.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waiting requests' tables against the scan they replace (a list in arrival order, searched from the front):
 * a seeded random mix of new orders (few client order ids and accounts, so keys repeat and probe chains wrap and
 * grow), cancels, acceptances, answers and timeouts finds the same request for every report, lists the same
 * accepted requests in the same order, and times out the same ones.
 */
class PendingRequestsTest
{
    private final PendingRequests pending = new PendingRequests();
    private final List<PendingRequests.Pending> model = new ArrayList<>();

    @Test
    void shouldFindWhatAScanInArrivalOrderFinds()
    {
        final Random random = new Random(20261207L);
        long deadline = 0;
        long nextOrderId = 1;
        long nextRequestId = 1;
        for (int step = 0; step < 40_000; step++)
        {
            final int op = random.nextInt(10);
            if (op < 4 || model.isEmpty())
            {
                final boolean byRequestId = random.nextInt(3) == 0;
                final long key = byRequestId ? nextRequestId++ : random.nextInt(6);
                deadline += random.nextInt(3);
                model.add(pending.add(null, byRequestId, key, 1 + random.nextInt(2), deadline));
            }
            else if (op < 6)
            {
                final long key = random.nextInt(6);
                final long account = 1 + random.nextInt(2);
                final PendingRequests.Pending found = pending.entering(key, account);
                assertThat(found).isSameAs(scanEntering(key, account));
                if (found != null)
                {
                    final OrderView order = new OrderView();
                    order.orderId = nextOrderId++;
                    pending.accepted(found, order, step);
                    assertThat(pending.filling(order.orderId)).isSameAs(found);
                }
            }
            else if (op < 8)
            {
                final PendingRequests.Pending gone = model.remove(random.nextInt(model.size()));
                pending.remove(gone);
            }
            else if (op < 9)
            {
                final long now = deadline - random.nextInt(4);
                PendingRequests.Pending oldest;
                while ((oldest = pending.oldest()) != null && now - oldest.deadlineNanos > 0)
                {
                    assertThat(oldest).isSameAs(model.remove(0));
                    pending.remove(oldest);
                }
                assertThat(model.stream().noneMatch(p -> now - p.deadlineNanos > 0)).isTrue();
            }
            else
            {
                final long requestId = nextRequestId - 1 - random.nextInt(8);
                assertThat(pending.byRequest(requestId)).isSameAs(scanByRequest(requestId));
            }
            assertThat(pending.size()).isEqualTo(model.size());
            assertThat(pending.oldest()).isSameAs(model.isEmpty() ? null : model.get(0));
            assertAcceptedInArrivalOrder();
        }
    }

    @Test
    void shouldFindTheOldestOfRequestsWithTheSameKeyAfterOthersLeaveAndTheTableGrows()
    {
        final List<PendingRequests.Pending> same = new ArrayList<>();
        for (int i = 0; i < 200; i++)
        {
            same.add(pending.add(null, false, 7, 1, i));
            pending.add(null, false, i + 100, 1, i);
        }
        for (int i = 0; i < 199; i++)
        {
            assertThat(pending.entering(7, 1)).isSameAs(same.get(i));
            pending.remove(same.get(i));
        }
        assertThat(pending.entering(7, 1)).isSameAs(same.get(199));
        assertThat(pending.entering(7, 2)).isNull();
    }

    private PendingRequests.Pending scanEntering(final long key, final long account)
    {
        for (final PendingRequests.Pending p : model)
        {
            if (!p.byRequestId && p.order == null && p.key == key && p.accountId == account)
            {
                return p;
            }
        }
        return null;
    }

    private PendingRequests.Pending scanByRequest(final long requestId)
    {
        for (final PendingRequests.Pending p : model)
        {
            if (p.byRequestId && p.key == requestId)
            {
                return p;
            }
        }
        return null;
    }

    private void assertAcceptedInArrivalOrder()
    {
        final List<PendingRequests.Pending> listed = new ArrayList<>();
        for (PendingRequests.Pending p = pending.firstAccepted(); p != null; p = p.nextAccepted())
        {
            listed.add(p);
        }
        assertThat(listed).containsExactlyElementsOf(model.stream().filter(p -> p.order != null).toList());
    }
}
