package io.disruptorx.bench.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The calling thread's timer slack ({@code /proc/<tid>/timerslack_ns}, Linux 4.6 and later): how much later than
 * asked the kernel may end the thread's timed waits, 50 us by default, so that a park of 10 us lasts ~70 us here
 * (~18 us with a slack of 1 us). Threads a thread starts inherit its slack.
 */
final class TimerSlack
{
    /** No slack was read or set. */
    static final long UNSET = -1;

    private TimerSlack()
    {
    }

    /**
     * Sets the calling thread's timer slack.
     *
     * @param nanos the slack; {@link #UNSET} changes nothing.
     * @return the slack before, or {@link #UNSET} when it could not be set (not Linux, the file missing or not
     *         writable: the slack stays as it was).
     */
    static long set(final long nanos)
    {
        if (nanos == UNSET)
        {
            return UNSET;
        }
        try
        {
            final Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            final Path file = Path.of("/proc", self.getFileName().toString(), "timerslack_ns");
            final long before = Long.parseLong(Files.readString(file).trim());
            Files.writeString(file, Long.toString(nanos));
            return before;
        }
        catch (final IOException | UnsupportedOperationException | NumberFormatException ex)
        {
            return UNSET;
        }
    }
}
