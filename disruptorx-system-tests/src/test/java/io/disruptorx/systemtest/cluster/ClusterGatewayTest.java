package io.disruptorx.systemtest.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.cluster.client.ClusterClientConfig;
import io.disruptorx.cluster.client.ClusterVenueClient;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.gateway.Gateway;
import io.disruptorx.gateway.auth.PasswordAuthenticator;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.auth.SessionKind;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.node.venue.NodeGateways;
import io.disruptorx.protocol.sbe.orderentry.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderFilledDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import io.disruptorx.systemtest.GatewayChild;
import io.disruptorx.systemtest.NativeSession;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binary gateway as a cluster client (issues 9 and 10): a {@link Gateway} whose venue client is a
 * {@link ClusterVenueClient} in front of three member JVMs, two traders on it over SoupBinTCP, and the leader killed
 * twice in the middle of their flow. Every order a trader sent is answered exactly once (accepted or rejected),
 * every fill is reported once to each side with matching price and quantity, each session's report sequence has
 * no gap and no repeat, and the orders a trader saw accepted and not filled are exactly the ones the venue still
 * holds: each is cancelled afterwards, and every cancel succeeds. The same checks run against the product's own
 * {@code dx cluster-gateway} process through a leader kill.
 *
 * <p>How it can fail: a gateway that forgets commands the old leader took but never committed loses orders
 * (unanswered); one that re-sends without the cluster's de-duplication creates a second order or a
 * duplicate-client-order-id reject; a gateway that passes on events the cluster replays after the leader change
 * reports a fill twice or breaks the session's sequence.
 */
