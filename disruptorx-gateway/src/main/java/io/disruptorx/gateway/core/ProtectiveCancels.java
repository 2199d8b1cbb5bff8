package io.disruptorx.gateway.core;

import org.agrona.concurrent.EpochNanoClock;

/**
 * The cancels the gateway sends on its own: cancel-on-disconnect (one CancelOrder per open order the session
 * entered, also for orders accepted after it went) and the dead-man switch (one MassCancel per account of the
 * session's user when the switch expires). They go through the venue as commands, in a queue that survives
 * back-pressure: what the venue refuses now is offered again on the next duty cycle, in order.
 */
final class ProtectiveCancels
{
    private static final long CANCEL = 1;
    private static final long MASS_CANCEL = 2;
    private static final int FIELDS = 5;
    private static final long MILLI = 1_000_000L;

    private final VenueCommands commands;
    private final SessionRegistry registry;
    private final ReportRouter router;
    private final GatewayCounters counters;
    private final EpochNanoClock epochClock;
    private final Report report = new Report();
    private long[] queue = new long[FIELDS * 256];
    private int head;
    private int size;

    ProtectiveCancels(
        final VenueCommands commands,
        final SessionRegistry registry,
        final ReportRouter router,
        final GatewayCounters counters,
        final EpochNanoClock epochClock)
    {
        this.commands = commands;
        this.registry = registry;
        this.router = router;
        this.counters = counters;
        this.epochClock = epochClock;
    }

    void cancelOnDisconnect(final OrderState order)
    {
        enqueue(CANCEL, order.accountId, 0, order.orderId, order.owner.user().id());
        counters.disconnectCancel();
    }

    void sessionDisconnected(final Session session)
    {
        if (!session.user().cancelOnDisconnect())
        {
            return;
        }
        for (OrderState order = session.firstOwned; order != null; order = order.ownerNext)
        {
            cancelOnDisconnect(order);
        }
    }

    /**
     * Arms, refreshes or (timeout 0) disarms the session's dead-man switch.
     */
    void cancelAfter(final Session session, final long requestId, final long timeoutMillis, final long nowNanos)
    {
        session.cancelAfterMillis = timeoutMillis;
        session.cancelAfterRequestId = requestId;
        session.cancelAfterDeadline = timeoutMillis == 0 ? 0 : nowNanos + timeoutMillis * MILLI;
        final Report r = report.clear();
        r.kind = ReportKind.CANCEL_AFTER;
        r.timestamp = epochClock.nanoTime();
        r.requestId = requestId;
        r.timeoutMillis = timeoutMillis;
        router.sendTo(session, r);
    }

    void massCancel(final AccountState account, final int instrumentId, final long requestId, final long userId)
    {
        account.massCancelRequestId = requestId;
        enqueue(MASS_CANCEL, account.accountId, instrumentId, requestId, userId);
    }

    int doWork(final long nowNanos)
    {
        int work = fireExpired(nowNanos);
        while (size > 0)
        {
            final long kind = queue[head];
            final long account = queue[head + 1];
            final int instrument = (int)queue[head + 2];
            final long id = queue[head + 3];
            final long userId = queue[head + 4];
            final long result = kind == CANCEL ? commands.cancelOrder(account, 0, id, userId) :
                commands.massCancel(account, instrument, id, userId);
            if (result <= 0)
            {
                counters.commandRetried();
                break;
            }
            head = (head + FIELDS) % queue.length;
            size -= FIELDS;
            work++;
        }
        return work;
    }

    int pending()
    {
        return size / FIELDS;
    }

    private int fireExpired(final long nowNanos)
    {
        int fired = 0;
        final int count = registry.sessionCount();
        for (int i = 0; i < count; i++)
        {
            final Session session = registry.session(i);
            if (session.cancelAfterMillis > 0 && nowNanos - session.cancelAfterDeadline >= 0)
            {
                for (final AccountState account : session.accounts())
                {
                    massCancel(account, 0, session.cancelAfterRequestId, session.user().id());
                }
                final Report r = report.clear();
                r.kind = ReportKind.CANCEL_AFTER;
                r.timestamp = epochClock.nanoTime();
                r.requestId = session.cancelAfterRequestId;
                r.timeoutMillis = session.cancelAfterMillis;
                r.flag = 1;
                session.cancelAfterMillis = 0;
                session.cancelAfterDeadline = 0;
                router.sendTo(session, r);
                counters.cancelAfterTriggered();
                fired++;
            }
        }
        return fired;
    }

    private void enqueue(final long kind, final long account, final int instrument, final long id, final long userId)
    {
        if (size == queue.length)
        {
            final long[] grown = new long[queue.length * 2];
            final int firstPart = Math.min(size, queue.length - head);
            System.arraycopy(queue, head, grown, 0, firstPart);
            System.arraycopy(queue, 0, grown, firstPart, size - firstPart);
            queue = grown;
            head = 0;
        }
        final int tail = (head + size) % queue.length;
        queue[tail] = kind;
        queue[tail + 1] = account;
        queue[tail + 2] = instrument;
        queue[tail + 3] = id;
        queue[tail + 4] = userId;
        size += FIELDS;
    }
}
