package io.disruptorx.node.shard;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
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
import io.disruptorx.shard.link.ShardLinkFrames;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A restarted shard host meets a gateway's link it knows from the HELLO only, when the gateway's log still holds
 * frames of commands at or before its last event (the gateway drops frames a whole ACK at a time, so a frame whose
 * command has its event may stay until the last command of its ACK has one too). The old process journalled 200
 * orders (each answered by one OrderAccepted); a raw gateway on a real socket says it has the events up to order
 * {@code lastEventOrder}, that the frames before {@code first} are durable up to order {@code first}'s journal
 * sequence (or the set-up's, for none), sends its log again from {@code first} (with other timestamps, as a gateway
 * would not), then 20 new orders.
 *
 * <p>Asserted: every order after {@code lastEventOrder} is accepted exactly once (those up to 200 by events made
 * again out of the journal, the new ones when applied), none at or before it is answered again (accepted, or refused
 * as a duplicate client order id), and the node rests 220 orders, each client order id once.
 *
 * <p>How it can fail: a frame the journal holds taken as new because it is not among the commands the host matches
 * against (the defect this test was written for: the host matched only commands after the last event, so the
 * frames at or before it, and every frame after them, were applied a second time and refused as duplicates, a
 * second answer to each);
 * an event made again lost or repeated; a new order not applied.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ShardHostRestartLinkTest
{
    private static final int ORDERS = 200;
    private static final int NEW_ORDERS = 20;
    private static final long LINK_ID = 4_242;

    @TempDir
    Path dir;

    private final UnsafeBuffer command = new UnsafeBuffer(new byte[128]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();

    @ParameterizedTest(name = "log from frame {0}, events up to order {1}")
    @CsvSource({"0, 120", "50, 120", "50, 50", "199, 200"})
    void shouldTakeAgainOnlyTheCommandsItsJournalLacks(final int first, final int lastEventOrder) throws IOException
    {
        final NodeConfig config = NodeConfig.defaults(dir.resolve("shard")).withSegmentSize(4 * 1024 * 1024);
        final Map<Long, Long> sequenceOf = new HashMap<>();
        final long setUp = runOldProcess(config, sequenceOf);
        final long durable = first == 0 ? setUp : sequenceOf.get((long)first);
        final long lastEvent = sequenceOf.get((long)lastEventOrder);

        final EmbeddedNode node = EmbeddedNode.start(config, null, null);
        final Map<Long, Integer> answers = new TreeMap<>();
        try (ShardLinkServer server = new ShardLinkServer(node, config, new InetSocketAddress("127.0.0.1", 0));
            Socket gateway = new Socket())
        {
            assertThat(node.recoveredSequence()).isEqualTo(sequenceOf.get((long)ORDERS));
            gateway.connect(server.address());
            gateway.setSoTimeout(30_000);
            gateway.setTcpNoDelay(true);
            final OutputStream out = gateway.getOutputStream();
            final DataInputStream in = new DataInputStream(gateway.getInputStream());
            out.write(hello(first, lastEvent, durable));

            final long[] welcome = expectWelcome(in);
            assertThat(welcome[0]).as("frames taken: up to the log's first").isEqualTo(first);
            assertThat(welcome[2]).as("the host restarted").isEqualTo(1);

            for (int id = first + 1; id <= ORDERS + NEW_ORDERS; id++)
            {
                out.write(commandFrame(id, id <= ORDERS ? 777 : 0));
            }
            out.flush();
            final int expected = ORDERS + NEW_ORDERS - lastEventOrder;
            int answered = 0;
            int rejected = 0;
            while (answered < expected)
            {
                final long id = nextAnswer(in);
                if (id != 0)
                {
                    answers.merge(Math.abs(id), 1, Integer::sum);
                    rejected += id < 0 ? 1 : 0;
                    answered++;
                }
            }
            final Map<Long, Integer> more = new TreeMap<>();
            gateway.setSoTimeout(300);
            drain(in, more);
            assertThat(more).as("answers after the expected ones").isEmpty();
            assertThat(rejected).as("orders refused (applied a second time: a duplicate client order id)").isZero();
        }
        finally
        {
            node.close();
        }
        for (long id = 1; id <= ORDERS + NEW_ORDERS; id++)
        {
            assertThat(answers.getOrDefault(id, 0)).as("answers to order %d", id)
                .isEqualTo(id > lastEventOrder ? 1 : 0);
        }
        assertThat(node.engineAfterClose().restingOrderCount()).as("orders resting, each once")
            .isEqualTo(ORDERS + NEW_ORDERS);
    }

    /**
     * The process before the restart: the set-up and 200 orders through a venue client of the node's own.
     *
     * @return the journal sequence of the set-up's last command.
     */
    private long runOldProcess(final NodeConfig config, final Map<Long, Long> sequenceOf)
    {
        final EmbeddedNode node = EmbeddedNode.start(config, null, null);
        try
        {
            final NodeClient client = node.newClient(true);
            client.addInstrument(1, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
            final long setUp = client.adjustBalance(1, 0, Long.MAX_VALUE / 8);
            final VenueClient venue = node.newVenueClient();
            for (int id = 1; id <= ORDERS; id++)
            {
                final int length = encode(id, 0);
                long sequence;
                while ((sequence = venue.offer(command, 0, length)) <= 0)
                {
                    venue.poll((s, b, o, l) ->
                    {
                    }, 256);
                }
                sequenceOf.put((long)id, sequence);
            }
            final long last = sequenceOf.get((long)ORDERS);
            await().atMost(Duration.ofSeconds(30)).until(() -> node.appliedSequence() >= last);
            venue.close();
            return setUp;
        }
        finally
        {
            node.close();
        }
    }

    private int encode(final long id, final long timestamp)
    {
        newOrder.wrapAndApplyHeader(command, 0, header).timestamp(timestamp).accountId(1).clientOrderId(id)
            .instrumentId(1).side(Side.BUY).orderType(OrderType.LIMIT).timeInForce(TimeInForce.GTC)
            .postOnly(BooleanType.FALSE).selfTradePrevention(SelfTradePrevention.CANCEL_NEWEST)
            .price(9_000 + id % 50).quantity(1).userId(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength();
    }

    private byte[] commandFrame(final long id, final long timestamp)
    {
        final int length = encode(id, timestamp);
        final ByteBuffer frame = ByteBuffer.allocate(ShardLinkFrames.HEADER + length).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(length + 1).put(ShardLinkFrames.COMMAND);
        for (int i = 0; i < length; i++)
        {
            frame.put(command.getByte(i));
        }
        return frame.array();
    }

    private static byte[] hello(final int first, final long lastEvent, final long durable)
    {
        final ByteBuffer frame = ByteBuffer.allocate(ShardLinkFrames.HEADER + ShardLinkFrames.HELLO_LENGTH)
            .order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(ShardLinkFrames.HELLO_LENGTH + 1).put(ShardLinkFrames.HELLO).putLong(LINK_ID).putLong(0)
            .putLong(first).putLong(ORDERS).putLong(lastEvent).putLong(1).putLong(durable);
        return frame.array();
    }

    private static long[] expectWelcome(final DataInputStream in) throws IOException
    {
        final ByteBuffer body = frame(in);
        assertThat(body.get(0)).as("the first frame from the host").isEqualTo(ShardLinkFrames.WELCOME);
        return new long[]{body.getLong(1), body.getLong(1 + Long.BYTES), body.getLong(1 + 2 * Long.BYTES)};
    }

    /**
     * @return the client order id of the next frame if it is an OrderAccepted, its negative if an OrderRejected (a
     * second application of an order is refused as a duplicate), else 0.
     */
    private static long nextAnswer(final DataInputStream in) throws IOException
    {
        final ByteBuffer frame = frame(in);
        if (frame.get(0) != ShardLinkFrames.EVENT)
        {
            return 0;
        }
        final UnsafeBuffer event = new UnsafeBuffer(frame.array(), 1 + Long.BYTES, frame.capacity() - 1 - Long.BYTES);
        final MessageHeaderDecoder eventHeader = new MessageHeaderDecoder().wrap(event, 0);
        final int body = MessageHeaderDecoder.ENCODED_LENGTH;
        if (eventHeader.templateId() == OrderAcceptedDecoder.TEMPLATE_ID)
        {
            return new OrderAcceptedDecoder().wrap(event, body, eventHeader.blockLength(), eventHeader.version())
                .clientOrderId();
        }
        if (eventHeader.templateId() == OrderRejectedDecoder.TEMPLATE_ID)
        {
            return -new OrderRejectedDecoder().wrap(event, body, eventHeader.blockLength(), eventHeader.version())
                .clientOrderId();
        }
        return 0;
    }

    private static void drain(final DataInputStream in, final Map<Long, Integer> answers) throws IOException
    {
        try
        {
            while (true)
            {
                final long id = nextAnswer(in);
                if (id != 0)
                {
                    answers.merge(id, 1, Integer::sum);
                }
            }
        }
        catch (final SocketTimeoutException quiet)
        {
            // nothing more arrived within the timeout
        }
    }

    /**
     * @return the next frame: its type byte, then its body.
     */
    private static ByteBuffer frame(final DataInputStream in) throws IOException
    {
        final byte[] length = new byte[Integer.BYTES];
        in.readFully(length);
        final int size = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getInt();
        final byte[] rest = new byte[size];
        in.readFully(rest);
        return ByteBuffer.wrap(rest).order(ByteOrder.LITTLE_ENDIAN);
    }
}
