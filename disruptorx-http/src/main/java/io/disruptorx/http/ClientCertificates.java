package io.disruptorx.http;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;

/**
 * The subject of the certificate a TLS client showed on a connection (mutual TLS), read from the connection's
 * {@link SslHandler} once its handshake is done.
 */
final class ClientCertificates
{
    private ClientCertificates()
    {
    }

    /**
     * @param channel a connection, TLS or plain.
     * @return the verified client certificate's subject, or {@code null} for a plain connection or a TLS client
     * that showed none.
     */
    static X500Principal subjectOf(final Channel channel)
    {
        final SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null)
        {
            return null;
        }
        try
        {
            return (X500Principal)tls.engine().getSession().getPeerPrincipal();
        }
        catch (final SSLPeerUnverifiedException ex)
        {
            return null;
        }
    }
}
