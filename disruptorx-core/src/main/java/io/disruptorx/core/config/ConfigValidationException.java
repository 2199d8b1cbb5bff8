package io.disruptorx.core.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that does not validate; the message lists every bad key, its value and what was expected.
 */
public final class ConfigValidationException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigError> errors;

    /**
     * @param source where the configuration came from.
     * @param errors every problem found.
     */
    public ConfigValidationException(final String source, final List<ConfigError> errors)
    {
        super("invalid configuration " + source + ":\n  "
            + errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n  ")));
        this.errors = List.copyOf(errors);
    }

    /**
     * @param source where the configuration came from.
     * @param cause  why it could not even be parsed.
     */
    public ConfigValidationException(final String source, final Throwable cause)
    {
        super("unreadable configuration " + source + ": " + cause.getMessage(), cause);
        this.errors = List.of(
            new ConfigError("<file>", source, "parseable HOCON or properties: " + cause.getMessage()));
    }

    /**
     * @return the problems.
     */
    public List<ConfigError> errors()
    {
        return errors;
    }
}
