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
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The SSL context of one edge, built from its {@link TlsConfig} with the JDK's provider, and rebuilt when the key or
 * trust store file changes: {@link #reloadIfChanged()} (cheap: two file times) before accepting a connection, so a
 * renewed certificate serves the next handshake without a restart, and connections already open keep theirs. A
 * reload that fails (a half-written file, a wrong password) keeps the previous context and says why.
 *
 * <p>Thread safety: engines may be made on any thread; reloads are serialised.
 */
public final class TlsContext
{
    private final TlsConfig config;
    private volatile SSLContext context;
    private volatile String lastReloadError;
    private FileTime keyStoreTime;
    private FileTime trustStoreTime;
    private long reloads;
    private long failedReloads;

    private TlsContext(final TlsConfig config)
    {
        this.config = config;
    }

    /**
     * @param config the edge's settings.
     * @return its context, loaded.
     * @throws TlsConfigException when a store cannot be read, a password is wrong, or a protocol or cipher suite
     *                            is unknown to the provider.
     */
    public static TlsContext load(final TlsConfig config)
    {
        final TlsContext tls = new TlsContext(config);
        synchronized (tls)
        {
            tls.keyStoreTime = time(config.keyStore());
            tls.trustStoreTime = config.trustStore() == null ? null : time(config.trustStore());
            tls.context = build(config);
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
        final SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        final SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(config.protocols().toArray(String[]::new));
        if (!config.cipherSuites().isEmpty())
        {
            parameters.setCipherSuites(config.cipherSuites().toArray(String[]::new));
        }
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
            context = build(config);
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

    private static SSLContext build(final TlsConfig config)
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
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
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
