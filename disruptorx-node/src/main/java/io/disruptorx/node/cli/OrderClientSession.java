package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.disruptorx.gateway.client.NativeClient;
import io.disruptorx.gateway.client.NativeReports;
import io.disruptorx.gateway.client.SoupBinTcpClientListener;
import io.disruptorx.protocol.sbe.orderentry.CancelRejectedDecoder;
import io.disruptorx.protocol.sbe.orderentry.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderFilledDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderReplacedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderStatusReportDecoder;
import org.agrona.DirectBuffer;

/**
 * One request of {@code dx order}: connect, log in (new reports only), send, print the reports about the order
 * until its answer (and, for a new order, its fills for a while), then log out.
 */
final class OrderClientSession implements SoupBinTcpClientListener
{
    /** Exit code when the request was refused. */
    static final int REFUSED = 1;
    /** Exit code when the gateway could not be reached, refused the login or did not answer in time. */
    static final int UNREACHABLE = 3;

    private final PrintWriter out;
    private final NativeReports reports = new NativeReports();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();
    private final OrderRejectedDecoder rejected = new OrderRejectedDecoder();
    private final OrderFilledDecoder filled = new OrderFilledDecoder();
    private final OrderCancelledDecoder cancelled = new OrderCancelledDecoder();
    private final OrderReplacedDecoder replaced = new OrderReplacedDecoder();
    private final CancelRejectedDecoder cancelRejected = new CancelRejectedDecoder();
    private final OrderStatusReportDecoder status = new OrderStatusReportDecoder();
    private long clientOrderId;
    private long orderId;
    private long requestId;
    private boolean loggedIn;
    private byte loginRejected;
    private boolean answered;
    private boolean finished;
    private int exitCode;

    OrderClientSession(final PrintWriter out)
    {
        this.out = out;
    }

    /**
     * @param address        gateway's native port.
     * @param user           user.
     * @param password       password.
     * @param clientOrderId  the order's client order id (0 when it is named by order id).
     * @param orderId        the order's venue id (0 when it is named by client order id).
     * @param requestId      the request's id (cancel, replace, status), 0 for a new order.
     * @param followMillis   how long to keep printing fills after a new order is accepted.
     * @param timeoutMillis  how long to wait for the answer.
     * @param request        sends the request.
     * @return the exit code: 0 done, 1 refused, 3 unreachable or no answer.
     */
    int run(
        final InetSocketAddress address,
        final String user,
        final String password,
        final long clientOrderId,
        final long orderId,
        final long requestId,
        final long followMillis,
        final long timeoutMillis,
        final Consumer<NativeClient> request)
    {
        this.clientOrderId = clientOrderId;
        this.orderId = orderId;
        this.requestId = requestId;
        final NativeClient client;
        try
        {
            client = NativeClient.connect(address);
        }
        catch (final RuntimeException ex)
        {
            out.println("dx order: cannot connect to " + address + ": " + ex.getCause());
            return UNREACHABLE;
        }
        try (client)
        {
            client.transport().login(user, password, "", 0);
            final long loginDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (!loggedIn && loginRejected == 0 && !client.transport().ended() && System.nanoTime() < loginDeadline)
            {
                poll(client);
            }
            if (!loggedIn)
            {
                out.println("dx order: login refused" + (loginRejected == 'A' ? " (wrong user or password)" :
                    loginRejected == 'S' ? " (session in use or not available)" : " (no answer)"));
                return UNREACHABLE;
            }
            request.accept(client);
            client.flush();
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            long followUntil = Long.MAX_VALUE;
            while (!finished && !client.transport().ended() && System.nanoTime() < Math.min(deadline, followUntil))
            {
                poll(client);
                if (answered && followUntil == Long.MAX_VALUE)
                {
                    followUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(followMillis);
                }
            }
            client.transport().logout();
            if (!answered)
            {
                out.println("dx order: no answer within " + timeoutMillis + " ms");
                return UNREACHABLE;
            }
            return exitCode;
        }
    }

    @Override
    public void onLoginAccepted(final String session, final long sequenceNumber)
    {
        loggedIn = true;
    }

    @Override
    public void onLoginRejected(final byte reason)
    {
        loginRejected = reason;
    }

    @Override
    public void onMessage(final long sequenceNumber, final DirectBuffer buffer, final int offset, final int length)
    {
        if (concerns(buffer, offset))
        {
            out.println(reports.describe(buffer, offset, length));
            out.flush();
        }
    }

    private void poll(final NativeClient client)
    {
        if (client.poll(this) == 0)
        {
            Thread.yield();
        }
    }

    /**
     * @return whether the report is about our order or request, noting the answer and the end.
     */
    private boolean concerns(final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int block = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case OrderAcceptedDecoder.TEMPLATE_ID:
                accepted.wrap(buffer, body, block, version);
                if (requestId == 0 && accepted.clientOrderId() == clientOrderId)
                {
                    orderId = accepted.orderId();
                    answered = true;
                    return true;
                }
                return false;
            case OrderRejectedDecoder.TEMPLATE_ID:
                rejected.wrap(buffer, body, block, version);
                return requestId == 0 && rejected.clientOrderId() == clientOrderId && finish(REFUSED);
            case OrderFilledDecoder.TEMPLATE_ID:
                filled.wrap(buffer, body, block, version);
                if (filled.orderId() == orderId && orderId != 0)
                {
                    finished |= filled.leavesQuantity().mantissa() == 0 && requestId == 0;
                    return true;
                }
                return false;
            case OrderCancelledDecoder.TEMPLATE_ID:
                cancelled.wrap(buffer, body, block, version);
                return (cancelled.orderId() == orderId || (requestId != 0 && cancelled.requestId() == requestId)) &&
                    finish(0);
            case OrderReplacedDecoder.TEMPLATE_ID:
                replaced.wrap(buffer, body, block, version);
                return requestId != 0 && replaced.requestId() == requestId && finish(0);
            case CancelRejectedDecoder.TEMPLATE_ID:
                cancelRejected.wrap(buffer, body, block, version);
                return requestId != 0 && cancelRejected.requestId() == requestId && finish(REFUSED);
            case OrderStatusReportDecoder.TEMPLATE_ID:
                status.wrap(buffer, body, block, version);
                return requestId != 0 && status.requestId() == requestId && finish(0);
            default:
                return false;
        }
    }

    private boolean finish(final int code)
    {
        answered = true;
        finished = true;
        exitCode = code;
        return true;
    }
}
