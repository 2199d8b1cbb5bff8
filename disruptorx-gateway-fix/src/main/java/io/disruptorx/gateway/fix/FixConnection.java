package io.disruptorx.gateway.fix;

import java.nio.charset.StandardCharsets;

import io.aeron.logbuffer.ControlledFragmentHandler.Action;
import io.disruptorx.fix44.BusinessRejectReason;
import io.disruptorx.fix44.builder.BusinessMessageRejectEncoder;
import io.disruptorx.fix44.builder.RejectEncoder;
import io.disruptorx.fix44.decoder.HeaderDecoder;
import io.disruptorx.fix44.decoder.LogoutDecoder;
import io.disruptorx.fix44.decoder.NewOrderSingleDecoder;
import io.disruptorx.fix44.decoder.OrderCancelReplaceRequestDecoder;
import io.disruptorx.fix44.decoder.OrderCancelRequestDecoder;
import io.disruptorx.fix44.decoder.OrderMassCancelRequestDecoder;
import io.disruptorx.fix44.decoder.OrderStatusRequestDecoder;
import io.disruptorx.gateway.core.GatewayCore;
import org.agrona.DirectBuffer;
import uk.co.real_logic.artio.Pressure;
import uk.co.real_logic.artio.builder.Decoder;
import uk.co.real_logic.artio.builder.Encoder;
import uk.co.real_logic.artio.library.OnMessageInfo;
import uk.co.real_logic.artio.library.SessionHandler;
import uk.co.real_logic.artio.messages.DisconnectReason;
import uk.co.real_logic.artio.session.Session;
import uk.co.real_logic.artio.util.MutableAsciiBuffer;

/**
 * One FIX connection's inbound side, on the gateway thread: decodes the application messages Artio hands over
 * (the session layer, sequence numbers and resends are Artio's) and makes the matching core call through
 * {@link FixRequests}: D, F, G, q and H. A D, F or G is read in place by {@link FixOrderDecoder} when it can prove
 * the message valid and the request needs no reject; every other message (and every reject) goes through Artio's
 * generated decoder, as before. Each message's header is read from its own decoder, which decodes it as
 * part of the message, not decoded a second time. A message that fails the FIX 4.4 dictionary gets a session Reject(3)
 * naming the tag and reason; an unsupported message type a BusinessMessageReject(j). While the session has
 * {@link FixGateway#MAX_UNSENT_REPORTS} reports not yet handed to Artio, its next message is left with Artio (which
 * hands it over again) rather than adding to them. When the connection ends, the gateway session is detached
 * (cancel-on-disconnect applies). The client's first Logout(5) is audited ({@code LOGOUT}); the listener audits the
 * connection's close ({@link FixLogons}).
 */
final class FixConnection implements SessionHandler
{
    private static final byte[] UNSUPPORTED = "Unsupported message type".getBytes(StandardCharsets.US_ASCII);

    private final GatewayCore core;
    private final FixSessionState state;
    private final FixRequests requests;
    private final FixCounters counters;
    private final FixOrderDecoder fast = new FixOrderDecoder();
    private final MutableAsciiBuffer ascii = new MutableAsciiBuffer();
    private final HeaderDecoder header = new HeaderDecoder();
    private final NewOrderSingleDecoder newOrder = new NewOrderSingleDecoder();
    private final OrderCancelRequestDecoder cancel = new OrderCancelRequestDecoder();
    private final OrderCancelReplaceRequestDecoder replace = new OrderCancelReplaceRequestDecoder();
    private final OrderMassCancelRequestDecoder massCancel = new OrderMassCancelRequestDecoder();
    private final OrderStatusRequestDecoder status = new OrderStatusRequestDecoder();
    private final RejectEncoder reject = new RejectEncoder();
    private final BusinessMessageRejectEncoder businessReject = new BusinessMessageRejectEncoder();
    private boolean loggedOut;

    FixConnection(
        final GatewayCore core, final FixSessionState state, final FixRequests requests, final FixCounters counters)
    {
        this.core = core;
        this.state = state;
        this.requests = requests;
        this.counters = counters;
    }

