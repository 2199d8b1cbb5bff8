package io.disruptorx.cluster;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.LinkedHashMap;
import java.util.Map;

import io.aeron.AeronCounters;
import io.aeron.CncFileDescriptor;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.RecordingLog;
import io.aeron.cluster.service.Cluster;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersReader;

import io.disruptorx.cluster.service.ServiceCounter;

/**
 * Looks at a member on this host from another process, through its media driver's counters file and its recording
 * log: what {@code dx cluster status} prints, and how {@code dx cluster snapshot} asks the leader for a snapshot.
 * Each call maps the files afresh (a restarted member has a new driver file) and unmaps them after.
 */
public final class ClusterProbe
{
    private static final long DRIVER_ALIVE_MILLIS = 2_000;

    private ClusterProbe()
    {
    }

    /**
     * @param config the member's settings (its directories).
     * @return its status.
     */
    public static MemberStatus status(final ClusterMemberConfig config)
    {
        final long lastSnapshot = lastSnapshot(config.clusterDirectory());
        final Path cnc = config.aeronDirectory().resolve(CncFileDescriptor.CNC_FILE);
        if (!Files.exists(cnc))
        {
            return notRunning(config.memberId(), lastSnapshot);
        }
        final MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(cnc, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            if (channel.size() < CncFileDescriptor.END_OF_METADATA_OFFSET)
            {
                return notRunning(config.memberId(), lastSnapshot);
            }
            mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
        }
        catch (final java.io.IOException | RuntimeException ex)
        {
            return notRunning(config.memberId(), lastSnapshot);
        }
        try
        {
            final UnsafeBuffer meta = CncFileDescriptor.createMetaDataBuffer(mapped);
            if (meta.getInt(CncFileDescriptor.cncVersionOffset(0)) != CncFileDescriptor.CNC_VERSION)
            {
                return notRunning(config.memberId(), lastSnapshot);
            }
            final ManyToOneRingBuffer toDriver =
                new ManyToOneRingBuffer(CncFileDescriptor.createToDriverBuffer(mapped, meta));
            final boolean running = System.currentTimeMillis() - toDriver.consumerHeartbeatTime() < DRIVER_ALIVE_MILLIS;
            final CountersReader counters = new CountersReader(
                CncFileDescriptor.createCountersMetaDataBuffer(mapped, meta),
                CncFileDescriptor.createCountersValuesBuffer(mapped, meta));
            if (!running)
            {
                return notRunning(config.memberId(), lastSnapshot);
            }
            return read(config.memberId(), counters, lastSnapshot);
        }
        catch (final RuntimeException ex)
        {
            return notRunning(config.memberId(), lastSnapshot);
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    /**
     * Asks a member to snapshot: only a leader acts on it, and only between elections.
     *
     * @param config the member's settings.
     * @return whether the request was placed (the member is running and leads).
     */
    public static boolean requestSnapshot(final ClusterMemberConfig config)
    {
        final File cnc = config.aeronDirectory().resolve(CncFileDescriptor.CNC_FILE).toFile();
        if (!cnc.exists() || status(config).role() != Cluster.Role.LEADER)
        {
            return false;
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(cnc, "cnc");
        try
        {
            final UnsafeBuffer meta = CncFileDescriptor.createMetaDataBuffer(mapped);
            final CountersReader counters = new CountersReader(
                CncFileDescriptor.createCountersMetaDataBuffer(mapped, meta),
                CncFileDescriptor.createCountersValuesBuffer(mapped, meta));
            final AtomicCounter toggle = ClusterControl.findControlToggle(counters, 0);
            return toggle != null && ClusterControl.ToggleState.SNAPSHOT.toggle(toggle);
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    private static MemberStatus read(final int memberId, final CountersReader counters, final long lastSnapshot)
    {
        final long[] values = {-1, -1, -1, -1, -1, -1, -1};
        final Map<String, Long> service = new LinkedHashMap<>();
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            final long value = counters.getCounterValue(counterId);
            switch (typeId)
            {
                case AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID -> values[0] = value;
                case AeronCounters.CLUSTER_ELECTION_STATE_TYPE_ID -> values[1] = value;
                case AeronCounters.CLUSTER_LEADERSHIP_TERM_ID_TYPE_ID -> values[2] = value;
                case AeronCounters.CLUSTER_COMMIT_POSITION_TYPE_ID -> values[3] = value;
                case AeronCounters.CLUSTER_ELECTION_COUNT_TYPE_ID -> values[4] = value;
                case AeronCounters.CLUSTER_SNAPSHOT_COUNTER_TYPE_ID -> values[5] = value;
                case AeronCounters.CLUSTER_CONSENSUS_MODULE_STATE_TYPE_ID -> values[6] = value;
                case ServiceCounter.TYPE_ID ->
                    service.put(label.substring(ServiceCounter.LABEL_PREFIX.length()), value);
                default ->
                {
                }
            }
        });
        final Cluster.Role role = values[0] < 0 ? null : Cluster.Role.get(values[0]);
        final ElectionState election = values[1] < 0 ? null : ElectionState.get(values[1]);
        return new MemberStatus(memberId, values[6] >= 0 && values[6] != ConsensusModule.State.CLOSED.code(), role,
            election,
            values[2], values[3], values[4], values[5], lastSnapshot, service);
    }

    private static MemberStatus notRunning(final int memberId, final long lastSnapshot)
    {
        return new MemberStatus(memberId, false, null, null, -1, -1, -1, -1, lastSnapshot, Map.of());
    }

    private static long lastSnapshot(final Path clusterDirectory)
    {
        if (!Files.exists(clusterDirectory.resolve(RecordingLog.RECORDING_LOG_FILE_NAME)))
        {
            return -1;
        }
        try (RecordingLog log = new RecordingLog(clusterDirectory.toFile(), false))
        {
            final RecordingLog.Entry entry = log.getLatestSnapshot(ConsensusModule.Configuration.SERVICE_ID);
            return entry == null ? -1 : entry.logPosition;
        }
        catch (final RuntimeException ex)
        {
            return -1;
        }
    }
}
