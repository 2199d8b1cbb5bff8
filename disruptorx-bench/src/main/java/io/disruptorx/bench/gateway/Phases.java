package io.disruptorx.bench.gateway;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Where the wall time of {@code dx bench gateway} goes: {@link #done} prints one progress line per phase with its
 * elapsed seconds and the time since the JVM started, and {@link #summary} all of them on one line at the end.
 */
final class Phases
{
    private final long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
    private final StringJoiner all = new StringJoiner(", ");
    private long phaseStart = System.nanoTime();

    /**
     * Prints the JVM's start-up (start to {@code main}), and starts the first phase.
     */
    Phases()
    {
        final double startup = (System.currentTimeMillis() - jvmStartMillis) / 1_000.0;
        System.out.printf(Locale.ROOT, "phase JVM start to main: %.1f s%n", startup);
        all.add(String.format(Locale.ROOT, "JVM start %.1f", startup));
    }

    /**
     * Ends the current phase and starts the next.
     *
     * @param name what the phase did.
     */
    void done(final String name)
    {
        final long now = System.nanoTime();
        final double seconds = (now - phaseStart) / 1e9;
        phaseStart = now;
        System.out.printf(Locale.ROOT, "phase %s: %.1f s (%.1f s since the JVM started)%n", name, seconds,
            sinceJvmStart());
        all.add(String.format(Locale.ROOT, "%s %.1f", name, seconds));
    }

    /**
     * Prints every phase's seconds on one line, and the total.
     */
    void summary()
    {
        System.out.printf(Locale.ROOT, "phases (s): %s; total %.1f s since the JVM started%n", all, sinceJvmStart());
    }

    private double sinceJvmStart()
    {
        return (System.currentTimeMillis() - jvmStartMillis) / 1_000.0;
    }
}
