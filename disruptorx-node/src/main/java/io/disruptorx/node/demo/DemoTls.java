package io.disruptorx.node.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.net.ConnectionLimiter;
import io.disruptorx.core.net.RelayedPeers;
import io.disruptorx.core.tls.Certificates;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.core.tls.TlsListener;
import io.disruptorx.gateway.Gateway;
import io.disruptorx.http.OpenSslEngines;
import io.disruptorx.marketdata.server.FeedServer;
import io.disruptorx.node.venue.TlsEdges;

/**
 * The demo's TLS listeners beside its plain ones: the binary gateway's native and POE dialects ten ports above
 * theirs (31110 and 31111 by default), served on the gateway thread itself as {@code dx node} serves them
 * ({@link Gateway#listenNativeTls}), and the market data recovery and SoupBinTCP feed servers ten above theirs
 * (31014 and 31015), through a TLS terminator each; any free ports when those are taken or the plain ones are
 * ephemeral. Their certificates are throwaway: a certificate authority and a server certificate for
 * {@code localhost} and {@code 127.0.0.1}, made with the JDK's keytool in {@code certs/} of the demo's data directory
 * on its first run and reused after; clients trust {@code certs/ca.crt} ({@code certs/trust.p12}).
 */
final class DemoTls
{
    /** TLS listeners are this far above their plain ones. */
    static final int PORT_OFFSET = 10;
    private static final int MAX_PORT = 65_535;

    private DemoTls()
    {
    }

    /**
     * @param dataDirectory the demo's data directory.
     * @return the settings of its throwaway certificates, made on the first run.
     */
    static TlsConfig certificates(final Path dataDirectory)
    {
        final Path directory = dataDirectory.resolve("certs");
        final Path store = directory.resolve("server.p12");
        final Path passwordFile = directory.resolve("password");
        try
        {
            if (!Files.exists(store) || !Files.exists(passwordFile))
            {
                final byte[] random = new byte[16];
                new SecureRandom().nextBytes(random);
                final char[] password = HexFormat.of().formatHex(random).toCharArray();
                final Path fresh = Files.createTempDirectory(dataDirectory, "certs-");
                final Certificates ca = Certificates.createAuthority(fresh, "dx demo CA", password, 3650);
                ca.issueServer("server", List.of("localhost", "127.0.0.1"), 3650);
                Files.writeString(fresh.resolve("password"), new String(password) + "\n", StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(fresh.resolve("password"), PosixFilePermissions.fromString("rw-------"));
                deleteIfPresent(directory);
                Files.move(fresh, directory);
            }
            final List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
            return TlsConfig.server(store, lines.isEmpty() ? new char[0] : lines.get(0).toCharArray());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("dx demo: cannot make throwaway certificates in " + directory, ex);
        }
    }

    /**
     * Starts the TLS listeners and says where they are.
     *
     * @param tls         the certificates' settings.
     * @param gateway     the binary gateway, or {@code null} for none.
     * @param fixedGateway whether the gateway's plain ports were asked for (then TLS tries ten above each), or
     *                     ephemeral.
     * @param feed        the market data servers.
     * @param fixedFeed   whether the feed's plain ports were asked for.
     * @param metrics     where their counters go.
     * @param out         where the listeners are printed.
     * @return the running listeners.
     */
    static TlsEdges start(
        final TlsConfig tls, final Gateway gateway, final boolean fixedGateway, final FeedServer feed,
        final boolean fixedFeed, final MetricsRegistry metrics, final PrintWriter out)
    {
        final TlsEdges edges = new TlsEdges();
        try
        {
            if (gateway != null)
            {
                addGateway(edges, "binary-native", gateway.nativePort(), fixedGateway,
                    listen -> gateway.listenNativeTls(listen, OpenSslEngines.load(tls)));
                if (gateway.poePort() >= 0)
                {
                    addGateway(edges, "binary-poe", gateway.poePort(), fixedGateway,
                        listen -> gateway.listenPoeTls(listen, OpenSslEngines.load(tls)));
                }
            }
            add(edges, "md-recovery", feed.recoveryServer().address().getPort(), fixedFeed, tls, feed);
            add(edges, "md-tcp-feed", feed.tcpFeedServer().address().getPort(), fixedFeed, tls, feed);
        }
        catch (final RuntimeException ex)
        {
            edges.close();
            throw ex;
        }
        edges.registerMetrics(metrics);
        edges.describe("dx demo: ", out);
        out.printf(Locale.ROOT, "dx demo: TLS certificates (throwaway, made on the first run) in %s; clients trust " +
            "%s%n", tls.keyStore().getParent().toAbsolutePath(), tls.keyStore().resolveSibling("ca.crt"));
        out.flush();
        return edges;
    }

    /**
     * Adds one of the binary gateway's TLS listeners, on the gateway thread.
     */
    private static void addGateway(
        final TlsEdges edges, final String name, final int plainPort, final boolean fixedPorts,
        final Function<InetSocketAddress, TlsListener> listen)
    {
        final int wanted = fixedPorts && plainPort + PORT_OFFSET <= MAX_PORT ? plainPort + PORT_OFFSET : 0;
        TlsListener listener;
        try
        {
            listener = listen.apply(new InetSocketAddress("127.0.0.1", wanted));
        }
        catch (final UncheckedIOException ex)
        {
            listener = listen.apply(new InetSocketAddress("127.0.0.1", 0));
        }
        edges.add(name, listener);
    }

    /**
     * Adds a terminator in front of one of the feed's TCP servers, holding clients to its limits and recording each
     * client's own address for it ({@link FeedServer#relayedPeers()}).
     */
    private static void add(
        final TlsEdges edges, final String name, final int servicePort, final boolean fixedPorts, final TlsConfig tls,
        final FeedServer feed)
    {
        final int wanted = fixedPorts && servicePort + PORT_OFFSET <= MAX_PORT ? servicePort + PORT_OFFSET : 0;
        final ConnectionLimiter limiter =
            new ConnectionLimiter(feed.config().maxConnections(), feed.config().maxConnectionsPerAddress());
        final RelayedPeers peers = feed.relayedPeers();
        try
        {
            edges.add(name, new InetSocketAddress("127.0.0.1", wanted), servicePort, tls, limiter, peers);
        }
        catch (final UncheckedIOException ex)
        {
            edges.add(name, new InetSocketAddress("127.0.0.1", 0), servicePort, tls, limiter, peers);
        }
    }

    private static void deleteIfPresent(final Path directory) throws IOException
    {
        if (!Files.isDirectory(directory))
        {
            return;
        }
        try (Stream<Path> files = Files.list(directory))
        {
            for (final Path file : files.toList())
            {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }
}
