package io.disruptorx.cluster;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 *
 * <p>A member can also stay in its election for good: a follower joining the log waits, in Aeron 1.51, without a
 * time limit for its clustered service to join the same log ({@code ConsensusModuleAgent.awaitServicesReady}), and
 * the service waits without one for its log image ({@code ClusteredServiceAgent.awaitImage}); while the consensus
 * module waits there, the election's own timeouts do not run (a CI run saw a follower sit in election
 * FOLLOWER_LOG_AWAIT for 60 s with a 500 ms heartbeat timeout). So when a step's members have not agreed within the
 * join limit, each of them whose election is not closed is stopped and started again, once, with one line printed
 * saying so; only if they still do not agree does the start fail, its message carrying the statuses and what the
 * members' diagnostics show (their error logs, and in one process the stacks of its cluster threads).
 */
public final class ClusterStartup
{
    /**
     * How long a step waits for its members to agree before restarting those still in an election: past a start on
     * a loaded 2-core machine (a whole three-member start in one JVM took 3 to 13 s, median 3.2 s, in 65 starts
     * under two CPU hogs), well short of the callers' minute.
     */
    public static final Duration JOIN_LIMIT = Duration.ofSeconds(15);

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private ClusterStartup()
    {
    }

    /**
     * What {@link #startAll} does to and learns of the members it starts.
     */
    public interface Members
    {
        /**
         * Starts a member.
         *
         * @param memberId the member.
         */
        void start(int memberId);

        /**
         * Stops a member (a no-op when it is not running); {@link #start} may follow.
         *
         * @param memberId the member.
         */
        void stop(int memberId);

        /**
         * @param memberId the member.
         * @return its status now.
         */
        MemberStatus status(int memberId);

        /**
         * @param memberId the member.
         * @return what may tell why it is stuck (its error logs, its threads' stacks), on one or more lines; empty
         * when there is nothing to show.
         */
        String diagnostics(int memberId);
    }

    /**
     * Starts members {@code 0 .. size-1}: a quorum together, then each other one once those before it agree. A step
     * whose members have not agreed within {@code joinLimit} restarts, once, each of them whose election is not
     * closed (one line on {@code out} names them with their statuses and diagnostics), then waits up to
     * {@code timeout} more.
     *
     * @param size      members.
     * @param members   starts, stops and reads them.
     * @param joinLimit wait before the stuck members of a step are restarted.
     * @param timeout   longest wait for each step's agreement after that.
     * @param out       where the restart is reported.
     * @return the leader the members agree on.
     * @throws IllegalStateException when a step's members do not agree after the restart (with their statuses and
     *                               diagnostics).
     */
    public static int startAll(
        final int size, final Members members, final Duration joinLimit, final Duration timeout, final PrintStream out)
    {
        final int quorum = size / 2 + 1;
        for (int memberId = 0; memberId < quorum; memberId++)
        {
            members.start(memberId);
        }
        int leader = awaitStep(quorum, members, joinLimit, timeout, out);
        for (int memberId = quorum; memberId < size; memberId++)
        {
            members.start(memberId);
            leader = awaitStep(memberId + 1, members, joinLimit, timeout, out);
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
        final List<MemberStatus> last = new ArrayList<>();
        final int leader = poll(statuses, timeout, last);
        if (leader >= 0)
        {
            return leader;
        }
        throw new IllegalStateException("members did not agree on one leader within " + text(timeout) + ": " +
            describe(last));
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

    /**
     * @param statuses a step's statuses.
     * @return the members in it to restart: those not running or with an election open.
     */
    private static List<Integer> stuck(final List<MemberStatus> statuses)
    {
        final List<Integer> stuck = new ArrayList<>();
        for (final MemberStatus member : statuses)
        {
            if (!member.running() || member.electionState() != ElectionState.CLOSED)
            {
                stuck.add(member.memberId());
            }
        }
        return stuck;
    }

    private static int awaitStep(
        final int count, final Members members, final Duration joinLimit, final Duration timeout, final PrintStream out)
    {
        final Supplier<List<MemberStatus>> statuses = () ->
        {
            final List<MemberStatus> step = new ArrayList<>(count);
            for (int memberId = 0; memberId < count; memberId++)
            {
                step.add(members.status(memberId));
            }
            return step;
        };
        final List<MemberStatus> last = new ArrayList<>();
        final int first = poll(statuses, joinLimit, last);
        if (first >= 0)
        {
            return first;
        }
        final List<Integer> stuck = stuck(last);
        String before = "";
        if (!stuck.isEmpty())
        {
            before = diagnostics(members, stuck);
            out.println("cluster start: members " + stuck + " still in an election after " + text(joinLimit) +
                ", restarting them once: " + describe(last) + (before.isEmpty() ? "" : "\n" + before));
            out.flush();
            for (final int memberId : stuck)
            {
                members.stop(memberId);
            }
            for (final int memberId : stuck)
            {
                members.start(memberId);
            }
        }
        final int leader = poll(statuses, timeout, last);
        if (leader >= 0)
        {
            return leader;
        }
        final List<Integer> still = stuck(last);
        final String after = diagnostics(members, still.isEmpty() ? ids(last) : still);
        throw new IllegalStateException("members did not agree on one leader within " +
            text(joinLimit.plus(timeout)) + (stuck.isEmpty() ? "" : " (members " + stuck + " restarted after " +
            text(joinLimit) + ")") + ": " + describe(last) +
            (before.isEmpty() ? "" : "\nbefore the restart:\n" + before) +
            (after.isEmpty() ? "" : "\n" + (stuck.isEmpty() ? "" : "after the restart:\n") + after));
    }

    private static int poll(
        final Supplier<List<MemberStatus>> statuses, final Duration timeout, final List<MemberStatus> last)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        do
        {
            last.clear();
            last.addAll(statuses.get());
            final int leader = agreedLeader(last);
            if (leader >= 0)
            {
                return leader;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        while (System.nanoTime() - deadline < 0);
        return -1;
    }

    private static String diagnostics(final Members members, final List<Integer> memberIds)
    {
        final StringBuilder text = new StringBuilder();
        for (final int memberId : memberIds)
        {
            final String diagnostics = members.diagnostics(memberId);
            if (diagnostics != null && !diagnostics.isBlank())
            {
                text.append(text.isEmpty() ? "" : "\n").append("member ").append(memberId).append(":\n")
                    .append(diagnostics.strip());
            }
        }
        return text.toString();
    }

    private static String text(final Duration duration)
    {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static List<Integer> ids(final List<MemberStatus> statuses)
    {
        return statuses.stream().map(MemberStatus::memberId).toList();
    }

    private static List<String> describe(final List<MemberStatus> statuses)
    {
        return statuses.stream().map(MemberStatus::describe).toList();
    }
}
