package io.disruptorx.node.shard;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.InstrumentMoves;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
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
 * duplicates when the book comes back) and so leaves the real path's code cold, a dry run that reaches the node, or
 * one whose books fit a new engine's first sizes (64 price levels a side, 1,024 client order ids), so that the real
 * restore's growth paths stay cold.
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
    void movesBooksShapedAsRealOnes()
    {
        final int orders = 600;
        final MoveWarmUp warmUp = MoveWarmUp.dryRun(EngineConfig.defaults(), dir.resolve("snapshots"), 2, orders);
        final Levels moved = new Levels();
        final Levels resident = new Levels();
        final InstrumentMoves back = warmUp.engine(0).moves();
        assertThat(back.visitBook(MoveWarmUp.INSTRUMENT, moved)).as("the moved book, back on engine 0")
            .isEqualTo(orders);
        assertThat(back.visitBook(MoveWarmUp.RESIDENT, resident)).as("the book that stays on engine 0")
            .isEqualTo(orders);
        assertThat(moved.buys).hasSize(MoveWarmUp.LEVELS).hasSizeGreaterThan(64);
        assertThat(moved.sells).hasSize(MoveWarmUp.LEVELS);
        assertThat(resident.buys).hasSize(MoveWarmUp.LEVELS);
        assertThat(moved.clientOrderIds.size() + resident.clientOrderIds.size())
            .as("distinct client order ids in engine 0's image").isEqualTo(2 * orders).isGreaterThan(1_024);
        assertThat(moved.clientOrderIds).doesNotContainAnyElementsOf(resident.clientOrderIds);
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

    /** Counts a book's price levels a side and its client order ids. */
    private static final class Levels implements InstrumentMoves.BookVisitor
    {
        final Set<Long> buys = new TreeSet<>();
        final Set<Long> sells = new TreeSet<>();
        final Set<Long> clientOrderIds = new TreeSet<>();

        @Override
        public void onInstrument(
            final int instrumentId, final int baseAssetId, final int quoteAssetId, final long tickSize,
            final long lotSize, final int priceScale, final int quantityScale, final long makerFeePerLot,
            final long takerFeePerLot, final long referencePrice, final int priceBandBps,
            final int marketProtectionBps)
        {
        }

        @Override
        public void onOrder(
            final long orderId, final long accountId, final long clientOrderId, final Side side,
            final TimeInForce timeInForce, final long price, final long openQuantity, final long entryTime,
            final int heldAssetId, final long hold)
        {
            (side == Side.BUY ? buys : sells).add(price);
            clientOrderIds.add(clientOrderId);
        }
    }
}
