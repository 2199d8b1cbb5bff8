package io.disruptorx.audit;

/**
 * One audit record as the log holds it (without its chain fields): what happened, when, and who did it.
 *
 * @param sequence      position in the log, from 1, no gaps.
 * @param timeNanos     wall time, nanoseconds since the epoch (the gateway's clock when it happened).
 * @param event         what happened.
 * @param user          the user name ("" when not known, e.g. a connection that never logged in).
 * @param session       the gateway's session index, or -1.
 * @param source        the peer's address ({@code host:port}).
 * @param protocol      the protocol (e.g. {@code soupbintcp-native}).
 * @param command       the command class of a command or denial, else "".
 * @param account       the account a command names, or 0.
 * @param instrument    the instrument a command names, or 0.
 * @param clientOrderId the client order id or request id of a command, or 0.
 * @param orderId       the venue order id a command names, or 0.
 * @param detail        a reason or a count, else "".
 */
public record AuditRecord(
    long sequence,
    long timeNanos,
    AuditEvent event,
    String user,
    long session,
    String source,
    String protocol,
    String command,
    long account,
    long instrument,
    long clientOrderId,
    long orderId,
    String detail)
{
    /**
     * Validates.
     */
    public AuditRecord
    {
        if (event == null || user == null || source == null || protocol == null || command == null ||
            detail == null)
        {
            throw new IllegalArgumentException("an audit record needs an event and non-null texts");
        }
    }

    /**
     * @param newSequence the sequence it gets in the log.
     * @return this record at that sequence.
     */
    public AuditRecord withSequence(final long newSequence)
    {
        return new AuditRecord(newSequence, timeNanos, event, user, session, source, protocol, command, account,
            instrument, clientOrderId, orderId, detail);
    }
}
