package io.disruptorx.gateway.audit;

import io.disruptorx.audit.AuditEvent;
import io.disruptorx.audit.AuditRing;
import io.disruptorx.gateway.auth.CommandClass;
import io.disruptorx.gateway.core.GatewayAudit;
import io.disruptorx.gateway.core.Session;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;
import org.agrona.concurrent.EpochNanoClock;

/**
 * The gateway's {@link GatewayAudit} into an {@link AuditRing}: every call is one offer that never blocks; commands
 * and denials carry only the session index and primitives (the writer completes them with the identity of the
 * session's login record) and allocate nothing. Time is the gateway's wall clock.
 */
public final class RingGatewayAudit implements GatewayAudit
{
    private static final String[] PROTOCOLS = {"", "soupbintcp-native", "soupbintcp-poe", "fix"};
    private static final String[] REASONS = new String[256];

    static
    {
        for (final EntryRejectReason reason : EntryRejectReason.values())
        {
            if (reason != EntryRejectReason.NULL_VAL)
            {
                REASONS[reason.value() & 0xFF] = reason.name();
            }
        }
    }

    private final AuditRing ring;
    private final EpochNanoClock clock;

    /**
     * @param ring  the audit trail's ring.
     * @param clock wall time.
     */
    public RingGatewayAudit(final AuditRing ring, final EpochNanoClock clock)
    {
        this.ring = ring;
        this.clock = clock;
    }

    @Override
    public void connected(final int protocol, final String source)
    {
        ring.offer(AuditEvent.CONNECT, clock.nanoTime(), -1, "", source, protocol(protocol), "", 0, 0, 0, 0, "");
    }

    @Override
    public void loginSucceeded(final Session session, final String source)
    {
        ring.offer(AuditEvent.LOGIN_OK, clock.nanoTime(), session.index(), session.user().name(), source,
            protocol(session.protocol()), "", 0, 0, 0, 0, "");
    }

    @Override
    public void loginFailed(final String username, final int protocol, final String source, final String reason)
    {
        ring.offer(AuditEvent.LOGIN_FAILED, clock.nanoTime(), -1, username, source, protocol(protocol), "", 0, 0, 0,
            0, reason);
    }

    @Override
    public void loggedOut(final Session session)
    {
        ring.offer(AuditEvent.LOGOUT, clock.nanoTime(), session.index(), "", "", "", "", 0, 0, 0, 0, "");
    }

    @Override
    public void disconnected(final int protocol, final Session session, final String source)
    {
        ring.offer(AuditEvent.DISCONNECT, clock.nanoTime(), session == null ? -1 : session.index(),
            session == null ? "" : session.user().name(), source, protocol(protocol), "", 0, 0, 0, 0, "");
    }

    @Override
    public void command(
        final Session session, final CommandClass command, final long accountId, final int instrumentId,
        final long clientOrderId, final long orderId)
    {
        ring.offer(AuditEvent.COMMAND, clock.nanoTime(), session.index(), "", "", "", command.name(), accountId,
            instrumentId, clientOrderId, orderId, "");
    }

    @Override
    public void denied(final Session session, final CommandClass command, final long accountId, final int reason)
    {
        final String name = REASONS[reason & 0xFF];
        ring.offer(AuditEvent.DENIAL, clock.nanoTime(), session.index(), "", "", "", command.name(), accountId, 0,
            0, 0, name == null ? "" : name);
    }

    private static String protocol(final int protocol)
    {
        return protocol >= 0 && protocol < PROTOCOLS.length ? PROTOCOLS[protocol] : "other";
    }
}
