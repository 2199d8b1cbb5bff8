package io.disruptorx.systemtest.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.disruptorx.cluster.ClusterTimeouts;
import io.disruptorx.cluster.FreePorts;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.cluster.LocalCluster;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.shard.ShardClients;
import io.disruptorx.node.shard.ShardLinkServer;
import io.disruptorx.protocol.sbe.command.BooleanType;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.NewOrderEncoder;
import io.disruptorx.protocol.sbe.command.OrderType;
import io.disruptorx.protocol.sbe.command.SelfTradePrevention;
import io.disruptorx.protocol.sbe.command.Side;
import io.disruptorx.protocol.sbe.command.TimeInForce;
import io.disruptorx.shard.move.MovingVenueClient;
import io.disruptorx.shard.move.ShardMover;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.transfer.TransferCoordinator;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What {@code dx shard-gateway} runs, in this process, in front of two shards of different hosts: shard 0 an
 * embedded node serving the shard link (as {@code dx shard-host} runs it), shard 1 a cluster of three member JVMs
 * ({@code dx cluster-node}, their directories under {@code target/}). The gateway's side is the real one: the
 * venue clients {@link ShardClients} opens from the shards' addresses (a shard link; the cluster's client with its
 * own embedded media driver), a {@link ShardedVenueClient} over them, a {@link ShardMover} in a
 * {@link MovingVenueClient}, and a {@link TransferCoordinator}. The test's thread is the gateway's duty cycle: every
 * wait here polls the venue and backs off to 1 ms parks when nothing happened.
 */
final class MixedShardVenue implements AutoCloseable
{
    static final int EMBEDDED = 0;
    static final int CLUSTER = 1;
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long RESEND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Path root;
    private final LocalCluster cluster;
    private EmbeddedNode node;
    private ShardLinkServer link;
    private ShardClients clients;
    private ShardedVenueClient sharded;
    private ShardMover mover;
    private MovingVenueClient venue;
    private TransferCoordinator transfers;
    private final RoutingTable table = RoutingTable.initial(List.of("embedded", "cluster"), 64);
    private final VenueRecorder events = new VenueRecorder();
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private long lastResend = System.nanoTime();

