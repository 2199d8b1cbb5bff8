package io.disruptorx.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Threads put at the lowest priority on Linux, read back from the kernel ({@code /proc/<tid>/stat}, the scheduling
 * policy field: 5 is {@code SCHED_IDLE}, 0 the normal {@code SCHED_OTHER}): a thread of
 * {@link BackgroundPriority#threads} runs its task already lowered, a thread found by its name is lowered from
 * another thread, and a thread made elsewhere keeps the normal policy.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class BackgroundPriorityTest
{
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_IDLE = 5;

    @Test
    void shouldRunTheFactorysThreadsAtTheIdlePolicy() throws Exception
    {
        assertThat(BackgroundPriority.mode()).isEqualTo("idle");
        final CompletableFuture<Integer> policy = new CompletableFuture<>();
        final Thread thread = BackgroundPriority.threads("dx-test-low-").newThread(() -> policy.complete(ownPolicy()));
        assertThat(thread.getName()).isEqualTo("dx-test-low-1");
        assertThat(thread.isDaemon()).isTrue();
        thread.start();
        assertThat(policy.get(30, TimeUnit.SECONDS)).isEqualTo(SCHED_IDLE);

        final CompletableFuture<Integer> normal = new CompletableFuture<>();
        final Thread other = new Thread(() -> normal.complete(ownPolicy()), "dx-test-normal");
        other.start();
        assertThat(normal.get(30, TimeUnit.SECONDS)).isEqualTo(SCHED_OTHER);
    }

    @Test
    void shouldLowerThreadsFoundByName() throws Exception
    {
        final CountDownLatch lowered = new CountDownLatch(1);
        final CompletableFuture<Integer> before = new CompletableFuture<>();
        final CompletableFuture<Integer> after = new CompletableFuture<>();
        final Thread thread = new Thread(() ->
        {
            before.complete(ownPolicy());
            try
            {
                lowered.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            after.complete(ownPolicy());
        }, "dx-test-byname");
        thread.start();
        assertThat(before.get(30, TimeUnit.SECONDS)).isEqualTo(SCHED_OTHER);
        assertThat(BackgroundPriority.lowerThreadsNamed("dx-test-byname")).isEqualTo(1);
        lowered.countDown();
        assertThat(after.get(30, TimeUnit.SECONDS)).isEqualTo(SCHED_IDLE);
    }

    /** The calling thread's scheduling policy: field 41 of its stat line, counted after the name's ")". */
    private static int ownPolicy()
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[41 - 3]);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
