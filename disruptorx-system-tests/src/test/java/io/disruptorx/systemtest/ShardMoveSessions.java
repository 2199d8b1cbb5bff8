package io.disruptorx.systemtest;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import io.disruptorx.engine.InstrumentMoves;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.protocol.sbe.orderentry.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.shard.cli.ShardCommand;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the shard move system tests ({@link ShardMoveSystemTest}, {@link ShardTwoGatewaySystemTest},
 * {@link ShardFeedSystemTest}) share: the shards' data directories prepared and read back, the probes' schedule, the
 * native sessions' orders and reports on instrument {@value #INSTRUMENT}, and {@code dx shard move}.
 */
final class ShardMoveSessions
{
    static final int PRICE_EXPONENT = -2;
    static final int INSTRUMENT = 1;

    private ShardMoveSessions()
    {
    }

    /**
     * Parks until a point of the probes' fixed schedule (a late probe does not push the later ones back), polling
     * nothing in between: the sessions' answers wait in their sockets until the next probe.
     */
    static void parkUntil(final long due)
    {
        long left;
        while ((left = due - System.nanoTime()) > 0)
        {
            LockSupport.parkNanos(left);
        }
    }

    static void probe(final NativeSession bob, final long clientOrderId)
    {
        bob.client().newOrder(clientOrderId, 3, INSTRUMENT, Side.BUY, OrderType.LIMIT,
            io.disruptorx.protocol.sbe.orderentry.TimeInForce.IOC, false, SelfTradePrevention.CANCEL_NEWEST, 9_000,
            PRICE_EXPONENT, 1, 0);
    }

    static boolean isFinal(final NativeSession.Received report)
    {
        return report.template() == OrderRejectedDecoder.TEMPLATE_ID ||
            report.template() == OrderCancelledDecoder.TEMPLATE_ID;
    }

    static void buy(
        final NativeSession session, final long clientOrderId, final long account, final long price,
        final long quantity)
    {
        session.client().newOrder(clientOrderId, account, INSTRUMENT, Side.BUY, OrderType.LIMIT,
            io.disruptorx.protocol.sbe.orderentry.TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST, price,
            PRICE_EXPONENT, quantity, 0);
    }

    static void awaitReports(
        final List<NativeSession.Received> received, final NativeSession alice, final NativeSession bob,
        final Predicate<NativeSession.Received> kind, final int count)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.stream().filter(kind).count() < count && System.nanoTime() < deadline)
        {
            alice.client().poll(alice);
            bob.client().poll(bob);
            Thread.yield();
        }
        assertThat(received.stream().filter(kind).count()).as("reports so far: %s", received).isEqualTo(count);
    }

    /**
     * @return the instrument's resting orders on a stopped shard, in priority order: {local id, account, price,
     * open quantity} each.
     */
    static List<long[]> book(final Path data)
    {
        final List<long[]> orders = new ArrayList<>();
        try (EmbeddedNode node = EmbeddedNode.start(config(data), null, null))
        {
            node.close();
            final MatchingEngine engine = node.engineAfterClose();
            engine.moves().visitBook(INSTRUMENT, new InstrumentMoves.BookVisitor()
            {
                @Override
                public void onInstrument(
                    final int id, final int baseAssetId, final int quoteAssetId, final long tickSize,
                    final long lotSize, final int priceScale, final int quantityScale, final long makerFeePerLot,
                    final long takerFeePerLot, final long referencePrice, final int priceBandBps,
                    final int marketProtectionBps)
                {
                }

                @Override
                public void onOrder(
                    final long orderId, final long accountId, final long clientOrderId,
                    final io.disruptorx.engine.Side side, final TimeInForce timeInForce, final long price,
                    final long openQuantity, final long entryTime, final int heldAssetId, final long hold)
                {
                    orders.add(new long[]{orderId, accountId, price, openQuantity});
                }
            });
        }
        return orders;
    }

    static NodeConfig config(final Path data)
    {
        return NodeConfig.defaults(data).withSegmentSize(4 * 1024 * 1024);
    }

    /**
     * Writes {@code DIR/routes.txt}, the initial table of shard-0 and shard-1, and prepares {@code DIR/shard-0} and
     * {@code DIR/shard-1}, the instrument listed on the one the table routes it to.
     *
     * @return that shard, the source.
     */
    static int prepareShards(final Path dir) throws IOException
    {
        final RoutingTableStore store = new RoutingTableStore(dir.resolve("routes.txt"));
        store.save(RoutingTable.initial(List.of("shard-0", "shard-1"), 64));
        final int source = store.load().orElseThrow().shardOf(INSTRUMENT);
        prepareShard(dir.resolve("shard-" + source), true);
        prepareShard(dir.resolve("shard-" + (1 - source)), false);
        return source;
    }

    /**
     * {@code dx shard move 1 --to shard-TO --admin 127.0.0.1:ADMIN} as ops ({@code DIR/ops.password}), in the
     * background, its answer printed into {@code answer}.
     */
    static CompletableFuture<Integer> move(final Path dir, final int admin, final int to, final StringWriter answer)
    {
        return CompletableFuture.supplyAsync(() -> new CommandLine(new ShardCommand()).setOut(new PrintWriter(answer))
            .execute("move", Integer.toString(INSTRUMENT), "--to", "shard-" + to, "--admin", "127.0.0.1:" + admin,
                "--user", "ops", "--password-file", dir.resolve("ops.password").toString()));
    }

    static void prepareShard(final Path data, final boolean listsInstrument)
    {
        try (EmbeddedNode node = EmbeddedNode.start(config(data), null, null))
        {
            final NodeClient client = node.newClient(true);
            if (listsInstrument)
            {
                client.addInstrument(INSTRUMENT, 1, 0, 1, 1, 2, 0, 1, 2, 10_000, 1_000, 1_000);
            }
            long last = 0;
            for (final long account : new long[]{1, 3})
            {
                client.adjustBalance(account, 0, 1_000_000_000_000L);
                last = client.adjustBalance(account, 1, 1_000_000_000L);
            }
            while (node.appliedSequence() < last)
            {
                Thread.yield();
            }
        }
    }
}
