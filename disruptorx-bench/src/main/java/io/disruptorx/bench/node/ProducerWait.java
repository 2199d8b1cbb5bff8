package io.disruptorx.bench.node;

import java.util.concurrent.locks.LockSupport;

/**
 * How a paced producer waits for its next send time. Either way a command sent late is charged from its intended
 * time (coordinated omission corrected), so the waiting's overshoot is in the measured latency.
 */
public enum ProducerWait
{
    /**
     * Yields when the next send is under {@value #SPIN_BELOW_NANOS} ns away, parks otherwise: at 50k sends/s and
     * above a busy thread, which on two cores leaves one core to everything else.
     */
    YIELD,

    /**
     * Parks until the next send time, with the thread's timer slack set to {@value #PARKING_SLACK_NANOS} ns (a park
     * of 10 us lasts ~18 us on the 2-core machine, ~70 us with the default slack of 50 us): off the CPU between sends.
     */
    PARK,

    /**
     * Spins ({@link Thread#onSpinWait()}) when the next send is under {@value #SPIN_BELOW_NANOS} ns away, parks
     * otherwise: a busy thread, as {@link #YIELD}, that never offers its core to another thread between sends (a
     * yield hands it even to a thread at the lowest priority, which then keeps it until it blocks or the scheduler's
     * next tick, and the sends due meanwhile go late).
     */
    SPIN;

    private static final long SPIN_BELOW_NANOS = 200_000;
    private static final long PARKING_SLACK_NANOS = 1_000;

    /**
     * @return the timer slack the producer thread runs with, or {@link TimerSlack#UNSET} to keep its own.
     */
    long slackNanos()
    {
        return this == PARK ? PARKING_SLACK_NANOS : TimerSlack.UNSET;
    }

    /**
     * Waits until about {@code nanos} from now.
     *
     * @param nanos time to the next send.
     */
    void await(final long nanos)
    {
        if (this == PARK)
        {
            LockSupport.parkNanos(nanos);
        }
        else if (nanos > SPIN_BELOW_NANOS)
        {
            LockSupport.parkNanos(nanos - SPIN_BELOW_NANOS / 2);
        }
        else if (this == SPIN)
        {
            Thread.onSpinWait();
        }
        else
        {
            Thread.yield();
        }
    }
}
