package io.disruptorx.cluster;

import java.util.Map;

import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;

/**
 * One member's state as its media driver's counters show it.
 *
 * @param memberId         the member.
 * @param running          whether its media driver is alive (its heartbeat is recent).
 * @param role             leader, follower or candidate; null when not known.
 * @param electionState    the election's state ({@link ElectionState#CLOSED} between elections); null when not
 *                         known.
 * @param leadershipTermId the current term.
 * @param commitPosition   the log position a majority holds.
 * @param elections        elections this member has taken part in since it started.
 * @param snapshots        snapshots this member has taken since it started.
 * @param lastSnapshot     log position of the latest snapshot in its recording log, -1 for none.
 * @param service          the DisruptorX service counters by label.
 */
public record MemberStatus(
    int memberId,
    boolean running,
    Cluster.Role role,
    ElectionState electionState,
    long leadershipTermId,
    long commitPosition,
    long elections,
    long snapshots,
    long lastSnapshot,
    Map<String, Long> service)
{
    /**
     * @return one line for a terminal.
     */
    public String describe()
    {
        if (!running)
        {
            return "member " + memberId + ": not running" + (lastSnapshot >= 0 ? ", last snapshot at " +
                lastSnapshot : "");
        }
        return "member " + memberId + ": " + role + " term " + leadershipTermId + " commit " + commitPosition +
            " election " + electionState + " elections " + elections + " snapshots " + snapshots +
            " last-snapshot " + lastSnapshot;
    }
}
