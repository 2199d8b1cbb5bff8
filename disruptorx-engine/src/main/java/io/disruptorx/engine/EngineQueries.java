package io.disruptorx.engine;

import io.disruptorx.engine.book.BookOrder;
import io.disruptorx.engine.book.BookSide;
import io.disruptorx.engine.book.PriceLevel;

/**
 * Read-only answers about an engine's state for hosts, reports and tests: balances, best prices, resting orders and
 * a full walk in deterministic order; and the queries a command asks ({@link #answerBalances},
 * {@link #answerOpenOrders}), answered with events. Nothing here changes state; the parameters and results are
 * those of {@link MatchingEngine}.
 */
final class EngineQueries
{
    private final EngineState state;

    EngineQueries(final EngineState state)
    {
        this.state = state;
    }

    long balance(final long accountId, final int assetId)
    {
        final Account account = state.accounts.get(accountId);
        return account == null ? 0 : account.balance[assetId];
    }

    long held(final long accountId, final int assetId)
    {
        final Account account = state.accounts.get(accountId);
        return account == null ? 0 : account.held[assetId];
    }

    /**
     * Answers a balance query: one {@link EngineListener#onAccountBalance} per asset the account has a balance, a
     * hold or a part of funds on their way between shards of ({@link Account#transferred}), in asset id order, each
     * carrying how many there are; a single one with {@code assetCount} 0 when the account has none or does not exist.
     */
    void answerBalances(final long timestamp, final long accountId, final long requestId)
    {
        final EngineListener listener = state.listener;
        final Account account = state.accounts.get(accountId);
        int count = 0;
        if (account != null)
        {
            for (int asset = 0; asset < account.balance.length; asset++)
            {
                if (account.balance[asset] != 0 || account.held[asset] != 0 || account.inTransfer(asset) != 0)
                {
                    count++;
                }
            }
        }
        if (count == 0)
        {
            listener.onAccountBalance(timestamp, requestId, accountId, 0, 0, 0, 0, 0);
            return;
        }
        for (int asset = 0; asset < account.balance.length; asset++)
        {
            if (account.balance[asset] != 0 || account.held[asset] != 0 || account.inTransfer(asset) != 0)
            {
                listener.onAccountBalance(timestamp, requestId, accountId, asset, count, account.available(asset),
                    account.held[asset], account.inTransfer(asset));
            }
        }
    }

    /**
     * Answers an open-orders query: one {@link EngineListener#onOpenOrder} per resting order of the account, of the
     * one instrument asked or (0) of every instrument in id order, each book in priority order, each carrying how
     * many there are; a single one with {@code orderCount} 0 when there is none. Walks the books (every resting
     * order of the instruments asked, twice: to count, then to answer); no allocation, no hash-ordered iteration.
     */
    void answerOpenOrders(final long timestamp, final long accountId, final long requestId, final int instrumentId)
    {
        final int count = openOrders(timestamp, accountId, requestId, instrumentId, -1);
        if (count == 0)
        {
            state.listener.onOpenOrder(
                timestamp, requestId, accountId, 0, 0, 0, 0, 0, null, null, 0, 0, 0, 0, false, 0, 0);
            return;
        }
        openOrders(timestamp, accountId, requestId, instrumentId, count);
    }

    /**
     * @param answerCount -1 to count only, else the answer's size: tells each order to the listener.
     * @return the account's open orders on the instruments asked.
     */
    private int openOrders(
        final long timestamp, final long accountId, final long requestId, final int instrumentId, final int answerCount)
    {
        final int first = instrumentId == 0 ? 1 : instrumentId;
        final int last = instrumentId == 0 ? state.instruments.idLimit() - 1 : instrumentId;
        int place = 0;
        for (int id = first; id <= last; id++)
        {
            final Instrument instrument = state.instruments.get(id);
            if (instrument != null)
            {
                place = openOrders(instrument.book.bids(), timestamp, accountId, requestId, answerCount, place);
                place = openOrders(instrument.book.asks(), timestamp, accountId, requestId, answerCount, place);
            }
        }
        return place;
    }

    private int openOrders(final BookSide side, final long timestamp, final long accountId, final long requestId,
        final int answerCount, final int firstPlace)
    {
        int place = firstPlace;
        for (int i = side.levelCount() - 1; i >= 0; i--)
        {
            for (BookOrder bookOrder = side.levelAt(i).head(); bookOrder != null; bookOrder = bookOrder.next())
            {
                final Order order = (Order)bookOrder;
                if (order.account.id == accountId)
                {
                    if (answerCount > 0)
                    {
                        state.listener.onOpenOrder(timestamp, requestId, accountId, order.orderId(),
                            order.clientOrderId, order.instrument.id, answerCount, place, order.side(),
                            order.timeInForce, order.price(), order.openQuantity(),
                            order.openQuantity() + order.filledQuantity, order.entryTime, order.postOnly,
                            order.filledNotional, order.updateTime);
                    }
                    place++;
                }
            }
        }
        return place;
    }

    long bestPrice(final int instrumentId, final Side side)
    {
        final Instrument instrument = state.instruments.get(instrumentId);
        final PriceLevel best = instrument == null ? null : instrument.book.side(side).best();
        return best == null ? 0 : best.price();
    }

    long openQuantity(final long orderId)
    {
        final BookOrder order = state.restingOrders.get(orderId);
        return order == null ? 0 : order.openQuantity();
    }

    long entryTime(final long orderId)
    {
        final BookOrder order = state.restingOrders.get(orderId);
        return order == null ? 0 : ((Order)order).entryTime;
    }

    int restingOrderCount()
    {
        return state.restingOrders.size();
    }

    long referencePrice(final int instrumentId)
    {
        final Instrument instrument = state.instruments.get(instrumentId);
        return instrument == null ? 0 : instrument.referencePrice;
    }

    long nextFeedSequence()
    {
        return state.nextFeedSequence();
    }

    void visit(final EngineStateVisitor visitor)
    {
        final InstrumentRegistry instruments = state.instruments;
        for (int i = 0; i < instruments.count(); i++)
        {
            final Instrument instrument = instruments.inOrder(i);
            visitor.onInstrument(instrument.id, instrument.state, instrument.referencePrice, instrument.priceScale,
                instrument.quantityScale);
            visitLevels(visitor, instrument.id, instrument.book.bids());
            visitLevels(visitor, instrument.id, instrument.book.asks());
        }
        final AccountLedger accounts = state.accounts;
        for (int i = 0; i < accounts.count(); i++)
        {
            final Account account = accounts.inOrder(i);
            for (int asset = 0; asset < account.balance.length; asset++)
            {
                if (account.balance[asset] != 0 || account.held[asset] != 0)
                {
                    visitor.onBalance(account.id, asset, account.balance[asset], account.held[asset]);
                }
            }
        }
    }

    private static void visitLevels(final EngineStateVisitor visitor, final int instrumentId, final BookSide side)
    {
        for (int i = side.levelCount() - 1; i >= 0; i--)
        {
            final PriceLevel level = side.levelAt(i);
            visitor.onLevel(instrumentId, side.side(), level.price(), level.totalQuantity(), level.orderCount());
        }
    }
}
