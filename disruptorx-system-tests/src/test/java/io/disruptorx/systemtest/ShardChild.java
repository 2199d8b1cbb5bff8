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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.disruptorx.node.cli.Dx;

/**
 * A {@code dx} command in a JVM of its own ({@code dx shard-host}, {@code dx shard-gateway}): its standard output
 * read line by line, waited on for a line that matches, and stopped with SIGTERM (the command's shutdown hook
 * stops it cleanly).
 */
final class ShardChild implements AutoCloseable
{
    private static final List<String> JVM_FLAGS = List.of(
        "-Xmx256m",
        "-XX:+UseSerialGC",
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.base/java.util.zip=ALL-UNNAMED");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private ShardChild(final Process process)
    {
        this.process = process;
        final Thread reader = new Thread(this::readStdout, "shard-child-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static ShardChild start(final List<String> dxArgs, final Path stderr)
    {
        final String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-cp", classPath, Dx.class.getName()));
        command.addAll(dxArgs);
        try
        {
            return new ShardChild(new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
                .start());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start dx " + dxArgs, ex);
        }
    }

    /**
     * @return the first group of the first line (from now on) that matches, within 60 s.
     */
    String await(final Pattern pattern) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline)
        {
            final String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null)
            {
                seen.add(line);
                final Matcher matcher = pattern.matcher(line);
                if (matcher.find())
                {
                    return matcher.group(1);
                }
            }
            else if (!process.isAlive())
            {
                break;
            }
        }
        throw new AssertionError("dx printed no line matching " + pattern + "; it printed " + seen);
    }

    /**
     * Stops it with SIGTERM and waits for it to end.
     *
     * @return its exit value.
     */
    int stop() throws InterruptedException
    {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new AssertionError("dx " + process.pid() + " did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close()
    {
        process.destroyForcibly();
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
    }
}
