package io.disruptorx.node.shard;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shard host's dry run of the move path: every step of each scratch move applies (the book arrives whole at
 * each target, back and forth), and the node whose link server runs it is not touched: nothing applied, journalled
 * or snapshotted.
 *
 * <p>How it can fail: a dry run that refuses a step (a MoveOut whose count does not match, restores refused as
 * duplicates when the book comes back) and so leaves the real path's code cold, or a dry run that reaches the node.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MoveWarmUpTest
{
    @TempDir
    Path dir;

    @Test
    void movesTheWholeBookBackAndForth()
    {
        for (final int rounds : new int[] {1, 2, 5})
        {
            assertThat(MoveWarmUp.run(EngineConfig.defaults(), dir.resolve("snapshots-" + rounds), rounds, 300))
                .as("orders resting at the target after %d moves", rounds)
                .isEqualTo(300);
        }
    }

    @Test
    void leavesTheNodeUntouched() throws Exception
    {
        final NodeConfig config = NodeConfig.defaults(dir.resolve("node"));
        try (EmbeddedNode node = EmbeddedNode.start(config, null, null))
        {
            final long applied = node.appliedSequence();
            final long durable = node.durableSequence();
            try (ShardLinkServer server = new ShardLinkServer(node, config, new InetSocketAddress("127.0.0.1", 0)))
            {
                assertThat(server.warmUpNanos()).isPositive();
                assertThat(node.appliedSequence()).isEqualTo(applied);
                assertThat(node.durableSequence()).isEqualTo(durable);
                assertThat(node.latestSnapshotImage()).isNull();
                try (var files = Files.list(config.snapshotDirectory()))
                {
                    assertThat(files).isEmpty();
                }
            }
        }
    }
}
