package io.disruptorx.gateway.fix;

import java.io.File;
import java.util.List;

import io.aeron.CommonContext;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.disruptorx.core.net.ConnectionLimiter;
import io.disruptorx.core.net.RelayedPeers;
import io.disruptorx.fix44.FixDictionaryImpl;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import uk.co.real_logic.artio.engine.EngineConfiguration;
import uk.co.real_logic.artio.engine.FixEngine;
import uk.co.real_logic.artio.engine.LowResourceEngineScheduler;
import uk.co.real_logic.artio.library.FixLibrary;
import uk.co.real_logic.artio.library.LibraryConfiguration;
import uk.co.real_logic.artio.library.SessionAcquireHandler;
import uk.co.real_logic.artio.messages.InitialAcceptedSessionOwner;
import uk.co.real_logic.artio.validation.MessageValidationStrategy;
import uk.co.real_logic.artio.validation.SessionPersistenceStrategy;

/**
 * Artio's moving parts, sized for a small machine: an embedded media driver and archive (shared threading), the
 * FIX engine (TCP, framing, logging, replay) on one thread of its own, and one library that the caller polls from
 * the gateway thread. Sessions are persistent (sequence numbers survive reconnects and restarts) and owned by that
 * library from their logon. The listener holds connections within a {@link ConnectionLimiter}, closes those that
 * send no Logon within the login timeout or bytes that are not one, and counts each
 * ({@link LimitedChannelSupplier}).
 */
final class ArtioRuntime implements AutoCloseable
{
    private static final int TERM_LENGTH = 4 * 1024 * 1024;
    private static final long REPLY_TIMEOUT_MS = 10_000;
    private static final long REASONABLE_TRANSMISSION_MS = 500;
    /**
     * Tries of a claim on a full Artio stream before it reports back-pressure. Artio's default (1,000 tries with
     * the idle strategy, about a second each here) deadlocked the FIX edge under overload: the engine thread waited
     * for room in the inbound stream, which only the gateway thread empties, while the gateway thread waited for
     * room in the outbound stream, which only the engine thread empties. With few tries each side gives up at once,
     * goes on with its other work, and retries later (the engine keeps the unread bytes, the gateway its unsent
     * reports).
     */
    static final int MAX_CLAIM_ATTEMPTS = 16;
    /**
     * Whether Artio keeps CRC32 checksums in its index files: off. With them on, Artio's replay index recomputes the
     * checksum of its whole 4 KiB position file after every message it indexes (both directions, three messages per
     * filled order), 1.2-1.5 us of the engine thread's CPU per order, a quarter of it. The checksums only report a
     * corrupt index file to Artio's error log when it is read at start (Artio then carries on with it); they repair
     * nothing and guard no message: the messages and their sequence numbers are in the archive, which the indexes
     * are caught up from at start, and the sequence-number index is written to a second file and forced before it is
     * switched to.
     */
    static final boolean INDEX_CHECKSUMS = false;

    private final ArchivingMediaDriver driver;
    private final FixEngine engine;
    private final LibraryConfiguration libraryConfiguration;

