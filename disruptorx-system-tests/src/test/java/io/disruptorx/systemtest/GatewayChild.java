package io.disruptorx.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.disruptorx.core.process.ChildJvm;
import io.disruptorx.node.cli.Dx;

/**
 * The product's own {@code dx node --config FILE} (or another {@code dx} command that runs a binary gateway, such as
 * {@code dx cluster-gateway}) in a JVM of its own: started, read (for the gateway's port) and killed with SIGKILL.
 */
public final class GatewayChild
{
    private static final Pattern NATIVE_PORT =
        Pattern.compile("binary order entry \\(SoupBinTCP, native SBE\\) on 127\\.0\\.0\\.1:(\\d+)");
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");

    private final ChildJvm child;
    private final int port;

    private GatewayChild(final ChildJvm child, final int port)
    {
        this.child = child;
        this.port = port;
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
        final ChildJvm child;
        try
        {
            child = ChildJvm.start("dx " + dxArgs.get(0),
                ChildJvm.javaCommand(JVM_OPTIONS, ChildJvm.testClassPath(), Dx.class.getName(), dxArgs), null,
                stderr);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start dx " + dxArgs, ex);
        }
        try
        {
            final String port = child.awaitMatch(NATIVE_PORT, TimeUnit.NANOSECONDS.toMillis(timeoutNanos)).group(1);
            return new GatewayChild(child, Integer.parseInt(port));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            destroy(child);
            throw new IllegalStateException(ex);
        }
        catch (final AssertionError ex)
        {
            destroy(child);
            throw ex;
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
        return child.kill();
    }

    /**
     * Kills it and waits for the death.
     */
    public void destroy()
    {
        destroy(child);
    }

    private static void destroy(final ChildJvm child)
    {
        try
        {
            child.kill();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
