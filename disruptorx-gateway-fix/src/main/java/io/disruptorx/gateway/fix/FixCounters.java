package io.disruptorx.gateway.fix;

/**
 * What the FIX edge refuses before the gateway core sees it, by kind. Written by the gateway thread only; read by
 * monitoring from any thread.
 */
public final class FixCounters
{
    volatile long sessionRejects;
    volatile long businessRejects;
    volatile long possibleDuplicatesIgnored;
    volatile long massCancelsRefused;
    volatile long logonsRefused;

    /**
     * @return Reject(3) sent: a message that fails the FIX 4.4 dictionary (missing required tag, bad format or
     * value).
     */
    public long sessionRejects()
    {
        return sessionRejects;
    }

    /**
     * @return BusinessMessageReject(j) sent: an unsupported message type, a ClOrdID with no order id form, or a
     * field the venue needs that FIX makes optional (OrderQty, Price of a limit order).
     */
    public long businessRejects()
    {
        return businessRejects;
    }

    /**
     * @return OrderMassCancelRequests refused by the FIX edge itself with an OrderMassCancelReport: a type other
     * than 1 or 7, a Side, a missing or unknown Symbol.
     */
    public long massCancelsRefused()
    {
        return massCancelsRefused;
    }

    /**
     * @return resent NewOrderSingles (PossDupFlag Y) for a live order, ignored.
     */
    public long possibleDuplicatesIgnored()
    {
        return possibleDuplicatesIgnored;
    }

    /**
     * @return logons refused (no or wrong credentials, SenderCompID not the username, session in use).
     */
    public long logonsRefused()
    {
        return logonsRefused;
    }
}
