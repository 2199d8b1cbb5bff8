package io.disruptorx.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The system properties that decide what a step of the system clock does to the Aeron parts of a process, which a
 * launcher hands on to the {@code dx} processes it starts ({@code LocalCluster}'s members, the tests' children)
 * when it has them itself:
 * <ul>
 *     <li>{@code aeron.driver.timeout} (ms): how old a client lets its media driver's keep-alive get;</li>
 *     <li>{@code aeron.client.liveness.timeout}: how old a media driver lets a client's keep-alive get;</li>
 *     <li>{@code aeron.publication.unblock.timeout}: Aeron requires it above the client liveness timeout;</li>
 *     <li>{@value MonotonicClusterClock#PROPERTY}: the cluster clock a member's consensus module measures its
 *     timeouts on.</li>
 * </ul>
 * Aeron stamps both keep-alives with the wall clock, so a forward step longer than either timeout ends the clients
 * (docs/cluster.md). The build sets all four in its test JVMs.
 */
public final class ClockStepProperties
{
    /** The properties, in the order {@link #jvmOptions()} gives them. */
    public static final List<String> NAMES = List.of(
        "aeron.driver.timeout",
        "aeron.client.liveness.timeout",
        "aeron.publication.unblock.timeout",
        MonotonicClusterClock.PROPERTY);

    private ClockStepProperties()
    {
    }

    /**
     * @return a {@code -Dname=value} option for each of {@link #NAMES} this JVM has, for a child JVM's command line.
     */
    public static List<String> jvmOptions()
    {
        final List<String> options = new ArrayList<>();
        for (final String name : NAMES)
        {
            final String value = System.getProperty(name);
            if (value != null)
            {
                options.add("-D" + name + "=" + value);
            }
        }
        return options;
    }
}
