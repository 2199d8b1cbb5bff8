package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.PassiveReplica;
import io.disruptorx.node.http.NodeApi;
import io.disruptorx.node.http.NodeHttpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dx replica --config FILE}: a passive replica of the node configured by the same file. It follows the
 * active node's journal with a hot engine and, when the active node stops or dies, takes over as the active
 * node (unless {@code --no-promote}).
 */
@Command(
    name = "replica",
    mixinStandardHelpOptions = true,
    description = {
        "Follows an active node's journal and takes over when it stops.",
        "Run it with the active node's configuration file (same data directory). It prints how far it has",
        "followed every second; when the active node releases the data directory (stopped or killed), it",
        "becomes the active node from its hot engine, without replaying the journal, and serves /metrics and",
        "/health on the configured node.http.port as the active node did. Ctrl-C stops it."})
public final class ReplicaCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The active node's config.")
    private Path configFile;

    @Option(names = "--no-promote", description = "Only follow; never take over.")
    private boolean noPromote;

    @Override
    public Integer call() throws InterruptedException
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final NodeCommand.Settings settings;
        try
        {
            settings = NodeCommand.load(configFile);
        }
        catch (final ConfigValidationException ex)
        {
            err.println("dx replica: " + ex.getMessage());
            return 2;
        }
        final CountDownLatch stop = new CountDownLatch(1);
        final CountDownLatch stopped = new CountDownLatch(1);
        final ShutdownHook hook = ShutdownHook.stopAndWait("dx-replica-stop", stop, stopped);
        try
        {
            return follow(settings, stop, out, err);
        }
        finally
        {
            hook.close();
            stopped.countDown();
        }
    }

    private int follow(
        final NodeCommand.Settings settings, final CountDownLatch stop, final PrintWriter out, final PrintWriter err)
        throws InterruptedException
    {
        final PassiveReplica replica;
        try
        {
            replica = PassiveReplica.start(settings.node());
        }
        catch (final RuntimeException ex)
        {
            return StartupErrors.report(err, "dx replica", ex);
        }
        try (replica)
        {
            out.printf(Locale.ROOT, "dx replica: following %s%n",
                settings.node().dataDirectory().toAbsolutePath());
            out.flush();
            while (!stop.await(1, TimeUnit.SECONDS))
            {
                if (replica.failure() != null)
                {
                    err.println("dx replica: following stopped: " + replica.failure().getMessage());
                }
                final boolean activeRuns = replica.activeIsRunning();
                out.printf(Locale.ROOT, "dx replica: applied journal sequence %d; active node %s%n",
                    replica.appliedSequence(), activeRuns ? "running" : "gone");
                out.flush();
                if (!activeRuns && !noPromote)
                {
                    return runPromoted(replica, settings.httpPort(), stop, out, err);
                }
            }
        }
        return 0;
    }

    /**
     * Becomes the active node and serves HTTP as the active node did, until stopped.
     */
    private static int runPromoted(
        final PassiveReplica replica,
        final int httpPort,
        final CountDownLatch stop,
        final PrintWriter out,
        final PrintWriter err)
        throws InterruptedException
    {
        final EmbeddedNode node;
        try
        {
            node = replica.promote(Duration.ofSeconds(30), null, null);
        }
        catch (final RuntimeException ex)
        {
            return StartupErrors.report(err, "dx replica", ex);
        }
        try (node)
        {
            out.printf(Locale.ROOT, "dx replica: promoted: active node from journal sequence %d " +
                "(%,d commands replayed); Ctrl-C stops it with a final snapshot%n",
                node.recoveredSequence(), node.replayedCommands());
            final NodeHttpServer http;
            try
            {
                http = httpPort < 0 ? null : NodeApi.serve(node, new InetSocketAddress("127.0.0.1", httpPort));
            }
            catch (final UncheckedIOException ex)
            {
                return StartupErrors.report(err, "dx replica", ex);
            }
            if (http != null)
            {
                out.printf(Locale.ROOT, "dx replica: http://127.0.0.1:%d/metrics, /health and /api/trades%n",
                    http.port());
            }
            out.flush();
            try
            {
                stop.await();
            }
            finally
            {
                if (http != null)
                {
                    http.close();
                }
            }
        }
        return 0;
    }
}
