package io.disruptorx.bench.fix;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.bench.node.LatencySummary;
import io.disruptorx.bench.node.LoadDriver;
import io.disruptorx.bench.node.OrderLoad;
import io.disruptorx.bench.node.OrderLoads;
import org.HdrHistogram.Histogram;

/**
 * The wire load ({@link FixWireLoad}) over several FIX sessions, each its own connection and user, driven from the
 * same one thread: order pair {@code m} (a buy and the sell that trades with it) goes to session {@code m % N}, and
 * each pass writes and reads every session. Same orders, acknowledgements and measurement as one session; the
 * latencies of all sessions are one histogram. It offers the acceptor more connections (and so more socket buffers
 * and more parallel work where the acceptor has it, e.g. a thread per session) without adding a thread to the two
 * cores the load shares with the acceptor.
 */
public final class FixWireSessions implements FixLoad, OrderLoad
{
    private static final long PARK_NANOS = 20_000;

    private final FixWireLoad[] loads;
    private final LoadDriver driver = new LoadDriver(this, "acceptor", 1 << 20);

    /**
     * @param loads the sessions, logged on; closed with this.
     */
    public FixWireSessions(final FixWireLoad... loads)
    {
        if (loads.length == 0)
        {
            throw new IllegalArgumentException("no session");
        }
        this.loads = loads.clone();
    }

    @Override
    public QfjLoad.Run paced(final long rate, final double warmupSeconds, final double measureSeconds)
    {
        final double completed = driver.paced(rate, warmupSeconds, measureSeconds);
        return new QfjLoad.Run(rate, LatencySummary.of(latencies()), completed, refused());
    }

    @Override
    public QfjLoad.Run saturated(final int window, final double warmupSeconds, final double measureSeconds)
    {
        final double completed = driver.saturated(window, warmupSeconds, measureSeconds);
        return new QfjLoad.Run(0, LatencySummary.of(latencies()), completed, refused());
    }

    private Histogram latencies()
    {
        final Histogram all = new Histogram(1, TimeUnit.SECONDS.toNanos(60), 3);
        for (final FixWireLoad load : loads)
        {
            all.add(load.latencies());
        }
        return all;
    }

    private long refused()
    {
        long refused = 0;
        for (final FixWireLoad load : loads)
        {
            refused += load.refusedCount();
        }
        return refused;
    }

    /** @return passes of the sessions' flushes that wrote no byte and read nothing, so the load parked. */
    public long blockedPasses()
    {
        long passes = 0;
        for (final FixWireLoad load : loads)
        {
            passes += load.blockedPasses();
        }
        return passes;
    }

    /** @return acknowledgements of an order already acknowledged, over all sessions (not counted as answers). */
    public long duplicateAnswers()
    {
        long duplicates = 0;
        for (final FixWireLoad load : loads)
        {
            duplicates += load.duplicateAnswers();
        }
        return duplicates;
    }

    /** @return each session's orders of the current run acknowledged or refused so far, in session order. */
    public long[] answeredBySession()
    {
        final long[] answered = new long[loads.length];
        for (int i = 0; i < loads.length; i++)
        {
            answered[i] = loads[i].answered();
        }
        return answered;
    }

    @Override
    public void start(final long firstId, final long measureFromId)
    {
        for (final FixWireLoad load : loads)
        {
            load.start(firstId, measureFromId);
        }
    }

    @Override
    public void send(final long index, final long id, final long intendedNanos)
    {
        loads[(int)((index >>> 1) % loads.length)].send(index, id, intendedNanos);
    }

    @Override
    public void flush()
    {
        for (final FixWireLoad load : loads)
        {
            load.flush();
        }
    }

    @Override
    public void poll()
    {
        for (final FixWireLoad load : loads)
        {
            load.poll();
        }
    }

    /** Parks 20 us when no session read anything on its last poll. */
    @Override
    public void windowFull()
    {
        for (final FixWireLoad load : loads)
        {
            if (!load.readNothing())
            {
                return;
            }
        }
        LockSupport.parkNanos(PARK_NANOS);
    }

    @Override
    public void measureFrom(final long id)
    {
        for (final FixWireLoad load : loads)
        {
            load.measureFrom(id);
        }
    }

    @Override
    public long answered()
    {
        return OrderLoads.answered(loads);
    }

    @Override
    public long lastAnswerNanos()
    {
        return OrderLoads.lastAnswerNanos(loads);
    }

    @Override
    public void drain(final long sent)
    {
        OrderLoads.drain(this, sent, () ->
        {
            poll();
            windowFull();
        }, " over " + loads.length + " sessions");
    }

    @Override
    public void close()
    {
        for (final FixWireLoad load : loads)
        {
            load.close();
        }
    }
}
