package io.disruptorx.node.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.aeron.cluster.service.Cluster;
import io.disruptorx.cluster.ClockStepProperties;
import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.cluster.ClusterProbe;
import io.disruptorx.cluster.ClusterStartup;
import io.disruptorx.cluster.ClusterTimeouts;
import io.disruptorx.cluster.MemberAddress;
import io.disruptorx.cluster.MemberDiagnostics;
import io.disruptorx.cluster.MemberStatus;

/**
 * A cluster of member processes on this host ({@code dx cluster-node}, one JVM each), laid out in one directory:
 * {@code member-N.conf} (its settings), {@code member-N/} (its data), {@code member-N.log} (its output). Member i
 * uses ports {@code basePort + 10 i} to {@code + 3} and its feed {@code basePort + 100 + 10 i} to {@code + 2}; its
 * feed line goes to the given destinations (line A from member 0, B from member 1, C from member 2). Members get
 * this JVM's Aeron liveness timeouts and cluster clock choice when it has them ({@link ClockStepProperties}).
 */
public final class LocalCluster implements AutoCloseable
{
    private static final List<String> CLUSTER_NODE = List.of("io.disruptorx.node.cli.Dx", "cluster-node");
    /** Members run in sessions of their own, so Ctrl-C in the launcher's terminal reaches only the launcher. */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    /** JVM flags Aeron needs on JDK 17+. */
    private static final List<String> AERON_FLAGS = List.of(
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.base/java.util.zip=ALL-UNNAMED");

    private final Path directory;
    private final int size;
    private final Process[] processes;
    /** The members' settings as written to their files, read back once: polls ask for them every few ms. */
    private final ClusterMemberConfig[] configs;
    private final List<String> jvmOptions;
    private final IntFunction<List<String>> prefix;
    private List<String> mainCommand = CLUSTER_NODE;

    /**
     * Lays out the directory for members on loopback (member files are rewritten, data is kept).
     *
     * @param directory    the cluster's directory.
     * @param size         members.
     * @param basePort     first port.
     * @param timeouts     consensus timeouts.
     * @param lines        per member, its feed line's unicast destinations.
     * @param jvmOptions   extra JVM options for the members (heap, GC).
     */
    public LocalCluster(
        final Path directory,
        final int size,
        final int basePort,
        final ClusterTimeouts timeouts,
        final List<List<InetSocketAddress>> lines,
        final List<String> jvmOptions)
    {
        this(directory, Collections.nCopies(size, "localhost"), basePort, timeouts, lines, jvmOptions,
            (id) -> List.of());
    }

    /**
     * Lays out the directory (member files are rewritten, data is kept).
     *
     * @param directory  the cluster's directory.
     * @param hosts      per member, the address it listens on (its feed binds there too).
     * @param basePort   first port.
     * @param timeouts   consensus timeouts.
     * @param lines      per member, its feed line's unicast destinations.
     * @param jvmOptions extra JVM options for the members (heap, GC).
     * @param prefix     per member, what its command line starts with (e.g. {@code ip netns exec NS}).
     */
    public LocalCluster(
        final Path directory,
        final List<String> hosts,
        final int basePort,
        final ClusterTimeouts timeouts,
        final List<List<InetSocketAddress>> lines,
        final List<String> jvmOptions,
        final IntFunction<List<String>> prefix)
    {
        this.directory = directory.toAbsolutePath();
        this.size = hosts.size();
        this.processes = new Process[size];
        this.configs = new ClusterMemberConfig[size];
        this.jvmOptions = List.copyOf(jvmOptions);
        this.prefix = prefix;
        final List<MemberAddress> members = new ArrayList<>();
        for (int i = 0; i < size; i++)
        {
            members.add(new MemberAddress(i, hosts.get(i), basePort + 10 * i));
        }
        for (int i = 0; i < size; i++)
        {
            ClusterConfigFile.write(configFile(i), i, members, this.directory.resolve("member-" + i), timeouts,
                basePort + 100 + 10 * i, i < lines.size() ? lines.get(i) : List.of());
            configs[i] = ClusterConfigFile.load(configFile(i));
        }
    }

    /**
     * @param directory a local cluster's directory.
     * @return the settings of its members (from their files), in id order.
     */
    public static List<ClusterMemberConfig> configs(final Path directory)
    {
        final List<ClusterMemberConfig> configs = new ArrayList<>();
        for (int i = 0; Files.exists(directory.resolve("member-" + i + ".conf")); i++)
        {
            configs.add(ClusterConfigFile.load(directory.resolve("member-" + i + ".conf")));
        }
        return configs;
    }

    /**
     * @param port a feed line subscriber's port.
     * @return it on loopback.
     */
    public static InetSocketAddress loopback(final int port)
    {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /**
     * Runs another main class as the members (it takes {@code --config FILE} like {@code dx cluster-node}); call
     * before the first start.
     *
     * @param mainClassAndArguments the class and its arguments before {@code --config FILE}.
     * @return this.
     */
    public LocalCluster runs(final List<String> mainClassAndArguments)
    {
        this.mainCommand = List.copyOf(mainClassAndArguments);
        return this;
    }

    /**
     * @return the directory.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * @return members.
     */
    public int size()
    {
        return size;
    }

    /**
     * @param memberId a member.
     * @return its settings file.
     */
    public Path configFile(final int memberId)
    {
        return directory.resolve("member-" + memberId + ".conf");
    }

    /**
     * @param memberId a member.
     * @return its settings, as this cluster wrote them to its file.
     */
    public ClusterMemberConfig config(final int memberId)
    {
        return configs[memberId];
    }

    /**
     * @return what every member's ingress is, for clients.
     */
    public String ingressEndpoints()
    {
        return ClusterMemberConfig.ingressEndpoints(config(0).members());
    }

    /**
     * Starts a member's process (output appended to {@code member-N.log}).
     *
     * @param memberId the member.
     * @return its process.
     */
    public synchronized Process start(final int memberId)
    {
        if (processes[memberId] != null && processes[memberId].isAlive())
        {
            throw new IllegalStateException("member " + memberId + " is running");
        }
        final List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID))
        {
            command.add(SETSID.toString());
        }
        command.addAll(prefix.apply(memberId));
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(AERON_FLAGS);
        command.addAll(jvmOptions);
        command.addAll(ClockStepProperties.jvmOptions());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(mainCommand);
        command.add("--config");
        command.add(configFile(memberId).toString());
        final File log = directory.resolve("member-" + memberId + ".log").toFile();
        try
        {
            processes[memberId] = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                .start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return processes[memberId];
    }

    /**
     * Starts every member: a quorum first, then each other one once those running agree on a leader, so that no
     * start-up election has more than a quorum in it; a member still in its election after
     * {@link ClusterStartup#JOIN_LIMIT} is stopped and started again once, which is printed ({@link ClusterStartup}
     * says why).
     *
     * @param timeout longest wait for each step's agreement after that.
     * @return the leader the members agree on.
     * @throws IllegalStateException when a step's members do not agree in time (with their statuses and error logs).
     */
    public int startAll(final Duration timeout)
    {
        return ClusterStartup.startAll(size, new ClusterStartup.Members()
        {
            @Override
            public void start(final int memberId)
            {
                LocalCluster.this.start(memberId);
            }

            @Override
            public void stop(final int memberId)
            {
                LocalCluster.this.stop(memberId);
            }

            @Override
            public MemberStatus status(final int memberId)
            {
                return ClusterProbe.status(config(memberId));
            }

            @Override
            public String diagnostics(final int memberId)
            {
                return MemberDiagnostics.errorLogs(config(memberId)) + "output: " +
                    directory.resolve("member-" + memberId + ".log") + "\n";
            }
        }, ClusterStartup.JOIN_LIMIT, timeout, System.out);
    }

    /**
     * Waits until every member whose process runs is up, out of its election and in one term with the others,
     * exactly one of them leading.
     *
     * @param timeout longest wait.
     * @return the leader.
     * @throws IllegalStateException when they do not agree in time (with their statuses).
     */
    public int awaitAgreement(final Duration timeout)
    {
        return ClusterStartup.awaitAgreement(this::runningStatuses, timeout);
    }

    /**
     * @return the statuses of the members whose processes run, in id order.
     */
    public List<MemberStatus> runningStatuses()
    {
        final List<MemberStatus> running = new ArrayList<>();
        for (int i = 0; i < size; i++)
        {
            if (alive(i))
            {
                running.add(ClusterProbe.status(config(i)));
            }
        }
        return running;
    }

    /**
     * @param memberId a member.
     * @return its process, or null if it was never started here.
     */
    public synchronized Process process(final int memberId)
    {
        return processes[memberId];
    }

    /**
     * @param memberId a member.
     * @return whether its process runs.
     */
    public synchronized boolean alive(final int memberId)
    {
        return processes[memberId] != null && processes[memberId].isAlive();
    }

    /**
     * Kills a member with SIGKILL and waits for it to be gone.
     *
     * @param memberId the member.
     */
    public void kill(final int memberId)
    {
        final Process process = process(memberId);
        if (process != null)
        {
            process.destroyForcibly();
            waitFor(process, 30);
        }
    }

    /**
     * Stops a member with SIGTERM (it closes cleanly) and waits.
     *
     * @param memberId the member.
     */
    public void stop(final int memberId)
    {
        final Process process = process(memberId);
        if (process != null && process.isAlive())
        {
            process.destroy();
            if (!waitFor(process, 30))
            {
                process.destroyForcibly();
                waitFor(process, 30);
            }
        }
    }

    /**
     * @return every member's status, from its counters.
     */
    public List<MemberStatus> status()
    {
        final List<MemberStatus> statuses = new ArrayList<>();
        for (int i = 0; i < size; i++)
        {
            statuses.add(ClusterProbe.status(config(i)));
        }
        return statuses;
    }

    /**
     * @return the id of the single running member that leads, or -1.
     */
    public int leader()
    {
        int leader = -1;
        for (final MemberStatus status : status())
        {
            if (status.running() && status.role() == Cluster.Role.LEADER && alive(status.memberId()))
            {
                if (leader != -1)
                {
                    return -1;
                }
                leader = status.memberId();
            }
        }
        return leader;
    }

    @Override
    public void close()
    {
        for (int i = 0; i < size; i++)
        {
            final Process process = process(i);
            if (process != null && process.isAlive())
            {
                process.destroy();
            }
        }
        for (int i = 0; i < size; i++)
        {
            final Process process = process(i);
            if (process != null && !waitFor(process, 30))
            {
                process.destroyForcibly();
                waitFor(process, 30);
            }
        }
    }

    private static boolean waitFor(final Process process, final int seconds)
    {
        try
        {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
