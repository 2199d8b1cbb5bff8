package io.disruptorx.systemtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM (one run of {@link CrashTestNode}, or another test node): starts it, reads its stdout lines on a
 * thread (so the pipe never fills), sends its stderr to a file, writes lines to its stdin, and kills it with
 * SIGKILL.
 */
final class ChildNode
{
    private static final String END_OF_OUTPUT = "\u0000end";
    /**
     * A child lives a second or so under a paced flow: C1 alone compiles enough of it and leaves the two cores to the
     * start (READY comes sooner; the child's paced order flow is the same).
     */
    private static final List<String> JVM_FLAGS = List.of(
        "-Xmx256m",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.base/java.util.zip=ALL-UNNAMED");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> received = new ArrayList<>();
    private final Thread reader;
    private boolean ended;

    private ChildNode(final Process process)
    {
        this.process = process;
        this.reader = new Thread(this::readStdout, "child-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param dataDirectory the node's data directory.
     * @param stderr        file the child's stderr goes to.
     * @param seed          seed of the child's order flow.
     * @param firstId       first client order id the child may use.
     * @return the started child.
     */
    static ChildNode start(final Path dataDirectory, final Path stderr, final long seed, final long firstId)
    {
        return start(CrashTestNode.class, List.of("--data-dir", dataDirectory.toString(), "--seed",
            Long.toString(seed), "--first-id", Long.toString(firstId)), stderr);
    }

    /**
     * @param main      the class whose main method the child runs.
     * @param arguments its arguments.
     * @param stderr    file the child's stderr goes to.
     * @return the started child.
     */
    static ChildNode start(final Class<?> main, final List<String> arguments, final Path stderr)
    {
        return start(javaCommand(main, arguments), stderr);
    }

    /**
     * @param main      the class whose main method the child runs.
     * @param arguments its arguments.
     * @return the command line of a JVM on the test class path running it.
     */
    static List<String> javaCommand(final Class<?> main, final List<String> arguments)
    {
        final String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-cp");
        command.add(classPath);
        command.add(main.getName());
        command.addAll(arguments);
        return command;
    }

    /**
     * @param command     a command line.
     * @param stderr      file the child's stderr goes to.
     * @param environment variables to set, as name, value, name, value...
     * @return the started child.
     */
    static ChildNode start(final List<String> command, final Path stderr, final String... environment)
    {
        final ProcessBuilder builder = new ProcessBuilder(command);
        for (int i = 0; i + 1 < environment.length; i += 2)
        {
            builder.environment().put(environment[i], environment[i + 1]);
        }
        builder
            .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
            .redirectInput(ProcessBuilder.Redirect.PIPE);
        try
        {
            return new ChildNode(builder.start());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + command, ex);
        }
    }

    /**
     * @return the child's process id.
     */
    long pid()
    {
        return process.pid();
    }

    /**
     * Waits for the next line.
     *
     * @param deadlineNanos {@link System#nanoTime()} to give up at.
     * @return the line, or {@code null} at the deadline or when the output has ended.
     */
    String nextLine(final long deadlineNanos)
    {
        if (ended)
        {
            return null;
        }
        final long remaining = deadlineNanos - System.nanoTime();
        final String line;
        try
        {
            line = remaining <= 0 ? lines.poll() : lines.poll(remaining, TimeUnit.NANOSECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a child", ex);
        }
        if (END_OF_OUTPUT.equals(line))
        {
            ended = true;
            return null;
        }
        if (line != null)
        {
            received.add(line);
        }
        return line;
    }

    /**
     * Sends one line to the child's stdin.
     *
     * @param line the line.
     */
    void send(final String line)
    {
        try
        {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            process.getOutputStream().flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write to child " + process.pid(), ex);
        }
    }

    /**
     * Waits for the child to exit by itself.
     *
     * @param timeoutNanos how long to wait.
     * @return its exit value.
     */
    int awaitExit(final long timeoutNanos)
    {
        final int exit = awaitExit(System.nanoTime() + timeoutNanos, "exit");
        final long deadline = System.nanoTime() + timeoutNanos;
        while (!ended && System.nanoTime() < deadline)
        {
            nextLine(deadline);
        }
        return exit;
    }

    /**
     * @return whether the child closed its stdout (it died or exited).
     */
    boolean ended()
    {
        return ended;
    }

    /**
     * @return every line read so far, in order.
     */
    List<String> received()
    {
        return received;
    }

    /**
     * Kills the child with SIGKILL, waits for it to die and reads what it printed before dying. The signal goes
     * through {@link ProcessHandle#destroyForcibly()} (SIGKILL on Linux) rather than
     * {@link Process#destroyForcibly()}, which would also close our end of its stdout and lose the reports still
     * in the pipe.
     *
     * @param timeoutNanos how long to wait for death and for the end of its output.
     * @return the exit value: 137 (128 + SIGKILL) when the signal killed it.
     */
    int kill(final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        process.toHandle().destroyForcibly();
        final int exit = awaitExit(deadline, "die after SIGKILL");
        while (!ended && System.nanoTime() < deadline)
        {
            nextLine(deadline);
        }
        if (!ended)
        {
            throw new AssertionError("stdout of killed crash test node " + process.pid() + " did not end in time");
        }
        return exit;
    }

    /**
     * Kills the child if it still runs (cleanup after a failure).
     */
    void destroy()
    {
        process.destroyForcibly();
    }

    private int awaitExit(final long deadline, final String what)
    {
        try
        {
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS))
            {
                throw new AssertionError("child " + process.pid() + " did not " + what + " in time");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a child", ex);
        }
        return process.exitValue();
    }

    private void readStdout()
    {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII)))
        {
            String line;
            while ((line = in.readLine()) != null)
            {
                lines.add(line);
            }
        }
        catch (final IOException ex)
        {
            lines.add("IOERROR " + ex);
        }
        finally
        {
            lines.add(END_OF_OUTPUT);
        }
    }
}
