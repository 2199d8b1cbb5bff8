package io.disruptorx.node.shard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's dry run of its side of a move: each scratch move carries the whole book to the other scratch shard
 * (back and forth), the cancel sent during each move waits and follows the book (one order fewer per move), and the
 * scratch journal is gone after.
 *
 * <p>How it can fail: a dry run whose moves roll back (it throws) or whose held cancel is lost or applied to the
 * wrong shard (the count is off), and so leaves the real path's code cold; or a scratch journal left behind.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MoverWarmUpTest
{
    @TempDir
    Path dir;

    @Test
    void movesTheWholeBookBackAndForthWithTheCancelsHeldDuringEachMove() throws Exception
    {
        for (final int rounds : new int[] {1, 2, 5})
        {
            assertThat(MoverWarmUp.run(dir, rounds, 300))
                .as("orders resting at the target after %d moves, each with one cancel", rounds)
                .isEqualTo(300 - rounds);
        }
        try (var files = Files.list(dir))
        {
            assertThat(files).as("scratch journals left behind").isEmpty();
        }
    }
}
