package io.disruptorx.bench.engine;

import io.disruptorx.engine.Side;
import io.disruptorx.engine.book.BookListener;
import io.disruptorx.engine.book.BookOrder;
import io.disruptorx.engine.book.OrderBook;
import io.disruptorx.engine.book.OrderIndex;
import io.disruptorx.engine.book.OrderPool;

/**
 * Our book-only API ({@link OrderBook}, the code the engine matches with), one book per instrument, the same
 * comparison parity-match gets: no accounts, no risk, no fees. The books share one order pool and one id index,
 * as the engine's do; the flow's order numbers are the order ids. An IOC is {@link OrderBook#immediateOrCancel},
 * a reduce {@link OrderBook#reduce(long, long)}, a move {@link OrderBook#move(long, long, long)}.
 *
 * <p>Every command must succeed (a refused enter, cancel, reduce or move counts as a failure), and every cycle
 * must produce exactly the reference trades and volume.
 */
public final class BookFlowRunner implements FlowRunner
{
    private final OrderFlow flow;
    private final OrderBook[] books;
    private final CountingBookListener listener = new CountingBookListener();
    private final OrderPool pool;
    private final OrderIndex index;
    private long failures;

    /**
     * @param flow the flow to replay.
     */
    public BookFlowRunner(final OrderFlow flow)
    {
        this.flow = flow;
        final int expected = Math.max(1024, 2 * flow.preloadCount());
        pool = new OrderPool(expected, flow.orderCount() + 1, BookOrder::new);
        index = new OrderIndex(expected);
        books = new OrderBook[flow.instruments() + 1];
        for (int i = 1; i < books.length; i++)
        {
            books[i] = new OrderBook(listener, null, pool, index);
        }
    }

    @Override
    public String name()
    {
        return "ours_book";
    }

    @Override
    public String describe()
    {
        return name() + ": io.disruptorx.engine.book.OrderBook, " + flow.instruments()
            + " book(s) sharing one order pool and id index, no accounts, no risk";
    }

    @Override
    public long runCycle()
    {
        final long tradesBefore = listener.trades;
        final long volumeBefore = listener.volume;
        final long failuresBefore = failures;
        replay();
        FlowCheck.checkCycle(
            name(), flow, listener.trades - tradesBefore, listener.volume - volumeBefore, failures - failuresBefore);
        return flow.commandCount();
    }

    private void replay()
    {
        final OrderBook[] books = this.books;
        final byte[] type = flow.type;
        final int[] instrument = flow.instrument;
        final byte[] side = flow.side;
        final long[] price = flow.price;
        final long[] quantity = flow.quantity;
        final int[] orderRef = flow.orderRef;
        final int n = flow.commandCount();
        long failed = 0;
        for (int i = 0; i < n; i++)
        {
            final OrderBook book = books[instrument[i]];
            final long id = orderRef[i];
            switch (type[i])
            {
                case OrderFlow.NEW_GTC:
                    if (!book.enter(id, side[i] == OrderFlow.BUY ? Side.BUY : Side.SELL, price[i], quantity[i]))
                    {
                        failed++;
                    }
                    break;
                case OrderFlow.NEW_IOC:
                    if (book.immediateOrCancel(
                        id, side[i] == OrderFlow.BUY ? Side.BUY : Side.SELL, price[i], quantity[i]) < 0)
                    {
                        failed++;
                    }
                    break;
                case OrderFlow.CANCEL:
                    if (book.cancel(id) == 0)
                    {
                        failed++;
                    }
                    break;
                case OrderFlow.REDUCE:
                    if (!book.reduce(id, quantity[i]))
                    {
                        failed++;
                    }
                    break;
                default:
                    if (!book.move(id, price[i], quantity[i]))
                    {
                        failed++;
                    }
                    break;
            }
        }
        failures += failed;
    }

    /** @return everything the listener folded in. */
    public long sink()
    {
        return listener.sink;
    }

    /**
     * The books must be empty after a cycle (the flow's cleanup cancels everything), every order back in the pool
     * and out of the index.
     */
    @Override
    public String verifyFinalState()
    {
        if (pool.inUse() != 0 || index.size() != 0)
        {
            return pool.inUse() + " orders still taken, " + index.size() + " still indexed after the cycle";
        }
        for (int i = 1; i < books.length; i++)
        {
            if (books[i].bids().levelCount() != 0 || books[i].asks().levelCount() != 0)
            {
                return "book " + i + " is not empty after the cycle";
            }
        }
        return null;
    }

    @Override
    public void close()
    {
    }

    /** Folds every argument into a sink and counts trades, as the other runners' listeners do. */
    private static final class CountingBookListener implements BookListener
    {
        long sink;
        long trades;
        long volume;

        @Override
        public void onOrderAdded(final long orderId, final Side side, final long price, final long quantity)
        {
            sink += orderId ^ side.ordinal() ^ price ^ quantity;
        }

        @Override
        public void onOrderModified(final long orderId, final long openQuantity)
        {
            sink += orderId ^ openQuantity;
        }

        @Override
        public void onOrderDeleted(final long orderId)
        {
            sink += orderId;
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
            trades++;
            volume += quantity;
            sink += makerOrderId ^ takerOrderId ^ takerSide.ordinal() ^ price ^ makerOpenQuantity ^ takerOpenQuantity;
        }
    }
}
