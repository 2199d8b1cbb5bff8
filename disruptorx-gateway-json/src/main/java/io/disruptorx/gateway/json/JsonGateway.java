package io.disruptorx.gateway.json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.core.CommandEnds;
import io.disruptorx.gateway.core.GatewayCore;
import io.disruptorx.gateway.core.Report;
import io.disruptorx.gateway.core.ReportFilter;
import io.disruptorx.gateway.core.ReportKind;
import io.disruptorx.gateway.core.ReportStore;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.http.WebSocketBatch;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.NanoClock;

/**
 * The JSON edge's part on the gateway thread, an Agrona {@link Agent} that must run on the thread of the
 * {@link GatewayCore} it serves (e.g. in a {@code CompositeAgent} with the {@code Gateway}). HTTP and WebSocket
 * threads hand it checked requests through a queue ({@link #submit}); it makes the core calls in the user's
 * session (protocol {@link #PROTOCOL_ID}: one session per user, as for every protocol, so throttle, entitlement,
 * client order ids and open-order limits are the gateway's), reads the session's sequenced reports, answers each
 * request from them, and streams them to the user data streams.
 *
 * <p>A request the core refuses at once (throttle, entitlement, ids, conversion) is answered by the reject report
 * the core sequenced during the call; one the venue must judge waits for its report, at most the answer timeout
 * ({@link ApiError#TIMEOUT}: the request may still be executed). A new order's answer carries the fills of its
 * entry: when the venue client signals command ends, all of them (it waits for the end of the order's command).
 *
 * <p>The WebSocket answers and user data stream events it makes are queued in one {@link WebSocketBatch} and
 * handed to the I/O threads at the end of each duty cycle (and at the start of the next, for those the core's
 * queries answered in between): one task, one write and one flush per connection for a cycle's answers, not one
 * wake-up and one flush per answer.
 */
public final class JsonGateway implements Agent
{
    /** The gateway protocol id of JSON sessions. */
    public static final int PROTOCOL_ID = 4;

    private static final int DRAIN_LIMIT = 256;
    private static final int NOT_PERMITTED = EntryRejectReason.ROLE_NOT_PERMITTED.value();

    private final GatewayCore core;
    private final CommandEnds ends;
    private final InstrumentDirectory instruments;
    private final List<InstrumentSpec> instrumentList;
    private final NanoClock clock;
    private final long answerTimeoutNanos;
    private final JsonEncoder encoder;
    private final Map<Integer, AssetSpec> assets = new HashMap<>();
    private final JsonCounters counters = new JsonCounters();
    private final ManyToOneConcurrentLinkedQueue<JsonCommand> queue = new ManyToOneConcurrentLinkedQueue<>();
    private final Map<String, JsonSession> sessionsByUser = new HashMap<>();
    private final List<JsonSession> sessions = new ArrayList<>();
    private final Report report = new Report();
    private final JsonAnswers answers;
    private final WebSocketBatch frames = new WebSocketBatch();
    private long nextRequestId = 1;
    private int nextSubscriptionId = 1;

    /**
     * @param core               the gateway core; the agent must run on its thread.
     * @param instruments        the same reference data as the core's.
     * @param clock              monotonic time for answer timeouts.
     * @param answerTimeoutNanos how long a request waits for the venue's answer.
     */
    public JsonGateway(
        final GatewayCore core, final List<InstrumentSpec> instruments, final NanoClock clock,
        final long answerTimeoutNanos)
    {
        this(core, instruments, List.of(), clock, answerTimeoutNanos);
    }

    /**
     * @param core               the gateway core; the agent must run on its thread.
     * @param instruments        the same reference data as the core's.
     * @param assets             names and scales of the assets {@code GET /api/v3/account} shows.
     * @param clock              monotonic time for answer timeouts.
     * @param answerTimeoutNanos how long a request waits for the venue's answer.
     */
    public JsonGateway(
        final GatewayCore core, final List<InstrumentSpec> instruments, final List<AssetSpec> assets,
        final NanoClock clock, final long answerTimeoutNanos)
    {
        assets.forEach(asset -> this.assets.put(asset.id(), asset));
        this.core = core;
        this.ends = core.commandEnds();
        this.instrumentList = List.copyOf(instruments);
        this.instruments = new InstrumentDirectory(instruments);
        this.clock = clock;
        this.answerTimeoutNanos = answerTimeoutNanos;
        this.encoder = new JsonEncoder(this.instruments);
        this.answers = new JsonAnswers(core, counters, encoder, this.instruments);
    }

