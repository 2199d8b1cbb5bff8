package io.disruptorx.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.aeron.cluster.RecordingLog;
import io.disruptorx.cluster.service.ServiceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member whose state dump directory cannot be written (its path runs through a regular file) still takes its
 * snapshots: the state copy is a side copy, so its failure is counted and the snapshot goes on, recorded in the
 * member's recording log at the snapshot's position with the service's recording.
 *
 * <p>How it can fail: onTakeSnapshot throws the dump's UncheckedIOException, Aeron's service agent fails the
 * snapshot, and the member never reports it taken (nor records the service's snapshot).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class StateDumpFailureTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int SERVICE_ID = 0;

    @Test
    void shouldTakeTheSnapshotWhenTheStateCopyCannotBeWritten() throws IOException
    {
        final Path blocker = Path.of("target", "cluster-tests", "dump-blocker-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(blocker.getParent());
        Files.writeString(blocker, "a regular file, not a directory");
        final Path dumps = blocker.resolve("dumps");
        try (TestCluster cluster = new TestCluster("dump-fails", 1,
            (memberId) -> ServiceConfig.of(TestCluster.ENGINE).withStateDumps(dumps)))
        {
            cluster.startAll();
            cluster.awaitLeader(WAIT);

            final long first = cluster.snapshot(WAIT);
            awaitServiceSnapshot(cluster, first);
            final long second = cluster.snapshot(WAIT);
            awaitServiceSnapshot(cluster, second);

            assertThat(cluster.member(0).service().stateDumpFailures()).isEqualTo(2);
            assertThat(cluster.member(0).service().lastSnapshotPosition()).isEqualTo(second);
            assertThat(Files.isRegularFile(blocker)).isTrue();
        }
        finally
        {
            Files.deleteIfExists(blocker);
        }
    }

    private static void awaitServiceSnapshot(final TestCluster cluster, final long position)
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        RecordingLog.Entry entry = null;
        while (System.nanoTime() < deadline)
        {
            try (RecordingLog log = new RecordingLog(cluster.config(0).clusterDirectory().toFile(), false))
            {
                entry = log.getLatestSnapshot(SERVICE_ID);
            }
            if (entry != null && entry.logPosition == position)
            {
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertThat(entry).as("the service's snapshot in the recording log").isNotNull();
        assertThat(entry.logPosition).isEqualTo(position);
        assertThat(entry.recordingId).as("a recording of the service's snapshot").isNotNegative();
    }
}
