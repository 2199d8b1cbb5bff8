package io.disruptorx.gateway;

import io.disruptorx.core.tls.TlsContext;
import io.disruptorx.core.tls.TlsListener;
import io.disruptorx.gateway.soupbintcp.SoupBinTcpServer;
import io.disruptorx.gateway.soupbintcp.SoupBinTcpTls;

/**
 * A TLS listener of one of the binary gateway's SoupBinTCP dialects ({@link Gateway#listenNativeTls},
 * {@link Gateway#listenPoeTls}), served by the gateway thread itself: its handshakes (their delegated tasks on a
 * thread of their own), decryption and encryption happen in the duty cycle that runs the sessions, with no relay
 * between. Clients are held to the plain listener's connection limits by their own addresses.
 */
public final class GatewayTlsListener implements TlsListener
{
    private final SoupBinTcpServer server;
    private final SoupBinTcpTls tls;
    private final int port;

    GatewayTlsListener(final SoupBinTcpServer server, final SoupBinTcpTls tls)
    {
        this.server = server;
        this.tls = tls;
        this.port = server.port();
    }

    @Override
    public int port()
    {
        return port;
    }

    @Override
    public TlsContext tls()
    {
        return tls.context();
    }

    @Override
    public long handshakes()
    {
        return tls.handshakes();
    }

    @Override
    public long handshakeFailures()
    {
        return tls.handshakeFailures();
    }

    /**
     * @return 0: there is no service behind it to reach.
     */
    @Override
    public long serviceUnreachable()
    {
        return 0;
    }

    @Override
    public long refusedConnections()
    {
        return tls.refusedConnections();
    }

    @Override
    public long unknownSubjects()
    {
        return tls.unknownSubjects();
    }

    @Override
    public String path()
    {
        return "on the gateway thread";
    }

    /**
     * Stops listening and closes its connections, on the gateway thread's next duty cycle (or when the gateway
     * closes).
     */
    @Override
    public void close()
    {
        server.requestClose();
    }
}
