package io.disruptorx.gateway.auth;

/**
 * What an API key proves: the user it acts as and how its requests are signed.
 *
 * @param apiKey   the public key id the client sends with each request.
 * @param user     the user the key acts as (accounts, kind, limits).
 * @param algorithm how requests are signed.
 * @param keyBytes the HMAC-SHA256 shared secret, or the Ed25519 public key in X.509 (SubjectPublicKeyInfo) form.
 */
public record ApiKeyCredential(String apiKey, User user, SignatureAlgorithm algorithm, byte[] keyBytes)
{
    /**
     * How a request's signature is made.
     */
    public enum SignatureAlgorithm
    {
        /** HMAC-SHA256 with a secret shared between client and venue. */
        HMAC_SHA256,

        /** Ed25519: the client signs with its private key, the venue holds the public key. */
        ED25519
    }

    /**
     * @param apiKey    the key id.
     * @param user      the user.
     * @param algorithm the signature algorithm.
     * @param keyBytes  secret or public key; copied.
     */
    public ApiKeyCredential
    {
        if (apiKey == null || apiKey.isBlank() || user == null || algorithm == null || keyBytes == null
            || keyBytes.length == 0)
        {
            throw new IllegalArgumentException("an API key needs a key id, a user, an algorithm and key bytes");
        }
        keyBytes = keyBytes.clone();
    }

    /**
     * @return a copy of the secret or public key.
     */
    @Override
    public byte[] keyBytes()
    {
        return keyBytes.clone();
    }

    /**
     * Never prints the secret.
     *
     * @return the key id, user and algorithm.
     */
    @Override
    public String toString()
    {
        return "ApiKeyCredential[" + apiKey + ", user=" + user.name() + ", " + algorithm + "]";
    }
}
