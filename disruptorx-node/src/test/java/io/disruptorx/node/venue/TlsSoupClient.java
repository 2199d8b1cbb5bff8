package io.disruptorx.node.venue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.disruptorx.gateway.client.NativeReports;
import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.support.RawSoupClient;
import io.disruptorx.protocol.sbe.orderentry.BooleanType;
import io.disruptorx.protocol.sbe.orderentry.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.orderentry.NewOrderEncoder;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A native-dialect client over the JDK's {@link SSLSocket}: SoupBinTCP packets ({@link RawSoupClient}) carrying
 * order-entry SBE messages, reports read back as text ({@link NativeReports}).
 */
final class TlsSoupClient implements AutoCloseable
{
    private final SSLSocket socket;
    private final RawSoupClient soup;
    private final NativeReports reports = new NativeReports();

    private TlsSoupClient(final SSLSocket socket)
    {
        this.socket = socket;
        this.soup = new RawSoupClient(socket, 10_000);
    }

    /**
     * @param address    the TLS listener.
     * @param trust      PKCS#12 trust store with the server's authority.
     * @param keyStore   the client's certificate, or {@code null} for none.
     * @param password   the stores' password.
     * @param protocols  protocols offered.
     * @return a client whose handshake is done (the server may still refuse a client certificate after it).
     */
    static TlsSoupClient connect(
        final InetSocketAddress address, final Path trust, final Path keyStore, final char[] password,
        final String... protocols) throws IOException, GeneralSecurityException
    {
        return connectFrom(null, address, trust, keyStore, password, protocols);
    }

    /**
     * @param from       the local address to connect from (e.g. 127.0.0.2), or {@code null} for any.
     * @param address    the TLS listener.
     * @param trust      PKCS#12 trust store with the server's authority.
     * @param keyStore   the client's certificate, or {@code null} for none.
     * @param password   the stores' password.
     * @param protocols  protocols offered.
     * @return a client whose handshake is done.
     */
    static TlsSoupClient connectFrom(
        final InetAddress from, final InetSocketAddress address, final Path trust, final Path keyStore,
        final char[] password, final String... protocols) throws IOException, GeneralSecurityException
    {
        final TrustManagerFactory trustManagers =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(load(trust, password));
        KeyManagerFactory keyManagers = null;
        if (keyStore != null)
        {
            keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(load(keyStore, password), password);
        }
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(),
            null);
        final Socket plain = new Socket();
        if (from != null)
        {
            plain.bind(new InetSocketAddress(from, 0));
        }
        plain.connect(address, 10_000);
        final SSLSocket socket = (SSLSocket)context.getSocketFactory()
            .createSocket(plain, address.getHostString(), address.getPort(), true);
        socket.setEnabledProtocols(protocols.length == 0 ? new String[]{"TLSv1.3"} : protocols);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return new TlsSoupClient(socket);
    }

    private static KeyStore load(final Path file, final char[] password) throws IOException, GeneralSecurityException
    {
        try (InputStream in = Files.newInputStream(file))
        {
            final KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        }
    }

    /**
     * @return the SoupBinTCP packets under the TLS socket, for protocols other than order entry (market data).
     */
    RawSoupClient raw()
    {
        return soup;
    }

    /**
     * Sends a TLS 1.3 KeyUpdate asking the server to update its keys too (the JDK's {@code startHandshake} on an
     * established TLS 1.3 connection); what is written afterwards goes under the new keys.
     *
     * @throws IOException when the socket fails.
     */
    void updateKeys() throws IOException
    {
        socket.startHandshake();
    }

    String protocol()
    {
        return socket.getSession().getProtocol();
    }

    String serverSubject() throws IOException
    {
        return ((X509Certificate)socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
    }

    /**
     * @return the login's answer: {@code A} accepted, {@code J} rejected, or {@code closed}.
     */
    String login(final String user, final String password)
    {
        soup.login(user, password, "", 1);
        final RawSoupClient.Packet packet = soup.read();
        return packet == null ? "closed" : String.valueOf((char)packet.type());
    }

    void newOrder(final String id, final Side side, final long price, final long quantity)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        final NewOrderEncoder order = new NewOrderEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .clientOrderId(ClientOrderIds.encode(id)).accountId(0).instrumentId(1).side(side)
            .orderType(OrderType.LIMIT).timeInForce(TimeInForce.GTC).postOnly(BooleanType.FALSE)
            .selfTradePrevention(SelfTradePrevention.CANCEL_NEWEST);
        order.price().mantissa(price).exponent((byte)-2);
        order.quantity().mantissa(quantity).exponent((byte)0);
        final byte[] bytes = new byte[MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength()];
        buffer.getBytes(0, bytes);
        soup.send('U', bytes);
    }

    /**
     * @return the next sequenced report as text, skipping heartbeats.
     */
    String nextReport()
    {
        while (true)
        {
            final RawSoupClient.Packet packet = soup.read();
            if (packet == null)
            {
                return "closed";
            }
            if (packet.type() == 'S')
            {
                return reports.describe(new UnsafeBuffer(packet.payload()), 0, packet.payload().length);
            }
        }
    }

    @Override
    public void close()
    {
        soup.close();
    }
}
