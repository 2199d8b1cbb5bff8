package io.disruptorx.engine.book;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.disruptorx.engine.Side;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool places orders by id and, when it doubles its slots, places every live order again and renumbers the
 * books' links: books over a pool that starts with one slot and grows many times must do exactly what books over
 * a pool that never grows do, event for event, with the same levels in the same order at the end.
 */
class OrderPoolGrowthTest
{
    private static final int BOOKS = 3;
    private static final int CAPACITY = 8_192;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42})
    void shouldMatchExactlyAsAPoolThatNeverGrowsDoes(final long seed)
    {
        final Venue growing = new Venue(1);
        final Venue fixed = new Venue(CAPACITY);
        final SplittableRandom random = new SplittableRandom(seed);
        final List<Long> live = new ArrayList<>();
        long nextId = 1;
        for (int step = 0; step < 30_000; step++)
        {
            final int dice = random.nextInt(100);
            if (live.isEmpty() || dice < 50)
            {
                // mostly ascending ids, as the engine's; now and then a jump, so ids share home slots
                nextId += random.nextInt(10) == 0 ? 1 + 1024L * random.nextInt(8) : 1;
                final int book = random.nextInt(BOOKS);
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                final long price = 100 + (side == Side.BUY ? -1 : 1) * random.nextInt(12) + random.nextInt(3) - 1;
                final long quantity = 1 + random.nextInt(10);
                growing.books[book].enter(nextId, side, price, quantity);
                fixed.books[book].enter(nextId, side, price, quantity);
                live.add(nextId * BOOKS + book);
            }
            else
            {
                final int at = random.nextInt(live.size());
                final long key = live.get(at);
                final long id = key / BOOKS;
                final int book = (int)(key % BOOKS);
                if (dice < 80)
                {
                    assertThat(growing.books[book].cancel(id)).isEqualTo(fixed.books[book].cancel(id));
                    live.set(at, live.get(live.size() - 1));
                    live.remove(live.size() - 1);
                }
                else if (dice < 90)
                {
                    final long price = 95 + random.nextInt(11);
                    final long quantity = 1 + random.nextInt(10);
                    assertThat(growing.books[book].move(id, price, quantity))
                        .isEqualTo(fixed.books[book].move(id, price, quantity));
                }
                else
                {
                    assertThat(growing.books[book].reduce(id, 1)).isEqualTo(fixed.books[book].reduce(id, 1));
                }
            }
            if (step % 1_000 == 0)
            {
                assertThat(growing.events).as("seed %d step %d", seed, step).isEqualTo(fixed.events);
            }
        }
        assertThat(growing.events).as("seed %d", seed).isEqualTo(fixed.events);
        assertThat(growing.pool.inUse()).isEqualTo(fixed.pool.inUse()).isEqualTo(growing.index.size());
        for (int book = 0; book < BOOKS; book++)
        {
            assertThat(levels(growing.books[book].bids())).isEqualTo(levels(fixed.books[book].bids()));
            assertThat(levels(growing.books[book].asks())).isEqualTo(levels(fixed.books[book].asks()));
        }
        for (final long key : live)
        {
            final BookOrder order = growing.index.get(key / BOOKS);
            if (order != null)
            {
                assertThat(order.orderId()).isEqualTo(key / BOOKS);
            }
        }
    }

    private static List<String> levels(final BookSide side)
    {
        final List<String> levels = new ArrayList<>();
        for (int i = side.levelCount() - 1; i >= 0; i--)
        {
            final PriceLevel level = side.levelAt(i);
            final StringBuilder line = new StringBuilder().append(level.price()).append(':')
                .append(level.orderCount()).append('/').append(level.totalQuantity());
            for (BookOrder order = level.head(); order != null; order = order.next())
            {
                line.append(' ').append(order.orderId()).append('x').append(order.openQuantity());
            }
            levels.add(line.toString());
        }
        return levels;
    }

    private static final class Venue implements BookListener
    {
        final List<String> events = new ArrayList<>();
        final OrderPool pool;
        final OrderIndex index;
        final OrderBook[] books = new OrderBook[BOOKS];

        Venue(final int initial)
        {
            pool = new OrderPool(initial, CAPACITY);
            index = new OrderIndex(pool, initial);
            for (int i = 0; i < BOOKS; i++)
            {
                books[i] = new OrderBook(this, null, pool, index);
            }
        }

        @Override
        public void onOrderAdded(final long orderId, final Side side, final long price, final long quantity)
        {
            events.add("added " + orderId + " " + side + " " + price + "x" + quantity);
        }

        @Override
        public void onOrderModified(final long orderId, final long openQuantity)
        {
            events.add("modified " + orderId + " " + openQuantity);
        }

        @Override
        public void onOrderDeleted(final long orderId)
        {
            events.add("deleted " + orderId);
        }

        @Override
        public void onTrade(
            final long makerOrderId,
            final long takerOrderId,
            final Side takerSide,
            final long price,
            final long quantity,
            final long makerOpenQuantity,
            final long takerOpenQuantity)
        {
            events.add("trade " + makerOrderId + " " + takerOrderId + " " + takerSide + " " + price + "x" + quantity +
                " maker=" + makerOpenQuantity + " taker=" + takerOpenQuantity);
        }
    }
}
