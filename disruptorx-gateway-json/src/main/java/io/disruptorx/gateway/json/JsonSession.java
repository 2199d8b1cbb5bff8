package io.disruptorx.gateway.json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.disruptorx.gateway.core.Report;
import io.disruptorx.gateway.core.ReportStore;
import io.disruptorx.gateway.core.Session;
import io.disruptorx.gateway.reference.InstrumentDirectory;

/**
 * The JSON edge's state for one user's gateway session: how far its reports have been read, the orders they tell
 * of, the requests waiting for the venue's answer, and the WebSockets that stream its reports. Gateway thread only.
 */
final class JsonSession
{
    private static final int STREAM_LIMIT = 256;

    final Session session;
    final OrderViews views;
    final List<Pending> pending = new ArrayList<>();
    final List<Subscriber> subscribers = new ArrayList<>();
    long next = 1;

    JsonSession(final Session session, final InstrumentDirectory instruments)
    {
        this.session = session;
        this.views = new OrderViews(instruments);
    }

    /**
     * Sends the reports each open user data stream has not had yet, at most {@link #STREAM_LIMIT} in all; drops the
     * closed streams.
     *
     * @return reports sent.
     */
    int stream(final JsonEncoder encoder, final Report report)
    {
        final ReportStore store = session.store();
        int sent = 0;
        for (final Iterator<JsonSession.Subscriber> it = subscribers.iterator(); it.hasNext(); )
        {
            final JsonSession.Subscriber subscriber = it.next();
            if (!subscriber.sink.isOpen())
            {
                it.remove();
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
        }
        return sent;
    }

    /**
     * A request sent to the venue whose answer has not come back yet: a new order waits for its acceptance or
     * rejection (by client order id), then for the end of its entry (the sequence of its command), a cancel or
     * replace for its result (by request id).
     */
    static final class Pending
    {
        final JsonCommand command;
        final boolean byRequestId;
        final long key;
        final long accountId;
        final long deadlineNanos;
        final List<TradeView> fills = new ArrayList<>();
        OrderView order;
        long commandSequence;

        Pending(final JsonCommand command, final boolean byRequestId, final long key, final long accountId,
            final long deadlineNanos)
        {
            this.command = command;
            this.byRequestId = byRequestId;
            this.key = key;
            this.accountId = accountId;
            this.deadlineNanos = deadlineNanos;
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
