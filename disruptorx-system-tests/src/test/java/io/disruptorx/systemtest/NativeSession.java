package io.disruptorx.systemtest;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.disruptorx.gateway.client.NativeClient;
import io.disruptorx.gateway.client.SoupBinTcpClientListener;
import io.disruptorx.protocol.sbe.orderentry.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderFilledDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderRejectedDecoder;
import org.agrona.DirectBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One logged-in client of a binary gateway (SoupBinTCP, native SBE) that decodes each report it receives into
 * {@link Received} and checks that the session's sequence numbers arrive one after another, with no gap and no
 * repeat.
 */
public final class NativeSession implements SoupBinTcpClientListener, AutoCloseable
{
    private final NativeClient client;
    private final List<Received> received;
    private final int priceExponent;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();
    private final OrderRejectedDecoder rejected = new OrderRejectedDecoder();
    private final OrderFilledDecoder filled = new OrderFilledDecoder();
    private final OrderCancelledDecoder cancelled = new OrderCancelledDecoder();
    private boolean loggedIn;
    private long nextSequence;
    private long outOfSequence;

    /**
     * One report as a client received it (prices and quantities as mantissas of the instrument's scales).
     *
     * @param template      SBE template id.
     * @param orderId       venue order id, 0 when the report has none.
     * @param clientOrderId the client's order id.
     * @param account       account.
     * @param tradeId       trade id of a fill, else 0.
     * @param price         accepted price or fill price.
     * @param quantity      accepted, filled or cancelled quantity.
     * @param leaves        leaves quantity of a fill.
     * @param fee           fee of a fill.
     * @param reason        reject or cancel reason.
     */
    public record Received(int template, long orderId, long clientOrderId, long account, long tradeId, long price,
        long quantity, long leaves, long fee, int reason)
    {
    }

    private NativeSession(final NativeClient client, final int priceExponent, final List<Received> received)
    {
        this.client = client;
        this.priceExponent = priceExponent;
        this.received = received;
    }

    /**
     * Connects and logs in (to a new session), waiting up to 20 s.
     *
     * @param address       the gateway's native listener.
     * @param user          user name.
     * @param password      password.
     * @param priceExponent the exponent every price must carry.
     * @param received      where reports go.
     * @return the logged-in session.
     */
    public static NativeSession login(
        final InetSocketAddress address,
        final String user,
        final String password,
        final int priceExponent,
        final List<Received> received)
    {
        final NativeSession session = new NativeSession(NativeClient.connect(address), priceExponent, received);
        session.client.transport().login(user, password, "", 0);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!session.loggedIn && System.nanoTime() < deadline)
        {
            session.client.poll(session);
            Thread.yield();
        }
        assertThat(session.loggedIn).as("login of " + user).isTrue();
        return session;
    }

    /**
     * @return the client, to send with.
     */
    public NativeClient client()
    {
        return client;
    }

    /**
     * @return reports whose sequence number was not the one after the previous report's.
     */
    public long outOfSequence()
    {
        return outOfSequence;
    }

    /**
     * Reads until the server ends the session, or 10 s.
     */
    public void drain()
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!client.transport().ended() && System.nanoTime() < deadline)
        {
            client.poll(this);
        }
    }

    @Override
    public void onLoginAccepted(final String session, final long sequenceNumber)
    {
        loggedIn = true;
        nextSequence = sequenceNumber;
    }

    @Override
    public void onMessage(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (sequence != nextSequence)
        {
            outOfSequence++;
        }
        nextSequence = sequence + 1;
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int block = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case OrderAcceptedDecoder.TEMPLATE_ID:
                accepted.wrap(buffer, body, block, version);
                assertThat(accepted.price().exponent()).isEqualTo((byte)priceExponent);
                received.add(new Received(OrderAcceptedDecoder.TEMPLATE_ID, accepted.orderId(),
                    accepted.clientOrderId(), accepted.accountId(), 0, accepted.price().mantissa(),
                    accepted.quantity().mantissa(), 0, 0, 0));
                break;
            case OrderRejectedDecoder.TEMPLATE_ID:
                rejected.wrap(buffer, body, block, version);
                received.add(new Received(OrderRejectedDecoder.TEMPLATE_ID, 0, rejected.clientOrderId(),
                    rejected.accountId(), 0, 0, 0, 0, 0, rejected.reasonRaw()));
                break;
            case OrderFilledDecoder.TEMPLATE_ID:
                filled.wrap(buffer, body, block, version);
                received.add(new Received(OrderFilledDecoder.TEMPLATE_ID, filled.orderId(),
                    filled.clientOrderId(), filled.accountId(), filled.tradeId(), filled.lastPrice().mantissa(),
                    filled.lastQuantity().mantissa(), filled.leavesQuantity().mantissa(),
                    filled.fee().mantissa(), 0));
                break;
            case OrderCancelledDecoder.TEMPLATE_ID:
                cancelled.wrap(buffer, body, block, version);
                received.add(new Received(OrderCancelledDecoder.TEMPLATE_ID, cancelled.orderId(),
                    cancelled.clientOrderId(), cancelled.accountId(), 0, 0,
                    cancelled.cancelledQuantity().mantissa(), 0, 0, cancelled.reasonRaw()));
                break;
            default:
                received.add(new Received(header.templateId(), 0, 0, 0, 0, 0, 0, 0, 0, 0));
                break;
        }
    }

    @Override
    public void close()
    {
        client.close();
    }
}