class ClusterGatewayTest
{
    private static final String PASSWORD = "cluster";
    private static final int PRICE_EXPONENT = -2;
    private static final int ORDERS_PER_TRADER = 3_000;
    private static final int KILLS = 2;
    private static final long ALICE = 901;
    private static final long BOB = 902;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldAnswerEveryOrderOnceThroughTwoLeaderKills()
    {
        try (ClusterHarness harness = ClusterHarness.onLoopback("gateway"))
        {
            harness.startAll();
            prepareVenue(harness);
            final ClusterVenueClient venue = ClusterVenueClient.create(ClusterClientConfig.of(
                21, harness.cluster().ingressEndpoints(), harness.aeronDirectory()).withPendingCapacity(16 * 1024));
            try (NodeGateways gateways = NodeGateways.start(venue, config()))
            {
                exercise(harness, gateways.gateway().nativePort(), ORDERS_PER_TRADER, KILLS);
                assertThat(gateways.gateway().core().counters().internalErrors()).isZero();
                assertThat(venue.counters().leaderChanges() + venue.counters().sessions() - 1)
                    .as("the client moved off a killed leader, by a new-leader event or a new session (it may " +
                        "reach the last leader directly when the kills come close together): %s",
                        venue.counters()).isPositive();
                assertThat(venue.counters().eventsLost()).isZero();
            }
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldServeFromADxClusterGatewayProcessThroughALeaderKill() throws Exception
    {
        final Path dir = Path.of("target", "cluster-gateway-process", Long.toString(System.nanoTime()))
            .toAbsolutePath();
        Files.createDirectories(dir);
        try (ClusterHarness harness = ClusterHarness.onLoopback("gateway-process"))
        {
            harness.startAll();
            prepareVenue(harness);
            final Path config = writeConfig(dir, harness.cluster().ingressEndpoints());
            final GatewayChild child = GatewayChild.start(List.of("cluster-gateway", "--config", config.toString()),
                dir.resolve("gateway.err"), 60 * SECOND);
            try
            {
                exercise(harness, child.port(), ORDERS_PER_TRADER / 3, 1);
            }
            finally
            {
                child.destroy();
            }
        }
    }

    private static void exercise(final ClusterHarness harness, final int port, final int orders, final int kills)
    {
        final InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        final List<NativeSession.Received> received = new ArrayList<>();
        try (NativeSession alice = NativeSession.login(address, "alice", PASSWORD, PRICE_EXPONENT, received);
            NativeSession bob = NativeSession.login(address, "bob", PASSWORD, PRICE_EXPONENT, received))
        {
            assertThat(trade(harness, alice, bob, received, orders, kills))
                .as("leader kills in the middle of the flow").isEqualTo(kills);
            awaitAnswers(alice, bob, received, 2 * orders);
            assertThat(alice.outOfSequence()).as("alice's reports out of sequence").isZero();
            assertThat(bob.outOfSequence()).as("bob's reports out of sequence").isZero();
            final List<NativeSession.Received> open = checkAnswers(received, orders);
            cancelAll(alice, bob, open, received);
        }
    }

    private static int trade(
        final ClusterHarness harness,
        final NativeSession alice,
        final NativeSession bob,
        final List<NativeSession.Received> received,
        final int orders,
        final int killsWanted)
    {
        int kills = 0;
        final long start = System.nanoTime();
        for (int i = 1; i <= orders; i++)
        {
            final long quantity = 1 + i % 3;
            alice.client().newOrder(i, ALICE, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_NEWEST, 10_000 - i % 4, PRICE_EXPONENT, quantity, 0);
            bob.client().newOrder(i, BOB, 1, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_NEWEST, 9_999 + i % 3, PRICE_EXPONENT, quantity + 1, 0);
            if (i % 10 == 0)
            {
                alice.client().flush();
                bob.client().flush();
                alice.client().poll(alice);
                bob.client().poll(bob);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            if (kills < killsWanted && i == (kills + 1) * orders / (killsWanted + 1))
            {
                final int leader = harness.awaitLeader(30 * SECOND);
                harness.cluster().kill(leader);
                System.out.printf("cluster gateway: leader %d killed after %d orders per trader, %d reports, " +
                    "%d ms into the flow%n", leader, i, received.size(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                kills++;
                harness.awaitAgreement(30 * SECOND);
                harness.cluster().start(leader);
            }
        }
        alice.client().flush();
        bob.client().flush();
        return kills;
    }

    private static void awaitAnswers(
        final NativeSession alice,
        final NativeSession bob,
        final List<NativeSession.Received> received,
        final int orders)
    {
        final long deadline = System.nanoTime() + 90 * SECOND;
        while (answered(received) < orders && System.nanoTime() < deadline)
        {
            alice.client().poll(alice);
            bob.client().poll(bob);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        final long settle = System.nanoTime() + SECOND;
        while (System.nanoTime() < settle)
        {
            alice.client().poll(alice);
            bob.client().poll(bob);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertThat(answered(received)).as("orders answered (accepted or rejected)").isEqualTo(orders);
    }

    private static long answered(final List<NativeSession.Received> received)
    {
        return received.stream().filter(r -> r.template() == OrderAcceptedDecoder.TEMPLATE_ID ||
            r.template() == OrderRejectedDecoder.TEMPLATE_ID).count();
    }

    /**
     * @return the accepts of orders that no fill completed, by the reports alone.
     */
    private static List<NativeSession.Received> checkAnswers(
        final List<NativeSession.Received> received, final int orders)
    {
        final Map<String, Integer> answers = new HashMap<>();
        final Map<Long, NativeSession.Received> acceptedById = new HashMap<>();
        final Map<Long, List<NativeSession.Received>> fillsByTrade = new HashMap<>();
        final Set<Long> completed = new HashSet<>();
        final Map<Integer, Integer> rejectsByReason = new TreeMap<>();
        for (final NativeSession.Received report : received)
        {
            switch (report.template())
            {
                case OrderAcceptedDecoder.TEMPLATE_ID:
                    answers.merge(report.account() + "/" + report.clientOrderId(), 1, Integer::sum);
                    assertThat(acceptedById.put(report.orderId(), report)).as("order id %d given twice",
                        report.orderId()).isNull();
                    break;
                case OrderRejectedDecoder.TEMPLATE_ID:
                    answers.merge(report.account() + "/" + report.clientOrderId(), 1, Integer::sum);
                    rejectsByReason.merge(report.reason(), 1, Integer::sum);
                    break;
                case OrderFilledDecoder.TEMPLATE_ID:
                    fillsByTrade.computeIfAbsent(report.tradeId(), t -> new ArrayList<>()).add(report);
                    if (report.leaves() == 0)
                    {
                        completed.add(report.orderId());
                    }
                    break;
                default:
                    break;
            }
        }
        assertThat(answers).as("answers per order").hasSize(2 * orders)
            .allSatisfy((order, count) -> assertThat(count).as("answers to %s", order).isOne());
        assertThat(fillsByTrade).as("trades (rejects by reason code: %s)", rejectsByReason).isNotEmpty();
        fillsByTrade.forEach((trade, fills) ->
        {
            assertThat(fills).as("fills of trade %d: one per side", trade).hasSize(2);
            assertThat(fills.get(0).account()).isNotEqualTo(fills.get(1).account());
            assertThat(fills.get(0).price()).isEqualTo(fills.get(1).price());
            assertThat(fills.get(0).quantity()).isEqualTo(fills.get(1).quantity());
            assertThat(acceptedById).as("accept of trade %d's orders", trade)
                .containsKeys(fills.get(0).orderId(), fills.get(1).orderId());
        });
        return acceptedById.values().stream().filter(a -> !completed.contains(a.orderId())).toList();
    }

    private static void cancelAll(
        final NativeSession alice,
        final NativeSession bob,
        final List<NativeSession.Received> open,
        final List<NativeSession.Received> received)
    {
        final int before = received.size();
        long request = 1_000_000;
        for (final NativeSession.Received order : open)
        {
            final NativeSession session = order.account() == ALICE ? alice : bob;
            session.client().cancel(++request, order.account(), order.orderId(), 0);
        }
        alice.client().flush();
        bob.client().flush();
        final long deadline = System.nanoTime() + 60 * SECOND;
        while (received.size() - before < open.size() && System.nanoTime() < deadline)
        {
            alice.client().poll(alice);
            bob.client().poll(bob);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        final List<NativeSession.Received> answers = received.subList(before, received.size());
        assertThat(answers).as("answers to the cancels of the %d open orders", open.size()).hasSize(open.size())
            .allSatisfy(answer -> assertThat(answer.template()).as("%s", answer)
                .isEqualTo(OrderCancelledDecoder.TEMPLATE_ID));
        assertThat(answers.stream().map(NativeSession.Received::orderId))
            .containsExactlyInAnyOrderElementsOf(open.stream().map(NativeSession.Received::orderId).toList());
    }

    private static void prepareVenue(final ClusterHarness harness)
    {
        final SbeCommandEncoder encoder = new SbeCommandEncoder();
        final UnsafeBuffer command = new UnsafeBuffer(new byte[SbeCommandEncoder.MAX_LENGTH]);
        final int[] events = new int[1];
        try (ClusterVenueClient setup = ClusterVenueClient.create(ClusterClientConfig.of(
            22, harness.cluster().ingressEndpoints(), harness.aeronDirectory())))
        {
            int sent = 0;
            final long deadline = System.nanoTime() + 60 * SECOND;
            for (int step = 0; step < 5; step++)
            {
                final int length = switch (step)
                {
                    case 0 -> encoder.addInstrument(command, 0, 0, 1, 1, 0, 1, 1, 2, 0, 0, 1, 10_000, 1_000, 1_000);
                    case 1 -> encoder.adjustBalance(command, 0, 0, ALICE, 0, 1_000_000_000_000L);
                    case 2 -> encoder.adjustBalance(command, 0, 0, ALICE, 1, 1_000_000_000L);
                    case 3 -> encoder.adjustBalance(command, 0, 0, BOB, 0, 1_000_000_000_000L);
                    default -> encoder.adjustBalance(command, 0, 0, BOB, 1, 1_000_000_000L);
                };
                while (setup.offer(command, 0, length) <= 0)
                {
                    assertThat(System.nanoTime()).as("set-up command taken").isLessThan(deadline);
                    setup.poll((sequence, buffer, offset, eventLength) -> events[0]++, 64);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
                sent++;
            }
            while (events[0] < sent || setup.unacknowledged() > 0)
            {
                assertThat(System.nanoTime()).as("set-up answered: %d of %d", events[0], sent).isLessThan(deadline);
                setup.poll((sequence, buffer, offset, eventLength) -> events[0]++, 64);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    private static Path writeConfig(final Path dir, final String ingress) throws IOException
    {
        final SecureRandom random = new SecureRandom();
        final Path file = dir.resolve("gateway.conf");
        Files.writeString(file, "cluster-gateway {\n" +
            "  gateway-id = 31\n" +
            "  ingress = \"" + ingress + "\"\n" +
            "  aeron-dir = \"" + dir.resolve("aeron") + "\"\n" +
            "}\n" +
            "gateways {\n" +
            "  soupbintcp { native = \"127.0.0.1:0\" }\n" +
            "  instruments = [{ id = 1, symbol = DX1, price-scale = 2, quantity-scale = 0, tick-size = 1," +
            " lot-size = 1 }]\n" +
            "  user-defaults { messages-per-second = 1000000, burst = 100000 }\n" +
            "  users = [\n" +
            "    { name = alice, accounts = [" + ALICE + "], password-hash = \"" +
            PasswordHash.create(PASSWORD, 1_000, random) + "\" }\n" +
            "    { name = bob, accounts = [" + BOB + "], password-hash = \"" +
            PasswordHash.create(PASSWORD, 1_000, random) + "\" }\n" +
            "  ]\n" +
            "}\n");
        return file;
    }

    private static GatewayConfig config()
    {
        final SecureRandom random = new SecureRandom();
        final List<PasswordAuthenticator.Entry> users = List.of(
            user("alice", ALICE, random),
            user("bob", BOB, random));
        return new GatewayConfig(new InetSocketAddress("127.0.0.1", 0), null, SECOND, 30 * SECOND, 10 * SECOND,
            1 << 16, 100_000, Map.of(), List.of(new InstrumentSpec(1, "DX1", 2, 0, 1, 1)), users);
    }

    private static PasswordAuthenticator.Entry user(final String name, final long account, final SecureRandom random)
    {
        return new PasswordAuthenticator.Entry(new User(name, new long[]{account}, SessionKind.TRADING, 1_000_000,
            100_000, false), PasswordHash.create(PASSWORD, 1_000, random));
    }
}
