package io.disruptorx.gateway.json;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.disruptorx.gateway.auth.ApiKeyCredential;
import io.disruptorx.gateway.auth.ApiKeyDirectory;

/**
 * A fixed table of API keys, from configuration or a test: the directory until the user store provides one.
 */
public final class ApiKeyTable implements ApiKeyDirectory
{
    private final Map<String, ApiKeyCredential> byKey = new HashMap<>();

    /**
     * @param credentials the keys; each key id once.
     */
    public ApiKeyTable(final List<ApiKeyCredential> credentials)
    {
        for (final ApiKeyCredential credential : credentials)
        {
            if (byKey.put(credential.apiKey(), credential) != null)
            {
                throw new IllegalArgumentException("API key " + credential.apiKey() + " is listed twice");
            }
        }
    }

    @Override
    public ApiKeyCredential find(final String apiKey)
    {
        return byKey.get(apiKey);
    }
}
