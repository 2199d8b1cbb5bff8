package io.disruptorx.cluster;

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
 * The engine's price levels as text, and a feed subscriber's book in the same form, to compare them.
 */
final class EngineBooks
{
    private EngineBooks()
    {
    }

    static List<String> levels(final MatchingEngine engine)
    {
        final List<String> levels = new ArrayList<>();
        engine.visit(new EngineStateVisitor()
        {
            @Override
            public void onInstrument(
                final int instrumentId, final InstrumentState state, final long referencePrice, final int priceScale,
                final int quantityScale)
            {
            }

            @Override
            public void onLevel(
                final int instrumentId, final Side side, final long price, final long quantity, final int orders)
            {
                levels.add(line(instrumentId, side.code(), price, quantity, orders));
            }

            @Override
            public void onBalance(final long accountId, final int assetId, final long balance, final long held)
            {
            }
        });
        return levels;
    }

    static List<String> levels(final MarketBook book)
    {
        final List<String> levels = new ArrayList<>();
        for (int i = 0; i < book.bookCount(); i++)
        {
            final InstrumentBook instrument = book.bookAt(i);
            for (int side = 0; side <= 1; side++)
            {
                final BookSide levelsOfSide = instrument.side(side);
                for (int level = 0; level < levelsOfSide.levels(); level++)
                {
                    levels.add(line(instrument.instrumentId(), side, levelsOfSide.price(level),
                        levelsOfSide.quantity(level), levelsOfSide.orderCount(level)));
                }
            }
        }
        return levels;
    }

    private static String line(final int instrumentId, final int side, final long price, final long quantity,
        final int orders)
    {
        return instrumentId + (side == 0 ? " bid " : " ask ") + quantity + "@" + price + " (" + orders + ")";
    }
}
