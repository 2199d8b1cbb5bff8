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
    private final OrderBook[] books;
    private final Listener listener = new Listener();
    private boolean prepared;

    /**
     * @param flow the flow to replay.
     */
    public ParityFlowRunner(final OrderFlow flow)
    {
        this.flow = flow;
        this.books = new OrderBook[flow.instruments() + 1];
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
        for (int i = 1; i < books.length; i++)
        {
            books[i] = new OrderBook(listener);
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
        replay();
        FlowCheck.checkCycle(name(), flow, listener.trades - tradesBefore, listener.volume - volumeBefore, 0);
        return flow.commandCount();
    }

    private void replay()
    {
        final OrderBook[] books = this.books;
        final Listener listener = this.listener;
        final byte[] type = flow.type;
        final int[] instrument = flow.instrument;
        final byte[] side = flow.side;
        final long[] price = flow.price;
        final long[] quantity = flow.quantity;
        final int[] orderRef = flow.orderRef;
        final int n = flow.commandCount();
        for (int i = 0; i < n; i++)
        {
            final OrderBook book = books[instrument[i]];
            final long id = orderRef[i];
            switch (type[i])
            {
                case OrderFlow.NEW_GTC:
                    book.enter(id, side[i] == OrderFlow.BUY ? Side.BUY : Side.SELL, price[i], quantity[i]);
                    break;
                case OrderFlow.NEW_IOC:
                    listener.lastAdded = 0;
                    book.enter(id, side[i] == OrderFlow.BUY ? Side.BUY : Side.SELL, price[i], quantity[i]);
                    if (listener.lastAdded == id)
                    {
                        book.cancel(id, 0);
                    }
                    break;
                case OrderFlow.CANCEL:
                    book.cancel(id, 0);
                    break;
                case OrderFlow.REDUCE:
                    book.cancel(id, quantity[i]);
                    break;
                default:
                    book.cancel(id, 0);
                    book.enter(id, side[i] == OrderFlow.BUY ? Side.BUY : Side.SELL, price[i], quantity[i]);
                    break;
            }
        }
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
