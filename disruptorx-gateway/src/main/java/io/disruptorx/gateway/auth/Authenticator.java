package io.disruptorx.gateway.auth;

import javax.security.auth.x500.X500Principal;

/**
 * Decides who a login is. The seam for the security work: password users today ({@link PasswordAuthenticator});
 * API keys, certificate subjects and roles plug in here without the protocols changing. Called on the gateway
 * thread at login only, never per message.
 */
@FunctionalInterface
public interface Authenticator
{
    /**
     * @param username as the client sent it (SoupBinTCP: trailing padding removed).
     * @param password as the client sent it.
     * @return the user, or {@code null} when the login is refused.
     */
    User authenticate(String username, String password);

    /**
     * @return whether {@link #userForCertificate} maps client certificates to users (a user file with
     * {@code certificate-subjects}); without it, mutual TLS only checks that a certificate is trusted.
     */
    default boolean mapsCertificates()
    {
        return false;
    }

    /**
     * @param subject a trusted client certificate's subject.
     * @return the user it names, or {@code null}.
     */
    default User userForCertificate(final X500Principal subject)
    {
        return null;
    }
}
