package io.disruptorx.node.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.disruptorx.core.process.ChildJvm;

/**
 * {@code dx node --config FILE} in a JVM of its own on this module's test class path, its standard output read line
 * by line; closing it sends SIGTERM, which stops it cleanly (its exit code is then kept).
 */
final class NodeProcess implements AutoCloseable
{
    private final ChildJvm child;

    private NodeProcess(final ChildJvm child)
    {
        this.child = child;
    }

    /**
     * @param config the node's configuration file.
     * @param stderr where its standard error goes (appended).
     * @return the running process.
     * @throws IOException when it cannot be started.
     */
    static NodeProcess start(final Path config, final Path stderr) throws IOException
    {
        return new NodeProcess(ChildJvm.start("dx node", ChildJvm.javaCommand(ChildJvm.testClassPath(),
            Dx.class.getName(), List.of("node", "--config", config.toString())), null, stderr));
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
        return child.awaitLine(text, timeoutMs);
    }

    /**
     * @return what every thread of the node is doing, for a failure message.
     */
    String threadDump()
    {
        return child.threadDump();
    }

    /**
     * Stops it with SIGTERM and waits.
     *
     * @return its exit code.
     * @throws InterruptedException when interrupted.
     */
    int stop() throws InterruptedException
    {
        return child.stop();
    }

    @Override
    public void close() throws InterruptedException
    {
        child.close();
    }
}
