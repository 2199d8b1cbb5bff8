package io.disruptorx.gateway.auth;

/**
 * Finds the credential behind an API key, for edges that authenticate each request by a signature (the JSON
 * REST and WebSocket gateway). The user store implements it; a fixed map does for tests. Called on the edge's
 * thread once per signed request.
 */
@FunctionalInterface
public interface ApiKeyDirectory
{
    /**
     * @param apiKey the key as the client sent it.
     * @return its credential, or {@code null} when the key is unknown or revoked.
     */
    ApiKeyCredential find(String apiKey);
}
