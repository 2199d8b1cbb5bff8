package io.disruptorx.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.PassiveReplica;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One writer per data directory, across processes: an active node runs in a child JVM ({@link FencingProbeNode})
 * and probes its own lock from inside its JVM (a replica's liveness check, a second start, a promotion); this
 * JVM, another process, must still find the directory locked. On Linux, closing any descriptor of a file drops
 * every POSIX lock the process holds on it, so a probe that opened {@code node.lock} a second time in the active
 * node's JVM used to release the active node's lock while Java still reported it valid.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FencingTest
{
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path dir;

    @Test
    void shouldKeepTheActiveNodesLockThroughProbesFromItsOwnJvmAndFromAnotherProcess() throws Exception
    {
        final Path data = dir.resolve("data");
        final ChildNode active = ChildNode.start(FencingProbeNode.class, List.of(data.toString()),
            dir.resolve("active.err"));
        try
        {
            assertThat(active.nextLine(System.nanoTime() + TIMEOUT_NANOS)).as(stderr()).isEqualTo("ACTIVE");
            assertThat(active.nextLine(System.nanoTime() + TIMEOUT_NANOS))
                .as("probes in the active node's JVM: activeIsRunning, second start, promote")
                .isEqualTo("PROBED true refused refused");

            assertThatThrownBy(() -> EmbeddedNode.start(FencingProbeNode.config(data), null, null))
                .as("a node in another process after the active node probed its own lock")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another node is running");
            try (PassiveReplica replica = PassiveReplica.start(FencingProbeNode.config(data)))
            {
                assertThat(replica.activeIsRunning()).isTrue();
            }
            assertThatThrownBy(() -> EmbeddedNode.start(FencingProbeNode.config(data), null, null))
                .as("a node in another process after that process probed the lock")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another node is running");

            active.send("STOP");
            assertThat(active.awaitExit(TIMEOUT_NANOS)).as(stderr()).isZero();
            assertThat(active.received()).last().isEqualTo("STOPPED");
        }
        finally
        {
            active.destroy();
        }
        try (EmbeddedNode next = EmbeddedNode.start(FencingProbeNode.config(data), null, null))
        {
            assertThat(next.recoveredSequence()).as("the directory is free once the active node stopped").isZero();
        }
    }

    private String stderr()
    {
        try
        {
            return "child stderr: " + Files.readString(dir.resolve("active.err"));
        }
        catch (final IOException ex)
        {
            return "child stderr unreadable: " + ex;
        }
    }
}
