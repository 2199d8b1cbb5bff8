package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import com.typesafe.config.ConfigFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} and {@code --print-defaults} options of the commands that run from a configuration file
 * ({@code dx node}, {@code dx cluster-node}, {@code dx cluster-gateway}), mixed in with picocli's {@code @Mixin}.
 */
public final class ConfigFileOptions
{
    @Option(names = "--config", paramLabel = "FILE", description = "HOCON (or .properties) file.")
    private Path configFile;

    @Option(names = "--print-defaults", description = "Print the default configuration and exit.")
    private boolean printDefaults;

    /**
     * @return the file given with {@code --config}, or {@code null}.
     */
    public Path configFile()
    {
        return configFile;
    }

    /**
     * Prints the defaults when {@code --print-defaults} was given, or says that {@code --config} is missing.
     *
     * @param spec     the command's spec, for its output and error writers.
     * @param command  the command as the user typed it, e.g. {@code dx node}.
     * @param defaults the class path resource with the defaults.
     * @return the exit code if the command is done (0 after printing the defaults, 2 without a file), or -1 when it
     * has a file to run from.
     */
    public int printDefaultsOrRequireFile(final CommandSpec spec, final String command, final String defaults)
    {
        if (printDefaults)
        {
            final PrintWriter out = spec.commandLine().getOut();
            out.print(ConfigFactory.parseResources(defaults).root().render());
            out.flush();
            return 0;
        }
        if (configFile == null)
        {
            spec.commandLine().getErr().println(command +
                ": --config FILE is required (see --print-defaults for every key)");
            return 2;
        }
        return -1;
    }
}
