package io.disruptorx.engine.book;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class OrderIndexTest
{
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void shouldFindExactlyTheLiveOrdersThroughGrowthAndRemovals(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final OrderIndex index = new OrderIndex(4);
        final Map<Long, BookOrder> model = new HashMap<>();
        final List<Long> live = new ArrayList<>();
        for (int step = 0; step < 20_000; step++)
        {
            if (live.isEmpty() || random.nextInt(100) < 55)
            {
                // ids with a common stride would collide under a weak hash
                final long id = random.nextBoolean() ? random.nextLong() : 1024L * random.nextInt(5_000);
                if (!model.containsKey(id))
                {
                    final BookOrder order = new BookOrder();
                    order.init(id, null, 1, 1);
                    index.put(order);
                    model.put(id, order);
                    live.add(id);
                }
            }
            else
            {
                final int at = random.nextInt(live.size());
                final long id = live.get(at);
                live.set(at, live.get(live.size() - 1));
                live.remove(live.size() - 1);
                index.remove(model.remove(id));
                assertThat(index.get(id)).as("seed %d step %d removed %d", seed, step, id).isNull();
            }
            if (step % 97 == 0)
            {
                for (final Map.Entry<Long, BookOrder> entry : model.entrySet())
                {
                    assertThat(index.get(entry.getKey())).as("seed %d step %d", seed, step).isSameAs(entry.getValue());
                }
            }
        }
        assertThat(index.size()).as("seed %d", seed).isEqualTo(model.size());
    }
}
