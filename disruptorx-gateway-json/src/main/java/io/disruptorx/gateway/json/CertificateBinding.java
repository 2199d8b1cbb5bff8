package io.disruptorx.gateway.json;

import java.net.InetSocketAddress;
import javax.security.auth.x500.X500Principal;

import io.disruptorx.gateway.auth.Authenticator;
import io.disruptorx.gateway.auth.User;

/**
 * Mutual TLS on the JSON edge: a client that showed a certificate over TLS is the user its subject names
 * ({@code certificate-subjects} of the user file), and each of its signed requests must be signed with an API key
 * of that user. A request signed for another user, or from a certificate that names no user, is refused with
 * {@link ApiError#CERTIFICATE_MISMATCH} (counted where the refusal is answered) and audited as a failed login of
 * the key's user with the reason {@code CERTIFICATE_MISMATCH}, on the gateway thread. The API key's signature
 * still authenticates every request; the certificate binds the connection to one user. Without a user file that
 * maps certificates, a client certificate is only checked to be trusted (at the handshake). Thread-safe.
 */
final class CertificateBinding
{
    private final Authenticator authenticator;
    private final JsonGateway gateway;

    /**
     * @param authenticator maps certificate subjects to users, or {@code null} for none.
     * @param gateway       where the audit record of a refusal goes.
     */
    CertificateBinding(final Authenticator authenticator, final JsonGateway gateway)
    {
        this.authenticator = authenticator;
        this.gateway = gateway;
    }

    /**
     * @param signer  the user of the request's API key, its signature checked.
     * @param subject the client certificate's subject, or {@code null} when the client showed none.
     * @param peer    the client's address, or {@code null}.
     * @throws ApiException {@link ApiError#CERTIFICATE_MISMATCH} when the certificate names another user or none.
     */
    void check(final User signer, final X500Principal subject, final InetSocketAddress peer)
    {
        if (subject == null || authenticator == null || !authenticator.mapsCertificates())
        {
            return;
        }
        final User named = authenticator.userForCertificate(subject);
        if (named != null && named.name().equals(signer.name()))
        {
            return;
        }
        final JsonCommand audit = new JsonCommand(JsonCommand.Kind.CERTIFICATE_MISMATCH, signer, null);
        audit.source = peer == null ? "unknown" : peer.getHostString() + ":" + peer.getPort();
        gateway.submit(audit);
        throw new ApiException(ApiError.CERTIFICATE_MISMATCH, named == null ?
            "The client certificate names no user." : ApiError.CERTIFICATE_MISMATCH.message());
    }
}
