package io.disruptorx.cluster;

import java.time.Duration;

/**
 * The consensus module's timeouts, which decide how fast a dead leader is replaced and how easily a slow one is
 * mistaken for dead. Measurements and the reasons for each value: docs/cluster.md.
 *
 * @param leaderHeartbeatTimeout  a follower that hears nothing from the leader for this long starts an election.
 * @param leaderHeartbeatInterval how often an idle leader sends a heartbeat (the log carries activity when busy).
 * @param electionTimeout         how long a candidate waits for votes, and the base of a nominee's random delay.
 * @param electionStatusInterval  how often members exchange status during an election.
 * @param startupCanvassTimeout   how long a starting member canvasses the others before an election; a multiple of
 *                                the heartbeat timeout.
 * @param sessionTimeout          a client session without a keep-alive for this long is closed.
 */
public record ClusterTimeouts(
    Duration leaderHeartbeatTimeout,
    Duration leaderHeartbeatInterval,
    Duration electionTimeout,
    Duration electionStatusInterval,
    Duration startupCanvassTimeout,
    Duration sessionTimeout)
{
    /**
     * Validates.
     */
    public ClusterTimeouts
    {
        positive("leader-heartbeat-timeout", leaderHeartbeatTimeout);
        positive("leader-heartbeat-interval", leaderHeartbeatInterval);
        positive("election-timeout", electionTimeout);
        positive("election-status-interval", electionStatusInterval);
        positive("startup-canvass-timeout", startupCanvassTimeout);
        positive("session-timeout", sessionTimeout);
        if (leaderHeartbeatInterval.compareTo(leaderHeartbeatTimeout) >= 0)
        {
            throw new IllegalArgumentException("leader-heartbeat-interval (" + leaderHeartbeatInterval +
                ") must be shorter than leader-heartbeat-timeout (" + leaderHeartbeatTimeout + ")");
        }
        if (startupCanvassTimeout.toNanos() % leaderHeartbeatTimeout.toNanos() != 0)
        {
            throw new IllegalArgumentException("startup-canvass-timeout (" + startupCanvassTimeout +
                ") must be a multiple of leader-heartbeat-timeout (" + leaderHeartbeatTimeout + ")");
        }
        if (electionStatusInterval.compareTo(electionTimeout) >= 0)
        {
            throw new IllegalArgumentException("election-status-interval (" + electionStatusInterval +
                ") must be shorter than election-timeout (" + electionTimeout + ")");
        }
    }

    /**
     * @return the values tuned on a 2-core machine running three members: see docs/cluster.md.
     */
    public static ClusterTimeouts tuned()
    {
        return new ClusterTimeouts(Duration.ofMillis(500), Duration.ofMillis(20), Duration.ofMillis(100),
            Duration.ofMillis(10), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    /**
     * @return Aeron Cluster's defaults (10 s heartbeat timeout, 200 ms interval, 1 s election, 100 ms status,
     * 60 s canvass, 10 s session).
     */
    public static ClusterTimeouts aeronDefaults()
    {
        return new ClusterTimeouts(Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ofSeconds(1),
            Duration.ofMillis(100), Duration.ofSeconds(60), Duration.ofSeconds(10));
    }

    private static void positive(final String key, final Duration value)
    {
        if (value == null || value.isNegative() || value.isZero())
        {
            throw new IllegalArgumentException(key + " must be positive, was " + value);
        }
    }
}
