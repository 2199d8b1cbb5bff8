package io.disruptorx.systemtest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.protocol.sbe.orderentry.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderFilledDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node and its binary gateway as {@code dx node --config} in a separate JVM, killed with SIGKILL in the middle
 * of a burst of orders from two clients over the native protocol. Afterwards the journal is replayed from its
 * first record, and the test proves that every report a client received before the kill says what the journal
 * says (same order ids, prices, quantities, trades, fees, cancels), so every acknowledged order is in the journal;
 * then the node is restarted on the same data directory and every acknowledged order the journal leaves resting is
 * cancelled through the new gateway session, proving the live venue holds it.
 *
 * <p>How it can fail: a report sent before its command was journalled names an order or trade the journal lacks
 * (the embedded venue client must deliver only events the engine emitted, and the engine runs behind the journal);
 * a report with wrong fields (decimal conversion, fill accounting) differs from the replay; a recovery that lost
 * acknowledged orders answers their cancels with UNKNOWN_ORDER.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GatewayCrashTest
{
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int REPORTS_BEFORE_KILL = 4_000;
    private static final String PASSWORD = "crash";
    private static final int PRICE_EXPONENT = -2;

    @TempDir
    Path dir;

    @Test
    void shouldKeepEveryReportedOrderThroughASigkillMidBurst() throws Exception
    {
        final Path data = dir.resolve("data");
        final Path config = writeConfig(data);
        prepareVenue(data);

        final List<NativeSession.Received> received = new ArrayList<>();
        final GatewayChild first = GatewayChild.start(config, dir.resolve("first.err"), START_TIMEOUT_NANOS);
        try
        {
            burstAndKill(first, received);
        }
        finally
        {
            first.destroy();
        }

        final GatewayJournalTruth truth = GatewayJournalTruth.replay(data.resolve("journal"));
        assertThat(truth.malformed).isZero();
        assertThat(received).hasSizeGreaterThanOrEqualTo(REPORTS_BEFORE_KILL);
        final List<Long> acknowledged = new ArrayList<>();
        for (final NativeSession.Received report : received)
        {
            assertConsistent(report, truth);
            if (report.template() == OrderAcceptedDecoder.TEMPLATE_ID)
            {
                acknowledged.add(report.orderId());
            }
        }
        final List<Long> stillResting = acknowledged.stream().filter(truth.resting::contains).toList();
        assertThat(stillResting).isNotEmpty();

        final GatewayChild second = GatewayChild.start(config, dir.resolve("second.err"), START_TIMEOUT_NANOS);
        try
        {
            assertThat(cancelAll(second, stillResting, truth)).containsExactlyInAnyOrderElementsOf(stillResting);
        }
        finally
        {
            second.destroy();
        }
    }

    private void burstAndKill(final GatewayChild child, final List<NativeSession.Received> received)
        throws InterruptedException
    {
        final InetSocketAddress address = new InetSocketAddress("127.0.0.1", child.port());
        try (NativeSession alice = NativeSession.login(address, "alice", PASSWORD, PRICE_EXPONENT, received);
            NativeSession bob = NativeSession.login(address, "bob", PASSWORD, PRICE_EXPONENT, received))
        {
            long id = 0;
            boolean killed = false;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!killed && System.nanoTime() < deadline)
            {
                for (int i = 0; i < 20; i++)
                {
                    id++;
                    final long quantity = 1 + id % 3;
                    alice.client().newOrder(id, 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                        SelfTradePrevention.CANCEL_NEWEST, 10_000 - id % 4, PRICE_EXPONENT, quantity, 0);
                    bob.client().newOrder(id, 3, 1, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
                        SelfTradePrevention.CANCEL_NEWEST, 9_999 + id % 3, PRICE_EXPONENT, quantity + 1, 0);
                }
                alice.client().poll(alice);
                bob.client().poll(bob);
                if (received.size() >= REPORTS_BEFORE_KILL)
                {
                    assertThat(child.kill()).isEqualTo(137);
                    killed = true;
                }
            }
            assertThat(killed).as("enough reports to kill mid-burst").isTrue();
            alice.drain();
            bob.drain();
        }
    }

    private static List<Long> cancelAll(
        final GatewayChild child, final List<Long> orders, final GatewayJournalTruth truth)
    {
        final InetSocketAddress address = new InetSocketAddress("127.0.0.1", child.port());
        final List<NativeSession.Received> answers = new ArrayList<>();
        try (NativeSession alice = NativeSession.login(address, "alice", PASSWORD, PRICE_EXPONENT, answers);
            NativeSession bob = NativeSession.login(address, "bob", PASSWORD, PRICE_EXPONENT, answers))
        {
            long request = 0;
            for (final long orderId : orders)
            {
                final long account = truth.accepted.get(orderId).account();
                (account == 1 ? alice : bob).client().cancel(++request, account, orderId, 0);
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (answers.size() < orders.size() && System.nanoTime() < deadline)
            {
                alice.client().poll(alice);
                bob.client().poll(bob);
                Thread.yield();
            }
        }
        assertThat(answers).allSatisfy(answer -> assertThat(answer.template())
            .as("answer to a cancel of an acknowledged order: %s", answer)
            .isEqualTo(OrderCancelledDecoder.TEMPLATE_ID));
        return answers.stream().map(NativeSession.Received::orderId).toList();
    }

    private static void assertConsistent(final NativeSession.Received report, final GatewayJournalTruth truth)
    {
        switch (report.template())
        {
            case OrderAcceptedDecoder.TEMPLATE_ID:
                assertThat(truth.accepted.get(report.orderId())).as("journal's accept of %s", report)
                    .isEqualTo(new GatewayJournalTruth.Accepted(report.clientOrderId(), report.account(),
                        report.price(), report.quantity()));
                break;
            case OrderRejectedDecoder.TEMPLATE_ID:
                assertThat(truth.rejected.get(report.account() + "/" + report.clientOrderId()))
                    .as("journal's reject of %s", report).isEqualTo(report.reason());
                break;
            case OrderFilledDecoder.TEMPLATE_ID:
            {
                final GatewayJournalTruth.Trade trade = truth.trades.get(report.tradeId());
                assertThat(trade).as("journal's trade of %s", report).isNotNull();
                final boolean maker = trade.makerOrderId() == report.orderId();
                assertThat(maker || trade.takerOrderId() == report.orderId()).as("%s in %s", report, trade).isTrue();
                assertThat(report.price()).isEqualTo(trade.price());
                assertThat(report.quantity()).isEqualTo(trade.quantity());
                assertThat(report.leaves()).isEqualTo(maker ? trade.makerRemaining() : trade.takerRemaining());
                assertThat(report.fee()).isEqualTo(maker ? trade.makerFee() : trade.takerFee());
                break;
            }
            case OrderCancelledDecoder.TEMPLATE_ID:
                assertThat(truth.cancelled.get(report.orderId())).as("journal's cancel of %s", report)
                    .isEqualTo(new GatewayJournalTruth.Cancelled(report.quantity(), report.reason()));
                break;
            default:
                throw new AssertionError("unexpected report " + report);
        }
    }

    private Path writeConfig(final Path data) throws IOException
    {
        final SecureRandom random = new SecureRandom();
        final Path config = dir.resolve("node.conf");
        Files.writeString(config, "node {\n" +
            "  data-dir = \"" + data + "\"\n" +
            "  journal.segment-size = 4194304\n" +
            "  http.port = -1\n" +
            "}\n" +
            "gateways {\n" +
            "  soupbintcp { native = \"127.0.0.1:0\" }\n" +
            "  instruments = [{ id = 1, symbol = BTC-USD, price-scale = 2, quantity-scale = 0, tick-size = 1," +
            " lot-size = 1 }]\n" +
            "  user-defaults { messages-per-second = 1000000, burst = 100000 }\n" +
            "  users = [\n" +
            "    { name = alice, accounts = [1], password-hash = \"" + hash(random) + "\" }\n" +
            "    { name = bob, accounts = [3], password-hash = \"" + hash(random) + "\" }\n" +
            "  ]\n" +
            "}\n");
        return config;
    }

    private static String hash(final SecureRandom random)
    {
        return PasswordHash.create(PASSWORD, 1_000, random).toString();
    }

    private static void prepareVenue(final Path data)
    {
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(data).withSegmentSize(4 * 1024 * 1024),
            null, null))
        {
            final NodeClient client = node.newClient(true);
            client.addInstrument(1, 1, 0, 1, 1, 2, 0, 1, 2, 10_000, 1_000, 1_000);
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