    ArtioRuntime(
        final FixSettings settings,
        final ConnectionLimiter limiter,
        final RelayedPeers peers,
        final FixConnectionCounters connections,
        final FixLogons logons,
        final SessionAcquireHandler acquire)
    {
        final File root = settings.directory().toFile();
        final String aeronDir = new File(root, "aeron").getAbsolutePath();
        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(backoff())
            .asyncExecutorEnabled(false)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .warnIfDirectoryExists(false)
            .publicationTermBufferLength(TERM_LENGTH)
            .ipcTermBufferLength(TERM_LENGTH);
        final Archive.Context archiveContext = new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDir(new File(root, "archive"))
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(ArtioRuntime::backoff)
            .controlChannelEnabled(false)
            .replicationChannel("aeron:udp?endpoint=localhost:0")
            .archiveClientContext(new AeronArchive.Context().controlResponseChannel("aeron:udp?endpoint=localhost:0"))
            .segmentFileLength(TERM_LENGTH)
            .deleteArchiveOnStart(settings.deleteOnStart());
        final ArchivingMediaDriver launchedDriver = ArchivingMediaDriver.launch(driverContext, archiveContext);
        try
        {
            final EngineConfiguration engineConfiguration = new EngineConfiguration()
                .bindTo(settings.host(), settings.port())
                .channelSupplierFactory(configuration -> new LimitedChannelSupplier(configuration, limiter,
                    peers, connections, settings.loginTimeoutMs(), logons))
                .receiverBufferSize(FixFrames.MAX_MESSAGE_BYTES)
                .libraryAeronChannel(CommonContext.IPC_CHANNEL)
                .logFileDir(new File(root, "artio-logs").getAbsolutePath())
                .deleteLogFileDirOnStart(settings.deleteOnStart())
                .scheduler(new LowResourceEngineScheduler())
                .framerIdleStrategy(backoff())
                .archiverIdleStrategy(backoff())
                .acceptorfixDictionary(FixDictionaryImpl.class)
                .sessionPersistenceStrategy(SessionPersistenceStrategy.alwaysPersistent())
                .logInboundMessages(true)
                .logOutboundMessages(true)
                .authenticationStrategy(logons)
                .initialAcceptedSessionOwner(InitialAcceptedSessionOwner.SOLE_LIBRARY)
                .noLogonDisconnectTimeoutInMs(settings.loginTimeoutMs())
                .replyTimeoutInMs(REPLY_TIMEOUT_MS);
            engineConfiguration
                .monitoringFile(new File(root, "engine-counters").getAbsolutePath())
                .messageValidationStrategy(MessageValidationStrategy.targetCompId(settings.compId()))
                .defaultHeartbeatIntervalInS(settings.heartbeatSeconds())
                .reasonableTransmissionTimeInMs(REASONABLE_TRANSMISSION_MS)
                .monitoringThreadIdleStrategy(backoff())
                .indexChecksumEnabled(INDEX_CHECKSUMS)
                .inboundMaxClaimAttempts(MAX_CLAIM_ATTEMPTS)
                .outboundMaxClaimAttempts(MAX_CLAIM_ATTEMPTS)
                .agentNamePrefix("dx-fix-");
            engineConfiguration.aeronContext().aeronDirectoryName(aeronDir);
            engineConfiguration.aeronArchiveContext()
                .aeronDirectoryName(aeronDir)
                .controlRequestChannel("aeron:ipc")
                .controlResponseChannel("aeron:ipc");
            engine = FixEngine.launch(engineConfiguration);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(launchedDriver);
            throw ex;
        }
        driver = launchedDriver;

        libraryConfiguration = new LibraryConfiguration()
            .sessionAcquireHandler(acquire)
            .libraryAeronChannels(List.of(CommonContext.IPC_CHANNEL))
            .libraryName("dx-fix-gateway")
            .libraryIdleStrategy(backoff())
            .replyTimeoutInMs(REPLY_TIMEOUT_MS);
        libraryConfiguration
            .monitoringFile(new File(root, "library-counters").getAbsolutePath())
            .messageValidationStrategy(MessageValidationStrategy.targetCompId(settings.compId()))
            .reasonableTransmissionTimeInMs(REASONABLE_TRANSMISSION_MS)
            .defaultHeartbeatIntervalInS(settings.heartbeatSeconds())
            .inboundMaxClaimAttempts(MAX_CLAIM_ATTEMPTS)
            .outboundMaxClaimAttempts(MAX_CLAIM_ATTEMPTS);
        libraryConfiguration.aeronContext().aeronDirectoryName(aeronDir);
    }

    /**
     * Connects the library; it becomes connected while it is polled. Call from the thread that will poll it.
     *
     * @return the library.
     */
    FixLibrary connectLibrary()
    {
        return FixLibrary.connect(libraryConfiguration);
    }

    static IdleStrategy backoff()
    {
        return new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(engine, driver);
    }
}
