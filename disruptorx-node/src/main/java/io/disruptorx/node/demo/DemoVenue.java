package io.disruptorx.node.demo;

import java.io.PrintWriter;
import java.util.Locale;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.MatchingEngine;

/**
 * The demo venue while the embedded node does not exist yet: the engine driven directly by simulated
 * traders on the calling thread, with a status line every second.
 */
public final class DemoVenue
{
    private static final long SECOND = 1_000_000_000L;
    private static final int CHECK_EVERY = 1024;

    private final DemoStats stats = new DemoStats();
    private final MatchingEngine engine = new MatchingEngine(EngineConfig.defaults(), stats);
    private final SimulatedTraders traders;
    private final int instruments;
    private volatile boolean running = true;
    private long commands;

    /**
     * @param instruments instruments to list.
     * @param accounts    trading accounts.
     * @param seed        order flow seed.
     */
    public DemoVenue(final int instruments, final int accounts, final long seed)
    {
        this.instruments = instruments;
        this.traders = new SimulatedTraders(engine, stats, seed, instruments, accounts);
    }

    /**
     * Asks a running venue to stop after the current command.
     */
    public void stop()
    {
        running = false;
    }

    /**
     * Runs until the duration has passed or {@link #stop()} is called, then prints the summary.
     *
     * @param durationNanos how long.
     * @param out           where status and summary go.
     */
    public void run(final long durationNanos, final PrintWriter out)
    {
        out.printf(Locale.ROOT, "dx demo: %d instruments, %d s; status every second%n",
            instruments, durationNanos / SECOND);
        out.flush();
        final long start = System.nanoTime();
        traders.setUp(System.currentTimeMillis() * 1_000_000L);
        long nextStatus = start + SECOND;
        long lastCommands = 0;
        long lastTrades = 0;
        final long end = start + durationNanos;
        while (running)
        {
            final long epochNanos = System.currentTimeMillis() * 1_000_000L;
            for (int i = 0; i < CHECK_EVERY; i++)
            {
                traders.step(epochNanos);
            }
            commands += CHECK_EVERY;
            final long now = System.nanoTime();
            if (now >= nextStatus)
            {
                out.printf(Locale.ROOT, "t=%3ds commands/s=%,d trades/s=%,d resting=%,d%n",
                    (now - start) / SECOND, commands - lastCommands, stats.trades - lastTrades,
                    engine.restingOrderCount());
                out.flush();
                lastCommands = commands;
                lastTrades = stats.trades;
                nextStatus += SECOND;
            }
            if (now >= end)
            {
                break;
            }
        }
        printSummary(out, System.nanoTime() - start);
    }

    private void printSummary(final PrintWriter out, final long elapsedNanos)
    {
        final double seconds = elapsedNanos / 1e9;
        out.printf(Locale.ROOT, "%nsummary: %,d commands in %.1f s (%,.0f commands/s)%n",
            commands, seconds, commands / seconds);
        out.printf(Locale.ROOT, "  orders accepted %,d, rejected %,d; trades %,d (quantity %,d); " +
            "cancelled %,d; replaced %,d; cancel/replace refused %,d (order already gone)%n",
            stats.accepted, stats.rejected, stats.trades, stats.tradedQuantity, stats.cancelled, stats.replaced,
            stats.cancelRejected);
        out.printf(Locale.ROOT, "  resting orders %,d%n", engine.restingOrderCount());
        out.println("  top of book:");
        for (int i = 1; i <= instruments; i++)
        {
            out.printf(Locale.ROOT, "    instrument %d  bid %s  ask %s  last %s%n", i,
                price(engine.bestBid(i)), price(engine.bestAsk(i)), price(engine.referencePrice(i)));
        }
        out.flush();
    }

    private static String price(final long cents)
    {
        return cents == 0 ? "-" : String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
    }

    /**
     * @return commands sent so far.
     */
    public long commands()
    {
        return commands;
    }

    /**
     * @return trades so far.
     */
    public long trades()
    {
        return stats.trades;
    }
}
