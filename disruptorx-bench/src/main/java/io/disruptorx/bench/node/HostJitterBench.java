package io.disruptorx.bench.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code dx bench host}: the floor this machine puts under any latency tail. One thread, then as many threads as
 * there are CPUs, do nothing but read the clock for a window; every gap between two readings longer than
 * {@value #GAP_NANOS} ns is time the platform took from them (other processes, a hypervisor's steal, the JVM
 * stopping every thread). {@link SpinGaps} turns the gaps into the wait a request arriving at a random instant would
 * see at p99 and p99.9, coordinated-omission corrected like the node's latency legs; no code of ours can show a
 * smaller tail than this on the same machine with the same number of busy threads. The node at 100,000 orders/s
 * in {@code shared} mode keeps two threads busy (the producer and the node's thread), so on a two-CPU machine the
 * second leg is its floor. Also printed: the CPU time stolen by the hypervisor over each leg ({@code /proc/stat}).
 *
 * <p>Ends with {@code RESULT host cpus=<n> spin1_p99_us=<n> spin1_p999_us=<n> spinall_p99_us=<n>
 * spinall_p999_us=<n> steal_pct=<n>}. Options: {@code --quick} (5 s per leg, 20 s otherwise),
 * {@code --seconds N}.
 */
public final class HostJitterBench
{
    /** A gap shorter than this is the loop itself (a clock read, a branch), not the platform. */
    static final long GAP_NANOS = 2_000;
    private static final int CAPACITY = 1 << 21;

    private HostJitterBench()
    {
    }

    /**
     * @param args {@code [--quick] [--seconds N]}.
     * @throws Exception if a thread cannot be joined.
     */
    public static void main(final String[] args) throws Exception
    {
        long seconds = 20;
        for (int i = 0; i < args.length; i++)
        {
            if ("--quick".equals(args[i]))
            {
                seconds = 5;
            }
            else if ("--seconds".equals(args[i]) && i + 1 < args.length)
            {
                seconds = Long.parseLong(args[++i]);
            }
            else
            {
                throw new IllegalArgumentException("unknown argument: " + args[i] + " (--quick, --seconds N)");
            }
        }
        final int cpus = Runtime.getRuntime().availableProcessors();
        final long window = TimeUnit.SECONDS.toNanos(seconds);
        spin(1, TimeUnit.SECONDS.toNanos(1));
        final Leg one = leg(1, window);
        final Leg all = leg(cpus, window);
        System.out.printf(Locale.ROOT, "RESULT host cpus=%d spin1_p99_us=%d spin1_p999_us=%d spinall_p99_us=%d " +
            "spinall_p999_us=%d steal_pct=%.1f%n", cpus, one.p99 / 1_000, one.p999 / 1_000, all.p99 / 1_000,
            all.p999 / 1_000, Math.max(one.stealPercent, all.stealPercent));
    }

    private static Leg leg(final int threads, final long window) throws Exception
    {
        final long[] before = cpuTimes();
        final SpinGaps[] logs = spin(threads, window);
        final long[] after = cpuTimes();
        final Leg leg = new Leg(SpinGaps.waitQuantile(logs, window, 0.99), SpinGaps.waitQuantile(logs, window, 0.999),
            steal(before, after));
        long gaps = 0;
        long inGaps = 0;
        long longest = 0;
        long dropped = 0;
        for (final SpinGaps log : logs)
        {
            gaps += log.count();
            inGaps += log.totalNanos();
            longest = Math.max(longest, log.maxNanos());
            dropped += log.dropped();
        }
        System.out.printf(Locale.ROOT, "host: %d spinning thread(s), %d s each: %,d gaps over %d us, %.2f%% of the " +
            "time in gaps, longest %,d us; wait at a random instant p99 %,d us, p99.9 %,d us; steal %.1f%%%s%n",
            threads, TimeUnit.NANOSECONDS.toSeconds(window), gaps, GAP_NANOS / 1_000,
            100.0 * inGaps / ((double)window * threads), longest / 1_000, leg.p99 / 1_000, leg.p999 / 1_000,
            leg.stealPercent, dropped > 0 ? " (" + dropped + " gaps not kept: the quantiles are too low)" : "");
        return leg;
    }

    private static SpinGaps[] spin(final int threads, final long window) throws InterruptedException
    {
        final SpinGaps[] logs = new SpinGaps[threads];
        final Thread[] spinners = new Thread[threads];
        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        for (int i = 0; i < threads; i++)
        {
            final SpinGaps log = new SpinGaps(CAPACITY);
            logs[i] = log;
            spinners[i] = new Thread(() -> spinUntil(log, start, start + window), "dx-bench-spin-" + i);
            spinners[i].start();
        }
        for (final Thread spinner : spinners)
        {
            spinner.join();
        }
        return logs;
    }

    private static void spinUntil(final SpinGaps log, final long start, final long end)
    {
        long last = System.nanoTime();
        while (last < start)
        {
            last = System.nanoTime();
        }
        while (last < end)
        {
            final long now = System.nanoTime();
            if (now - last > GAP_NANOS)
            {
                log.add(now - last);
            }
            last = now;
        }
    }

    /**
     * @return the {@code cpu} line of {@code /proc/stat} (jiffies: user, nice, system, idle, iowait, irq, softirq,
     * steal, ...), or an empty array where there is none.
     */
    private static long[] cpuTimes()
    {
        try
        {
            final String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            final String[] fields = line.trim().split("\\s+");
            final long[] times = new long[fields.length - 1];
            for (int i = 1; i < fields.length; i++)
            {
                times[i - 1] = Long.parseLong(fields[i]);
            }
            return times;
        }
        catch (final IOException | RuntimeException ex)
        {
            return new long[0];
        }
    }

    private static double steal(final long[] before, final long[] after)
    {
        if (before.length < 8 || after.length < 8)
        {
            return 0;
        }
        long total = 0;
        for (int i = 0; i < 8; i++)
        {
            total += after[i] - before[i];
        }
        return total == 0 ? 0 : 100.0 * (after[7] - before[7]) / total;
    }

    private record Leg(long p99, long p999, double stealPercent)
    {
    }
}
