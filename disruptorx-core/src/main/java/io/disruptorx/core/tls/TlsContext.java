package io.disruptorx.core.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The SSL context of one edge, built from its {@link TlsConfig} with its provider (the JDK's here; OpenSSL's through
 * an {@link EngineFactory}, which disruptorx-http supplies with Netty's), and rebuilt when the key or
 * trust store file changes: {@link #reloadIfChanged()} (cheap: two file times) before accepting a connection, so a
 * renewed certificate serves the next handshake without a restart, and connections already open keep theirs. A
 * reload that fails (a half-written file, a wrong password) keeps the previous context and says why.
 *
 * <p>Thread safety: engines may be made on any thread; reloads are serialised.
 */
public final class TlsContext
{
    /**
     * Makes the server engines of a provider other than the JDK's, from the stores the context loaded.
     */
    @FunctionalInterface
    public interface EngineFactory
    {
        /**
         * @param config the edge's settings (protocols, cipher suites, client authentication).
         * @param keys   the server's key and chain, loaded.
         * @param trust  the authorities of client certificates, loaded, or {@code null}.
         * @return makes one server engine per call, configured as the settings say.
         * @throws TlsConfigException when the provider cannot load or refuses the settings.
         */
        Supplier<SSLEngine> build(TlsConfig config, KeyManagerFactory keys, TrustManagerFactory trust);
    }

    /** The TLS 1.3 suite a JDK server prefers when no cipher suites are configured ({@link #fastestFirst}). */
    static final String FASTEST_TLS13_SUITE = "TLS_AES_128_GCM_SHA256";

    private final TlsConfig config;
    private final EngineFactory factory;
    private volatile Supplier<SSLEngine> engines;
    private volatile String lastReloadError;
    private FileTime keyStoreTime;
    private FileTime trustStoreTime;
    private long reloads;
    private long failedReloads;

    private TlsContext(final TlsConfig config, final EngineFactory factory)
    {
        this.config = config;
        this.factory = factory;
    }

    /**
     * @param config the edge's settings, for the JDK's provider.
     * @return its context, loaded.
     * @throws TlsConfigException when a store cannot be read, a password is wrong, a protocol or cipher suite
     *                            is unknown to the provider, or the settings name another provider.
     */
    public static TlsContext load(final TlsConfig config)
    {
        return load(config, null);
    }

    /**
     * @param config  the edge's settings.
     * @param openSsl makes OpenSSL's engines when the settings ask for {@link TlsConfig.Provider#OPENSSL}, or
     *                {@code null} when this caller has none.
     * @return its context, loaded.
     * @throws TlsConfigException when a store cannot be read, a password is wrong, a protocol or cipher suite
     *                            is unknown to the provider, or the provider cannot load.
     */
    public static TlsContext load(final TlsConfig config, final EngineFactory openSsl)
    {
        final TlsContext tls = new TlsContext(config, openSsl);
        synchronized (tls)
        {
            tls.keyStoreTime = time(config.keyStore());
            tls.trustStoreTime = config.trustStore() == null ? null : time(config.trustStore());
            tls.engines = build(config, openSsl);
        }
        tls.newServerEngine();
        return tls;
    }

    /**
     * @return the settings.
     */
    public TlsConfig config()
    {
        return config;
    }

    /**
     * @return a server-side engine with the configured protocols, cipher suites and client authentication.
     */
    public SSLEngine newServerEngine()
    {
        return engines.get();
    }

    private static SSLEngine jdkEngine(final SSLContext context, final TlsConfig config)
    {
        final SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        final SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(config.protocols().toArray(String[]::new));
        parameters.setCipherSuites(config.cipherSuites().isEmpty() ? fastestFirst(engine.getEnabledCipherSuites()) :
            config.cipherSuites().toArray(String[]::new));
        parameters.setUseCipherSuitesOrder(true);
        switch (config.clientAuth())
        {
            case REQUIRED -> parameters.setNeedClientAuth(true);
            case OPTIONAL -> parameters.setWantClientAuth(true);
            default -> parameters.setNeedClientAuth(false);
        }
        try
        {
            engine.setSSLParameters(parameters);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new TlsConfigException("tls: " + ex.getMessage() + " (protocols " + config.protocols() +
                ", cipher suites " + config.cipherSuites() + "; the JDK offers " + supported(engine) + ")", ex);
        }
        return engine;
    }

    /**
     * The JDK's default suites with {@value #FASTEST_TLS13_SUITE} first: the JDK's own order puts AES-256-GCM first,
     * and a JDK server chooses by its own order, so every connection paid AES-256's 14 rounds where 10 do (AES-128
     * wraps and unwraps a record about 10% faster with the JDK's intrinsics; it is BoringSSL's first choice too). The
     * set is unchanged; a configured {@code cipher-suites} list is used as given.
     *
     * @param defaults the engine's enabled suites, in the JDK's order.
     * @return the same suites, {@value #FASTEST_TLS13_SUITE} first when it is among them.
     */
    static String[] fastestFirst(final String[] defaults)
    {
        final String[] ordered = new String[defaults.length];
        int next = 0;
        for (final String suite : defaults)
        {
            if (FASTEST_TLS13_SUITE.equals(suite))
            {
                ordered[next++] = suite;
            }
        }
        for (final String suite : defaults)
        {
            if (!FASTEST_TLS13_SUITE.equals(suite))
            {
                ordered[next++] = suite;
            }
        }
        return ordered;
    }

    /**
     * Rebuilds the context when a store file's modification time changed since the last load.
     *
     * @return whether a new context now serves new connections.
     */
    public synchronized boolean reloadIfChanged()
    {
        final FileTime key;
        final FileTime trust;
        try
        {
            key = time(config.keyStore());
            trust = config.trustStore() == null ? null : time(config.trustStore());
        }
        catch (final TlsConfigException ex)
        {
            return failed(ex);
        }
        if (key.equals(keyStoreTime) && (trust == null || trust.equals(trustStoreTime)))
        {
            return false;
        }
        try
        {
            engines = build(config, factory);
        }
        catch (final TlsConfigException ex)
        {
            return failed(ex);
        }
        keyStoreTime = key;
        trustStoreTime = trust;
        lastReloadError = null;
        reloads++;
        return true;
    }

    /**
     * @return why the last reload failed, or {@code null} when it did not (the previous certificates still serve).
     */
    public String lastReloadError()
    {
        return lastReloadError;
    }

    /**
     * @return reloads that replaced the context.
     */
    public synchronized long reloads()
    {
        return reloads;
    }

    /**
     * @return reloads that failed and kept the previous context.
     */
    public synchronized long failedReloads()
    {
        return failedReloads;
    }

    private boolean failed(final TlsConfigException ex)
    {
        failedReloads++;
        lastReloadError = ex.getMessage();
        return false;
    }

    private static Supplier<SSLEngine> build(final TlsConfig config, final EngineFactory openSsl)
    {
        try
        {
            final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            final char[] keyPassword = config.keyStorePassword();
            keys.init(read(config.keyStore(), keyPassword, "key store"), keyPassword);
            Arrays.fill(keyPassword, '\0');
            TrustManagerFactory trust = null;
            if (config.trustStore() != null)
            {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                final char[] trustPassword = config.trustStorePassword();
                trust.init(read(config.trustStore(), trustPassword, "trust store"));
                Arrays.fill(trustPassword, '\0');
            }
            if (config.provider() == TlsConfig.Provider.OPENSSL)
            {
                if (openSsl == null)
                {
                    throw new TlsConfigException("tls: provider openssl is served by Netty's OpenSSL engines " +
                        "(disruptorx-http), not by this listener; use provider jdk here", null);
                }
                return openSsl.build(config, keys, trust);
            }
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return () -> jdkEngine(context, config);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new TlsConfigException("tls: cannot use " + config.keyStore() + ": " + ex.getMessage(), ex);
        }
    }

    private static KeyStore read(final Path file, final char[] password, final String what)
    {
        try (InputStream in = Files.newInputStream(file))
        {
            final KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        }
        catch (final IOException | GeneralSecurityException ex)
        {
            final String cause = ex.getCause() instanceof java.security.UnrecoverableKeyException ?
                "wrong password" : ex.getMessage();
            throw new TlsConfigException("tls: cannot read the " + what + " " + file + " (PKCS#12): " + cause, ex);
        }
    }

    private static FileTime time(final Path file)
    {
        try
        {
            return Files.getLastModifiedTime(file);
        }
        catch (final IOException ex)
        {
            throw new TlsConfigException("tls: cannot read " + file + ": " + ex, ex);
        }
    }

    private static Set<String> supported(final SSLEngine engine)
    {
        final Set<String> names = new TreeSet<>(Arrays.asList(engine.getSupportedProtocols()));
        names.addAll(Arrays.asList(engine.getSupportedCipherSuites()));
        return names;
    }
}
