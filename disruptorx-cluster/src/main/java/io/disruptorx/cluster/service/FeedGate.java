package io.disruptorx.cluster.service;

import io.aeron.AeronCounters;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.ClusterCounters;
import org.agrona.concurrent.status.CountersReader;

/**
 * Decides when this member's feed line starts to transmit: not while the member replays its log or catches up after
 * a start, so a restarted member does not flood its line with old packets. Read from the consensus module's
 * counters in the same media driver: the election state (the start-up replay and the catch-up happen inside an
 * election) and the commit position against the service's own log position.
 *
 * <p>The line opens once no election is running and the service is within {@link #OPEN_LAG} bytes of the commit
 * position, and then stays open for the life of the process: a live member never replays, and closing its line
 * during a later election or a burst would take from subscribers that listen to it alone packets no other member
 * sends them again. While the line is closed the store still fills, and the other members' lines carry the
 * stream.
 */
final class FeedGate
{
    /** Lag, in log bytes, under which a starting member opens its line. */
    static final long OPEN_LAG = 64 * 1024;

    private final CountersReader counters;
    private final int clusterId;
    private int electionStateId = CountersReader.NULL_COUNTER_ID;
    private int commitPositionId = CountersReader.NULL_COUNTER_ID;
    private boolean open;

    FeedGate(final CountersReader counters, final int clusterId)
    {
        this.counters = counters;
        this.clusterId = clusterId;
    }

    /**
     * @param servicePosition the service's log position.
     * @return whether the line should transmit now.
     */
    boolean evaluate(final long servicePosition)
    {
        if (open)
        {
            return true;
        }
        if (electionStateId == CountersReader.NULL_COUNTER_ID || commitPositionId == CountersReader.NULL_COUNTER_ID)
        {
            electionStateId = ClusterCounters.find(counters, AeronCounters.CLUSTER_ELECTION_STATE_TYPE_ID, clusterId);
            commitPositionId =
                ClusterCounters.find(counters, AeronCounters.CLUSTER_COMMIT_POSITION_TYPE_ID, clusterId);
            if (electionStateId == CountersReader.NULL_COUNTER_ID ||
                commitPositionId == CountersReader.NULL_COUNTER_ID)
            {
                return false;
            }
        }
        final boolean electing = counters.getCounterValue(electionStateId) != ElectionState.CLOSED.code();
        open = !electing && counters.getCounterValue(commitPositionId) - servicePosition <= OPEN_LAG;
        return open;
    }
}
