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
    private final OrderBook[] bookArray;
    private final Books books;
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
        bookArray = new OrderBook[flow.instruments() + 1];
        for (int i = 1; i < bookArray.length; i++)
        {
            bookArray[i] = new OrderBook(listener, null, pool, index);
        }
        books = new Books(bookArray);
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
        failures += BookCommands.replay(flow, books);
        FlowCheck.checkCycle(
            name(), flow, listener.trades - tradesBefore, listener.volume - volumeBefore, failures - failuresBefore);
        return flow.commandCount();
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
        for (int i = 1; i < bookArray.length; i++)
        {
            if (bookArray[i].bids().levelCount() != 0 || bookArray[i].asks().levelCount() != 0)
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

    /** Our books through their own calls: each one says whether it succeeded. */
    private static final class Books implements BookCommands
    {
        private final OrderBook[] books;

        Books(final OrderBook[] books)
        {
            this.books = books;
        }

        @Override
        public boolean enter(final int instrument, final long id, final boolean buy, final long price,
            final long quantity)
        {
            return books[instrument].enter(id, buy ? Side.BUY : Side.SELL, price, quantity);
        }

        @Override
        public boolean immediateOrCancel(final int instrument, final long id, final boolean buy, final long price,
            final long quantity)
        {
            return books[instrument].immediateOrCancel(id, buy ? Side.BUY : Side.SELL, price, quantity) >= 0;
        }

        @Override
        public boolean cancel(final int instrument, final long id)
        {
            return books[instrument].cancel(id) != 0;
        }

        @Override
        public boolean reduce(final int instrument, final long id, final long quantity)
        {
            return books[instrument].reduce(id, quantity);
        }

        @Override
        public boolean move(final int instrument, final long id, final boolean buy, final long price,
            final long quantity)
        {
            return books[instrument].move(id, price, quantity);
        }
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
