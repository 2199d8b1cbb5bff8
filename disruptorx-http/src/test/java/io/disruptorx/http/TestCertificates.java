package io.disruptorx.http;

import java.nio.file.Path;
import java.util.List;

import io.disruptorx.core.tls.Certificates;

/**
 * The throwaway certificates of this module's TLS tests, made with {@link Certificates} ({@code keytool}, five JVM
 * starts a store) once per test JVM and shared by every class that asks: an authority with a server certificate for
 * {@code localhost} and {@code 127.0.0.1}, a client certificate (alice) and an expired one (old); and a second
 * authority with a client certificate (mallory) and a server certificate for {@code localhost} (a renewal's new
 * certificate, which clients of the first authority do not trust). Every store has {@link #PASSWORD}. Tests only read
 * these files; a file a test changes is its own copy.
 *
 * @param authority      the first authority.
 * @param server         its server certificate for {@code localhost} and {@code 127.0.0.1}.
 * @param alice          its client certificate for alice.
 * @param expired        its client certificate that expired five days ago.
 * @param otherAuthority the second authority.
 * @param mallory        the second authority's client certificate.
 * @param otherServer    the second authority's server certificate for {@code localhost}.
 */
record TestCertificates(
    Certificates authority, Path server, Path alice, Path expired, Certificates otherAuthority, Path mallory,
    Path otherServer)
{
    static final char[] PASSWORD = "test-only-password".toCharArray();
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
            final Certificates authority = Certificates.createAuthority(directory.resolve("ca"), "DisruptorX Test CA",
                PASSWORD, VALID_DAYS);
            final Certificates other = Certificates.createAuthority(directory.resolve("other"), "Someone Else's CA",
                PASSWORD, VALID_DAYS);
            shared = new TestCertificates(authority,
                authority.issueServer("server", List.of("localhost", "127.0.0.1"), VALID_DAYS),
                authority.issueClient("alice", VALID_DAYS), authority.issueExpiredClient("old", 5), other,
                other.issueClient("mallory", VALID_DAYS),
                other.issueServer("server", List.of("localhost"), VALID_DAYS));
        }
        return shared;
    }
}
