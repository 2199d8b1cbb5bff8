package io.disruptorx.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClientOrderIndexTest
{
    private final ClientOrderIndex index = new ClientOrderIndex(4);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void shouldFindExactlyTheIndexedOrdersThroughGrowthAndRemovals(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final Map<List<Long>, Order> model = new HashMap<>();
        final List<Order> live = new ArrayList<>();
        long nextOrderId = 1;
        for (int step = 0; step < 20_000; step++)
        {
            if (live.isEmpty() || random.nextInt(100) < 55)
            {
                // many accounts numbering their orders alike, and ids far apart
                final long accountId = 1 + random.nextInt(20);
                final long clientOrderId = random.nextBoolean() ? 1 + random.nextInt(500) : random.nextLong() | 1;
                final List<Long> key = List.of(accountId, clientOrderId);
                if (!model.containsKey(key))
                {
                    final Order order = order(nextOrderId++, accountId, clientOrderId);
                    index.put(order);
                    model.put(key, order);
                    live.add(order);
                }
            }
            else
            {
                final int at = random.nextInt(live.size());
                final Order order = live.get(at);
                live.set(at, live.get(live.size() - 1));
                live.remove(live.size() - 1);
                model.remove(List.of(order.account.id, order.clientOrderId));
                index.remove(order);
                assertThat(order.clientIndexed).isFalse();
                assertThat(index.get(order.account.id, order.clientOrderId))
                    .as("seed %d step %d removed", seed, step).isNull();
            }
            if (step % 97 == 0)
            {
                for (final Map.Entry<List<Long>, Order> entry : model.entrySet())
                {
                    assertThat(index.get(entry.getKey().get(0), entry.getKey().get(1)))
                        .as("seed %d step %d", seed, step).isSameAs(entry.getValue());
                }
            }
        }
        assertThat(index.size()).as("seed %d", seed).isEqualTo(model.size());
    }

    @Test
    void shouldNotConfuseAccountsThatUseTheSameClientOrderId()
    {
        final Order first = order(1, 1, 7);
        final Order second = order(2, 2, 7);
        index.put(first);
        index.put(second);

        assertThat(index.get(1, 7)).isSameAs(first);
        assertThat(index.get(2, 7)).isSameAs(second);
        assertThat(index.get(3, 7)).isNull();
        assertThat(index.get(1, 8)).isNull();
    }

    @Test
    void shouldAnswerTheLowestOrderIdWhenRestoredOrdersShareAClientOrderId()
    {
        final Order newer = order(9, 1, 7);
        final Order older = order(4, 1, 7);
        index.put(newer);
        index.put(older);

        assertThat(index.get(1, 7)).isSameAs(older);
        index.remove(older);
        assertThat(index.get(1, 7)).isSameAs(newer);
        index.remove(newer);
        assertThat(index.get(1, 7)).isNull();
    }

    @Test
    void shouldLeaveTheIndexWhenTheOrderIsCleared()
    {
        final Order order = order(1, 1, 7);
        index.put(order);

        order.clear();

        assertThat(index.get(1, 7)).isNull();
        assertThat(index.size()).isZero();
        assertThat(order.clientIndexed).isFalse();
    }

    private Order order(final long orderId, final long accountId, final long clientOrderId)
    {
        final Order order = new Order(index);
        order.init(orderId, Side.BUY, 1, 1);
        order.account = new Account(accountId, 1);
        order.clientOrderId = clientOrderId;
        return order;
    }
}
