package io.disruptorx.node.text;

import java.io.PrintWriter;
import java.util.Locale;

import io.disruptorx.engine.EngineStateVisitor;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.Side;

/**
 * Prints an engine's books (top levels per side) and balances as text, for people.
 */
public final class StateReport
{
    private StateReport()
    {
    }

    /**
     * @param engine engine to describe (not running).
     * @param levels price levels per side to print.
     * @param out    destination.
     */
    public static void print(final MatchingEngine engine, final int levels, final PrintWriter out)
    {
        printBooks(engine, levels, out);
        printBalances(engine, out);
    }

    /**
     * @param engine engine to describe (not running).
     * @param levels price levels per side to print.
     * @param out    destination.
     */
    public static void printBooks(final MatchingEngine engine, final int levels, final PrintWriter out)
    {
        engine.visit(new Printer(out, levels, true, false));
    }

    /**
     * @param engine engine to describe (not running).
     * @param out    destination.
     */
    public static void printBalances(final MatchingEngine engine, final PrintWriter out)
    {
        engine.visit(new Printer(out, 0, false, true));
    }

    private static final class Printer implements EngineStateVisitor
    {
        private final PrintWriter out;
        private final int levels;
        private final boolean books;
        private final boolean balances;
        private int printedOnSide;
        private Side side;
        private boolean balancesStarted;

        Printer(final PrintWriter out, final int levels, final boolean books, final boolean balances)
        {
            this.out = out;
            this.levels = levels;
            this.books = books;
            this.balances = balances;
        }

        @Override
        public void onInstrument(
            final int instrumentId,
            final InstrumentState state,
            final long referencePrice,
            final int priceScale,
            final int quantityScale)
        {
            if (books)
            {
                out.printf(Locale.ROOT, "instrument %d  %s  last %d%n", instrumentId, state, referencePrice);
            }
            side = null;
        }

        @Override
        public void onLevel(
            final int instrumentId, final Side levelSide, final long price, final long quantity, final int orders)
        {
            if (levelSide != side)
            {
                side = levelSide;
                printedOnSide = 0;
            }
            if (books && printedOnSide++ < levels)
            {
                out.printf(Locale.ROOT, "  %-4s %,14d  x %,14d  (%d orders)%n",
                    levelSide == Side.BUY ? "bid" : "ask", price, quantity, orders);
            }
        }

        @Override
        public void onBalance(final long accountId, final int assetId, final long balance, final long held)
        {
            if (!balances)
            {
                return;
            }
            if (!balancesStarted)
            {
                balancesStarted = true;
                out.println("balances (account, asset: balance / held)");
            }
            out.printf(Locale.ROOT, "  %d, %d: %,d / %,d%n", accountId, assetId, balance, held);
        }
    }
}
