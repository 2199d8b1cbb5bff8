package io.disruptorx.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;

/**
 * One top-level section of a configuration file read over its defaults: what the file wrote, the resolved section,
 * and a reader that has already recorded every key of the section its defaults do not know.
 *
 * @param given  the section as written in the file, keyed by its name.
 * @param config the section over its defaults, resolved.
 * @param reader the validating reader of {@code config}.
 */
public record ConfigSection(Config given, Config config, ConfigReader reader)
{
    /**
     * @param root             a parsed configuration.
     * @param section          the section's name, e.g. {@code gateways}.
     * @param defaultsResource the class path resource holding the section's defaults.
     * @param source           where the configuration came from, for messages.
     * @return the section, or {@code null} when the configuration has none.
     * @throws ConfigValidationException when the section does not parse or resolve.
     */
    public static ConfigSection read(
        final Config root, final String section, final String defaultsResource, final String source)
    {
        if (!root.hasPath(section))
        {
            return null;
        }
        final Config defaults = ConfigFactory.parseResources(defaultsResource);
        final Config given;
        final Config config;
        try
        {
            given = root.getConfig(section).atKey(section);
            config = given.withFallback(defaults).resolve();
        }
        catch (final ConfigException ex)
        {
            throw new ConfigValidationException(source, ex);
        }
        final ConfigReader reader = new ConfigReader(config, source);
        reader.rejectUnknownKeys(given, defaults);
        return new ConfigSection(given, config, reader);
    }
}
