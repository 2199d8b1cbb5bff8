package io.disruptorx.cluster.service;

import io.aeron.AeronCounters;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.ClusterCounters;
import org.agrona.concurrent.status.CountersReader;

/**
 * Decides whether this member's feed line may transmit: not while the member replays its log or catches up, so a
 * restarted member does not flood its line with old packets. Read from the consensus module's counters in the
 * same media driver: the election state (replay and catch-up happen inside an election) and the commit position
 * against the service's own log position.
 *
 * <p>With hysteresis: the line opens once no election is running and the service is within {@link #OPEN_LAG}
 * bytes of the commit position, and closes again during an election or beyond {@link #CLOSE_LAG} bytes (a long
 * stall). A closed line loses nothing: the store still fills and the other members' lines carry the stream.
 */
final class FeedGate
{
    /** Lag, in log bytes, under which a quiet member opens its line. */
    static final long OPEN_LAG = 64 * 1024;
    /** Lag beyond which an open line closes. */
    static final long CLOSE_LAG = 8 * 1024 * 1024;

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
        final long lag = counters.getCounterValue(commitPositionId) - servicePosition;
        if (open)
        {
            open = !electing && lag <= CLOSE_LAG;
        }
        else
        {
            open = !electing && lag <= OPEN_LAG;
        }
        return open;
    }
}
