package io.disruptorx.core.net;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javax.security.auth.x500.X500Principal;

/**
 * Who is behind each connection a TLS terminator relays to a plain listener in the same process: the terminator
 * records the client certificate's subject under the relay connection's local address before it passes on the
 * client's first byte, and forgets it when the relay closes; the plain listener looks its peer's address up when
 * the client logs in. The plain listener cannot tell TLS clients apart otherwise (they all come from loopback).
 *
 * <p>The listener's owner also says which subjects it knows ({@link #knownSubjects}): the terminator closes a client
 * whose certificate is trusted but names no user, right after the handshake and before anything is relayed.
 * Safe for any thread (terminator I/O threads write, the gateway thread reads).
 */
public final class RelayedPeers
{
    private final Map<InetSocketAddress, X500Principal> subjects = new ConcurrentHashMap<>();
    private volatile Predicate<X500Principal> known = subject -> true;

    /**
     * @param predicate whether a certificate subject names someone the listener knows.
     */
    public void knownSubjects(final Predicate<X500Principal> predicate)
    {
        this.known = predicate;
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
     * @param subject the client certificate's subject.
     */
    public void relayed(final InetSocketAddress relay, final X500Principal subject)
    {
        subjects.put(relay, subject);
    }

    /**
     * @param relay a relay connection's local address, now closed.
     */
    public void closed(final InetSocketAddress relay)
    {
        subjects.remove(relay);
    }

    /**
     * @param peer a plain connection's remote address.
     * @return the subject of the client certificate behind it, or {@code null} when it is no relay of a client
     * that showed one.
     */
    public X500Principal subjectOf(final InetSocketAddress peer)
    {
        return peer == null ? null : subjects.get(peer);
    }

    /**
     * @return relays with a subject now.
     */
    public int size()
    {
        return subjects.size();
    }
}
