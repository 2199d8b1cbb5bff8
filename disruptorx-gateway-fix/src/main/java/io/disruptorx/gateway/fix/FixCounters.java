package io.disruptorx.gateway.fix;

/**
 * What the FIX edge refuses before the gateway core sees it, by kind, and how often Artio pushed back. Written by
 * the gateway thread only; read by monitoring from any thread.
 */
public final class FixCounters
{
    volatile long sessionRejects;
    volatile long businessRejects;
    volatile long possibleDuplicatesIgnored;
    volatile long massCancelsRefused;
    volatile long logonsRefused;
    volatile long sendsBackPressured;
    volatile long messagesHeldBack;
    volatile long ordersDecodedByArtio;

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

    /**
     * @return reports Artio could not take at once (its outbound stream full): each stays next in its session's
     * sequence and is offered again on a later duty cycle, never skipped.
     */
    public long sendsBackPressured()
    {
        return sendsBackPressured;
    }

    /**
     * @return times an application message was left with Artio for a later duty cycle (each time counts) because
     * its session had {@link FixGateway#MAX_UNSENT_REPORTS} reports or more not yet handed to Artio. Artio hands it
     * over again; the messages behind it wait, and once Artio's inbound stream is full its engine reads no more
     * from the connections (TCP pushes back on the clients).
     */
    public long messagesHeldBack()
    {
        return messagesHeldBack;
    }

    /**
     * @return NewOrderSingles, OrderCancelRequests and OrderCancelReplaceRequests decoded by Artio's generated
     * decoder rather than read in place by the edge's own ({@code FixOrderDecoder}): those that fail the dictionary
     * or need a BusinessMessageReject (each is answered by Artio's decoder's reading, as before), and valid ones with
     * fields the edge's decoder does not know. In a steady stream of plain orders this stays 0.
     */
    public long ordersDecodedByArtio()
    {
        return ordersDecodedByArtio;
    }
}
