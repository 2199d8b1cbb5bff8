package io.disruptorx.gateway.fix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.disruptorx.core.net.ConnectionLimiter;
import io.disruptorx.core.net.TestPorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.co.real_logic.artio.engine.EngineConfiguration;
import uk.co.real_logic.artio.engine.framer.TcpChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The listener's channels gather Artio's writes and write them once per framer duty cycle
 * ({@link LimitedChannelSupplier#pollSelector}), over a real loopback socket: every byte arrives once and in order
 * through a socket that fills up (a refused message is offered again, as Artio does), and what was gathered before
 * a close still goes out.
 */
class LimitedChannelGatherTest
{
    private static final int MESSAGE_BYTES = 200;
    private static final int SOCKET_BUFFER_BYTES = 8 * 1024;

    private LimitedChannelSupplier supplier;
    private SocketChannel client;
    private TcpChannel channel;

    @BeforeEach
    void connect() throws IOException
    {
        final int port = TestPorts.port();
        final EngineConfiguration configuration = new EngineConfiguration()
            .bindTo("127.0.0.1", port)
            .senderSocketBufferSize(SOCKET_BUFFER_BYTES)
            .receiverSocketBufferSize(SOCKET_BUFFER_BYTES);
        supplier = new LimitedChannelSupplier(configuration, new ConnectionLimiter(4, 4), null,
            new FixConnectionCounters(), 5_000);
        client = SocketChannel.open();
        client.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
        client.connect(new InetSocketAddress("127.0.0.1", port));
        final AtomicReference<TcpChannel> accepted = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).until(() ->
        {
            supplier.pollSelector(System.currentTimeMillis(), (timeInMs, tcpChannel) -> accepted.set(tcpChannel));
            return accepted.get() != null;
        });
        channel = accepted.get();
    }

    @AfterEach
    void close() throws IOException
    {
        channel.close();
        client.close();
        supplier.close();
    }

    @Test
    void shouldDeliverEveryMessageOnceAndInOrderThroughAFullSocket() throws IOException
    {
        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        int next = 0;
        int refused = 0;
        ByteBuffer message = message(next);
        // the client reads nothing: the socket fills, then the gathered buffer, then a message is refused
        while (refused == 0)
        {
            final int written = channel.write(message, next, false);
            if (written == 0)
            {
                assertThat(message.remaining()).as("a refused message is left whole").isEqualTo(MESSAGE_BYTES);
                refused++;
            }
            else
            {
                assertThat(written).isEqualTo(MESSAGE_BYTES);
                expected.writeBytes(message(next).array());
                message = message(++next);
            }
            if (next % 20 == 0)
            {
                supplier.pollSelector(System.currentTimeMillis(), (timeInMs, tcpChannel) -> { });
            }
            assertThat(next).as("the socket never filled").isLessThan(100_000);
        }
        assertThat(next * MESSAGE_BYTES).as("more than the sockets hold was taken").isGreaterThan(
            LimitedChannelSupplier.GATHER_BYTES);
        final int total = next + 1_000;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
        client.configureBlocking(false);
        final int[] state = {next};
        final ByteBuffer[] pending = {message};
        await().atMost(Duration.ofSeconds(30)).until(() ->
        {
            readBuffer.clear();
            final int read = client.read(readBuffer);
            received.write(readBuffer.array(), 0, Math.max(0, read));
            while (state[0] < total)
            {
                if (channel.write(pending[0], state[0], false) == 0)
                {
                    break;
                }
                expected.writeBytes(message(state[0]).array());
                pending[0] = message(++state[0]);
            }
            supplier.pollSelector(System.currentTimeMillis(), (timeInMs, tcpChannel) -> { });
            return received.size() == total * MESSAGE_BYTES;
        });
        assertThat(received.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void shouldWriteWhatItGatheredBeforeItCloses() throws IOException
    {
        assertThat(channel.write(message(1), 1, false)).isEqualTo(MESSAGE_BYTES);
        assertThat(channel.write(message(2), 2, false)).isEqualTo(MESSAGE_BYTES);
        channel.close();
        client.configureBlocking(true);
        final Socket socket = client.socket();
        socket.setSoTimeout(10_000);
        final InputStream in = socket.getInputStream();
        final byte[] all = in.readAllBytes();
        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(message(1).array());
        expected.writeBytes(message(2).array());
        assertThat(all).isEqualTo(expected.toByteArray());
    }

    private static ByteBuffer message(final int number)
    {
        final byte[] bytes = new byte[MESSAGE_BYTES];
        final byte[] text = String.format("%010d|", number).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = text[i % text.length];
        }
        return ByteBuffer.wrap(bytes);
    }
}
