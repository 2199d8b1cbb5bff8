package io.disruptorx.node.feed;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.engine.EngineStateVisitor;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.Side;
import io.disruptorx.marketdata.book.BookSide;
import io.disruptorx.marketdata.book.InstrumentBook;
import io.disruptorx.marketdata.book.MarketBook;

/**
 * Compares a feed subscriber's local book with the engine's: per instrument, every price level of both sides
 * (price, total quantity, order count), which includes the top of book. Read both only when neither runs:
 * the engine after its node has closed, the book after its client has stopped.
 */
public final class BookCheck
{
    private BookCheck()
    {
    }

    /**
     * @param engine the engine (node closed).
     * @param book   a subscriber's books (client stopped).
     * @return the differences, empty when the books are equal.
     */
    public static List<String> differences(final MatchingEngine engine, final MarketBook book)
    {
        final List<String> differences = new ArrayList<>();
        final List<long[]> levels = new ArrayList<>();
        final List<Integer> instruments = new ArrayList<>();
        engine.visit(new EngineStateVisitor()
        {
            @Override
            public void onInstrument(
                final int instrumentId,
                final InstrumentState state,
                final long referencePrice,
                final int priceScale,
                final int quantityScale)
            {
                instruments.add(instrumentId);
            }

            @Override
            public void onLevel(
                final int instrumentId, final Side side, final long price, final long quantity, final int orders)
            {
                levels.add(new long[]{instrumentId, side.code(), price, quantity, orders});
            }

            @Override
            public void onBalance(final long accountId, final int assetId, final long balance, final long held)
            {
            }
        });
        for (final int instrumentId : instruments)
        {
            final InstrumentBook local = book.book(instrumentId);
            for (int side = 0; side <= 1; side++)
            {
                final List<long[]> expected = new ArrayList<>();
                for (final long[] level : levels)
                {
                    if (level[0] == instrumentId && level[1] == side)
                    {
                        expected.add(level);
                    }
                }
                compareSide(instrumentId, side, expected, local == null ? null : local.side(side), differences);
            }
        }
        for (int i = 0; i < book.bookCount(); i++)
        {
            final InstrumentBook local = book.bookAt(i);
            if (!instruments.contains(local.instrumentId()) && local.orderCount() > 0)
            {
                differences.add("instrument " + local.instrumentId() + ": " + local.orderCount() +
                    " orders in the local book, unknown to the engine");
            }
        }
        return differences;
    }

    private static void compareSide(
        final int instrumentId,
        final int side,
        final List<long[]> expected,
        final BookSide local,
        final List<String> differences)
    {
        final String name = "instrument " + instrumentId + (side == 0 ? " bids" : " asks");
        final int localLevels = local == null ? 0 : local.levels();
        if (localLevels != expected.size())
        {
            differences.add(name + ": " + localLevels + " levels locally, " + expected.size() + " in the engine");
        }
        for (int level = 0; level < Math.min(localLevels, expected.size()); level++)
        {
            final long[] want = expected.get(level);
            if (local.price(level) != want[2] || local.quantity(level) != want[3] ||
                local.orderCount(level) != want[4])
            {
                differences.add(name + " level " + level + ": local " + local.quantity(level) + "@" +
                    local.price(level) + " (" + local.orderCount(level) + " orders), engine " + want[3] + "@" +
                    want[2] + " (" + want[4] + " orders)");
                return;
            }
        }
    }
}
