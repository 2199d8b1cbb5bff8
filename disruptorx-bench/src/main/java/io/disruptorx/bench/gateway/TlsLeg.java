package io.disruptorx.bench.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.disruptorx.core.tls.Certificates;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.gateway.Gateway;
import io.disruptorx.gateway.client.NativeClient;
import io.disruptorx.gateway.client.SoupBinTcpClient;
import io.disruptorx.gateway.config.GatewayTlsConfig;
import io.disruptorx.node.venue.TlsEdges;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * The gateway benchmark's TLS leg: the same native-dialect load ({@link GatewayLoad}) against the same gateway,
 * through the TLS listener {@code dx node} starts from {@code gateways.soupbintcp.tls} ({@link TlsEdges}: TLS 1.3 on
 * the gateway thread itself, beside the plain listener's sessions), the client encrypting on its own thread
 * ({@link TlsClientChannel}, BoringSSL's engine unless told: {@link #DEFAULT_CLIENT}). Throwaway certificates
 * (EC P-256) are made for the run. It measures the headline rate paced and a saturated window, as the plain leg
 * does, in the same JVM and on the same node, so the two sit side by side (once per provider of the listener,
 * the JDK's and OpenSSL's; the same client for both); and {@link #LIGHT_RATE} paced, where neither leg queues,
 * so the p50s differ by what TLS costs per order rather than by queueing on a busy machine.
 */
final class TlsLeg
{
    /** Orders per second of the light paced run: on two cores neither leg queues at this rate. */
    static final long LIGHT_RATE = 10_000;
    /**
     * The unmeasured pass before each provider's windows lasts this many warm-up periods: the first TLS leg of a run
     * also compiles the TLS code of the client and the gateway (with 1 s, its 50k/s p50 was 300 to 1,240 us above
     * the second leg's, whichever provider went first: the JIT, not the provider).
     */
    static final int WARMUP_FACTOR = 5;
    static final char[] STORE_PASSWORD = "bench-tls".toCharArray();
    /**
     * The bench's client's engine unless {@code --tls-client} says otherwise: BoringSSL's. At 10,000 orders/s
     * (one record per order each way) the JDK's took 1.7-3.1 us per record sealed or opened on the client's thread,
     * about three quarters of what TLS added to a round trip with the gateway on BoringSSL (docs/benchmarks.md);
     * a venue's clients pick their own TLS stack, and the comparison is about the gateway's.
     */
    static final TlsConfig.Provider DEFAULT_CLIENT = TlsConfig.Provider.OPENSSL;

    private TlsLeg()
    {
    }

    /**
     * What the leg measured.
     *
     * @param paced     the headline rate, paced.
     * @param light     a rate at which neither leg queues ({@link #LIGHT_RATE}), paced: the per-order cost of TLS.
     * @param saturated a full window, closed loop.
     * @param protocol  the protocol negotiated.
     * @param provider  the listener's TLS provider.
     */
    record Result(GatewayLoad.Run paced, GatewayLoad.Run light, GatewayLoad.Run saturated, String protocol,
        TlsConfig.Provider provider)
    {
        /**
         * @return the provider's name as configured, e.g. {@code openssl}.
         */
        String providerName()
        {
            return provider.name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param gateway   the running binary gateway.
     * @param certs     the listener's certificates ({@link #certificates}).
     * @param user      a TLS user of {@link GatewayQuickBench} (accounts of its own; client order ids from 1).
     * @param password  its password.
     * @param rate      the paced run's orders per second.
     * @param warmup    seconds before each measured window.
     * @param measure   seconds measured.
     * @param window    the saturated run's orders in flight.
     * @param provider  the TLS listener's provider ({@code gateways.soupbintcp.tls.provider}).
     * @return the runs.
     * @throws IOException when the listener or the connection cannot be made.
     */
    static Result measure(
        final Gateway gateway, final Certs certs, final String user, final String password, final long rate,
        final double warmup, final double measure, final int window, final TlsConfig.Provider provider)
        throws IOException
    {
        try (Connection connection = open(gateway, certs, user, password,
            GatewayQuickBench.firstAccount(user), provider))
        {
            final GatewayLoad load = connection.load();
            final String tag = "TLS " + provider.name().toLowerCase(Locale.ROOT) + " ";
            System.out.println(tag + "warm-up (not measured): " +
                load.paced(rate, warmup, WARMUP_FACTOR * warmup).describe());
            final GatewayLoad.Run paced = load.paced(rate, warmup, measure);
            System.out.println(tag + paced.describe());
            final GatewayLoad.Run light = load.paced(LIGHT_RATE, warmup, measure);
            System.out.println(tag + light.describe());
            final GatewayLoad.Run saturated = load.saturated(window, warmup, measure);
            System.out.println(tag + saturated.describe() + " (window " + window + ", closed loop)");
            return new Result(paced, light, saturated, connection.protocol(), provider);
        }
    }

    /**
     * A logged-in TLS client of the gateway's TLS listener, with the listener ({@link TlsEdges}) it owns.
     *
     * @param edges    the TLS listener, closed with the connection.
     * @param load     the logged-in load over TLS.
     * @param protocol the protocol negotiated.
     * @param provider the listener's provider.
     * @param channel  the client's TLS channel (its record counts).
     */
    record Connection(TlsEdges edges, GatewayLoad load, String protocol, TlsConfig.Provider provider,
        TlsClientChannel channel)
        implements AutoCloseable
    {
        @Override
        public void close()
        {
            try
            {
                load.close();
            }
            finally
            {
                edges.close();
            }
        }
    }

    /**
     * Throwaway certificates for one TLS listener: an authority and a server certificate it issued.
     *
     * @param authority the authority (its trust store for the client).
     * @param server    the server's key store.
     */
    record Certs(Certificates authority, Path server)
    {
    }

    /**
     * @param directory where the throwaway certificates go.
     * @return an authority and a server certificate for 127.0.0.1 and localhost.
     * @throws IOException when they cannot be made.
     */
    static Certs certificates(final Path directory) throws IOException
    {
        final Certificates authority = Certificates.createAuthority(directory.resolve("ca"), "dx bench CA",
            STORE_PASSWORD, 2);
        return new Certs(authority, authority.issueServer("server", List.of("localhost", "127.0.0.1"), 2));
    }

    /**
     * {@link #certificates}, for a background task.
     *
     * @param directory where the throwaway certificates go.
     * @return an authority and a server certificate for 127.0.0.1 and localhost.
     * @throws UncheckedIOException when they cannot be made.
     */
    static Certs certificatesUnchecked(final Path directory)
    {
        try
        {
            return certificates(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Starts a TLS listener on the gateway with the certificates and logs a load in through it.
     *
     * @param gateway    the running binary gateway.
     * @param certs      the listener's certificates ({@link #certificates}).
     * @param user       a user of its own accounts (client order ids start at 1 on each connection).
     * @param password   its password.
     * @param buyAccount the user's first account (buys; sells on the next).
     * @param provider   the TLS listener's provider ({@code gateways.soupbintcp.tls.provider}).
     * @return the connection, logged in.
     * @throws IOException when the listener or the connection cannot be made.
     */
    static Connection open(final Gateway gateway, final Certs certs, final String user, final String password,
        final long buyAccount, final TlsConfig.Provider provider) throws IOException
    {
        return open(gateway, certs, user, password, buyAccount, provider, DEFAULT_CLIENT);
    }

    /**
     * Starts a TLS listener on the gateway with the certificates and logs a load in through it.
     *
     * @param gateway    the running binary gateway.
     * @param certs      the listener's certificates ({@link #certificates}).
     * @param user       a user of its own accounts (client order ids start at 1 on each connection).
     * @param password   its password.
     * @param buyAccount the user's first account (buys; sells on the next).
     * @param provider   the TLS listener's provider ({@code gateways.soupbintcp.tls.provider}).
     * @param client     the bench's client's engine: the JDK's or BoringSSL's ({@link TlsClientChannel}).
     * @return the connection, logged in.
     * @throws IOException when the listener or the connection cannot be made.
     */
    static Connection open(final Gateway gateway, final Certs certs, final String user, final String password,
        final long buyAccount, final TlsConfig.Provider provider, final TlsConfig.Provider client) throws IOException
    {
        final Certificates authority = certs.authority();
        final Path server = certs.server();
        final GatewayTlsConfig config = new GatewayTlsConfig(new InetSocketAddress("127.0.0.1", 0), null,
            TlsConfig.server(server, STORE_PASSWORD).withProvider(provider), null, null);
        final TlsEdges edges = TlsEdges.start(config, gateway);
        try
        {
            final int port = edges.listener("binary-native").port();
            final InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            final TlsClientChannel channel = client == TlsConfig.Provider.OPENSSL ?
                TlsClientChannel.connect(address, openSslContext(authority.trustStore())) :
                TlsClientChannel.connect(address, context(authority.trustStore()));
            System.out.printf(Locale.ROOT, "binary gateway over %s (%s) on 127.0.0.1:%d (TLS listener, provider " +
                "%s, %s; the bench's client on %s's engine), same load%n", channel.protocol(), channel.cipherSuite(),
                address.getPort(), provider.name().toLowerCase(Locale.ROOT), edges.listener("binary-native").path(),
                client.name().toLowerCase(Locale.ROOT));
            final GatewayLoad load = new GatewayLoad(NativeClient.over(SoupBinTcpClient.over(channel)), user,
                password, buyAccount);
            return new Connection(edges, load, channel.protocol(), provider, channel);
        }
        catch (final IOException | RuntimeException ex)
        {
            edges.close();
            throw ex;
        }
    }

    static SSLContext context(final Path trustStore) throws IOException
    {
        try
        {
            final SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, trust(trustStore).getTrustManagers(), null);
            return context;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IOException("bench TLS client: " + ex.getMessage(), ex);
        }
    }

    /**
     * @param trustStore the authority's trust store.
     * @return a TLS 1.3 client context on BoringSSL (netty-tcnative) that trusts it.
     * @throws IOException when the store cannot be read or the native library is missing.
     */
    static SslContext openSslContext(final Path trustStore) throws IOException
    {
        if (!OpenSsl.isAvailable())
        {
            throw new IOException("bench TLS client: BoringSSL (netty-tcnative) did not load",
                OpenSsl.unavailabilityCause());
        }
        return SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL).protocols("TLSv1.3")
            .trustManager(trust(trustStore)).build();
    }

    private static TrustManagerFactory trust(final Path trustStore) throws IOException
    {
        try (InputStream in = Files.newInputStream(trustStore))
        {
            final KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, STORE_PASSWORD);
            final TrustManagerFactory trust =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            return trust;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IOException("bench TLS client: " + ex.getMessage(), ex);
        }
    }
}
