package io.disruptorx.gateway.core;

/**
 * Sequences a report into the stores of the sessions that receive it: the order's own session first, then every
 * other session entitled to the account, each only if its protocol can express the report.
 */
final class ReportRouter
{
    private final GatewayCounters counters;

    ReportRouter(final GatewayCounters counters)
    {
        this.counters = counters;
    }

    void route(final Report report, final AccountState account, final Session owner)
    {
        if (owner != null)
        {
            sendTo(owner, report);
        }
        final Session[] sessions = account.sessions;
        for (final Session session : sessions)
        {
            if (session != owner)
            {
                sendTo(session, report);
            }
        }
    }

    void sendTo(final Session session, final Report report)
    {
        if (session.filter().accepts(report))
        {
            session.store().append(report);
            counters.reportStored();
        }
    }
}
