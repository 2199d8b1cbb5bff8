package io.disruptorx.bench.cluster;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.disruptorx.cluster.ClusterMember;
import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.node.cluster.ClusterConfigFile;

/**
 * One member of the echo anchor cluster, in its own JVM: the same member file and launcher as
 * {@code dx cluster-node}, running {@link EchoService} instead of the engine. Runs until SIGTERM.
 */
public final class EchoMember
{
    private EchoMember()
    {
    }

    /**
     * @param args {@code --config FILE}.
     * @throws InterruptedException if interrupted while running.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        if (args.length != 2 || !"--config".equals(args[0]))
        {
            System.err.println("usage: EchoMember --config FILE");
            System.exit(2);
        }
        final ClusterMemberConfig config = ClusterConfigFile.load(Path.of(args[1]));
        final CountDownLatch stop = new CountDownLatch(1);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            stop.countDown();
            try
            {
                stopped.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }));
        try (ClusterMember member = ClusterMember.launch(config, System.err, new EchoService()))
        {
            System.out.println("echo member " + config.memberId() + " up");
            stop.await();
        }
        finally
        {
            stopped.countDown();
        }
    }
}