    @Override
    public Action onMessage(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int libraryId,
        final Session session,
        final int sequenceIndex,
        final long messageType,
        final long timestampInNs,
        final long position,
        final OnMessageInfo messageInfo)
    {
        if (messageType == LogoutDecoder.MESSAGE_TYPE && !loggedOut)
        {
            loggedOut = true;
            core.audit().loggedOut(state.session);
        }
        if (!messageInfo.isValid() || isAdmin(messageType))
        {
            return Action.CONTINUE;
        }
        if (state.unsentReports() >= FixGateway.MAX_UNSENT_REPORTS)
        {
            // the session's reports are not reaching Artio: take no more work from it until they do
            counters.messagesHeldBack++;
            return Action.ABORT;
        }
        if (fast.decode(buffer, offset, length, messageType) && handled(messageType))
        {
            return Action.CONTINUE;
        }
        if (FixOrderDecoder.isOrderMessage(messageType))
        {
            counters.ordersDecodedByArtio++;
        }
        ascii.wrap(buffer, offset, length);
        final Encoder answer;
        if (messageType == NewOrderSingleDecoder.MESSAGE_TYPE)
        {
            newOrder.reset();
            newOrder.decode(ascii, 0, length);
            answer = newOrder.validate() ? requests.newOrder(core, state, newOrder, newOrder.header()) :
                sessionReject(newOrder, newOrder.header());
        }
        else if (messageType == OrderCancelRequestDecoder.MESSAGE_TYPE)
        {
            cancel.reset();
            cancel.decode(ascii, 0, length);
            answer = cancel.validate() ? requests.cancel(core, state, cancel, cancel.header()) :
                sessionReject(cancel, cancel.header());
        }
        else if (messageType == OrderCancelReplaceRequestDecoder.MESSAGE_TYPE)
        {
            replace.reset();
            replace.decode(ascii, 0, length);
            answer = replace.validate() ? requests.replace(core, state, replace, replace.header()) :
                sessionReject(replace, replace.header());
        }
        else if (messageType == OrderMassCancelRequestDecoder.MESSAGE_TYPE)
        {
            massCancel.reset();
            massCancel.decode(ascii, 0, length);
            answer = massCancel.validate() ? requests.massCancel(core, state, massCancel, massCancel.header()) :
                sessionReject(massCancel, massCancel.header());
        }
        else if (messageType == OrderStatusRequestDecoder.MESSAGE_TYPE)
        {
            status.reset();
            status.decode(ascii, 0, length);
            answer = status.validate() ? requests.status(core, state, status, status.header()) :
                sessionReject(status, status.header());
        }
        else
        {
            counters.businessRejects++;
            header.reset();
            header.decode(ascii, 0, length);
            businessReject.reset();
            businessReject.refSeqNum(header.msgSeqNum())
                .refMsgType(header.msgType(), header.msgTypeLength())
                .businessRejectReason(BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE)
                .text(UNSUPPORTED, UNSUPPORTED.length);
            answer = businessReject;
        }
        // an answer here is a reject made before any core call: on back-pressure Artio hands the message over again
        return answer != null && Pressure.isBackPressured(session.trySend(answer)) ? Action.ABORT : Action.CONTINUE;
    }

    /**
     * @return whether the message {@link #fast} decoded made its core call; {@code false}: it needs a reject,
     * made from Artio's decoder.
     */
    private boolean handled(final long messageType)
    {
        return messageType == NewOrderSingleDecoder.MESSAGE_TYPE ? requests.newOrder(core, state, fast) :
            messageType == OrderCancelRequestDecoder.MESSAGE_TYPE ? requests.cancel(core, state, fast) :
            requests.replace(core, state, fast);
    }

    private Encoder sessionReject(final Decoder decoder, final HeaderDecoder header)
    {
        counters.sessionRejects++;
        reject.reset();
        reject.refSeqNum(header.msgSeqNum())
            .refMsgType(header.msgType(), header.msgTypeLength())
            .refTagID(decoder.invalidTagId())
            .sessionRejectReason(decoder.rejectReason());
        return reject;
    }

    private static boolean isAdmin(final long messageType)
    {
        return messageType == io.disruptorx.fix44.decoder.HeartbeatDecoder.MESSAGE_TYPE ||
            messageType == io.disruptorx.fix44.decoder.TestRequestDecoder.MESSAGE_TYPE ||
            messageType == io.disruptorx.fix44.decoder.ResendRequestDecoder.MESSAGE_TYPE ||
            messageType == io.disruptorx.fix44.decoder.RejectDecoder.MESSAGE_TYPE ||
            messageType == io.disruptorx.fix44.decoder.SequenceResetDecoder.MESSAGE_TYPE ||
            messageType == LogoutDecoder.MESSAGE_TYPE ||
            messageType == io.disruptorx.fix44.decoder.LogonDecoder.MESSAGE_TYPE;
    }

    @Override
    public void onTimeout(final int libraryId, final Session session)
    {
    }

    @Override
    public void onSlowStatus(final int libraryId, final Session session, final boolean hasBecomeSlow)
    {
    }

    @Override
    public Action onDisconnect(final int libraryId, final Session session, final DisconnectReason reason)
    {
        if (state.connection == session)
        {
            state.connection = null;
            core.detach(state.session);
        }
        return Action.CONTINUE;
    }

    @Override
    public void onSessionStart(final Session session)
    {
    }
}
