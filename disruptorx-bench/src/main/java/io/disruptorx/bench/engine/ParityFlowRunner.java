package io.disruptorx.bench.engine;

import com.paritytrading.parity.match.OrderBook;
import com.paritytrading.parity.match.OrderBookListener;
import com.paritytrading.parity.match.Side;

/**
 * parity-match's {@link OrderBook}: a bare price-time book with no accounts and no risk, one per instrument.
 *
 * <p>It has no IOC and no move, so an IOC is an enter followed by a cancel of what rested, and a move is a
 * cancel followed by an enter with the same id at the new price (which loses priority, as in the other systems);
 * a reduce is its native cancel down to a smaller size (which keeps priority).
 *
 * <p>Its order map never forgets a filled order, so the books are rebuilt in {@link #prepareCycle()}, outside the
 * timed region; otherwise every cycle would leak and the reused ids would be ignored.
 */
public final class ParityFlowRunner implements FlowRunner
{
    private final OrderFlow flow;
    private final OrderBook[] bookArray;
    private final Listener listener = new Listener();
    private final Books books;
    private boolean prepared;

    /**
     * @param flow the flow to replay.
     */
    public ParityFlowRunner(final OrderFlow flow)
    {
        this.flow = flow;
        this.bookArray = new OrderBook[flow.instruments() + 1];
        this.books = new Books(bookArray, listener);
    }

    @Override
    public String name()
    {
        return "parity_book";
    }

    @Override
    public String describe()
    {
        return name() + ": com.paritytrading.parity.match.OrderBook 0.7.0, " + flow.instruments()
            + " book(s), IOC = enter + cancel of the rest, move = cancel + enter";
    }

    @Override
    public void prepareCycle()
    {
        for (int i = 1; i < bookArray.length; i++)
        {
            bookArray[i] = new OrderBook(listener);
        }
        prepared = true;
    }

    @Override
    public long runCycle()
    {
        if (!prepared)
        {
            throw new IllegalStateException("prepareCycle() must run before each cycle");
        }
        prepared = false;
        final long tradesBefore = listener.trades;
        final long volumeBefore = listener.volume;
        BookCommands.replay(flow, books);
        FlowCheck.checkCycle(name(), flow, listener.trades - tradesBefore, listener.volume - volumeBefore, 0);
        return flow.commandCount();
    }

    /** @return everything the listener folded in. */
    public long sink()
    {
        return listener.sink;
    }

    @Override
    public String verifyFinalState()
    {
        return null;
    }

    @Override
    public void close()
    {
    }

    /**
     * parity-match's books: they answer nothing, so every command counts as taken; the trades and volume the
     * cycle check compares show whether they did the same as the reference.
     */
    private static final class Books implements BookCommands
    {
        private final OrderBook[] books;
        private final Listener listener;

        Books(final OrderBook[] books, final Listener listener)
        {
            this.books = books;
            this.listener = listener;
        }

        @Override
        public boolean enter(final int instrument, final long id, final boolean buy, final long price,
            final long quantity)
        {
            books[instrument].enter(id, buy ? Side.BUY : Side.SELL, price, quantity);
            return true;
        }

        @Override
        public boolean immediateOrCancel(final int instrument, final long id, final boolean buy, final long price,
            final long quantity)
        {
            final OrderBook book = books[instrument];
            listener.lastAdded = 0;
            book.enter(id, buy ? Side.BUY : Side.SELL, price, quantity);
            if (listener.lastAdded == id)
            {
                book.cancel(id, 0);
            }
            return true;
        }

        @Override
        public boolean cancel(final int instrument, final long id)
        {
            books[instrument].cancel(id, 0);
            return true;
        }

        @Override
        public boolean reduce(final int instrument, final long id, final long quantity)
        {
            books[instrument].cancel(id, quantity);
            return true;
        }

        @Override
        public boolean move(final int instrument, final long id, final boolean buy, final long price,
            final long quantity)
        {
            final OrderBook book = books[instrument];
            book.cancel(id, 0);
            book.enter(id, buy ? Side.BUY : Side.SELL, price, quantity);
            return true;
        }
    }

    /** Folds every argument into a sink and counts trades, as our counting listener does. */
    private static final class Listener implements OrderBookListener
    {
        long sink;
        long trades;
        long volume;
        long lastAdded;

        @Override
        public void match(
            final long restingOrderId,
            final long incomingOrderId,
            final Side incomingSide,
            final long price,
            final long executedQuantity,
            final long remainingQuantity)
        {
            trades++;
            volume += executedQuantity;
            sink += restingOrderId ^ incomingOrderId ^ incomingSide.ordinal() ^ price ^ remainingQuantity;
        }

        @Override
        public void add(final long orderId, final Side side, final long price, final long size)
        {
            lastAdded = orderId;
            sink += orderId ^ side.ordinal() ^ price ^ size;
        }

        @Override
        public void cancel(final long orderId, final long canceledQuantity, final long remainingQuantity)
        {
            sink += orderId ^ canceledQuantity ^ remainingQuantity;
        }
    }
}
