package io.disruptorx.cluster;

import java.io.File;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusterClock;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.disruptorx.cluster.service.EngineClusteredService;
import io.disruptorx.cluster.service.ServiceConfig;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.NoOpLock;

/**
 * One cluster member in this process: a media driver, an archive and a consensus module (one clustered media
 * driver), and a service container running the {@link EngineClusteredService}. Sized for small machines: the
 * driver and the archive each run their agents on one shared thread, every agent idles with a backoff strategy
 * (busy-spinning three members on two cores starves them), and the cluster clock counts nanoseconds, like the
 * embedded node's: Aeron's wall-clock one, or the {@link MonotonicClusterClock} when {@code dx.cluster.clock} says
 * so. Aeron's liveness timeouts (media driver, clients) come from Aeron's system properties; the member prints the
 * ones a step of the system clock can trip when it starts.
 */
public final class ClusterMember implements AutoCloseable
{
    private static final int LOG_TERM_LENGTH = 16 * 1024 * 1024;
    private static final int INGRESS_TERM_LENGTH = 4 * 1024 * 1024;

    private final ClusterMemberConfig config;
    private final ClusteredMediaDriver driver;
    private final ClusteredServiceContainer container;
    private final ClusteredService service;
    private final CountDownLatch terminated;
    private final MemberDirectory directory;
    private boolean closed;

    private ClusterMember(
        final ClusterMemberConfig config,
        final ClusteredMediaDriver driver,
        final ClusteredServiceContainer container,
        final ClusteredService service,
        final CountDownLatch terminated,
        final MemberDirectory directory)
    {
        this.directory = directory;
        this.config = config;
        this.driver = driver;
        this.container = container;
        this.service = service;
        this.terminated = terminated;
    }

    /**
     * Starts the member. It joins the others (or waits for them) and takes part in elections on its own.
     *
     * @param config settings.
     * @param log    where errors and warnings go (prefixed with the member id).
     * @return the running member.
     */
    public static ClusterMember launch(final ClusterMemberConfig config, final PrintStream log)
    {
        final ServiceConfig serviceConfig = config.service().stateDumps() == null ?
            config.service().withStateDumps(config.stateDirectory()) : config.service();
        return launch(config, log, new EngineClusteredService(serviceConfig));
    }

    /**
     * Starts a member running another clustered service on the same configuration (a benchmark's echo service,
     * for instance); the service settings in {@code config} are then not used.
     *
     * @param config  settings.
     * @param log     where errors and warnings go.
     * @param service the clustered service.
     * @return the running member.
     */
    public static ClusterMember launch(
        final ClusterMemberConfig config, final PrintStream log, final ClusteredService service)
    {
        final MemberAddress self = config.self();
        final String aeronDir = config.aeronDirectory().toAbsolutePath().toString();
        final ErrorHandler errors = new ErrorLog("member " + config.memberId(), log);
        final CountDownLatch terminated = new CountDownLatch(1);
        final Runnable onTerminate = terminated::countDown;

        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(backoff())
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .errorHandler(errors)
            .terminationHook(onTerminate);

        final Archive.Context archiveContext = new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveId(config.memberId())
            .archiveDir(config.archiveDirectory().toFile())
            .controlChannel("aeron:udp?endpoint=" + self.archiveControl())
            .localControlChannel("aeron:ipc?term-length=64k")
            .replicationChannel("aeron:udp?endpoint=" + self.ephemeral())
            .recordingEventsEnabled(false)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(ClusterMember::backoff)
            .deleteArchiveOnStart(false)
            .errorHandler(errors);

        final AeronArchive.Context localArchive = new AeronArchive.Context()
            .lock(NoOpLock.INSTANCE)
            .controlRequestChannel(archiveContext.localControlChannel())
            .controlResponseChannel(archiveContext.localControlChannel())
            .aeronDirectoryName(aeronDir);

        final ClusterTimeouts timeouts = config.timeouts();
        final ClusterClock clock = MonotonicClusterClock.fromSystemProperty();
        final ConsensusModule.Context consensusContext = new ConsensusModule.Context()
            .aeronDirectoryName(aeronDir)
            .clusterMemberId(config.memberId())
            .agentRoleName(consensusThreadName(config.memberId()))
            .clusterMembers(config.clusterMembersString())
            .clusterDir(config.clusterDirectory().toFile())
            .ingressChannel("aeron:udp?term-length=" + INGRESS_TERM_LENGTH)
            .logChannel("aeron:udp?term-length=" + LOG_TERM_LENGTH)
            .replicationChannel("aeron:udp?endpoint=" + self.ephemeral())
            .archiveContext(localArchive.clone())
            .clusterClock(clock)
            .leaderHeartbeatTimeoutNs(timeouts.leaderHeartbeatTimeout().toNanos())
            .leaderHeartbeatIntervalNs(timeouts.leaderHeartbeatInterval().toNanos())
            .electionTimeoutNs(timeouts.electionTimeout().toNanos())
            .electionStatusIntervalNs(timeouts.electionStatusInterval().toNanos())
            .startupCanvassTimeoutNs(timeouts.startupCanvassTimeout().toNanos())
            .sessionTimeoutNs(timeouts.sessionTimeout().toNanos())
            .terminationTimeoutNs(timeouts.leaderHeartbeatTimeout().toNanos())
            .idleStrategySupplier(ClusterMember::backoff)
            .deleteDirOnStart(false)
            .errorHandler(errors)
            .terminationHook(onTerminate);

        final ClusteredServiceContainer.Context containerContext = new ClusteredServiceContainer.Context()
            .aeronDirectoryName(aeronDir)
            .archiveContext(localArchive.clone())
            .clusterDir(config.clusterDirectory().toFile())
            .clusteredService(service)
            .serviceName(serviceThreadName(config.memberId()))
            .idleStrategySupplier(ClusterMember::backoff)
            .errorHandler(errors)
            .terminationHook(onTerminate);

        final MemberDirectory directory = MemberDirectory.hold(config);
        ClusteredMediaDriver driver = null;
        try
        {
            driver = ClusteredMediaDriver.launch(driverContext, archiveContext, consensusContext);
            final ClusteredServiceContainer container = ClusteredServiceContainer.launch(containerContext);
            log.println("member " + config.memberId() + ": cluster clock " + MonotonicClusterClock.name(clock) +
                ", Aeron driver timeout " + driver.consensusModule().context().aeron().context().driverTimeoutMs() +
                " ms, client liveness timeout " +
                TimeUnit.NANOSECONDS.toMillis(driver.mediaDriver().context().clientLivenessTimeoutNs()) + " ms");
            log.flush();
            return new ClusterMember(config, driver, container, service, terminated, directory);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(driver, () -> closeFeed(service), directory);
            throw ex;
        }
    }

