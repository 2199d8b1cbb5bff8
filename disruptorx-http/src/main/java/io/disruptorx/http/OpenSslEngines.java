package io.disruptorx.http;

import java.util.Locale;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.core.tls.TlsConfigException;
import io.disruptorx.core.tls.TlsContext;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;

/**
 * The {@link TlsConfig.Provider#OPENSSL} provider of every TLS listener (this module's HTTP server and terminator,
 * and the binary gateway's own TLS listeners, which load their context here): BoringSSL through Netty's
 * {@code netty-tcnative-boringssl-static}, built from the same key and trust stores, protocols, cipher suites and
 * client authentication as the JDK's, and rebuilt on the same certificate reloads ({@link TlsContext}). The
 * client's certificate is still checked by the JDK's trust manager (validity, authority), so both providers accept
 * and refuse the same certificates. When the native library cannot load (a platform whose natives are not bundled,
 * a {@code /tmp} mounted {@code noexec}), the listener does not start and the error says why.
 */
public final class OpenSslEngines
{
    private OpenSslEngines()
    {
    }

    /**
     * @param config an edge's settings.
     * @return its context, with OpenSSL's engines when the settings ask for them.
     * @throws TlsConfigException when a store cannot be used, or OpenSSL cannot load or refuses the settings.
     */
    public static TlsContext load(final TlsConfig config)
    {
        return TlsContext.load(config, OpenSslEngines::build);
    }

    private static Supplier<SSLEngine> build(
        final TlsConfig config, final KeyManagerFactory keys, final TrustManagerFactory trust)
    {
        requireAvailable(OpenSsl.isAvailable(), OpenSsl.unavailabilityCause());
        if (config.protocols().contains(TlsConfig.TLS_1_3) && !SslProvider.isTlsv13Supported(SslProvider.OPENSSL))
        {
            throw new TlsConfigException("tls provider openssl: " + OpenSsl.versionString() + " has no TLSv1.3", null);
        }
        final SslContextBuilder builder = SslContextBuilder.forServer(keys)
            .sslProvider(SslProvider.OPENSSL)
            .protocols(config.protocols())
            .clientAuth(switch (config.clientAuth())
            {
                case REQUIRED -> ClientAuth.REQUIRE;
                case OPTIONAL -> ClientAuth.OPTIONAL;
                default -> ClientAuth.NONE;
            });
        if (trust != null)
        {
            builder.trustManager(trust);
        }
        if (!config.cipherSuites().isEmpty())
        {
            builder.ciphers(config.cipherSuites());
        }
        final SslContext context;
        try
        {
            context = builder.build();
        }
        catch (final SSLException | IllegalArgumentException ex)
        {
            throw refused(config, ex);
        }
        final Supplier<SSLEngine> engines = () -> context.newEngine(ByteBufAllocator.DEFAULT);
        try
        {
            ReferenceCountUtil.release(engines.get());
        }
        catch (final IllegalArgumentException ex)
        {
            throw refused(config, ex);
        }
        return engines;
    }

    /**
     * @param available whether the native library loaded.
     * @param cause     why not, or {@code null}.
     * @throws TlsConfigException naming the library, the platform and the cause, when it did not.
     */
    static void requireAvailable(final boolean available, final Throwable cause)
    {
        if (available)
        {
            return;
        }
        final String platform = System.getProperty("os.name", "?").toLowerCase(Locale.ROOT) + "-" +
            System.getProperty("os.arch", "?");
        throw new TlsConfigException("tls provider openssl: the native library of netty-tcnative-boringssl-static " +
            "cannot load on " + platform + " (its natives are bundled for linux-x86_64; the JVM extracts them to " +
            "java.io.tmpdir or io.netty.native.workdir, which must allow executing): " +
            (cause == null ? "no cause given" : cause) + "; use provider jdk", cause);
    }

    private static TlsConfigException refused(final TlsConfig config, final Exception ex)
    {
        return new TlsConfigException("tls provider openssl: " + ex.getMessage() + " (protocols " +
            config.protocols() + ", cipher suites " + config.cipherSuites() + ")", ex);
    }
}
