package io.disruptorx.core.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * TLS settings of one network edge: the server's key store, whom it trusts for client certificates, and which
 * protocols and cipher suites it accepts. TLS 1.3 only unless configured otherwise; a client certificate is
 * optional or required only when asked for.
 *
 * @param keyStore           PKCS#12 file with the server's private key and certificate chain.
 * @param keyStorePassword   its password; never printed.
 * @param trustStore         PKCS#12 file with the certificate authorities whose client certificates are accepted,
 *                           or {@code null} for none (then {@code clientAuth} must be {@link ClientAuth#NONE}).
 * @param trustStorePassword its password; never printed.
 * @param protocols          protocols accepted, e.g. {@code TLSv1.3}.
 * @param cipherSuites       cipher suites accepted, or empty for the provider's defaults for those protocols.
 * @param clientAuth         whether a client certificate is asked for.
 * @param provider           whose TLS implementation serves the edge: the JDK's (the default) or OpenSSL's
 *                           (BoringSSL through Netty's {@code netty-tcnative-boringssl-static}).
 */
public record TlsConfig(
    Path keyStore,
    char[] keyStorePassword,
    Path trustStore,
    char[] trustStorePassword,
    List<String> protocols,
    List<String> cipherSuites,
    ClientAuth clientAuth,
    Provider provider)
{
    /** The only protocol accepted unless configured otherwise. */
    public static final String TLS_1_3 = "TLSv1.3";

    /**
     * Whether the server asks for a client certificate.
     */
    public enum ClientAuth
    {
        /** Never: clients are anonymous at the TLS layer. */
        NONE,

        /** Asks; a client without one is still served (and is anonymous). */
        OPTIONAL,

        /** Mutual TLS: a client without a certificate its trust store vouches for is refused in the handshake. */
        REQUIRED
    }

    /**
     * Whose TLS implementation makes the edge's engines.
     */
    public enum Provider
    {
        /** The JDK's own ({@code SunJSSE}): nothing native, the default. */
        JDK,

        /**
         * BoringSSL through Netty ({@code netty-tcnative-boringssl-static}, natives bundled for linux-x86_64);
         * an edge asking for it does not start when the native library cannot load.
         */
        OPENSSL
    }

    /**
     * Validates and copies.
     */
    public TlsConfig
    {
        if (keyStore == null || keyStorePassword == null)
        {
            throw new IllegalArgumentException("tls needs a key store and its password");
        }
        if (clientAuth == null)
        {
            throw new IllegalArgumentException("tls client-auth must be none, optional or required");
        }
        if (clientAuth != ClientAuth.NONE && trustStore == null)
        {
            throw new IllegalArgumentException("tls client-auth " + clientAuth.name().toLowerCase(Locale.ROOT) +
                " needs a trust store of the authorities that sign client certificates");
        }
        if (trustStore != null && trustStorePassword == null)
        {
            throw new IllegalArgumentException("tls trust store needs its password");
        }
        if (protocols == null || protocols.isEmpty())
        {
            throw new IllegalArgumentException("tls needs at least one protocol, e.g. " + TLS_1_3);
        }
        keyStorePassword = keyStorePassword.clone();
        trustStorePassword = trustStorePassword == null ? null : trustStorePassword.clone();
        protocols = List.copyOf(protocols);
        cipherSuites = cipherSuites == null ? List.of() : List.copyOf(cipherSuites);
        provider = provider == null ? Provider.JDK : provider;
    }

    /**
     * Settings served by the JDK's provider.
     *
     * @param keyStore           PKCS#12 file with the server's private key and certificate chain.
     * @param keyStorePassword   its password.
     * @param trustStore         the authorities of client certificates, or {@code null}.
     * @param trustStorePassword its password.
     * @param protocols          protocols accepted.
     * @param cipherSuites       cipher suites accepted, or empty for the provider's defaults.
     * @param clientAuth         whether a client certificate is asked for.
     */
    public TlsConfig(
        final Path keyStore,
        final char[] keyStorePassword,
        final Path trustStore,
        final char[] trustStorePassword,
        final List<String> protocols,
        final List<String> cipherSuites,
        final ClientAuth clientAuth)
    {
        this(keyStore, keyStorePassword, trustStore, trustStorePassword, protocols, cipherSuites, clientAuth,
            Provider.JDK);
    }

    /**
     * @param keyStore         the server's PKCS#12 key store.
     * @param keyStorePassword its password.
     * @return TLS 1.3 only, the provider's cipher suites, no client certificates.
     */
    public static TlsConfig server(final Path keyStore, final char[] keyStorePassword)
    {
        return new TlsConfig(keyStore, keyStorePassword, null, null, List.of(TLS_1_3), List.of(), ClientAuth.NONE);
    }

    /**
     * @param trustStore the authorities that sign client certificates.
     * @param password   the trust store's password.
     * @param auth       optional or required.
     * @return a copy that asks for client certificates.
     */
    public TlsConfig withClientAuth(final Path trustStore, final char[] password, final ClientAuth auth)
    {
        return new TlsConfig(keyStore, keyStorePassword, trustStore, password, protocols, cipherSuites, auth,
            provider);
    }

    /**
     * @param accepted protocols, e.g. {@code TLSv1.3} and {@code TLSv1.2}.
     * @return a copy accepting them.
     */
    public TlsConfig withProtocols(final List<String> accepted)
    {
        return new TlsConfig(keyStore, keyStorePassword, trustStore, trustStorePassword, accepted, cipherSuites,
            clientAuth, provider);
    }

    /**
     * @param implementation the JDK's or OpenSSL's.
     * @return a copy served by it.
     */
    public TlsConfig withProvider(final Provider implementation)
    {
        return new TlsConfig(keyStore, keyStorePassword, trustStore, trustStorePassword, protocols, cipherSuites,
            clientAuth, implementation);
    }

    /**
     * @return a copy of the key store password.
     */
    @Override
    public char[] keyStorePassword()
    {
        return keyStorePassword.clone();
    }

    /**
     * @return a copy of the trust store password, or {@code null}.
     */
    @Override
    public char[] trustStorePassword()
    {
        return trustStorePassword == null ? null : trustStorePassword.clone();
    }

    /**
     * Never prints a password.
     *
     * @return the files, protocols, cipher suites, client authentication and provider.
     */
    @Override
    public String toString()
    {
        return "TlsConfig[keyStore=" + keyStore + ", trustStore=" + trustStore + ", protocols=" + protocols +
            ", cipherSuites=" + (cipherSuites.isEmpty() ? "provider defaults" : cipherSuites) + ", clientAuth=" +
            clientAuth + ", provider=" + provider + "]";
    }
}
