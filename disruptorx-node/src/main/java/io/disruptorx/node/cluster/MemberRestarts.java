package io.disruptorx.node.cluster;

import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

import io.disruptorx.cluster.ClusterStartup;
import io.disruptorx.cluster.MemberStatus;

/**
 * The restarts {@code dx cluster restart N} asked for, started one at a time and each only once the members that
 * run agree on one leader ({@link ClusterStartup#agreedLeader}): a member started into an election could stand as
 * a third candidate, the start-up anomaly {@link ClusterStartup} explains; started into a settled cluster it takes
 * the leader's term and never stands. A member started here is running from then on, so the next restart waits
 * until it has joined too. With fewer members running than a quorum no leader can exist to agree on; the member is
 * started at once, as {@link ClusterStartup#startAll} starts its first quorum.
 */
final class MemberRestarts
{
    private final boolean[] requested;

    /**
     * @param size members.
     */
    MemberRestarts(final int size)
    {
        this.requested = new boolean[size];
    }

    /**
     * @param memberId the member asked for.
     */
    void request(final int memberId)
    {
        requested[memberId] = true;
    }

    /**
     * @param memberId a member.
     * @return whether its restart is asked for and not yet started.
     */
    boolean pending(final int memberId)
    {
        return requested[memberId];
    }

    /**
     * Starts the first requested member if the running members agree on one leader now, or if they are fewer than
     * a quorum; a request for a member that runs is dropped.
     *
     * @param alive   whether a member's process runs.
     * @param running the statuses of the members that run, read afresh.
     * @param start   starts a member.
     * @return the member started, or -1.
     */
    int startDue(final IntPredicate alive, final Supplier<List<MemberStatus>> running, final IntConsumer start)
    {
        int due = -1;
        for (int memberId = 0; memberId < requested.length; memberId++)
        {
            if (requested[memberId] && alive.test(memberId))
            {
                requested[memberId] = false;
            }
            else if (requested[memberId] && due < 0)
            {
                due = memberId;
            }
        }
        if (due < 0)
        {
            return -1;
        }
        final List<MemberStatus> statuses = running.get();
        if (statuses.size() >= requested.length / 2 + 1 && ClusterStartup.agreedLeader(statuses) < 0)
        {
            return -1;
        }
        requested[due] = false;
        start.accept(due);
        return due;
    }
}
