package io.disruptorx.bench.gateway;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.venue.NodeGateways;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dx bench shard}'s sharded set-up carries the bench's load: every paced order through the gateway on the
 * sharded client is acknowledged over both shard links' round trip, none refused, and the orders went to the shard
 * that owns the instrument only (the other shard's journal did not move).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShardBenchTest
{
    @TempDir
    Path dir;

    @Test
    void shouldAcknowledgeEveryPacedOrderThroughTheShardGatewayOnTheOwningShard()
    {
        try (ShardBenchVenue venue = new ShardBenchVenue(dir, ForcePolicy.NEVER))
        {
            final int other = 1 - venue.owner();
            final long otherBefore = venue.node(other).appliedSequence();
            final long ownerBefore = venue.node(venue.owner()).appliedSequence();
            try (NodeGateways gateways = NodeGateways.start(venue.connect(), venue.gatewayConfig());
                GatewayLoad load = new GatewayLoad(
                    new InetSocketAddress("127.0.0.1", gateways.gateway().nativePort()), "bench",
                    GatewayQuickBench.PASSWORD))
            {
                // 2,000/s for 0.5 s of warm-up and 1 s measured: 1,000 then 2,000 orders
                final GatewayLoad.Run run = load.paced(2_000, 0.5, 1);

                assertThat(run.latency().count()).isEqualTo(2_000);
                assertThat(run.rejects()).isZero();
                assertThat(gateways.gateway().core().counters().internalErrors()).isZero();
            }
            assertThat(venue.node(venue.owner()).appliedSequence()).isGreaterThanOrEqualTo(ownerBefore + 3_000);
            assertThat(venue.node(other).appliedSequence()).isEqualTo(otherBefore);
        }
    }
}
