package io.disruptorx.node.cluster;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.node.cli.ShutdownHook;
import io.disruptorx.node.http.NodeHttpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dx cluster dashboard --http HOST:PORT}: the dashboard of a cluster, the members side by side, until Ctrl-C
 * or {@code --duration}: members on this host read through their media drivers ({@link ClusterMembersHttp}), or,
 * when the {@code --config} files list the members' HTTP servers ({@code cluster.members-http}), members anywhere
 * asked over HTTP ({@link RemoteMembers}).
 */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description = {"Serves the dashboard of a cluster: the members side by side (role, term, commit position, lag),",
        "leader changes marked; also /metrics, /health and /api/members. Members on this host are read through",
        "their media drivers; with member files that list cluster.members-http, every member is asked over HTTP."})
public final class ClusterDashboardCommand extends ClusterMembersCommand
{
    @Option(names = "--http", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8090",
        description = "Where to listen (default ${DEFAULT-VALUE}; port 0 picks a free port).")
    private String http;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
        description = "Seconds to serve; 0 serves until Ctrl-C (default ${DEFAULT-VALUE}).")
    private int seconds;

    @Override
    int call(final List<ClusterMemberConfig> configs)
    {
        final InetSocketAddress address;
        try
        {
            address = ClusterNodeCommand.address(http);
        }
        catch (final IllegalArgumentException ex)
        {
            say("--http " + ex.getMessage());
            return 2;
        }
        final CountDownLatch stop = new CountDownLatch(1);
        final CountDownLatch stopped = new CountDownLatch(1);
        final List<String> remote = membersHttp();
        try (ShutdownHook hook = ShutdownHook.stopAndWait("dx-cluster-dashboard-stop", stop, stopped);
            AutoCloseable server = remote.isEmpty() ? ClusterMembersHttp.serve(configs, address) :
                RemoteMembers.serve(remote, address))
        {
            final int port = server instanceof RemoteMembers.Served served ? served.port() :
                ((NodeHttpServer)server).port();
            say(String.format(Locale.ROOT, "%d members%s, dashboard http://%s:%d/dashboard/",
                remote.isEmpty() ? configs.size() : remote.size(),
                remote.isEmpty() ? "" : " asked over HTTP at " + String.join(", ", remote),
                address.getHostString(), port));
            if (seconds > 0)
            {
                stop.await(seconds, TimeUnit.SECONDS);
            }
            else
            {
                stop.await();
            }
            return 0;
        }
        catch (final UncheckedIOException ex)
        {
            say(ex.getMessage());
            return 1;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return 1;
        }
        catch (final Exception ex)
        {
            say(ex.toString());
            return 1;
        }
        finally
        {
            stopped.countDown();
        }
    }
}
