package io.disruptorx.gateway.config;

import java.nio.file.Path;
import java.util.List;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.disruptorx.core.config.ConfigError;
import io.disruptorx.core.config.ConfigValidationException;

/**
 * The {@code gateways.security} section: where the user file and the audit log are (docs/security.md).
 *
 * @param usersFile      the user file (roles, passwords, API keys, certificate subjects; hot reloaded), or
 *                       {@code null}: the section's {@code users} with their kinds, no login throttle.
 * @param auditDirectory the audit log's directory, or {@code null} for no audit trail.
 * @param auditCheckpoints where the audit chain's head is checkpointed (beside the venue's journal, never in the
 *                       audit directory), and what the log is checked against on start; {@code null} for none.
 */
public record GatewaySecurityConfig(Path usersFile, Path auditDirectory, Path auditCheckpoints)
{
    /** No user file, no audit trail. */
    public static final GatewaySecurityConfig NONE = new GatewaySecurityConfig(null, null, null);

    /**
     * Settings without audit checkpoints.
     *
     * @param usersFile      the user file, or {@code null}.
     * @param auditDirectory the audit log's directory, or {@code null}.
     */
    public GatewaySecurityConfig(final Path usersFile, final Path auditDirectory)
    {
        this(usersFile, auditDirectory, null);
    }

    /**
     * @param dataDirectory the venue's data directory (where its journal is).
     * @return these settings, checkpointing the audit chain into {@code audit-checkpoints} of that directory when
     * there is an audit log and no other place was configured.
     */
    public GatewaySecurityConfig withCheckpointsIn(final Path dataDirectory)
    {
        return auditDirectory == null || auditCheckpoints != null ? this :
            new GatewaySecurityConfig(usersFile, auditDirectory, dataDirectory.resolve("audit-checkpoints"));
    }

    /**
     * @param root   a parsed node configuration.
     * @param source where it came from, for messages.
     * @return the settings ({@link #NONE} when the section is absent or empty).
     * @throws ConfigValidationException when a value is not a string.
     */
    public static GatewaySecurityConfig bind(final Config root, final String source)
    {
        return new GatewaySecurityConfig(path(root, source, "gateways.security.users-file"),
            path(root, source, "gateways.security.audit-directory"),
            path(root, source, "gateways.security.audit-checkpoints"));
    }

    private static Path path(final Config root, final String source, final String key)
    {
        try
        {
            if (!root.hasPath(key) || root.getString(key).isBlank())
            {
                return null;
            }
            return Path.of(root.getString(key).trim());
        }
        catch (final ConfigException | IllegalArgumentException ex)
        {
            throw new ConfigValidationException(source, List.of(
                new ConfigError(key, "?", "a file or directory path")));
        }
    }
}
