package io.disruptorx.gateway.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderTableTest
{
    @Test
    void shouldFindOrdersWhoseIdsShareASlot()
    {
        final OrderTable table = new OrderTable(16);
        final OrderState first = table.add(3);
        final OrderState second = table.add(3 + 16);
        final OrderState third = table.add(3 + 32);
        assertThat(table.get(3)).isSameAs(first);
        assertThat(table.get(3 + 16)).isSameAs(second);
        assertThat(table.get(3 + 32)).isSameAs(third);
        assertThat(table.get(3 + 48)).isNull();
        assertThat(table.size()).isEqualTo(3);

        table.remove(first);
        assertThat(table.get(3)).isNull();
        assertThat(table.get(3 + 16)).isSameAs(second);
        final OrderState fourth = table.add(3 + 48);
        assertThat(table.get(3 + 48)).isSameAs(fourth);
        table.remove(second);
        table.remove(third);
        assertThat(table.get(3 + 16)).isNull();
        assertThat(table.get(3 + 32)).isNull();
        assertThat(table.get(3 + 48)).isSameAs(fourth);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void shouldReplaceAnOrderAddedAgainWithTheSameIdWhereverItLives()
    {
        final OrderTable table = new OrderTable(16);
        table.add(5);
        final OrderState inMap = table.add(5 + 16);
        table.remove(table.get(5));
        final OrderState replacement = table.add(5 + 16);
        assertThat(replacement).isNotSameAs(inMap);
        assertThat(table.get(5 + 16)).isSameAs(replacement);
        assertThat(table.size()).isEqualTo(1);
        final OrderState inSlot = table.add(7);
        final OrderState slotReplacement = table.add(7);
        assertThat(table.get(7)).isSameAs(slotReplacement).isNotSameAs(inSlot);
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void shouldBehaveLikeOneMapUnderRandomAddsAndRemoves()
    {
        final Random random = new Random(7);
        final OrderTable table = new OrderTable(16);
        final Map<Long, OrderState> model = new HashMap<>();
        final List<Long> live = new ArrayList<>();
        long nextId = 1;
        for (int i = 0; i < 200_000; i++)
        {
            final int action = random.nextInt(4);
            if (action == 0 || live.isEmpty())
            {
                final long id = random.nextInt(10) == 0 ? 1 + random.nextInt((int)nextId) : nextId++;
                final OrderState order = table.add(id);
                assertThat(order.orderId).isEqualTo(id);
                if (model.put(id, order) == null)
                {
                    live.add(id);
                }
            }
            else if (action == 1)
            {
                final long id = live.remove(random.nextInt(live.size()));
                table.remove(model.remove(id));
            }
            else
            {
                final long id = 1 + random.nextInt((int)nextId);
                assertThat(table.get(id)).as("get %d at step %d", id, i).isSameAs(model.get(id));
            }
            assertThat(table.size()).isEqualTo(model.size());
        }
    }
}
