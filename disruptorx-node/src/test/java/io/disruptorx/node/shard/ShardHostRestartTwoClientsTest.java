package io.disruptorx.node.shard;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.protocol.sbe.command.AdjustBalanceEncoder;
import io.disruptorx.protocol.sbe.command.BooleanType;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.NewOrderEncoder;
import io.disruptorx.protocol.sbe.command.OrderType;
import io.disruptorx.protocol.sbe.command.SelfTradePrevention;
import io.disruptorx.protocol.sbe.command.Side;
import io.disruptorx.protocol.sbe.command.TimeInForce;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.link.RemoteShardClient;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways' {@link RemoteShardClient}s in front of one shard host (a real node behind a {@link ShardLinkServer}
 * on loopback) send, in turns, {@value #COMMANDS} commands each: every odd one the same deposit (account 1, asset 1,
 * amount 1, the same bytes from both), every even one a resting buy of a client order id of the gateway's own. Half
 * way, the host stops (its link server and node closed, the gateways' connections with them, frames in flight both
 * ways) and starts again on the same directory and address; the clients connect again by themselves, and their
 * offers are tried again while the host is away.
 *
 * <p>Asserted: each client hears exactly once of every order (its own and the other gateway's) and of none refused;
 * account 1 holds exactly the deposits sent; the engine rests exactly the orders sent.
 *
 * <p>How it fails: a command of one gateway taken for an equal one of the other's at the restart (a deposit lost, or
 * an order applied twice and refused as a duplicate client order id), an event lost or made twice (an order heard of
 * zero or two times in a client's stream).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ShardHostRestartTwoClientsTest
{
    private static final int COMMANDS = 2_000;
    private static final int RESTART_AT = 1_000;
    private static final int DEPOSIT_ASSET = 1;
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path dir;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final AdjustBalanceEncoder adjust = new AdjustBalanceEncoder();
    private final Heard heardByA = new Heard();
    private final Heard heardByB = new Heard();

    @Test
    void shouldApplyEachGatewaysCommandsOnceAcrossAHostRestart() throws IOException
    {
        final NodeConfig config = NodeConfig.defaults(dir.resolve("shard")).withSegmentSize(16 * 1024 * 1024);
        EmbeddedNode node = EmbeddedNode.start(config, null, null);
        setUp(node);
        ShardLinkServer server = new ShardLinkServer(node, config, new InetSocketAddress("127.0.0.1", 0));
        final InetSocketAddress address = server.address();
        try (RemoteShardClient a = RemoteShardClient.connect(address, WAIT_NANOS);
            RemoteShardClient b = RemoteShardClient.connect(address, WAIT_NANOS))
        {
            for (int i = 1; i <= COMMANDS; i++)
            {
                send(a, heardByA, 1, i);
                send(b, heardByB, 2, i);
                if (i == RESTART_AT)
                {
                    server.close();
                    node.close();
                    node = EmbeddedNode.start(config, null, null);
                    server = new ShardLinkServer(node, config, address);
                }
            }
            final long deadline = System.nanoTime() + WAIT_NANOS;
            while ((heardByA.accepted < COMMANDS || heardByB.accepted < COMMANDS) && System.nanoTime() < deadline)
            {
                if (a.poll(heardByA, 256) + b.poll(heardByB, 256) == 0)
                {
                    Thread.yield();
                }
            }
            assertThat(a.shardRestarts()).as("gateway A met the restarted host").isPositive();
            assertThat(b.shardRestarts()).as("gateway B met the restarted host").isPositive();
        }
        finally
        {
            server.close();
            node.close();
        }
        for (final Heard heard : new Heard[]{heardByA, heardByB})
        {
            for (int gateway = 1; gateway <= 2; gateway++)
            {
                for (int i = 2; i <= COMMANDS; i += 2)
                {
                    assertThat(heard.answers[gateway][i]).as("order %d of gateway %d heard of", i, gateway)
                        .isEqualTo(1);
                }
            }
            assertThat(heard.rejected).as("orders refused (applied twice: a duplicate client order id)").isZero();
        }
        assertThat(node.engineAfterClose().balance(1, DEPOSIT_ASSET)).as("deposits applied, each once")
            .isEqualTo(COMMANDS);
        assertThat(node.engineAfterClose().restingOrderCount()).as("orders resting, each once").isEqualTo(COMMANDS);
    }

    /**
     * Offers command {@code i} of a gateway until the client takes it (it answers NOT_CONNECTED while the host is
     * away): the deposit when odd, else a resting buy of client order id gateway * 100000 + i.
     */
    private void send(final RemoteShardClient client, final Heard heard, final int gateway, final int i)
    {
        final int length;
        if (i % 2 == 1)
        {
            adjust.wrapAndApplyHeader(buffer, 0, header).timestamp(0).accountId(1).assetId(DEPOSIT_ASSET).amount(1);
            length = MessageHeaderEncoder.ENCODED_LENGTH + adjust.encodedLength();
        }
        else
        {
            newOrder.wrapAndApplyHeader(buffer, 0, header).timestamp(0).accountId(1)
                .clientOrderId(gateway * 100_000L + i).instrumentId(1).side(Side.BUY).orderType(OrderType.LIMIT)
                .timeInForce(TimeInForce.GTC).postOnly(BooleanType.FALSE)
                .selfTradePrevention(SelfTradePrevention.CANCEL_NEWEST).price(9_000 + i % 500).quantity(1).userId(0);
            length = MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength();
        }
        final long deadline = System.nanoTime() + WAIT_NANOS;
        long result;
        while ((result = client.offer(buffer, 0, length)) <= 0)
        {
            assertThat(result).as("offer of command %d of gateway %d", i, gateway).isNotEqualTo(VenueClient.CLOSED);
            assertThat(System.nanoTime()).as("command %d of gateway %d taken in time", i, gateway)
                .isLessThan(deadline);
            client.poll(heard, 64);
            Thread.yield();
        }
        client.poll(heard, 64);
    }

    private static void setUp(final EmbeddedNode node)
    {
        final NodeClient client = node.newClient(true);
        client.addInstrument(1, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
        final long last = client.adjustBalance(1, 0, Long.MAX_VALUE / 8);
        final long deadline = System.nanoTime() + WAIT_NANOS;
        while (node.appliedSequence() < last)
        {
            assertThat(System.nanoTime()).as("set-up applied in time").isLessThan(deadline);
            Thread.yield();
        }
    }

    /**
     * What one gateway heard: OrderAccepted per gateway and order, OrderRejected counted.
     */
    private static final class Heard implements VenueEventHandler
    {
        private final MessageHeaderDecoder eventHeader = new MessageHeaderDecoder();
        private final OrderAcceptedDecoder orderAccepted = new OrderAcceptedDecoder();
        private final int[][] answers = new int[3][COMMANDS + 1];
        private long accepted;
        private long rejected;

        @Override
        public void onEvent(final long commandSequence, final DirectBuffer events, final int offset,
            final int length)
        {
            eventHeader.wrap(events, offset);
            if (eventHeader.templateId() == OrderAcceptedDecoder.TEMPLATE_ID)
            {
                final long id = orderAccepted.wrap(events, offset + MessageHeaderDecoder.ENCODED_LENGTH,
                    eventHeader.blockLength(), eventHeader.version()).clientOrderId();
                answers[(int)(id / 100_000)][(int)(id % 100_000)]++;
                accepted++;
            }
            else if (eventHeader.templateId() == OrderRejectedDecoder.TEMPLATE_ID)
            {
                rejected++;
            }
        }
    }
}
