package io.disruptorx.marketdata;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.paritytrading.nassau.soupbintcp.SoupBinTCP;
import com.paritytrading.nassau.soupbintcp.SoupBinTCPClient;
import com.paritytrading.nassau.soupbintcp.SoupBinTCPClientStatusListener;

/**
 * Parity's nassau 1.0.0 {@code SoupBinTCPClient}, unmodified, on a non-blocking socket with a clock the test moves:
 * records what the server said (accepted session and sequence, reject code, end of session, heartbeat timeouts)
 * and hands each sequenced message to a consumer.
 */
final class NassauSoupClient implements AutoCloseable
{
    final List<byte[]> messages = new ArrayList<>();
    final SoupBinTCPClient client;
    String acceptedSession;
    long acceptedSequence = -1;
    byte rejectCode;
    boolean endOfSession;
    int heartbeatTimeouts;
    long millis;
    private final SocketChannel channel;

    NassauSoupClient(final InetSocketAddress server, final Consumer<ByteBuffer> onMessage) throws IOException
    {
        channel = SocketChannel.open(server);
        channel.configureBlocking(false);
        client = new SoupBinTCPClient(() -> millis, channel, 65_534, (buffer) ->
        {
            if (onMessage != null)
            {
                onMessage.accept(buffer);
            }
            else
            {
                final byte[] copy = new byte[buffer.remaining()];
                buffer.get(copy);
                messages.add(copy);
            }
        }, new SoupBinTCPClientStatusListener()
        {
            @Override
            public void heartbeatTimeout(final SoupBinTCPClient session)
            {
                heartbeatTimeouts++;
            }

            @Override
            public void loginAccepted(final SoupBinTCPClient session, final SoupBinTCP.LoginAccepted payload)
            {
                acceptedSession = payload.getSession();
                acceptedSequence = payload.getSequenceNumber();
            }

            @Override
            public void loginRejected(final SoupBinTCPClient session, final SoupBinTCP.LoginRejected payload)
            {
                rejectCode = payload.getRejectReasonCode();
            }

            @Override
            public void endOfSession(final SoupBinTCPClient session)
            {
                endOfSession = true;
            }
        });
    }

    void login(final String username, final String password, final String session, final long sequence)
        throws IOException
    {
        final SoupBinTCP.LoginRequest request = new SoupBinTCP.LoginRequest();
        request.setUsername(username);
        request.setPassword(password);
        request.setRequestedSession(session);
        request.setRequestedSequenceNumber(sequence);
        client.login(request);
    }

    /**
     * @return bytes read, -1 when the server closed the connection.
     */
    int receive() throws IOException
    {
        return client.receive();
    }

    @Override
    public void close() throws IOException
    {
        channel.close();
    }
}
