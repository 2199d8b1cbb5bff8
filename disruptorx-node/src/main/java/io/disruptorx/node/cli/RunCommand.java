package io.disruptorx.node.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.PostOnlyMode;
import io.disruptorx.node.text.CommandFileParser;
import io.disruptorx.node.text.CommandLineError;
import io.disruptorx.node.text.JsonLinesEventWriter;
import io.disruptorx.node.text.TextCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dx run}: applies a text command file to a new engine and writes every event as JSON lines.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the engine over a command file, writing events as JSON lines.",
        "The file is checked in full first: a malformed line stops the run with its line number and reason,",
        "and nothing is applied or written. The format is in the README."})
public final class RunCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "Command file.")
    private Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
        description = "Where the JSON lines go ('-' for standard output).")
    private String output;

    @Option(names = "--post-only-mode", paramLabel = "MODE", defaultValue = "REJECT",
        description = "What a post-only order that would trade does: ${COMPLETION-CANDIDATES} " +
            "(default ${DEFAULT-VALUE}).")
    private PostOnlyMode postOnlyMode;

    @Override
    public Integer call() throws IOException
    {
        final PrintWriter err = spec.commandLine().getErr();
        final List<TextCommand> commands;
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8))
        {
            commands = CommandFileParser.parse(reader);
        }
        catch (final NoSuchFileException ex)
        {
            err.println("dx run: no such file: " + input);
            return 2;
        }
        catch (final CommandLineError ex)
        {
            err.println("dx run: " + input + ":" + ex.lineNumber() + ": " +
                ex.getMessage().substring(ex.getMessage().indexOf(':') + 2) + " (nothing was applied)");
            return 2;
        }

        final EngineConfig config = EngineConfig.defaults().withPostOnlyMode(postOnlyMode);
        final long events;
        if ("-".equals(output))
        {
            final Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            events = apply(commands, config, out);
            out.flush();
        }
        else
        {
            final Path target = Path.of(output).toAbsolutePath();
            final Path temporary = Files.createTempFile(target.getParent(), ".dx-run-", ".tmp");
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8))
            {
                events = apply(commands, config, out);
            }
            catch (final IOException | RuntimeException ex)
            {
                Files.deleteIfExists(temporary);
                throw ex;
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        err.println("dx run: applied " + commands.size() + " commands, wrote " + events + " events to " + output);
        err.flush();
        return 0;
    }

    private static long apply(final List<TextCommand> commands, final EngineConfig config, final Writer out)
    {
        final JsonLinesEventWriter writer = new JsonLinesEventWriter(out);
        final MatchingEngine engine = new MatchingEngine(config, writer);
        for (final TextCommand command : commands)
        {
            command.applyTo(engine);
        }
        return writer.events();
    }
}
