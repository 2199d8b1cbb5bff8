package io.disruptorx.gateway.core;

import io.disruptorx.gateway.auth.CommandClass;

/**
 * What the gateway tells its audit trail: session events and every request, with the session that sent it. Called
 * on the gateway thread; an implementation must not block and must not allocate in {@link #command} and
 * {@link #denied} (they are on the order path), e.g. by writing into a ring that another thread drains.
 * {@link #NONE} records nothing.
 */
public interface GatewayAudit
{
    /** Records nothing. */
    GatewayAudit NONE = new GatewayAudit()
    {
    };

    /**
     * A connection was accepted.
     *
     * @param protocol the adapter's protocol id.
     * @param source   the peer's address.
     */
    default void connected(final int protocol, final String source)
    {
    }

    /**
     * A login succeeded.
     *
     * @param session the session it attached to.
     * @param source  the peer's address.
     */
    default void loginSucceeded(final Session session, final String source)
    {
    }

    /**
     * A login was refused.
     *
     * @param username as sent (never the password).
     * @param protocol the adapter's protocol id.
     * @param source   the peer's address.
     * @param reason   why.
     */
    default void loginFailed(final String username, final int protocol, final String source, final String reason)
    {
    }

    /**
     * The client logged out.
     *
     * @param session its session.
     */
    default void loggedOut(final Session session)
    {
    }

    /**
     * A connection ended (after a logout, a timeout, bad input or the peer closing).
     *
     * @param protocol the adapter's protocol id.
     * @param session  its session, or {@code null} when it never logged in.
     * @param source   the peer's address.
     */
    default void disconnected(final int protocol, final Session session, final String source)
    {
    }

    /**
     * A request, as received (before any check).
     *
     * @param session       the session that sent it.
     * @param command       its class.
     * @param accountId     the account it names (0: the user's first).
     * @param instrumentId  the instrument, or 0.
     * @param clientOrderId the client order id (or request id), or 0.
     * @param orderId       the venue order id it names, or 0.
     */
    default void command(
        final Session session, final CommandClass command, final long accountId, final int instrumentId,
        final long clientOrderId, final long orderId)
    {
    }

    /**
     * A request refused because no role of the user permits it.
     *
     * @param session   the session that sent it.
     * @param command   its class.
     * @param accountId the account it named.
     * @param reason    the reject reason code sent to the client.
     */
    default void denied(final Session session, final CommandClass command, final long accountId, final int reason)
    {
    }
}
