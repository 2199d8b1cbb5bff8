package io.disruptorx.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;

/**
 * Starts a cluster's members a quorum first and then one at a time, each step waiting until the members started so
 * far agree on one leader; and the test of that agreement.
 *
 * <p>Why: in Aeron Cluster 1.51 a member that has voted for a candidate of term T+1 still accepts, while it
 * canvasses, the new-leadership-term message of the leader of term T it voted for a moment earlier. When every
 * member of a three-member cluster takes part in the same election, one of them slow to start, that one member's
 * two votes make two leaders: the leader of term T commits with it, the slow member leads term T+1 with an empty
 * log, and the others truncate their committed log to it and stay in election INIT (docs/cluster.md, "Starting a
 * cluster"). With only a quorum in the first election no third candidate exists, and a member that starts after
 * the election never becomes a candidate: the settled members send it no canvass, only the leader's term.
 */
public final class ClusterStartup
{
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private ClusterStartup()
    {
    }

    /**
     * Starts members {@code 0 .. size-1}: a quorum together, then each other one once those before it agree.
     *
     * @param size    members.
     * @param start   starts one member.
     * @param status  one member's status now.
     * @param timeout longest wait for each step's agreement.
     * @return the leader the members agree on.
     * @throws IllegalStateException when a step's members do not agree in time (with their statuses).
     */
    public static int startAll(
        final int size, final IntConsumer start, final IntFunction<MemberStatus> status, final Duration timeout)
    {
        final int quorum = size / 2 + 1;
        for (int memberId = 0; memberId < quorum; memberId++)
        {
            start.accept(memberId);
        }
        int leader = awaitAgreement(first(quorum, status), timeout);
        for (int memberId = quorum; memberId < size; memberId++)
        {
            start.accept(memberId);
            leader = awaitAgreement(first(memberId + 1, status), timeout);
        }
        return leader;
    }

    /**
     * Waits until the members agree on one leader.
     *
     * @param statuses the statuses of the members to wait for, read afresh on each call.
     * @param timeout  longest wait.
     * @return the leader.
     * @throws IllegalStateException when they do not agree in time (with their statuses).
     */
    public static int awaitAgreement(final Supplier<List<MemberStatus>> statuses, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        List<MemberStatus> last = List.of();
        while (System.nanoTime() - deadline < 0)
        {
            last = statuses.get();
            final int leader = agreedLeader(last);
            if (leader >= 0)
            {
                return leader;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        throw new IllegalStateException("members did not agree on one leader within " + timeout.toSeconds() +
            " s: " + last.stream().map(MemberStatus::describe).toList());
    }

    /**
     * @param statuses members' statuses.
     * @return the leader when every member runs with its election closed, all in one term with exactly one leader
     * and the rest following; otherwise -1.
     */
    public static int agreedLeader(final List<MemberStatus> statuses)
    {
        if (statuses.isEmpty())
        {
            return -1;
        }
        final long term = statuses.get(0).leadershipTermId();
        int leader = -1;
        for (final MemberStatus member : statuses)
        {
            if (!member.running() || member.electionState() != ElectionState.CLOSED ||
                member.leadershipTermId() != term || term < 0)
            {
                return -1;
            }
            if (member.role() == Cluster.Role.LEADER)
            {
                if (leader >= 0)
                {
                    return -1;
                }
                leader = member.memberId();
            }
            else if (member.role() != Cluster.Role.FOLLOWER)
            {
                return -1;
            }
        }
        return leader;
    }

    private static Supplier<List<MemberStatus>> first(final int count, final IntFunction<MemberStatus> status)
    {
        return () ->
        {
            final List<MemberStatus> statuses = new ArrayList<>(count);
            for (int memberId = 0; memberId < count; memberId++)
            {
                statuses.add(status.apply(memberId));
            }
            return statuses;
        };
    }
}
