package io.disruptorx.node.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import io.disruptorx.cluster.MemberStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dx cluster restart N} starts the member only once the running members agree on one leader, one member
 * at a time; with fewer than a quorum running it starts it at once, and a request for a running member is dropped.
 */
class MemberRestartsTest
{
    private final Map<Integer, MemberStatus> statuses = new TreeMap<>();
    private final List<Integer> started = new ArrayList<>();
    private boolean[] alive = {true, true, true};
    private MemberRestarts restarts = new MemberRestarts(3);

    @Test
    void shouldWaitUntilTheRunningMembersAgreeOnOneLeader()
    {
        alive[0] = false;
        statuses.put(1, member(1, Cluster.Role.CANDIDATE, ElectionState.CANDIDATE_BALLOT, 4));
        statuses.put(2, member(2, Cluster.Role.FOLLOWER, ElectionState.CANVASS, 3));
        restarts.request(0);

        assertThat(startDue()).as("during the election").isEqualTo(-1);
        assertThat(restarts.pending(0)).isTrue();

        statuses.put(1, member(1, Cluster.Role.LEADER, ElectionState.LEADER_READY, 4));
        statuses.put(2, member(2, Cluster.Role.FOLLOWER, ElectionState.FOLLOWER_READY, 4));
        assertThat(startDue()).as("election not closed").isEqualTo(-1);

        statuses.put(1, member(1, Cluster.Role.LEADER, ElectionState.CLOSED, 4));
        statuses.put(2, member(2, Cluster.Role.FOLLOWER, ElectionState.CLOSED, 4));
        assertThat(startDue()).isZero();
        assertThat(started).containsExactly(0);
        assertThat(restarts.pending(0)).isFalse();
        assertThat(startDue()).as("started once").isEqualTo(-1);
        assertThat(started).containsExactly(0);
    }

    @Test
    void shouldRestartOneMemberAtATimeEachOnceTheOnesBeforeHaveJoined()
    {
        alive = new boolean[] {true, true, true, false, false};
        restarts = new MemberRestarts(5);
        statuses.put(0, member(0, Cluster.Role.FOLLOWER, ElectionState.CLOSED, 2));
        statuses.put(1, member(1, Cluster.Role.LEADER, ElectionState.CLOSED, 2));
        statuses.put(2, member(2, Cluster.Role.FOLLOWER, ElectionState.CLOSED, 2));
        restarts.request(4);
        restarts.request(3);

        assertThat(startDue()).isEqualTo(3);
        assertThat(startDue()).as("member 3 has not joined yet").isEqualTo(-1);
        statuses.put(3, member(3, Cluster.Role.FOLLOWER, ElectionState.FOLLOWER_CATCHUP, 2));
        assertThat(startDue()).as("member 3 catching up").isEqualTo(-1);
        statuses.put(3, member(3, Cluster.Role.FOLLOWER, ElectionState.CLOSED, 2));
        assertThat(startDue()).isEqualTo(4);
        assertThat(started).containsExactly(3, 4);
        assertThat(restarts.pending(3)).isFalse();
        assertThat(restarts.pending(4)).isFalse();
    }

    @Test
    void shouldStartAtOnceWhenFewerThanAQuorumRun()
    {
        alive[0] = false;
        alive[1] = false;
        statuses.put(2, member(2, Cluster.Role.CANDIDATE, ElectionState.CANVASS, 4));
        restarts.request(1);
        restarts.request(0);

        assertThat(startDue()).as("one of three runs: no leader can exist").isZero();
        assertThat(started).containsExactly(0);
        statuses.put(0, member(0, Cluster.Role.FOLLOWER, ElectionState.CANVASS, 4));
        assertThat(startDue()).as("a quorum runs, in its election").isEqualTo(-1);
        statuses.put(0, member(0, Cluster.Role.LEADER, ElectionState.CLOSED, 5));
        statuses.put(2, member(2, Cluster.Role.FOLLOWER, ElectionState.CLOSED, 5));
        assertThat(startDue()).isEqualTo(1);
        assertThat(started).containsExactly(0, 1);
    }

    @Test
    void shouldDropARequestForAMemberThatRuns()
    {
        statuses.put(0, member(0, Cluster.Role.LEADER, ElectionState.CLOSED, 1));
        statuses.put(1, member(1, Cluster.Role.FOLLOWER, ElectionState.CLOSED, 1));
        statuses.put(2, member(2, Cluster.Role.FOLLOWER, ElectionState.CLOSED, 1));
        restarts.request(2);

        assertThat(startDue()).isEqualTo(-1);
        assertThat(restarts.pending(2)).isFalse();
        assertThat(started).isEmpty();
    }

    private int startDue()
    {
        return restarts.startDue((id) -> alive[id], this::running, (id) ->
        {
            started.add(id);
            alive[id] = true;
        });
    }

    private List<MemberStatus> running()
    {
        final List<MemberStatus> running = new ArrayList<>();
        for (int id = 0; id < alive.length; id++)
        {
            if (alive[id])
            {
                running.add(statuses.getOrDefault(id,
                    new MemberStatus(id, true, null, null, -1, -1, -1, -1, -1, Map.of())));
            }
        }
        return running;
    }

    private static MemberStatus member(
        final int id, final Cluster.Role role, final ElectionState election, final long term)
    {
        return new MemberStatus(id, true, role, election, term, 0, 1, 0, -1, Map.of());
    }
}
