package io.disruptorx.core.config;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;

/**
 * Loads a HOCON ({@code .conf}) or properties ({@code .properties}) file, applies environment overrides and binds
 * the result to a record.
 * <p>
 * Overrides: every environment variable starting with the prefix (default {@code DX_}) overrides a key. The rest of
 * the name is lower-cased, {@code __} becomes {@code -} and {@code _} becomes {@code .}: {@code DX_BUS_RING__SIZE}
 * sets {@code bus.ring-size}. Values are parsed like HOCON values (numbers, durations, strings).
 */
public final class ConfigLoader
{
    /** Prefix of overriding environment variables. */
    public static final String DEFAULT_ENV_PREFIX = "DX_";
    /** How the origin of an environment override is described ({@code ConfigOrigin.description()} starts so). */
    public static final String ENVIRONMENT_ORIGIN = "environment";

    private final Map<String, String> environment;
    private final String prefix;

    /**
     * A loader reading the process environment.
     */
    public ConfigLoader()
    {
        this(System.getenv(), DEFAULT_ENV_PREFIX);
    }

    /**
     * @param environment variables to read overrides from (tests pass a map).
     * @param prefix      prefix of overriding variables.
     */
    public ConfigLoader(final Map<String, String> environment, final String prefix)
    {
        this.environment = Map.copyOf(environment);
        this.prefix = prefix;
    }

    /**
     * @param file   the file.
     * @param binder validates into a record.
     * @param <T>    record type.
     * @return the validated record.
     * @throws ConfigValidationException if the file is unreadable or invalid.
     */
    public <T> T load(final Path file, final ConfigBinder<T> binder)
    {
        final Config config = parse(file);
        return binder.bind(new ConfigReader(config, file.toString()));
    }

    /**
     * @param file the file.
     * @return the parsed configuration with overrides applied and substitutions resolved.
     */
    public Config parse(final Path file)
    {
        final String name = file.getFileName().toString();
        final ConfigSyntax syntax = name.endsWith(".properties") ? ConfigSyntax.PROPERTIES : ConfigSyntax.CONF;
        try
        {
            if (!Files.isRegularFile(file))
            {
                throw new ConfigValidationException(file.toString(),
                    new FileNotFoundException("no such file"));
            }
            final String text = Files.readString(file);
            final Config fromFile = ConfigFactory.parseString(text,
                ConfigParseOptions.defaults().setSyntax(syntax).setOriginDescription(file.toString()));
            return overrides().withFallback(fromFile).resolve();
        }
        catch (final ConfigException | IOException | IllegalArgumentException ex)
        {
            // IllegalArgumentException: java.util.Properties, which reads .properties files, refuses a malformed
            // backslash-u escape with it
            throw new ConfigValidationException(file.toString(), ex);
        }
    }

    private Config overrides()
    {
        final StringBuilder hocon = new StringBuilder();
        for (final Map.Entry<String, String> entry : environment.entrySet())
        {
            if (entry.getKey().startsWith(prefix) && entry.getKey().length() > prefix.length())
            {
                final String key = entry.getKey().substring(prefix.length()).toLowerCase(Locale.ROOT)
                    .replace("__", "-").replace('_', '.');
                hocon.append(key).append(" = ").append(quoteIfNeeded(entry.getValue())).append('\n');
            }
        }
        if (hocon.length() == 0)
        {
            return ConfigFactory.empty();
        }
        return ConfigFactory.parseString(hocon.toString(),
            ConfigParseOptions.defaults().setOriginDescription(ENVIRONMENT_ORIGIN + " (" + prefix + "*)"));
    }

    private static String quoteIfNeeded(final String value)
    {
        if (value.matches("[A-Za-z0-9_.+-]+( ?[a-z]+)?"))
        {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
