package io.disruptorx.node.shard;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.disruptorx.engine.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A link session's book reader keeps an engine built ahead: one is ready soon after it starts building, a prepare
 * takes it (none waits then), the next is built only {@link SnapshotBookReader#AHEAD_DELAY_NANOS} later, and closing
 * stops the builder. Reads themselves are covered by {@link MoveWarmUpTest} and the shard link's tests.
 *
 * <p>How it can fail: a builder that never builds (every move allocates inside its halt again), one that builds
 * again at once (allocating while the move it read for goes on), or one that outlives its link.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class SnapshotBookReaderTest
{
    @TempDir
    Path dir;

    @Test
    void keepsOneEngineBuiltAheadAndBuildsTheNextAfterTheDelay()
    {
        final SnapshotBookReader reader = new SnapshotBookReader(() -> null, dir, EngineConfig.defaults());
        reader.buildAhead("test-book-engine");
        await().atMost(Duration.ofSeconds(30)).until(reader::engineAhead);

        final long took = System.nanoTime();
        reader.prepare();
        assertThat(reader.engineAhead()).as("the engine built ahead was taken").isFalse();
        await().atMost(Duration.ofSeconds(30)).until(reader::engineAhead);
        assertThat(System.nanoTime() - took).as("the next one waited for the delay")
            .isGreaterThanOrEqualTo(SnapshotBookReader.AHEAD_DELAY_NANOS);

        reader.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> !reader.buildingAhead());
        assertThat(reader.engineAhead()).as("nothing kept once closed").isFalse();
    }
}
