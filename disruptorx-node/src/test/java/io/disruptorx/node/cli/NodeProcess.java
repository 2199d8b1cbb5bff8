package io.disruptorx.node.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code dx node --config FILE} in a JVM of its own on this module's test class path, its standard output read line
 * by line; closing it sends SIGTERM, which stops it cleanly (its exit code is then kept).
 */
final class NodeProcess implements AutoCloseable
{
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private NodeProcess(final Process process)
    {
        this.process = process;
        final Thread reader = new Thread(this::read, "dx-node-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param config the node's configuration file.
     * @param stderr where its standard error goes (appended).
     * @return the running process.
     * @throws IOException when it cannot be started.
     */
    static NodeProcess start(final Path config, final Path stderr) throws IOException
    {
        final String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        final List<String> command = List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.zip=ALL-UNNAMED",
            "-cp", classPath, "io.disruptorx.node.cli.Dx", "node", "--config", config.toString());
        return new NodeProcess(new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile())).start());
    }

    /**
     * @param text      what a line must contain.
     * @param timeoutMs longest wait.
     * @return every line up to and including it.
     * @throws InterruptedException when interrupted.
     * @throws AssertionError       when no such line came in time, or the process ended.
     */
    List<String> awaitLine(final String text, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline)
        {
            final String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null)
            {
                seen.add(line);
                if (line.contains(text))
                {
                    return List.copyOf(seen);
                }
            }
            else if (!process.isAlive())
            {
                break;
            }
        }
        throw new AssertionError("no line with \"" + text + "\" from dx node (alive " + process.isAlive() + "): " +
            seen);
    }

    /**
     * Stops it with SIGTERM and waits.
     *
     * @return its exit code.
     * @throws InterruptedException when interrupted.
     */
    int stop() throws InterruptedException
    {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    private void read()
    {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                lines.add(line);
            }
        }
        catch (final IOException ex)
        {
            lines.add("(stdout unreadable: " + ex.getMessage() + ")");
        }
    }

    @Override
    public void close() throws InterruptedException
    {
        if (process.isAlive())
        {
            stop();
        }
    }
}
