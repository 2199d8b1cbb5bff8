package io.disruptorx.gateway.core;

/**
 * Kinds of bad input and session trouble below the order level, each counted apart. Our own failures are not
 * here: they are {@link GatewayCounters#internalErrors()}.
 */
public enum ProtocolError
{
    /** A message shorter than its type requires. */
    TRUNCATED,
    /** A packet longer than the protocol allows. */
    OVERSIZED,
    /** A packet type the transport does not know or does not accept in this direction. */
    UNKNOWN_PACKET,
    /** A message type (template, schema or version) the dialect does not know. */
    UNKNOWN_MESSAGE,
    /** Anything but a login before the login. */
    NOT_LOGGED_IN,
    /** Wrong user name or password. */
    LOGIN_REFUSED,
    /** A login refused without checking its password: its user name or address waits out a backoff or lockout. */
    LOGIN_THROTTLED,
    /** A login for a session that is not this gateway's current one, or at a sequence no longer held. */
    SEQUENCE_UNAVAILABLE,
    /** A login for a user whose session already has a connection. */
    SESSION_IN_USE,
    /** No login within the login timeout. */
    LOGIN_TIMEOUT,
    /** Nothing received within the heartbeat timeout. */
    HEARTBEAT_TIMEOUT,
    /** A connected client fell further behind than its report store holds. */
    SLOW_CONSUMER,
    /** A connection refused at accept: the listener's connection limit, in all or from one address, was reached. */
    CONNECTION_LIMIT
}