    void submit(final JsonCommand command)
    {
        queue.offer(command);
    }

    /**
     * @return the WebSocket messages to send at the end of this duty cycle; gateway thread only.
     */
    WebSocketBatch frames()
    {
        return frames;
    }

    InstrumentDirectory instruments()
    {
        return instruments;
    }

    long answerTimeoutMillis()
    {
        return answerTimeoutNanos / 1_000_000L;
    }

    List<InstrumentSpec> instrumentList()
    {
        return instrumentList;
    }

    /**
     * @return what the edge answered.
     */
    public JsonCounters counters()
    {
        return counters;
    }

    @Override
    public int doWork()
    {
        int work = frames.send();
        JsonCommand command;
        while (work < DRAIN_LIMIT && (command = queue.poll()) != null)
        {
            work++;
            try
            {
                execute(command);
            }
            catch (final RuntimeException ex)
            {
                core.counters().internalError();
                answers.error(command, ApiError.UNKNOWN, ApiError.UNKNOWN.message());
            }
        }
        final long now = clock.nanoTime();
        for (int i = 0; i < sessions.size(); i++)
        {
            final JsonSession session = sessions.get(i);
            work += session.advance(report, answers);
            session.completeAccepted(answers, ends);
            session.expire(now, answers);
            work += session.stream(encoder, report);
        }
        frames.send();
        return work;
    }

    /**
     * Hands the I/O threads what the last duty cycle left queued (answers the core's queries made after it); an I/O
     * thread already stopped gets nothing, and its frames' buffers are released.
     */
    @Override
    public void onClose()
    {
        frames.send();
    }

    @Override
    public String roleName()
    {
        return "dx-json-gateway";
    }

    private JsonSession sessionFor(final User user)
    {
        JsonSession session = sessionsByUser.get(user.name());
        if (session == null)
        {
            session = new JsonSession(core.openSession(user, PROTOCOL_ID, ReportFilter.ALL), instruments);
            session.next = session.session.store().last() + 1;
            sessionsByUser.put(user.name(), session);
            sessions.add(session);
        }
        return session;
    }

    private void execute(final JsonCommand c)
    {
        if (c.kind == JsonCommand.Kind.CERTIFICATE_MISMATCH)
        {
            core.audit().loginFailed(c.user.name(), PROTOCOL_ID, c.source, c.kind.name());
            return;
        }
        final JsonSession s = sessionFor(c.user);
        s.advance(report, answers);
        final long account = c.accountId == 0 ? c.user.account(0) : c.accountId;
        final ReportStore store = s.session.store();
        final long before = store.last();
        switch (c.kind)
        {
            case NEW_ORDER:
                core.newOrder(s.session, c.clientOrderId, c.accountId, c.instrument.id(), c.side, c.orderType,
                    c.timeInForce, c.postOnly, c.selfTradePrevention, c.priceMantissa, c.priceExponent,
                    c.quantityMantissa, c.quantityExponent, c.trace);
                awaitOrAnswer(s, c, before, false, c.clientOrderId, account);
                break;
            case CANCEL:
            {
                final long requestId = nextRequestId++;
                core.cancel(s.session, requestId, c.accountId, c.orderId, c.clientOrderId);
                awaitOrAnswer(s, c, before, true, requestId, account);
                break;
            }
            case REPLACE:
            {
                final long requestId = nextRequestId++;
                core.replace(s.session, requestId, c.accountId, c.orderId, c.clientOrderId, c.priceMantissa,
                    c.priceExponent, c.quantityMantissa, c.quantityExponent);
                awaitOrAnswer(s, c, before, true, requestId, account);
                break;
            }
            case STATUS:
                status(s, c, account, before);
                break;
            case OPEN_ORDERS:
                refused(c, !entitled(c, account) ? 0 : core.queryOpenOrders(s.session, account,
                    c.instrument == null ? 0 : c.instrument.id(),
                    new OpenOrdersQuery(c, account, instruments, encoder, counters), answerTimeoutNanos));
                break;
            case MY_TRADES:
                if (entitled(c, account))
                {
                    answers.answer(c, encoder.trades(s.views.trades(account, c.instrument.id(), c.limit)));
                }
                break;
            case ACCOUNT:
                refused(c, !entitled(c, account) ? 0 : core.queryBalances(s.session, account,
                    new AccountQuery(c, account, assets, encoder, counters), answerTimeoutNanos));
                break;
            case SUBSCRIBE:
                subscribe(s, c);
                break;
            case UNSUBSCRIBE:
                s.subscribers.removeIf(subscriber -> subscriber.sink.equals(c.sink));
                answers.answer(c, "{}");
                break;
            default:
                answers.error(c, ApiError.UNSUPPORTED_OPERATION, ApiError.UNSUPPORTED_OPERATION.message());
        }
    }

