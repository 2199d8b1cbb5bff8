package io.disruptorx.core.config;

/**
 * Turns a parsed configuration into an immutable record, reporting problems through the reader.
 *
 * @param <T> the record type.
 */
@FunctionalInterface
public interface ConfigBinder<T>
{
    /**
     * @param reader typed, validating access; end with {@code reader.finish(result)}.
     * @return the validated record.
     * @throws ConfigValidationException listing every problem.
     */
    T bind(ConfigReader reader);
}