    MixedShardVenue(final String name)
    {
        final Path parent = Path.of("target", "cluster-system-tests").toAbsolutePath();
        ClusterHarness.deleteEarlierRuns(parent, name);
        root = parent.resolve(name + "-" + System.nanoTime());
        try
        {
            Files.createDirectories(root);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final int base = FreePorts.block(200);
        cluster = new LocalCluster(root.resolve("cluster"), 3, base, ClusterTimeouts.tuned(), List.of(),
            List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    }

    /**
     * Starts the cluster (a quorum first) and the embedded shard, and connects the gateway's side to both.
     */
    void start()
    {
        cluster.startAll(Duration.ofSeconds(60));
        final NodeConfig config = NodeConfig.defaults(root.resolve("embedded"))
            .withForcePolicy(ForcePolicy.EVERY_BATCH, TimeUnit.MILLISECONDS.toNanos(1)).withSnapshotEvery(0, 0);
        node = EmbeddedNode.start(config, null, null);
        link = new ShardLinkServer(node, config, new InetSocketAddress("127.0.0.1", 0));
        clients = ShardClients.connect(List.of("127.0.0.1:" + link.address().getPort(),
            ShardClients.CLUSTER + cluster.ingressEndpoints()), 5, root.resolve("gateway-aeron"), WAIT_NANOS);
        sharded = new ShardedVenueClient(table, clients.clients());
        mover = new ShardMover(sharded, clients.books(), null, root.resolve("moves"),
            () -> System.currentTimeMillis() * 1_000_000L);
        venue = new MovingVenueClient(sharded, mover);
        transfers = new TransferCoordinator(root.resolve("transfers"), sharded::offerTo);
        events.feed(transfers);
    }

    RoutingTable table()
    {
        return table;
    }

    LocalCluster cluster()
    {
        return cluster;
    }

    ShardClients clients()
    {
        return clients;
    }

    VenueRecorder events()
    {
        return events;
    }

    TransferCoordinator transfers()
    {
        return transfers;
    }

    MovingVenueClient venue()
    {
        return venue;
    }

    /**
     * @param instrument an instrument id.
     * @return the shard the client routes it to now.
     */
    int shardOf(final int instrument)
    {
        return sharded.table().shardOf(instrument);
    }

    /**
     * One duty cycle of the gateway: the venue's events to the recorder (and through it to the coordinator), and
     * once a second the coordinator's timer, which sends unfinished transfers' steps again (a step a shard did not
     * take, e.g. while the cluster client had no session, is sent by nothing else).
     *
     * @return events delivered.
     */
    int cycle()
    {
        final long now = System.nanoTime();
        if (now - lastResend > RESEND_NANOS)
        {
            lastResend = now;
            transfers.resendPending();
        }
        return venue.poll(events, 256);
    }

    /**
     * Offers a command through the sharded client (routed by the table) until it is taken.
     *
     * @return the offer's answer.
     */
    long offer(final DirectBuffer buffer, final int length)
    {
        return offerUntilTaken(() -> venue.offer(buffer, 0, length), "a command");
    }

    /**
     * Offers a command to one shard until it is taken.
     */
    long offerTo(final int shard, final DirectBuffer buffer, final int length)
    {
        return offerUntilTaken(() -> sharded.offerTo(shard, buffer, 0, length), "a command to shard " + shard);
    }

    private long offerUntilTaken(final Supplier<Long> offer, final String what)
    {
        final long deadline = System.nanoTime() + WAIT_NANOS;
        while (true)
        {
            final long taken = offer.get();
            if (taken > 0)
            {
                return taken;
            }
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError(what + " not taken within 60 s: " + taken);
            }
            idle.idle(cycle());
        }
    }

    /**
     * Sends a GTC limit order, routed by its instrument.
     */
    void order(final long account, final long clientOrderId, final int instrument, final Side side, final long price,
        final long quantity)
    {
        offer(command, encodeOrder(account, clientOrderId, instrument, side, price, quantity));
    }

    /**
     * Offers a GTC limit order once.
     *
     * @return the offer's answer (positive when taken).
     */
    long tryOrder(final long account, final long clientOrderId, final int instrument, final Side side,
        final long price, final long quantity)
    {
        return venue.offer(command, 0, encodeOrder(account, clientOrderId, instrument, side, price, quantity));
    }

    private int encodeOrder(final long account, final long clientOrderId, final int instrument, final Side side,
        final long price, final long quantity)
    {
        newOrder.wrapAndApplyHeader(command, 0, header).timestamp(0).accountId(account).clientOrderId(clientOrderId)
            .instrumentId(instrument).side(side).orderType(OrderType.LIMIT).timeInForce(TimeInForce.GTC)
            .postOnly(BooleanType.FALSE).selfTradePrevention(SelfTradePrevention.CANCEL_NEWEST).price(price)
            .quantity(quantity).userId(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength();
    }

    /**
     * Runs the duty cycle until the condition holds.
     *
     * @param condition checked after each cycle.
     * @param what      said when it does not hold within 60 s.
     */
    void await(final BooleanSupplier condition, final Supplier<String> what)
    {
        final long deadline = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("not within 60 s: " + what.get() + "; cluster " + cluster.status());
            }
            idle.idle(cycle());
        }
    }

    /**
     * Asks the gateway's mover for a move and runs the duty cycle until it is answered.
     *
     * @return the answer.
     */
    String move(final int instrument, final int target)
    {
        final CompletableFuture<String> answer = venue.move(instrument, target);
        await(answer::isDone, () -> "the move of instrument " + instrument);
        return answer.join();
    }

    @Override
    public void close()
    {
        CloseHelper.quietCloseAll(venue, transfers, clients, link, node);
        cluster.close();
    }
}
