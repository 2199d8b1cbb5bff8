package io.disruptorx.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS 1.3 client contexts for the tests' clients, trusting a test authority's certificates.
 */
public final class TrustingContexts
{
    private TrustingContexts()
    {
    }

    /**
     * @param trustStore the authority's PKCS12 trust store.
     * @param password   its password.
     * @return a TLS 1.3 context that trusts what the authority issued and shows no certificate of its own.
     * @throws IOException              when the store cannot be read.
     * @throws GeneralSecurityException when it cannot be used.
     */
    public static SSLContext trusting(final Path trustStore, final char[] password)
        throws IOException, GeneralSecurityException
    {
        try (InputStream in = Files.newInputStream(trustStore))
        {
            final KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            final TrustManagerFactory trust =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            final SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        }
    }
}
