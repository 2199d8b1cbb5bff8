package io.disruptorx.bench.engine;

/**
 * A bare price-time book per instrument, as the book-only runners drive it: order numbers of the flow are the
 * order ids, and each command says whether the book took it. {@link #replay} is the one timed loop both book-only
 * runners share; it allocates nothing and makes one call per command.
 */
interface BookCommands
{
    /**
     * Enters a good-till-cancel limit order.
     *
     * @return whether the book took it.
     */
    boolean enter(int instrument, long id, boolean buy, long price, long quantity);

    /**
     * Enters an immediate-or-cancel limit order: what does not trade at once is cancelled.
     *
     * @return whether the book took it.
     */
    boolean immediateOrCancel(int instrument, long id, boolean buy, long price, long quantity);

    /**
     * @return whether the order was live and is now cancelled.
     */
    boolean cancel(int instrument, long id);

    /**
     * Lowers the order's open quantity to {@code quantity}, keeping its priority.
     *
     * @return whether the book took it.
     */
    boolean reduce(int instrument, long id, long quantity);

    /**
     * Moves the order (on side {@code buy}) to a new price and open quantity.
     *
     * @return whether the book took it.
     */
    boolean move(int instrument, long id, boolean buy, long price, long quantity);

    /**
     * Replays every command of the flow, in order.
     *
     * @param flow  the flow.
     * @param books its books.
     * @return commands the books refused.
     */
    static long replay(final OrderFlow flow, final BookCommands books)
    {
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
            final boolean done;
            switch (type[i])
            {
                case OrderFlow.NEW_GTC:
                    done = books.enter(instrument[i], orderRef[i], side[i] == OrderFlow.BUY, price[i], quantity[i]);
                    break;
                case OrderFlow.NEW_IOC:
                    done = books.immediateOrCancel(
                        instrument[i], orderRef[i], side[i] == OrderFlow.BUY, price[i], quantity[i]);
                    break;
                case OrderFlow.CANCEL:
                    done = books.cancel(instrument[i], orderRef[i]);
                    break;
                case OrderFlow.REDUCE:
                    done = books.reduce(instrument[i], orderRef[i], quantity[i]);
                    break;
                default:
                    done = books.move(instrument[i], orderRef[i], side[i] == OrderFlow.BUY, price[i], quantity[i]);
                    break;
            }
            if (!done)
            {
                failed++;
            }
        }
        return failed;
    }
}
