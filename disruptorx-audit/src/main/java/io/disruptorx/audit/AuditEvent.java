package io.disruptorx.audit;

/**
 * What an audit record says happened.
 */
public enum AuditEvent
{
    /** A connection was accepted. */
    CONNECT,
    /** A login succeeded. */
    LOGIN_OK,
    /** A login was refused; the detail says why (never the password). */
    LOGIN_FAILED,
    /** The client logged out. */
    LOGOUT,
    /** A connection ended. */
    DISCONNECT,
    /** A request refused because no role of the user permits it; the detail is the reject reason. */
    DENIAL,
    /** A request as received, before any check. */
    COMMAND,
    /** Records the ring could not take (the writer fell behind); the detail is how many. */
    LOST,
    /** The writer found a torn last line (a crash mid-write) and cut it off; the detail is how many bytes. */
    RECOVERED
}
