package io.disruptorx.gateway.fix;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

import io.disruptorx.core.net.RelayedPeers;
import io.disruptorx.fix44.builder.LogoutEncoder;
import io.disruptorx.gateway.core.GatewayCore;
import io.disruptorx.gateway.core.ReportFilter;
import io.disruptorx.gateway.core.Session;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import uk.co.real_logic.artio.decoder.AbstractLogonDecoder;
import uk.co.real_logic.artio.validation.AuthenticationProxy;
import uk.co.real_logic.artio.validation.AuthenticationStrategy;

/**
 * Logon checks. Artio asks on its framer thread; the answer needs the gateway core, which only the gateway thread
 * may touch, so the logon is queued and answered from {@link #drain} (Artio allows a later accept or reject). A
 * logon is accepted when Username(553) and Password(554) name a user of the gateway, SenderCompID(49) equals the
 * username, and that user's FIX session has no connection; otherwise the client gets a Logout(5) whose Text(58)
 * says why, and the connection is closed.
 *
 * <p>Behind a TLS listener whose clients' certificates name users ({@link RelayedPeers}), a client that showed a
 * certificate is authenticated by it instead: Password(554) may be left out, and the logon must name the user the
 * certificate maps to (a logon naming another user is refused, counted and audited {@code CERTIFICATE_MISMATCH}).
 * The certificate is looked up by the connection's remote address when Artio asks, while the relay is open.
 *
 * <p>The listener's admitted connections and their closes ({@link LimitedChannelSupplier.ConnectionEvents}) go
 * through the same queue as the logons, so that the gateway thread audits them in the order they happened:
 * {@code CONNECT}, the logon, {@code DISCONNECT} (with the session the connection logged on to, if any), each with
 * the client's address (behind the TLS listener, the relayed client's).
 */
final class FixLogons implements AuthenticationStrategy, LimitedChannelSupplier.ConnectionEvents
{
    private static final long REJECT_LINGER_MS = 200;

    private final ManyToOneConcurrentLinkedQueue<Object> pending = new ManyToOneConcurrentLinkedQueue<>();
    private final Map<String, Accepted> accepted = new HashMap<>();
    private final Map<String, Session> sessionsBySource = new HashMap<>();
    private final int protocolId;
    private final ReportFilter filter;
    private final FixCounters counters;
    private final LogoutEncoder logout = new LogoutEncoder();
    private final RelayedPeers peers;

    private record Pending(
        String username, String password, String senderCompId, String source, X500Principal certificate,
        AuthenticationProxy proxy)
    {
    }

    private record Connected(String source)
    {
    }

    private record Closed(String source)
    {
    }

    /**
     * A logon accepted and not yet taken by its Artio session.
     *
     * @param session the gateway session it logged on to.
     * @param source  the client's address, {@code host:port}.
     */
    record Accepted(Session session, String source)
    {
    }

    FixLogons(final int protocolId, final ReportFilter filter, final FixCounters counters, final RelayedPeers peers)
    {
        this.protocolId = protocolId;
        this.filter = filter;
        this.counters = counters;
        this.peers = peers;
    }

    @Override
    public void authenticateAsync(final AbstractLogonDecoder logon, final AuthenticationProxy proxy)
    {
        final InetSocketAddress remote = address(proxy.remoteAddress());
        final InetSocketAddress client = peers == null ? remote : peers.clientOf(remote);
        pending.offer(new Pending(
            logon.hasUsername() ? logon.usernameAsString() : null,
            logon.hasPassword() ? logon.passwordAsString() : null,
            logon.header().senderCompIDAsString(),
            source(client),
            peers == null ? null : peers.subjectOf(remote),
            proxy));
    }

    @Override
    public void accepted(final InetSocketAddress client)
    {
        pending.offer(new Connected(source(client)));
    }

    @Override
    public void closed(final InetSocketAddress client)
    {
        pending.offer(new Closed(source(client)));
    }

    private static String source(final InetSocketAddress client)
    {
        return client == null ? "" : client.getAddress().getHostAddress() + ":" + client.getPort();
    }

    /**
     * @param remote Artio's remote address of a connection, {@code InetSocketAddress.toString()}: {@code
     *               host/address:port} or {@code /address:port}.
     * @return the address, or {@code null} when it cannot be read.
     */
    static InetSocketAddress address(final String remote)
    {
        if (remote == null)
        {
            return null;
        }
        final int slash = remote.indexOf('/');
        final int colon = remote.lastIndexOf(':');
        if (colon <= slash + 1)
        {
            return null;
        }
        try
        {
            String host = remote.substring(slash + 1, colon);
            if (host.startsWith("[") && host.endsWith("]"))
            {
                host = host.substring(1, host.length() - 1);
            }
            return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(remote.substring(
                colon + 1)));
        }
        catch (final UnknownHostException | NumberFormatException ex)
        {
            return null;
        }
    }

    @Override
    public boolean authenticate(final AbstractLogonDecoder logon)
    {
        throw new UnsupportedOperationException("logons are answered by authenticateAsync");
    }

    /**
     * Answers queued logons and audits the connections admitted and closed, in order. Gateway thread only.
     *
     * @param core the gateway core.
     * @return logons answered and connections audited.
     */
    int drain(final GatewayCore core)
    {
        int work = 0;
        Object event;
        while ((event = pending.poll()) != null)
        {
            work++;
            if (event instanceof Connected connected)
            {
                core.audit().connected(protocolId, connected.source());
                continue;
            }
            if (event instanceof Closed closed)
            {
                core.audit().disconnected(protocolId, sessionsBySource.remove(closed.source()), closed.source());
                continue;
            }
            final Pending logon = (Pending)event;
            final String refusal = check(core, logon);
            if (refusal == null)
            {
                logon.proxy().accept();
            }
            else
            {
                counters.logonsRefused++;
                logout.reset();
                logout.text(refusal);
                logon.proxy().reject(logout, REJECT_LINGER_MS);
            }
        }
        return work;
    }

    /**
     * @param username of a session Artio has handed to the library.
     * @return the gateway session its logon was accepted for and its client's address, once; {@code null} when
     * there is none.
     */
    Accepted takeAccepted(final String username)
    {
        return accepted.remove(username);
    }

    private String check(final GatewayCore core, final Pending logon)
    {
        if (logon.username() == null || (logon.password() == null && logon.certificate() == null))
        {
            core.audit().loginFailed(logon.username() == null ? "" : logon.username(), protocolId, logon.source(),
                "CREDENTIALS_MISSING");
            return "Logon rejected: Username(553) and Password(554) are required";
        }
        if (!logon.username().equals(logon.senderCompId()))
        {
            core.audit().loginFailed(logon.username(), protocolId, logon.source(), "SENDER_COMP_ID_MISMATCH");
            return "Logon rejected: SenderCompID(49) must be the username";
        }
        final Session session = core.login(logon.username(), logon.password(), protocolId, filter, logon.source(),
            logon.certificate());
        if (session == null)
        {
            return switch (core.lastLoginFailure())
            {
                case SESSION_IN_USE -> "Logon rejected: session already logged on";
                case CERTIFICATE_MISMATCH -> "Logon rejected: the client certificate does not name this user";
                default -> "Logon rejected: invalid username or password";
            };
        }
        accepted.put(logon.username(), new Accepted(session, logon.source()));
        sessionsBySource.put(logon.source(), session);
        return null;
    }
}
