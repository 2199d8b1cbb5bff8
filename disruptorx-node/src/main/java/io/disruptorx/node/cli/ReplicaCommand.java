package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.PassiveReplica;
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
        "becomes the active node from its hot engine, without replaying the journal. Ctrl-C stops it."})
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
        final Thread hook = new Thread(() ->
        {
            stop.countDown();
            try
            {
                stopped.await(1, TimeUnit.MINUTES);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "dx-replica-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (PassiveReplica replica = PassiveReplica.start(settings.node()))
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
                    runPromoted(replica, out, stop);
                    return 0;
                }
            }
        }
        finally
        {
            stopped.countDown();
        }
        return 0;
    }

    private static void runPromoted(final PassiveReplica replica, final PrintWriter out, final CountDownLatch stop)
        throws InterruptedException
    {
        try (EmbeddedNode node = replica.promote(Duration.ofSeconds(30), null, null))
        {
            out.printf(Locale.ROOT, "dx replica: promoted: active node from journal sequence %d " +
                "(%,d commands replayed); Ctrl-C stops it with a final snapshot%n",
                node.recoveredSequence(), node.replayedCommands());
            out.flush();
            stop.await();
        }
    }
}
