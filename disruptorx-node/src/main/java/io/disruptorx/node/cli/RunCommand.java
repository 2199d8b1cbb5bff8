package io.disruptorx.node.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.EngineListenerTee;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.PostOnlyMode;
import io.disruptorx.node.text.CommandFileParser;
import io.disruptorx.node.text.CommandLineError;
import io.disruptorx.node.text.JsonLinesEventWriter;
import io.disruptorx.node.text.RejectTally;
import io.disruptorx.node.text.TextCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dx run}: applies a text command file to a new engine and writes every event as JSON lines, then says on
 * stderr what it applied and what the engine rejected, by reason.
 *
 * <p>Every problem with the files is one line on stderr and exit code 2, with nothing applied or written: a missing
 * or unreadable input, a malformed line (binary data included), an output in a directory that does not exist or
 * onto a directory. The output is written to a temporary file beside it and moved into place; both are created
 * like any new file, so they follow the umask.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the engine over a command file, writing events as JSON lines.",
        "The file is checked in full first: a malformed line stops the run with its line number and reason,",
        "and nothing is applied or written. The run ends with a count of what the engine rejected, by reason.",
        "The format is in the README."})
public final class RunCommand implements Callable<Integer>
{
    private static final int BAD_INPUT = 2;

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
    public Integer call()
    {
        final PrintWriter err = spec.commandLine().getErr();
        final List<TextCommand> commands;
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8))
        {
            commands = CommandFileParser.parse(reader);
        }
        catch (final NoSuchFileException ex)
        {
            return fail(err, "no such file: " + input);
        }
        catch (final CommandLineError ex)
        {
            return fail(err, input + ":" + ex.lineNumber() + ": " +
                ex.getMessage().substring(ex.getMessage().indexOf(':') + 2) + " (nothing was applied)");
        }
        catch (final IOException ex)
        {
            return fail(err, "cannot read " + input + ": " + describe(ex));
        }

        final String problem = "-".equals(output) ? null : outputProblem(Path.of(output).toAbsolutePath());
        if (problem != null)
        {
            return fail(err, "--output " + output + ": " + problem + " (nothing was applied)");
        }

        final EngineConfig config = EngineConfig.defaults().withPostOnlyMode(postOnlyMode);
        final RejectTally rejects = new RejectTally();
        final long events;
        try
        {
            events = "-".equals(output) ? toStandardOutput(commands, config, rejects) :
                toFile(commands, config, rejects, Path.of(output).toAbsolutePath());
        }
        catch (final IOException ex)
        {
            return fail(err, "cannot write " + output + ": " + describe(ex));
        }
        catch (final UncheckedIOException ex)
        {
            return fail(err, "cannot write " + output + ": " + describe(ex.getCause()));
        }
        err.println("dx run: applied " + commands.size() + " commands, wrote " + events + " events to " + output);
        err.println("dx run: " + rejects.summary());
        err.flush();
        return 0;
    }

    /**
     * @return why the events cannot go to {@code target}, or {@code null} when they can.
     */
    private static String outputProblem(final Path target)
    {
        if (Files.isDirectory(target))
        {
            return "is a directory; give the path of a file";
        }
        final Path directory = target.getParent();
        if (!Files.isDirectory(directory))
        {
            return Files.exists(directory) ? directory + " is not a directory" : "no such directory: " + directory;
        }
        return null;
    }

    private static long toStandardOutput(
        final List<TextCommand> commands, final EngineConfig config, final RejectTally rejects) throws IOException
    {
        final Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        final long events = apply(commands, config, out, rejects);
        out.flush();
        return events;
    }

    private static long toFile(
        final List<TextCommand> commands, final EngineConfig config, final RejectTally rejects, final Path target)
        throws IOException
    {
        // not Files.createTempFile: it makes the file owner-only, whatever the umask says
        final Path temporary = target.resolveSibling(
            "." + target.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
        final long events;
        try (Writer out = Files.newBufferedWriter(
            temporary, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        {
            events = apply(commands, config, out, rejects);
        }
        catch (final IOException | RuntimeException ex)
        {
            Files.deleteIfExists(temporary);
            throw ex;
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return events;
    }

    private static long apply(
        final List<TextCommand> commands, final EngineConfig config, final Writer out, final RejectTally rejects)
    {
        final JsonLinesEventWriter writer = new JsonLinesEventWriter(out);
        final MatchingEngine engine = new MatchingEngine(config, new EngineListenerTee(writer, rejects));
        for (final TextCommand command : commands)
        {
            command.applyTo(engine);
        }
        return writer.events();
    }

    private static String describe(final IOException ex)
    {
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    }

    private static int fail(final PrintWriter err, final String message)
    {
        err.println("dx run: " + message);
        err.flush();
        return BAD_INPUT;
    }
}
