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
 * The product's own {@code dx node --config FILE} (or another {@code dx} command that runs a binary gateway, such as
 * {@code dx cluster-gateway}) in a JVM of its own: started, read (for the gateway's port) and killed with SIGKILL.
 */
public final class GatewayChild
{
    private static final Pattern NATIVE_PORT =
        Pattern.compile("binary order entry \\(SoupBinTCP, native SBE\\) on 127\\.0\\.0\\.1:(\\d+)");
    private static final List<String> JVM_FLAGS = List.of(
        "-Xmx256m",
        "-XX:+UseSerialGC",
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.base/java.util.zip=ALL-UNNAMED");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final int port;

    private GatewayChild(final Process process, final long timeoutNanos)
    {
        this.process = process;
        final Thread reader = new Thread(this::readStdout, "gateway-child-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        this.port = awaitPort(System.nanoTime() + timeoutNanos);
    }

    /**
     * Starts {@code dx node --config config} and waits until its gateway listens.
     */
    static GatewayChild start(final Path config, final Path stderr, final long timeoutNanos)
    {
        return start(List.of("node", "--config", config.toString()), stderr, timeoutNanos);
    }

    /**
     * Starts {@code dx ARGS} and waits until its gateway listens.
     *
     * @param dxArgs       the dx command line.
     * @param stderr       where its standard error goes (appended).
     * @param timeoutNanos longest wait for the gateway's port.
     * @return the running child.
     */
    public static GatewayChild start(final List<String> dxArgs, final Path stderr, final long timeoutNanos)
    {
        final String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-cp", classPath, Dx.class.getName()));
        command.addAll(dxArgs);
        try
        {
            return new GatewayChild(new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
                .start(), timeoutNanos);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start dx " + dxArgs, ex);
        }
    }

    /**
     * @return the gateway's native port.
     */
    public int port()
    {
        return port;
    }

    /**
     * Kills with SIGKILL and waits for the death.
     *
     * @return the exit value (137 when the signal killed it).
     */
    public int kill() throws InterruptedException
    {
        process.toHandle().destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            throw new AssertionError("dx " + process.pid() + " did not die after SIGKILL");
        }
        return process.exitValue();
    }

    /**
     * Kills it without waiting.
     */
    public void destroy()
    {
        process.destroyForcibly();
    }

    private int awaitPort(final long deadline)
    {
        while (System.nanoTime() < deadline)
        {
            final String line;
            try
            {
                line = lines.poll(100, TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
            if (line != null)
            {
                seen.add(line);
                final Matcher matcher = NATIVE_PORT.matcher(line);
                if (matcher.find())
                {
                    return Integer.parseInt(matcher.group(1));
                }
            }
            if (!process.isAlive() && lines.isEmpty())
            {
                break;
            }
        }
        process.destroyForcibly();
        throw new AssertionError("dx did not report its gateway port; it printed " + seen);
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
