package io.disruptorx.node;

import java.nio.file.Path;
import java.util.List;

import io.disruptorx.core.tls.Certificates;

/**
 * The throwaway certificates of this module's TLS tests, made with {@link Certificates} ({@code keytool}, five JVM
 * starts a store) once per test JVM and shared by every class that asks: an authority with two server certificates
 * for {@code localhost} and {@code 127.0.0.1} (the second one a renewal's), client certificates for alice and
 * mallory and one for carol that expired two days ago; and a second authority with a client certificate for alice (a
 * forged one: the first authority's listeners do not trust it). Every store has {@link #STORE_PASSWORD}. Tests only
 * read these files; a file a test changes is its own copy.
 *
 * @param authority     the first authority.
 * @param server        its server certificate for {@code localhost} and {@code 127.0.0.1}.
 * @param renewed       its second server certificate for them (subject {@code CN=renewed}).
 * @param alice         its client certificate for alice.
 * @param mallory       its client certificate for mallory.
 * @param expiredCarol  its client certificate for carol that expired two days ago.
 * @param strangerAlice the second authority's client certificate for alice.
 */
public record TestCertificates(
    Certificates authority, Path server, Path renewed, Path alice, Path mallory, Path expiredCarol,
    Path strangerAlice)
{
    /** The password of every store. */
    public static final String STORE_PASSWORD = "store-pass";
    private static final int VALID_DAYS = 30;
    private static TestCertificates shared;

    /**
     * @return the certificates, made on the first call.
     */
    public static synchronized TestCertificates shared()
    {
        if (shared == null)
        {
            final Path directory = Path.of("target", "test-certificates", Long.toString(System.nanoTime()))
                .toAbsolutePath();
            final char[] password = STORE_PASSWORD.toCharArray();
            final Certificates authority = Certificates.createAuthority(directory.resolve("ca"), "test CA", password,
                VALID_DAYS);
            final Certificates stranger = Certificates.createAuthority(directory.resolve("other-ca"), "other CA",
                password, VALID_DAYS);
            final List<String> hosts = List.of("localhost", "127.0.0.1");
            shared = new TestCertificates(authority, authority.issueServer("server", hosts, VALID_DAYS),
                authority.issueServer("renewed", hosts, VALID_DAYS), authority.issueClient("alice", VALID_DAYS),
                authority.issueClient("mallory", VALID_DAYS), authority.issueExpiredClient("carol", 2),
                stranger.issueClient("alice", VALID_DAYS));
        }
        return shared;
    }
}
