package io.disruptorx.engine.book;

import io.disruptorx.engine.Side;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderPoolTest
{
    private static final BookListener SILENT = new BookListener()
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
        public void onTrade(final long makerOrderId, final long takerOrderId, final Side takerSide, final long price,
            final long quantity, final long makerOpenQuantity, final long takerOpenQuantity)
        {
        }
    };

    private final OrderPool pool = new OrderPool(2, 6, BookOrder::new);
    private final OrderIndex index = new OrderIndex(16);
    private final OrderBook first = new OrderBook(SILENT, null, pool, index);
    private final OrderBook second = new OrderBook(SILENT, null, pool, index);

    @Test
    void shouldGiveABookBackTheOrderItLastGaveBack()
    {
        assertThat(first.enter(1, Side.BUY, 100, 1)).isTrue();
        final BookOrder order = first.order(1);
        assertThat(first.cancel(1)).isEqualTo(1);
        assertThat(pool.inUse()).isZero();

        assertThat(first.enter(2, Side.SELL, 105, 1)).isTrue();

        assertThat(first.order(2)).isSameAs(order);
        assertThat(pool.inUse()).isEqualTo(1);
    }

    @Test
    void shouldBoundTheOrdersInUseByTheCapacityWhateverBooksHoldFreeOrders()
    {
        for (int id = 1; id <= 6; id++)
        {
            assertThat(first.enter(id, Side.BUY, 100 + id, 1)).isTrue();
        }
        assertThat(first.enter(7, Side.BUY, 100, 1)).isFalse();
        assertThat(second.enter(7, Side.BUY, 100, 1)).isFalse();
        for (int id = 1; id <= 6; id++)
        {
            assertThat(first.cancel(id)).isEqualTo(1);
        }
        assertThat(pool.inUse()).isZero();

        // every free order is on the first book's shelf: the second book still gets all six, and no seventh
        for (int id = 11; id <= 16; id++)
        {
            assertThat(second.enter(id, Side.SELL, 200 + id, 1)).isTrue();
        }
        assertThat(pool.inUse()).isEqualTo(6);
        assertThat(second.enter(17, Side.SELL, 200, 1)).isFalse();
        assertThat(first.enter(17, Side.BUY, 100, 1)).isFalse();
        assertThat(pool.take()).isNull();

        assertThat(second.cancel(11)).isEqualTo(1);
        assertThat(first.enter(17, Side.BUY, 100, 1)).isTrue();
        assertThat(pool.inUse()).isEqualTo(6);
    }

    @Test
    void shouldHandOutClearedOrdersFromShelvesAndThePoolAlike()
    {
        assertThat(first.enter(1, Side.BUY, 100, 3)).isTrue();
        assertThat(first.enter(2, Side.SELL, 100, 3)).isTrue();
        assertThat(first.order(1)).isNull();

        final BookOrder fromShelf = first.takeOrder();
        final BookOrder fromPool = pool.take();

        for (final BookOrder order : new BookOrder[] {fromShelf, fromPool})
        {
            assertThat(order.orderId()).isZero();
            assertThat(order.side()).isNull();
            assertThat(order.openQuantity()).isZero();
            assertThat(order.next()).isNull();
        }
        assertThat(pool.inUse()).isEqualTo(2);
    }
}
