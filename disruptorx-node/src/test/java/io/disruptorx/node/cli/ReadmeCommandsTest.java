package io.disruptorx.node.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's table of `dx` commands names every command and subcommand `dx --help` lists, so a command added
 * without its line in the README fails the build.
 */
class ReadmeCommandsTest
{
    @Test
    void shouldListEveryDxCommandInTheReadme() throws IOException
    {
        final String readme = Files.readString(Path.of("..", "README.md"));
        final List<String> missing = new ArrayList<>();
        for (final Map.Entry<String, CommandLine> command : Dx.commandLine().getSubcommands().entrySet())
        {
            final String name = command.getKey();
            if ("help".equals(name))
            {
                continue;
            }
            if (!readme.contains("./dx " + name))
            {
                missing.add(name);
            }
            for (final String sub : command.getValue().getSubcommands().keySet())
            {
                if (!"help".equals(sub) && !readme.contains(sub))
                {
                    missing.add(name + " " + sub);
                }
            }
        }
        assertThat(missing).as("dx commands the README does not list").isEmpty();
    }
}
