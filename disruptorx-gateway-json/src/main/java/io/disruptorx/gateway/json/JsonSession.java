package io.disruptorx.gateway.json;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.gateway.core.CommandEnds;
import io.disruptorx.gateway.core.Report;
import io.disruptorx.gateway.core.ReportKind;
import io.disruptorx.gateway.core.ReportStore;
import io.disruptorx.gateway.core.Session;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;

/**
 * The JSON edge's state for one user's gateway session: how far its reports have been read, the orders they tell
 * of, the requests waiting for the venue's answer, and the WebSockets that stream its reports. Gateway thread only.
 */
final class JsonSession
{
    private static final int STREAM_LIMIT = 256;

    final Session session;
    final OrderViews views;
    final PendingRequests pending = new PendingRequests();
    final List<Subscriber> subscribers = new ArrayList<>();
    long next = 1;

    JsonSession(final Session session, final InstrumentDirectory instruments)
    {
        this.session = session;
        this.views = new OrderViews(instruments);
    }

    /**
     * Sends the reports each open user data stream has not had yet, at most {@link #STREAM_LIMIT} in all; drops the
     * closed streams. Runs every duty cycle for every session, so it allocates nothing when there is nothing to send
     * (an index, not an iterator, walks the streams).
     *
     * @return reports sent.
     */
    int stream(final JsonEncoder encoder, final Report report)
    {
        final ReportStore store = session.store();
        int sent = 0;
        int i = 0;
        while (i < subscribers.size())
        {
            final JsonSession.Subscriber subscriber = subscribers.get(i);
            if (!subscriber.sink.isOpen())
            {
                subscribers.remove(i);
                continue;
            }
            while (subscriber.next <= store.last() && sent < STREAM_LIMIT)
            {
                if (subscriber.next < store.oldest())
                {
                    subscriber.sink.send("{\"subscriptionId\":" + subscriber.id + ",\"event\":{\"e\":\"gap\","
                        + "\"from\":" + subscriber.next + ",\"to\":" + (store.oldest() - 1) + "}}");
                    subscriber.next = store.oldest();
                }
                store.read(subscriber.next, report);
                final String event = encoder.executionReport(report, subscriber.next);
                if (event != null)
                {
                    subscriber.sink.send("{\"subscriptionId\":" + subscriber.id + ",\"event\":" + event + "}");
                }
                subscriber.next++;
                sent++;
            }
            i++;
        }
        return sent;
    }

    /**
     * Reads the session's reports not read yet into its order views, answering the requests they are for.
     *
     * @return reports read.
     */
    int advance(final Report report, final JsonAnswers answers)
    {
        final ReportStore store = session.store();
        int work = 0;
        while (next <= store.last())
        {
            if (next < store.oldest())
            {
                next = store.oldest();
            }
            store.read(next, report);
            final OrderView order = views.apply(report);
            match(report, order, answers);
            next++;
            work++;
        }
        return work;
    }

    /**
     * Answers or moves on the request a report is for, found by its key (see {@link PendingRequests}): a new
     * order's acceptance or rejection by client order id and account, its fills by order id, a cancel's or replace's
     * result by request id.
     */
    private void match(final Report r, final OrderView order, final JsonAnswers answers)
    {
        final byte kind = r.kind();
        if (kind == ReportKind.ACCEPTED || kind == ReportKind.REJECTED)
        {
            final PendingRequests.Pending p = pending.entering(r.clientOrderId(), r.accountId());
            if (p != null && kind == ReportKind.REJECTED)
            {
                final JsonCommand c = p.command;
                pending.remove(p);
                answers.refusal(c, r);
            }
            else if (p != null)
            {
                pending.accepted(p, order, r.commandSequence());
            }
        }
        else if (kind == ReportKind.FILL)
        {
            final PendingRequests.Pending p = pending.filling(r.orderId());
            if (p != null)
            {
                p.fills.add(views.lastTrade());
            }
        }
        else if (kind == ReportKind.CANCELLED || kind == ReportKind.REPLACED || kind == ReportKind.CANCEL_REJECTED)
        {
            final PendingRequests.Pending p = pending.byRequest(r.requestId());
            if (p == null)
            {
                return;
            }
            final JsonCommand c = p.command;
            pending.remove(p);
            if (kind == ReportKind.CANCEL_REJECTED)
            {
                answers.refusal(c, r);
            }
            else
            {
                answers.answer(c, answers.encoder.order(order != null ? order :
                    answers.fromReport(r, kind == ReportKind.CANCELLED ? "CANCELED" : "NEW"), null));
            }
        }
    }

    /**
     * Answers the accepted new orders whose entry is over (filled, or {@link #entered}), in arrival order. A request
     * leaves the pending tables even when its answer cannot be built (the error goes on to the agent runner's error
     * handler, as it did when the request was removed first), so it cannot throw again on every later cycle.
     */
    void completeAccepted(final JsonAnswers answers, final CommandEnds ends)
    {
        PendingRequests.Pending p = pending.firstAccepted();
        while (p != null)
        {
            final PendingRequests.Pending following = p.nextAccepted();
            if (p.order.leaves == 0 || entered(p, ends))
            {
                try
                {
                    answers.answer(p.command, answers.encoder.order(p.order, p.fills));
                }
                finally
                {
                    pending.remove(p);
                }
            }
            p = following;
        }
    }

    /**
     * Whether an accepted order's entry is over, so its answer carries every fill of it. An order's entry events
     * (acceptance, its trades, an IOC or FOK remainder's cancel) are those of its own command, but they may reach
     * the store over more than one read. When the venue client signals command ends, the answer waits for the end
     * of the order's command; otherwise an IOC or FOK order waits for its end (filled or cancelled) and any other
     * is answered at once, possibly before some of its entry fills. A report made outside the venue's commands
     * (sequence 0) is never waited for.
     */
    private static boolean entered(final PendingRequests.Pending p, final CommandEnds ends)
    {
        if (ends.signalled() && p.commandSequence > 0)
        {
            return ends.ended(p.commandSequence);
        }
        return p.order.timeInForce != TimeInForce.IOC.value() && p.order.timeInForce != TimeInForce.FOK.value();
    }

    /**
     * Times out the requests past their deadline: the oldest first, stopping at the first one still on time (the
     * deadlines come in arrival order).
     */
    void expire(final long now, final JsonAnswers answers)
    {
        PendingRequests.Pending p;
        while ((p = pending.oldest()) != null && now - p.deadlineNanos > 0)
        {
            final JsonCommand c = p.command;
            pending.remove(p);
            answers.error(c, ApiError.TIMEOUT, ApiError.TIMEOUT.message());
        }
    }

    /**
     * A user data stream: a connection and the next report sequence it gets.
     */
    static final class Subscriber
    {
        final ReportSink sink;
        final int id;
        long next;

        Subscriber(final ReportSink sink, final int id, final long next)
        {
            this.sink = sink;
            this.id = id;
            this.next = next;
        }
    }
}
