package io.disruptorx.engine.book;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import io.disruptorx.engine.Side;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A side's levels stay in price order however deep it gets: orders rest and are cancelled at seeded random prices,
 * growing a side through the depths where the level search changes its method (a scan of blocks up to 256 levels,
 * bisection beyond), and after every step the side's levels, best first, are those of a sorted map of the same
 * orders.
 */
class BookSideDepthTest
{
    @ParameterizedTest(name = "seed {0}, {1} prices")
    @CsvSource({"1, 64", "2, 300", "3, 1000", "4, 5000"})
    void shouldKeepLevelsInPriceOrderAtAnyDepth(final long seed, final int prices)
    {
        final Random random = new Random(seed);
        final OrderBook book = new OrderBook(new Quiet(), 20_000);
        final TreeMap<Long, Integer> bids = new TreeMap<>(Comparator.reverseOrder());
        final List<long[]> resting = new ArrayList<>();
        long nextId = 1;
        for (int step = 0; step < 12_000; step++)
        {
            if (resting.isEmpty() || random.nextInt(3) > 0)
            {
                final long price = 1 + random.nextInt(prices);
                assertThat(book.enter(nextId, Side.BUY, price, 1)).isTrue();
                resting.add(new long[]{nextId++, price});
                bids.merge(price, 1, Integer::sum);
            }
            else
            {
                final long[] order = resting.remove(random.nextInt(resting.size()));
                assertThat(book.cancel(order[0])).isEqualTo(1);
                bids.computeIfPresent(order[1], (price, count) -> count == 1 ? null : count - 1);
            }
            if (step % 97 == 0)
            {
                assertThat(levelsBestFirst(book.bids())).as("step %d", step).containsExactlyElementsOf(bids.keySet());
            }
        }
        assertThat(levelsBestFirst(book.bids())).containsExactlyElementsOf(bids.keySet());
        assertThat(book.bids().bestPrice()).isEqualTo(bids.firstKey());
    }

    private static List<Long> levelsBestFirst(final BookSide side)
    {
        final List<Long> prices = new ArrayList<>();
        for (int i = side.levelCount() - 1; i >= 0; i--)
        {
            prices.add(side.levelAt(i).price());
        }
        return prices;
    }

    private static final class Quiet implements BookListener
    {
        @Override
        public void onOrderAdded(final long orderId, final Side side, final long price, final long quantity)
        {
        }

        @Override
        public void onOrderModified(final long orderId, final long openQuantity)
        {
        }

        @Override
        public void onOrderDeleted(final long orderId)
        {
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
        }
    }
}
