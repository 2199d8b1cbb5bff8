package io.disruptorx.node.feed;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed end to end on real sockets: a real engine with a seeded random flow, publisher, lines A/B with
 * loss injected on the sending side, the servers and several clients. Multicast on lo in a network
 * namespace when possible, else unicast on 127.0.0.1 (each test prints which).
 */
class FeedEndToEndTest
{
    @ParameterizedTest
    @ValueSource(longs = {11L, 4242L})
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldEndWithTheEnginesBookDespiteFivePercentLossOnEachLine(final long seed)
    {
        System.out.println("[md-test] seed=" + seed);
        assertThat(MulticastSupport.runScenario("loss", seed)).contains("messages=");
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldCarryEverythingOnOneLineWhenTheOtherIsDead()
    {
        assertThat(MulticastSupport.runScenario("deadLine", 7L)).contains("requests=0");
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldAnswerAThunderingHerdWithFarFewerRetransmissionsThanRequests()
    {
        assertThat(MulticastSupport.runScenario("herd", 99L)).contains("retransmissionPackets=");
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldRecoverALateJoinerThroughASnapshotThenFollowTheLiveFeedWithoutGap()
    {
        assertThat(MulticastSupport.runScenario("lateJoiner", 5L)).contains("liveApplied=");
    }
}
