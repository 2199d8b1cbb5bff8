package io.disruptorx.gateway.auth;

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
}
