package io.disruptorx.gateway.fix;

import java.nio.file.Path;
import java.util.List;

import io.disruptorx.core.tls.Certificates;

/**
 * The throwaway certificates of this module's TLS tests, made with {@link Certificates} ({@code keytool}, five JVM
 * starts a store) once per test JVM and shared by every class that asks: an authority with a server certificate for
 * {@code localhost} and {@code 127.0.0.1}, client certificates for alice and mallory and an expired one for alice;
 * and a second authority with a client certificate for alice (a stranger's, which the first authority's listeners do
 * not trust). Every store has {@link #STORE_PASSWORD}. Tests only read these files.
 *
 * @param authority    the first authority.
 * @param server       its server certificate for {@code localhost} and {@code 127.0.0.1}.
 * @param alice        its client certificate for alice.
 * @param mallory      its client certificate for mallory.
 * @param expiredAlice its client certificate for alice that expired two days ago.
 * @param strangerAlice the second authority's client certificate for alice.
 */
record TestCertificates(
    Certificates authority, Path server, Path alice, Path mallory, Path expiredAlice, Path strangerAlice)
{
    static final String STORE_PASSWORD = "store-pass";
    private static final int VALID_DAYS = 30;
    private static TestCertificates shared;

    /**
     * @return the certificates, made on the first call.
     */
    static synchronized TestCertificates shared()
    {
        if (shared == null)
        {
            final Path directory = Path.of("target", "test-certificates", Long.toString(System.nanoTime()))
                .toAbsolutePath();
            final char[] password = STORE_PASSWORD.toCharArray();
            final Certificates authority = Certificates.createAuthority(directory.resolve("ca"), "test CA", password,
                VALID_DAYS);
            final Certificates other = Certificates.createAuthority(directory.resolve("other-ca"), "other CA",
                password, VALID_DAYS);
            shared = new TestCertificates(authority,
                authority.issueServer("server", List.of("localhost", "127.0.0.1"), VALID_DAYS),
                authority.issueClient("alice", VALID_DAYS), authority.issueClient("mallory", VALID_DAYS),
                authority.issueExpiredClient("alice-expired", 2), other.issueClient("alice", VALID_DAYS));
        }
        return shared;
    }
}
