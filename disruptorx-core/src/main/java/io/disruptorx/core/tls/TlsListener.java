package io.disruptorx.core.tls;

/**
 * A running TLS listener of one edge, whichever way it is built: a terminator relaying to a plain service in the
 * same process, or TLS on the service's own thread (the binary gateway). What its metrics and its owner read.
 */
public interface TlsListener extends AutoCloseable
{
    /**
     * @return the TLS port.
     */
    int port();

    /**
     * @return the context (settings, certificate reloads).
     */
    TlsContext tls();

    /**
     * @return handshakes completed.
     */
    long handshakes();

    /**
     * @return handshakes refused or broken off (a plain client, a refused protocol or certificate).
     */
    long handshakeFailures();

    /**
     * @return clients closed because the plain service behind the listener could not be reached (0 when there is
     * none behind it).
     */
    long serviceUnreachable();

    /**
     * @return clients closed at accept because a connection limit, in all or per source address, was reached.
     */
    long refusedConnections();

    /**
     * @return clients closed right after their handshake: a trusted certificate whose subject names no user.
     */
    long unknownSubjects();

    /**
     * @return how the listener reaches its service, for its start line, e.g. {@code relayed to plain port 9001}.
     */
    String path();

    /**
     * Stops listening and closes its connections.
     */
    @Override
    void close();
}
