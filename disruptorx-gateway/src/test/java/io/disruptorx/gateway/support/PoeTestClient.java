package io.disruptorx.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.paritytrading.foundation.ASCII;
import com.paritytrading.nassau.soupbintcp.SoupBinTCP;
import com.paritytrading.nassau.soupbintcp.SoupBinTCPClient;
import com.paritytrading.nassau.soupbintcp.SoupBinTCPClientStatusListener;
import com.paritytrading.parity.net.poe.POE;
import com.paritytrading.parity.net.poe.POEClientListener;
import com.paritytrading.parity.net.poe.POEClientParser;

/**
 * An independent POE client: parity's own codecs (parity-net) over nassau's SoupBinTCP client, as parity's
 * terminal client uses them. Records every message as text, with the timestamps checked to be within the
 * trading day.
 */
public final class PoeTestClient implements POEClientListener, SoupBinTCPClientStatusListener, AutoCloseable
{
    private static final long DAY_NANOS = TimeUnit.DAYS.toNanos(1);
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final SoupBinTCPClient client;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(POE.MAX_INBOUND_MESSAGE_LENGTH);
    private final List<String> received = new ArrayList<>();
    private final List<Long> timestamps = new ArrayList<>();
    private long loginSequence = -1;
    private String session;
    private byte loginRejected;
    private boolean ended;

    private PoeTestClient(final SocketChannel channel)
    {
        client = new SoupBinTCPClient(channel, POE.MAX_OUTBOUND_MESSAGE_LENGTH, new POEClientParser(this), this);
    }

    /**
     * Connects and logs in, waiting for the answer.
     *
     * @param address  POE listener.
     * @param user     user.
     * @param password password.
     * @param sequence requested sequence number (0: only new messages).
     * @return the client.
     */
    public static PoeTestClient login(
        final InetSocketAddress address, final String user, final String password, final long sequence)
    {
        try
        {
            final SocketChannel channel = SocketChannel.open(address);
            channel.configureBlocking(false);
            final PoeTestClient test = new PoeTestClient(channel);
            final SoupBinTCP.LoginRequest request = new SoupBinTCP.LoginRequest();
            request.setUsername(user);
            request.setPassword(password);
            request.setRequestedSession("");
            request.setRequestedSequenceNumber(sequence);
            test.client.login(request);
            test.await(() -> test.loginSequence >= 0 || test.loginRejected != 0 || test.ended, "login answer");
            return test;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Sends Enter Order.
     */
    public void enter(final String orderId, final byte side, final String instrument, final long quantity,
        final long price)
    {
        final POE.EnterOrder message = new POE.EnterOrder();
        ASCII.putLeft(message.orderId, orderId);
        message.side = side;
        message.instrument = ASCII.packLong(instrument);
        message.quantity = quantity;
        message.price = price;
        send(message);
    }

    /**
     * Sends Cancel Order: the new order size, 0 to cancel.
     */
    public void cancel(final String orderId, final long quantity)
    {
        final POE.CancelOrder message = new POE.CancelOrder();
        ASCII.putLeft(message.orderId, orderId);
        message.quantity = quantity;
        send(message);
    }

    /**
     * @param count messages.
     * @return every message so far, once at least {@code count} arrived.
     */
    public List<String> awaitMessages(final int count)
    {
        await(() -> received.size() >= count, count + " messages");
        return List.copyOf(received);
    }

    /**
     * @param millis how long to keep reading.
     * @return every message so far.
     */
    public List<String> settle(final long millis)
    {
        final long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end)
        {
            poll();
        }
        return List.copyOf(received);
    }

    /**
     * @return timestamps of the messages received, nanoseconds since midnight.
     */
    public List<Long> timestamps()
    {
        return List.copyOf(timestamps);
    }

    /**
     * @return next sequence number at login, or -1.
     */
    public long loginSequence()
    {
        return loginSequence;
    }

    /**
     * @return login reject code, or 0.
     */
    public byte loginRejected()
    {
        return loginRejected;
    }

    @Override
    public void orderAccepted(final POE.OrderAccepted message)
    {
        timestamps.add(message.timestamp);
        received.add("A " + ASCII.get(message.orderId).trim() + " " + (char)message.side + " " +
            ASCII.unpackLong(message.instrument).trim() + " qty=" + message.quantity + " px=" + message.price +
            " number=" + message.orderNumber);
    }

    @Override
    public void orderRejected(final POE.OrderRejected message)
    {
        timestamps.add(message.timestamp);
        received.add("R " + ASCII.get(message.orderId).trim() + " " + (char)message.reason);
    }

    @Override
    public void orderExecuted(final POE.OrderExecuted message)
    {
        timestamps.add(message.timestamp);
        received.add("E " + ASCII.get(message.orderId).trim() + " qty=" + message.quantity + " px=" + message.price +
            " " + (char)message.liquidityFlag + " match=" + message.matchNumber);
    }

    @Override
    public void orderCanceled(final POE.OrderCanceled message)
    {
        timestamps.add(message.timestamp);
        received.add("X " + ASCII.get(message.orderId).trim() + " qty=" + message.canceledQuantity + " " +
            (char)message.reason);
    }

    @Override
    public void heartbeatTimeout(final SoupBinTCPClient session)
    {
        ended = true;
    }

    @Override
    public void loginAccepted(final SoupBinTCPClient session, final SoupBinTCP.LoginAccepted payload)
    {
        this.session = payload.getSession();
        loginSequence = payload.getSequenceNumber();
    }

    @Override
    public void loginRejected(final SoupBinTCPClient session, final SoupBinTCP.LoginRejected payload)
    {
        loginRejected = payload.getRejectReasonCode();
    }

    @Override
    public void endOfSession(final SoupBinTCPClient session)
    {
        ended = true;
    }

    /**
     * @return the session name of the accepted login.
     */
    public String session()
    {
        return session;
    }

    /**
     * @return whether every timestamp so far lies within the trading day.
     */
    public boolean timestampsWithinTheDay()
    {
        return timestamps.stream().allMatch(timestamp -> timestamp >= 0 && timestamp < DAY_NANOS);
    }

    @Override
    public void close()
    {
        try
        {
            client.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void send(final POE.InboundMessage message)
    {
        buffer.clear();
        message.put(buffer);
        buffer.flip();
        try
        {
            client.send(buffer);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what + "; have " + received);
            }
            poll();
        }
    }

    private void poll()
    {
        try
        {
            if (client.receive() <= 0)
            {
                Thread.yield();
            }
            client.keepAlive();
        }
        catch (final IOException ex)
        {
            ended = true;
        }
    }
}
