package io.disruptorx.core.net;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javax.security.auth.x500.X500Principal;

/**
 * Who is behind each connection a TLS terminator relays to a plain listener in the same process: the terminator
 * records the client's own address and its certificate's subject (if it showed one) under the relay connection's
 * local address before it connects to the listener, and forgets them when the relay closes. The plain listener
 * looks its peer's address up as it accepts (connection limits per source address, the audit's and the login
 * throttle's source) and when the client logs in (the certificate's user). Without it the listener sees every TLS
 * client as one loopback address.
 *
 * <p>The listener's owner also says which subjects it knows ({@link #knownSubjects}): the terminator closes a client
 * whose certificate is trusted but names no user, right after the handshake and before anything is relayed.
 * Safe for any thread (terminator I/O threads write, the gateway thread reads).
 */
public final class RelayedPeers
{
    /** One relayed client. */
    private record Client(InetSocketAddress address, X500Principal subject)
    {
    }

    private final Map<InetSocketAddress, Client> relays = new ConcurrentHashMap<>();
    private volatile Predicate<X500Principal> known = subject -> true;
    private volatile boolean mapsSubjects;

    /**
     * Makes the listener map certificate subjects to users: {@link #subjectOf} answers from now on.
     *
     * @param predicate whether a certificate subject names someone the listener knows.
     */
    public void knownSubjects(final Predicate<X500Principal> predicate)
    {
        this.known = predicate;
        this.mapsSubjects = true;
    }

    /**
     * @return whether the listener maps certificate subjects to users ({@link #knownSubjects} was called); without
     * it mutual TLS only checks that a certificate is trusted.
     */
    public boolean mapsSubjects()
    {
        return mapsSubjects;
    }

    /**
     * @param subject a client certificate's subject.
     * @return whether the listener knows it.
     */
    public boolean isKnown(final X500Principal subject)
    {
        return known.test(subject);
    }

    /**
     * @param relay   the relay connection's local address, as the plain listener sees its peer.
     * @param client  the client's own address.
     * @param subject the client certificate's subject, or {@code null} when it showed none.
     */
    public void relayed(final InetSocketAddress relay, final InetSocketAddress client, final X500Principal subject)
    {
        relays.put(relay, new Client(client, subject));
    }

    /**
     * @param relay a relay connection's local address, now closed.
     */
    public void closed(final InetSocketAddress relay)
    {
        relays.remove(relay);
    }

    /**
     * @param peer a plain connection's remote address.
     * @return the subject of the client certificate behind it, or {@code null} when it is no relay of a client
     * that showed one or the listener maps no subjects to users.
     */
    public X500Principal subjectOf(final InetSocketAddress peer)
    {
        final Client client = peer == null || !mapsSubjects ? null : relays.get(peer);
        return client == null ? null : client.subject();
    }

    /**
     * @param peer a plain connection's remote address.
     * @return the address of the client a terminator relays through it, or {@code peer} itself when it is no relay.
     */
    public InetSocketAddress clientOf(final InetSocketAddress peer)
    {
        final Client client = peer == null ? null : relays.get(peer);
        return client == null ? peer : client.address();
    }

    /**
     * @return relays open now.
     */
    public int size()
    {
        return relays.size();
    }
}
