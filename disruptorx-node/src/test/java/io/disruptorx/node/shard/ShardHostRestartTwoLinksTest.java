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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import io.disruptorx.shard.link.ShardLinkFrames;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A restarted shard host meets two gateways' links (raw gateways on real sockets, a real node and journal) whose
 * commands the old process journalled interleaved, some of them byte for byte equal: each of the two sends the same
 * deposit (account 1, asset 1, amount 1) as every odd command, and a resting buy of its own client order id as every
 * even one. Before the restart, A sent commands 1-20 and B 1-30, in turns (A1, B1, A2, B2, ... B20, then B21-B30),
 * each taken and journalled. After it, B comes back first with commands 26-35 in its log (31-35 never reached the
 * old process) and has them applied; then A comes back with 15-30 in its log (21-30 never reached it).
 *
 * <p>Asserted: each gateway's commands are applied exactly once: account 1 holds exactly the 33 deposits (A's 15, B's
 * 18) and the engine rests exactly A's 15 and B's 17 orders; each gateway gets every order's OrderAccepted it lacked
 * exactly once, its own and the other's, including B's orders the restarted process applied before A came back; no
 * order is refused (a command applied twice would be refused as a duplicate client order id).
 *
 * <p>How it fails: without the events of the commands applied since the restart made again, A never hears of B's
 * orders 32 and 34 (the earlier code fails so, at the first assertion); without the links' tags in the journal, A's
 * command 21, a deposit, is taken for B's deposit 21 (the next journalled command equal to it) and never applied,
 * so account 1 holds 32.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ShardHostRestartTwoLinksTest
{
    private static final long LINK_A = 11;
    private static final long LINK_B = 22;
    private static final int DEPOSIT_ASSET = 1;

    @TempDir
    Path dir;

    private final UnsafeBuffer command = new UnsafeBuffer(new byte[128]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final AdjustBalanceEncoder adjust = new AdjustBalanceEncoder();

    @Test
    void shouldApplyEachGatewaysCommandsOnceAndGiveEachEveryEventItLacks() throws IOException
    {
        final NodeConfig config = NodeConfig.defaults(dir.resolve("shard")).withSegmentSize(4 * 1024 * 1024);
        final long[] sequenceOfA = new long[31];
        final long[] sequenceOfB = new long[36];
        runOldProcess(config, sequenceOfA, sequenceOfB);

        final EmbeddedNode node = EmbeddedNode.start(config, null, null);
        final Map<Long, Integer> acceptedA = new TreeMap<>();
        final Map<Long, Integer> acceptedB = new TreeMap<>();
        try (ShardLinkServer server = new ShardLinkServer(node, config, new InetSocketAddress("127.0.0.1", 0));
            RawGateway b = new RawGateway(server.address(), LINK_B);
            RawGateway a = new RawGateway(server.address(), LINK_A))
        {
            assertThat(node.recoveredSequence()).isEqualTo(sequenceOfB[30]);
            b.hello(30, 25, 35, sequenceOfB[26], sequenceOfB[25]);
            assertThat(b.welcome()).as("B's frames taken: up to its log's first").isEqualTo(25);
            for (int i = 26; i <= 35; i++)
            {
                b.send(commandOf('B', i, 777));
            }
            b.readUntilAccepted(2_034, acceptedB);

            a.hello(20, 14, 30, sequenceOfA[16], sequenceOfA[14]);
            assertThat(a.welcome()).as("A's frames taken: up to its log's first").isEqualTo(14);
            for (int i = 15; i <= 30; i++)
            {
                a.send(commandOf('A', i, 777));
            }
            a.readUntilAccepted(1_030, acceptedA);
            b.readUntilAccepted(1_030, acceptedB);
            a.drain(acceptedA);
            b.drain(acceptedB);
        }
        finally
        {
            node.close();
        }
        assertThat(acceptedA).as("orders accepted in A's stream after the restart, each once")
            .isEqualTo(expected(List.of(1_018L, 1_020L, 1_022L, 1_024L, 1_026L, 1_028L, 1_030L), 16, 34));
        assertThat(acceptedB).as("orders accepted in B's stream after the restart, each once")
            .isEqualTo(expected(List.of(1_022L, 1_024L, 1_026L, 1_028L, 1_030L), 28, 34));
        assertThat(node.engineAfterClose().balance(1, DEPOSIT_ASSET)).as("deposits applied, each once")
            .isEqualTo(15 + 18);
        assertThat(node.engineAfterClose().restingOrderCount()).as("orders resting, each once").isEqualTo(15 + 17);
    }

    /**
     * @return each of A's orders given and B's even orders from {@code fromB} to {@code toB}, answered once.
     */
    private static Map<Long, Integer> expected(final List<Long> ofA, final int fromB, final int toB)
    {
        final Map<Long, Integer> expected = new TreeMap<>();
        ofA.forEach(id -> expected.put(id, 1));
        for (int i = fromB; i <= toB; i += 2)
        {
            expected.put(2_000L + i, 1);
        }
        return expected;
    }

    /**
     * The process before the restart: the set-up, then A's commands 1-20 and B's 1-30 through their links, one at a
     * time (each sent once the one before was acknowledged), all journalled.
     */
    private void runOldProcess(final NodeConfig config, final long[] sequenceOfA, final long[] sequenceOfB)
        throws IOException
    {
        final EmbeddedNode node = EmbeddedNode.start(config, null, null);
        try
        {
            final NodeClient client = node.newClient(true);
            client.addInstrument(1, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
            client.adjustBalance(1, 0, Long.MAX_VALUE / 8);
            try (ShardLinkServer server = new ShardLinkServer(node, config, new InetSocketAddress("127.0.0.1", 0));
                RawGateway a = new RawGateway(server.address(), LINK_A);
                RawGateway b = new RawGateway(server.address(), LINK_B))
            {
                a.hello(0, 0, 0, 0, 0);
                b.hello(0, 0, 0, 0, 0);
                assertThat(a.welcome()).isZero();
                assertThat(b.welcome()).isZero();
                for (int i = 1; i <= 30; i++)
                {
                    if (i <= 20)
                    {
                        a.send(commandOf('A', i, 0));
                        sequenceOfA[i] = a.awaitAck(i);
                    }
                    b.send(commandOf('B', i, 0));
                    sequenceOfB[i] = b.awaitAck(i);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> node.appliedSequence() >= sequenceOfB[30]);
            }
        }
        finally
        {
            node.close();
        }
    }

    /**
     * @return command {@code i} of gateway A or B as a COMMAND frame: the deposit when odd (the same bytes for both
     * but the timestamp), else a resting buy of client order id 1000 + i (A) or 2000 + i (B).
     */
    private byte[] commandOf(final char gateway, final int i, final long timestamp)
    {
        final int length;
        if (i % 2 == 1)
        {
            adjust.wrapAndApplyHeader(command, 0, header).timestamp(timestamp).accountId(1).assetId(DEPOSIT_ASSET)
                .amount(1);
            length = MessageHeaderEncoder.ENCODED_LENGTH + adjust.encodedLength();
        }
        else
        {
            newOrder.wrapAndApplyHeader(command, 0, header).timestamp(timestamp).accountId(1)
                .clientOrderId((gateway == 'A' ? 1_000 : 2_000) + i).instrumentId(1).side(Side.BUY)
                .orderType(OrderType.LIMIT).timeInForce(TimeInForce.GTC).postOnly(BooleanType.FALSE)
                .selfTradePrevention(SelfTradePrevention.CANCEL_NEWEST).price(9_000 + i).quantity(1).userId(0);
            length = MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength();
        }
        final ByteBuffer frame = ByteBuffer.allocate(ShardLinkFrames.HEADER + length).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(length + 1).put(ShardLinkFrames.COMMAND);
        for (int b = 0; b < length; b++)
        {
            frame.put(command.getByte(b));
        }
        return frame.array();
    }

    /**
     * A gateway's end of a link on a real socket, as raw frames.
     */
    private static final class RawGateway implements AutoCloseable
    {
        private final long linkId;
        private final Socket socket = new Socket();
        private final OutputStream out;
        private final DataInputStream in;

        RawGateway(final InetSocketAddress address, final long linkId) throws IOException
        {
            this.linkId = linkId;
            socket.connect(address);
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new DataInputStream(socket.getInputStream());
        }

        void hello(final long received, final long first, final long appended, final long lastEvent,
            final long durable) throws IOException
        {
            final ByteBuffer frame = ByteBuffer.allocate(ShardLinkFrames.HEADER + ShardLinkFrames.HELLO_LENGTH)
                .order(ByteOrder.LITTLE_ENDIAN);
            frame.putInt(ShardLinkFrames.HELLO_LENGTH + 1).put(ShardLinkFrames.HELLO).putLong(linkId)
                .putLong(received).putLong(first).putLong(appended).putLong(lastEvent).putLong(lastEvent == 0 ? 0 : 1)
                .putLong(durable);
            out.write(frame.array());
            out.flush();
        }

        /**
         * @return the frames taken the host's WELCOME says.
         */
        long welcome() throws IOException
        {
            final ByteBuffer body = frame();
            assertThat(body.get(0)).as("the first frame from the host").isEqualTo(ShardLinkFrames.WELCOME);
            return body.getLong(1);
        }

        void send(final byte[] frame) throws IOException
        {
            out.write(frame);
            out.flush();
        }

        /**
         * @return the journal sequence of the last command taken, from the host's ACK of {@code taken} frames.
         */
        long awaitAck(final long taken) throws IOException
        {
            while (true)
            {
                final ByteBuffer body = frame();
                if (body.get(0) == ShardLinkFrames.ACK && body.getLong(1) == taken)
                {
                    return body.getLong(1 + Long.BYTES);
                }
            }
        }

        void readUntilAccepted(final long clientOrderId, final Map<Long, Integer> accepted) throws IOException
        {
            while (!accepted.containsKey(clientOrderId))
            {
                answer(frame(), accepted);
            }
        }

        void drain(final Map<Long, Integer> accepted) throws IOException
        {
            socket.setSoTimeout(300);
            try
            {
                while (true)
                {
                    answer(frame(), accepted);
                }
            }
            catch (final SocketTimeoutException quiet)
            {
                // nothing more arrived within the timeout
            }
        }

        /**
         * Counts an OrderAccepted by its client order id; an OrderRejected (a command applied twice is refused as a
         * duplicate client order id) by the negative of it.
         */
        private static void answer(final ByteBuffer frame, final Map<Long, Integer> accepted)
        {
            if (frame.get(0) != ShardLinkFrames.EVENT)
            {
                return;
            }
            final UnsafeBuffer event =
                new UnsafeBuffer(frame.array(), 1 + Long.BYTES, frame.capacity() - 1 - Long.BYTES);
            final MessageHeaderDecoder eventHeader = new MessageHeaderDecoder().wrap(event, 0);
            final int body = MessageHeaderDecoder.ENCODED_LENGTH;
            if (eventHeader.templateId() == OrderAcceptedDecoder.TEMPLATE_ID)
            {
                accepted.merge(new OrderAcceptedDecoder().wrap(event, body, eventHeader.blockLength(),
                    eventHeader.version()).clientOrderId(), 1, Integer::sum);
            }
            else if (eventHeader.templateId() == OrderRejectedDecoder.TEMPLATE_ID)
            {
                accepted.merge(-new OrderRejectedDecoder().wrap(event, body, eventHeader.blockLength(),
                    eventHeader.version()).clientOrderId(), 1, Integer::sum);
            }
        }

        /**
         * @return the next frame: its type byte, then its body.
         */
        private ByteBuffer frame() throws IOException
        {
            final byte[] length = new byte[Integer.BYTES];
            in.readFully(length);
            final int size = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getInt();
            final byte[] rest = new byte[size];
            in.readFully(rest);
            return ByteBuffer.wrap(rest).order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public void close() throws IOException
        {
            socket.close();
        }
    }
}
