package io.disruptorx.node.shard;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
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
import io.disruptorx.shard.link.RemoteShardClient;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shard link across lost connections: a gateway's {@link RemoteShardClient} sends a flow of orders to a real
 * node behind a {@link ShardLinkServer}, through a relay on loopback that resets both sockets mid-flow, three times,
 * with commands and events in flight both ways. The client connects again by itself and the two sides send each
 * other what the other lacks: every order is applied once (the engine rests exactly one order per client order id,
 * none refused as a duplicate) and answered once, and the events arrive in venue order.
 *
 * <p>How it can fail: a command lost in the reset (an order never answered, fewer resting orders), one sent twice
 * (rested twice, or refused as a duplicate), an event lost or repeated (an order answered zero or two times), events
 * out of order, or a link that does not come back (the flow stops).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ShardLinkReconnectTest
{
    private static final int ORDERS = 6_000;
    private static final int[] CUTS_AT = {1_000, 2_500, 4_000};
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path dir;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final MessageHeaderDecoder eventHeader = new MessageHeaderDecoder();
    private final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();
    private final int[] answers = new int[ORDERS + 1];
    private long rejects;
    private long lastSequence = -1;
    private long outOfOrder;

    @Test
    void shouldApplyAndAnswerEveryOrderOnceAcrossResetConnections() throws Exception
    {
        final NodeConfig config = NodeConfig.defaults(dir.resolve("shard")).withSegmentSize(16 * 1024 * 1024);
        final EmbeddedNode node = EmbeddedNode.start(config, null, null);
        try
        {
            setUp(node);
            try (ShardLinkServer server = new ShardLinkServer(node, config, new InetSocketAddress("127.0.0.1", 0));
                CuttingProxy proxy = new CuttingProxy(server.address());
                RemoteShardClient client = RemoteShardClient.connect(proxy.address(), WAIT_NANOS))
            {
                int cut = 0;
                for (int id = 1; id <= ORDERS; id++)
                {
                    send(client, id);
                    client.poll(this::onEvent, 64);
                    if (cut < CUTS_AT.length && id == CUTS_AT[cut])
                    {
                        proxy.cut();
                        cut++;
                    }
                }
                final long deadline = System.nanoTime() + WAIT_NANOS;
                while (answered() < ORDERS && System.nanoTime() < deadline)
                {
                    if (client.poll(this::onEvent, 256) == 0)
                    {
                        Thread.yield();
                    }
                }
                assertThat(client.reconnects()).as("the client connected again after each cut")
                    .isGreaterThanOrEqualTo(CUTS_AT.length);
                assertThat(proxy.connections()).isGreaterThanOrEqualTo(1 + CUTS_AT.length);
            }
            for (int id = 1; id <= ORDERS; id++)
            {
                assertThat(answers[id]).as("answers to order %d", id).isEqualTo(1);
            }
            assertThat(rejects).as("orders refused (a repeated client order id)").isZero();
            assertThat(outOfOrder).as("events out of venue order").isZero();
        }
        finally
        {
            node.close();
        }
        assertThat(node.engineAfterClose().restingOrderCount()).as("orders resting on the shard").isEqualTo(ORDERS);
    }

    private void send(final RemoteShardClient client, final long id)
    {
        newOrder.wrapAndApplyHeader(buffer, 0, header).timestamp(0).accountId(1).clientOrderId(id).instrumentId(1)
            .side(Side.BUY).orderType(OrderType.LIMIT).timeInForce(TimeInForce.GTC).postOnly(BooleanType.FALSE)
            .selfTradePrevention(SelfTradePrevention.CANCEL_NEWEST).price(9_000 + id % 500).quantity(1).userId(0);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength();
        final long deadline = System.nanoTime() + WAIT_NANOS;
        long result;
        while ((result = client.offer(buffer, 0, length)) <= 0)
        {
            assertThat(result).as("offer of order %d", id).isNotEqualTo(VenueClient.CLOSED);
            assertThat(System.nanoTime()).as("order %d taken in time", id).isLessThan(deadline);
            client.poll(this::onEvent, 64);
            Thread.yield();
        }
    }

    private void onEvent(final long commandSequence, final DirectBuffer events, final int offset, final int length)
    {
        if (commandSequence < lastSequence)
        {
            outOfOrder++;
        }
        lastSequence = commandSequence;
        eventHeader.wrap(events, offset);
        if (eventHeader.templateId() == OrderAcceptedDecoder.TEMPLATE_ID)
        {
            final long id = accepted.wrap(events, offset + MessageHeaderEncoder.ENCODED_LENGTH,
                eventHeader.blockLength(), eventHeader.version()).clientOrderId();
            answers[(int)id]++;
        }
        else if (eventHeader.templateId() == OrderRejectedDecoder.TEMPLATE_ID)
        {
            rejects++;
        }
    }

    private long answered()
    {
        long answered = 0;
        for (final int count : answers)
        {
            answered += count;
        }
        return answered;
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
}
