package io.disruptorx.gateway.json;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.gateway.core.Session;
import io.disruptorx.gateway.reference.InstrumentDirectory;

/**
 * The JSON edge's state for one user's gateway session: how far its reports have been read, the orders they tell
 * of, the requests waiting for the venue's answer, and the WebSockets that stream its reports. Gateway thread only.
 */
final class JsonSession
{
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
     * A request sent to the venue whose answer has not come back yet: a new order waits for its acceptance or
     * rejection (by client order id), a cancel or replace for its result (by request id).
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
