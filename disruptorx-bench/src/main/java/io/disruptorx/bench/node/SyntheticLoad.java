package io.disruptorx.bench.node;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The dashboard bench's control without a dashboard: background work shaped as five pages' work, with no page, no
 * socket and nothing of the venue's. Two threads of the pages' process (so at the same priority, {@code SCHED_IDLE} by
 * default) are woken together {@value #TICKS_PER_SECOND} times a second, as a tick wakes the HTTP I/O thread and then
 * the pages' clients, and each burns its share of CPU (its own thread's CPU time, not wall time, so a preempted burst
 * still does all its work): {@code io} milliseconds a second in the one standing in for the dashboard's I/O thread,
 * {@code clients} in the one standing in for the pages' clients, that thread's share of a tick in {@code pieces}
 * bursts with a sleep of {@value #PIECE_SLEEP_NANOS} ns between them (each piece a wake-up, as five pages' clients
 * are woken by five writes a tick). If the node's p99 rises as much with this as with five
 * pages, what the pages cost is what any work of that shape costs on the venue's cores, not something the dashboard
 * does to the node (its threads' wake-ups, the feed's store, the sockets).
 */
final class SyntheticLoad implements AutoCloseable
{
    /** Wake-ups per second of each thread, as the dashboard's ticks. */
    static final int TICKS_PER_SECOND = 10;
    private static final long TICK_NANOS = 1_000_000_000L / TICKS_PER_SECOND;
    private static final double NANOS_PER_MILLI = 1e6;
    private static final long PIECE_SLEEP_NANOS = 50_000;

    private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    private final long ioBurstNanos;
    private final long clientsBurstNanos;
    private final int pieces;
    private final Thread io;
    private final Thread clients;
    private volatile boolean running = true;
    private volatile long bursts;
    private volatile long pendingClientBursts;

    private SyntheticLoad(final double ioMillisPerSecond, final double clientsMillisPerSecond, final int pieces)
    {
        ioBurstNanos = Math.round(ioMillisPerSecond * NANOS_PER_MILLI / TICKS_PER_SECOND);
        clientsBurstNanos = Math.round(clientsMillisPerSecond * NANOS_PER_MILLI / TICKS_PER_SECOND / pieces);
        this.pieces = pieces;
        io = new Thread(this::ticks, "synthetic-io");
        clients = new Thread(this::clientBursts, "synthetic-clients");
        io.setDaemon(true);
        clients.setDaemon(true);
    }

    /**
     * @param spec {@code burn:IO_MS:CLIENTS_MS[:PIECES]}, the CPU milliseconds a second of each thread and the
     *             clients' share of a tick in that many wake-ups (1 by default).
     * @return the load, started.
     * @throws IllegalArgumentException on another form, a negative share or fewer than one piece.
     */
    static SyntheticLoad start(final String spec)
    {
        final String[] parts = spec.split(":");
        if (parts.length < 3 || parts.length > 4 || !parts[0].equals("burn"))
        {
            throw new IllegalArgumentException("a synthetic load is burn:IO_MS:CLIENTS_MS[:PIECES], not " + spec);
        }
        final double ioMillis = Double.parseDouble(parts[1]);
        final double clientsMillis = Double.parseDouble(parts[2]);
        final int pieces = parts.length == 4 ? Integer.parseInt(parts[3]) : 1;
        if (ioMillis < 0 || clientsMillis < 0 || ioMillis + clientsMillis > 1000.0 || pieces < 1)
        {
            throw new IllegalArgumentException("a synthetic load's shares are 0 to 1000 ms/s together, in one or " +
                "more pieces, not " + spec);
        }
        final SyntheticLoad load = new SyntheticLoad(ioMillis, clientsMillis, pieces);
        load.io.start();
        load.clients.start();
        return load;
    }

    /**
     * @return the I/O stand-in's bursts done so far.
     */
    long bursts()
    {
        return bursts;
    }

    /**
     * @return {@code synthetic 0.80 ms + 5 x 0.60 ms every 100 ms}.
     */
    String describe()
    {
        return String.format(Locale.ROOT, "synthetic %.2f ms + %d x %.2f ms every %d ms",
            ioBurstNanos / NANOS_PER_MILLI, pieces, clientsBurstNanos / NANOS_PER_MILLI, TICK_NANOS / 1_000_000);
    }

    private void ticks()
    {
        long next = System.nanoTime() + TICK_NANOS;
        while (running)
        {
            long wait = next - System.nanoTime();
            while (wait > 0 && running)
            {
                LockSupport.parkNanos(wait);
                wait = next - System.nanoTime();
            }
            next += TICK_NANOS;
            pendingClientBursts++;
            LockSupport.unpark(clients);
            burn(ioBurstNanos);
            bursts++;
        }
    }

    private void clientBursts()
    {
        long done = 0;
        while (running)
        {
            if (done == pendingClientBursts)
            {
                LockSupport.park();
                continue;
            }
            done = pendingClientBursts;
            for (int piece = 0; piece < pieces && running; piece++)
            {
                if (piece > 0)
                {
                    LockSupport.parkNanos(PIECE_SLEEP_NANOS);
                }
                burn(clientsBurstNanos);
            }
        }
    }

    /** Spins until this thread has used {@code nanos} more of CPU. */
    private void burn(final long nanos)
    {
        final long until = cpu.getCurrentThreadCpuTime() + nanos;
        long sink = 0;
        while (cpu.getCurrentThreadCpuTime() < until)
        {
            for (int i = 0; i < 1_000; i++)
            {
                sink = sink * 31 + i;
            }
        }
        if (sink == 42)
        {
            Thread.onSpinWait();
        }
    }

    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(io);
        LockSupport.unpark(clients);
    }
}
