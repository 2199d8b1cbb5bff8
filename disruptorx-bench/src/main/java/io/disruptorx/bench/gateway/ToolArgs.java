package io.disruptorx.bench.gateway;

import picocli.CommandLine;

/**
 * The arguments of the gateway legs' profiling tools ({@link BinaryLegBench}, {@link FixLegBench},
 * {@link JsonLegBench}): parsed into the tool's picocli options object; a bad argument ends the tool with the reason
 * and the usage on stderr, status 2.
 */
final class ToolArgs
{
    private ToolArgs()
    {
    }

    static <T> T parse(final T options, final String[] args)
    {
        final CommandLine line = new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true);
        try
        {
            line.parseArgs(args);
            return options;
        }
        catch (final CommandLine.ParameterException e)
        {
            System.err.println(e.getMessage());
            line.usage(System.err);
            System.exit(2);
            return options;
        }
    }
}