    /**
     * Answers a venue query the core refused at once (a reason other than 0) with an error naming the reason.
     */
    private void refused(final JsonCommand c, final int reason)
    {
        if (reason != 0)
        {
            answers.error(c, reason == NOT_PERMITTED ? ApiError.REJECTED_MBX_KEY : ApiError.UNKNOWN,
                JsonEncoder.rejectReason(reason));
        }
    }

    private boolean entitled(final JsonCommand c, final long account)
    {
        if (!c.user.entitledTo(account))
        {
            answers.error(c, ApiError.REJECTED_MBX_KEY, "Not entitled to account " + account + ".");
            return false;
        }
        return true;
    }

    private void awaitOrAnswer(
        final JsonSession s, final JsonCommand c, final long before, final boolean byRequestId, final long key,
        final long account)
    {
        final ReportStore store = s.session.store();
        if (store.last() > before)
        {
            store.read(before + 1, report);
            s.next = store.last() + 1;
            answers.refusal(c, report);
            return;
        }
        s.pending.add(c, byRequestId, key, account, clock.nanoTime() + answerTimeoutNanos);
    }

    private void status(final JsonSession s, final JsonCommand c, final long account, final long before)
    {
        if (!entitled(c, account))
        {
            return;
        }
        final OrderView known = s.views.find(account, c.orderId, c.clientOrderId);
        if (known != null)
        {
            answers.answer(c, encoder.order(known, null));
            return;
        }
        core.orderStatus(s.session, nextRequestId++, account, c.orderId, c.clientOrderId);
        final ReportStore store = s.session.store();
        if (store.last() > before)
        {
            store.read(before + 1, report);
            s.next = store.last() + 1;
            if (report.kind() == ReportKind.STATUS && report.status() == 0)
            {
                answers.answer(c, encoder.order(answers.fromReport(report, "NEW"), null));
                return;
            }
        }
        answers.error(c, ApiError.NO_SUCH_ORDER, ApiError.NO_SUCH_ORDER.message());
    }

    private void subscribe(final JsonSession s, final JsonCommand c)
    {
        final ReportStore store = s.session.store();
        final long next = c.fromSequence == 0 ? store.last() + 1 : c.fromSequence;
        if (c.fromSequence != 0 && (c.fromSequence < store.oldest() || c.fromSequence > store.last() + 1))
        {
            answers.error(c, ApiError.INVALID_PARAMETER, "fromSequence " + c.fromSequence + " is not held: reports " +
                store.oldest() + " to " + store.last() + " are; 0 for new reports only.");
            return;
        }
        final int id = nextSubscriptionId++;
        s.subscribers.add(new JsonSession.Subscriber(c.sink, id, next));
        answers.answer(c, "{\"subscriptionId\":" + id + ",\"nextSequence\":" + next + "}");
    }
}
