package io.disruptorx.cluster.client;

/**
 * What a {@link ClusterVenueClient} has been through; written by its thread, readable from any.
 */
public final class ClientCounters
{
    volatile long eventsDelivered;
    volatile long duplicateEvents;
    volatile long gaps;
    volatile long resendRequests;
    volatile long commandsResent;
    volatile long sessions;
    volatile long leaderChanges;
    volatile long connectFailures;
    volatile long eventsLost;
    volatile long malformedFrames;
    volatile long ingressMessages;
    volatile long egressMessages;
    volatile long aeronErrors;
    volatile long driverLosses;

    /**
     * @return events delivered to the handler.
     */
    public long eventsDelivered()
    {
        return eventsDelivered;
    }

    /**
     * @return events received again and dropped (replays overlapping what had arrived).
     */
    public long duplicateEvents()
    {
        return duplicateEvents;
    }

    /**
     * @return times events were found missing (dropped under back-pressure or lost in a failover).
     */
    public long gaps()
    {
        return gaps;
    }

    /**
     * @return RESEND requests sent.
     */
    public long resendRequests()
    {
        return resendRequests;
    }

    /**
     * @return commands sent again after a new session, a new leader or a silence.
     */
    public long commandsResent()
    {
        return commandsResent;
    }

    /**
     * @return cluster sessions opened.
     */
    public long sessions()
    {
        return sessions;
    }

    /**
     * @return new leaders followed within a session.
     */
    public long leaderChanges()
    {
        return leaderChanges;
    }

    /**
     * @return connection attempts that failed.
     */
    public long connectFailures()
    {
        return connectFailures;
    }

    /**
     * @return events the cluster no longer held when asked (should stay 0).
     */
    public long eventsLost()
    {
        return eventsLost;
    }

    /**
     * @return egress frames whose contents did not add up, dropped (the gateway asks for their events again).
     */
    public long malformedFrames()
    {
        return malformedFrames;
    }

    /**
     * @return command messages the cluster's ingress took (COMMAND, TRACED and BATCH frames; not HELLO, RESEND or
     * keep-alives).
     */
    public long ingressMessages()
    {
        return ingressMessages;
    }

    /**
     * @return egress frames read (EVENT, EVENTS, ACK and LOST; a frame a poll's limit cut short counts again when it
     * is read again).
     */
    public long egressMessages()
    {
        return egressMessages;
    }

    /**
     * @return errors Aeron reported to the client (each distinct one also printed the first time; none ends the
     * process).
     */
    public long aeronErrors()
    {
        return aeronErrors;
    }

    /**
     * @return times the client's Aeron client ended because its media driver stopped answering (a driver timeout),
     * each ending the session until a driver answers again.
     */
    public long driverLosses()
    {
        return driverLosses;
    }

    @Override
    public String toString()
    {
        return "delivered=" + eventsDelivered + " duplicates=" + duplicateEvents + " gaps=" + gaps + " resends=" +
            resendRequests + " commandsResent=" + commandsResent + " sessions=" + sessions + " leaderChanges=" +
            leaderChanges + " connectFailures=" + connectFailures + " lost=" + eventsLost +
            " malformed=" + malformedFrames + " ingressMessages=" + ingressMessages + " egressMessages=" +
            egressMessages + " aeronErrors=" + aeronErrors + " driverLosses=" + driverLosses;
    }
}