    /**
     * @param memberId a member.
     * @return the name of its consensus module's thread (and Aeron client).
     */
    public static String consensusThreadName(final int memberId)
    {
        return "consensus-module-member-" + memberId;
    }

    /**
     * @param memberId a member.
     * @return the name of its clustered service's thread (and Aeron client).
     */
    public static String serviceThreadName(final int memberId)
    {
        return "clustered-service-member-" + memberId;
    }

    /**
     * @return this member's settings.
     */
    public ClusterMemberConfig config()
    {
        return config;
    }

    /**
     * @return this member's role now, read from the consensus module.
     */
    public Cluster.Role role()
    {
        return Cluster.Role.get(driver.consensusModule().context().clusterNodeRoleCounter());
    }

    /**
     * @return this member's cluster clock now, nanoseconds since the epoch: what it stamps on the log while it leads.
     */
    public long clusterTime()
    {
        final ClusterClock clock = driver.consensusModule().context().clusterClock();
        return clock.timeUnit().toNanos(clock.time());
    }

    /**
     * Waits until a part of the member terminates on its own (the cluster was shut down or this member was
     * removed).
     *
     * @param timeout longest wait.
     * @param unit    its unit.
     * @return whether it terminated.
     * @throws InterruptedException when interrupted.
     */
    public boolean awaitTermination(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return terminated.await(timeout, unit);
    }

    /**
     * Asks for a snapshot: only a leader acts on it.
     *
     * @return whether the request was placed.
     */
    public boolean requestSnapshot()
    {
        return role() == Cluster.Role.LEADER &&
            ClusterControl.ToggleState.SNAPSHOT.toggle(driver.consensusModule().context().controlToggleCounter());
    }

    /**
     * @return the engine service this member runs.
     * @throws IllegalStateException when it runs another service.
     */
    public EngineClusteredService service()
    {
        if (service instanceof EngineClusteredService engine)
        {
            return engine;
        }
        throw new IllegalStateException("member " + config.memberId() + " runs " + service.getClass().getName());
    }

    /**
     * @return the consensus module's directory (for {@code ClusterTool}).
     */
    public File clusterDirectory()
    {
        return config.clusterDirectory().toFile();
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        CloseHelper.closeAll(container, driver, () -> closeFeed(service), directory);
    }

    private static void closeFeed(final ClusteredService service)
    {
        if (service instanceof EngineClusteredService engine)
        {
            engine.closeFeed();
        }
    }

    private static BackoffIdleStrategy backoff()
    {
        return new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
    }
}
