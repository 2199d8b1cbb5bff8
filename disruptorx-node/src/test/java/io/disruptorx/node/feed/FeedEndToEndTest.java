package io.disruptorx.node.feed;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * Line A alone carries everything without a request unless the kernel dropped a datagram on receive (a full
     * socket buffer): then, and only then, the client re-requests.
     */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldCarryEverythingOnOneLineWhenTheOtherIsDead()
    {
        final String summary = MulticastSupport.runScenario("deadLine", 7L);
        final Matcher figures = Pattern.compile("kernelDrops=(-?[0-9]+) requests=([0-9]+)").matcher(summary);
        assertThat(figures.find()).as(summary).isTrue();
        if (Long.parseLong(figures.group(1)) <= 0)
        {
            assertThat(Long.parseLong(figures.group(2))).as("requests without a kernel drop: " + summary).isZero();
        }
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
