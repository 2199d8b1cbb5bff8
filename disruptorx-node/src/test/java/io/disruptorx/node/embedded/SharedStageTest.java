package io.disruptorx.node.embedded;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.lmax.disruptor.RingBuffer;
import io.disruptorx.core.workflow.Workflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared thread's wait between duty cycles: a command whose producer had claimed its slot, but not yet
 * published it, when a cycle began is still taken once it is published, with no later command to wake the thread
 * (the last order of a burst must be answered, not left waiting for the next one).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SharedStageTest
{
    @Test
    void shouldTakeACommandPublishedAfterACycleFoundItsSlotClaimed() throws InterruptedException
    {
        final SharedStage stage = new SharedStage(64, 64, NodeThreading.defaults());
        final AtomicLong taken = new AtomicLong(-1);
        stage.wire(Workflow.<CommandSlot>named("input").step("journal", (slot, sequence) -> taken.set(sequence))
            .build(), SharedStageTest::ignore, SharedStageTest::ignore);
        stage.start();
        try
        {
            final RingBuffer<CommandSlot> input = stage.inputRing();
            final long first = input.next();
            input.publish(first);
            await("the first command taken").atMost(Duration.ofSeconds(10)).until(() -> taken.get() == first);

            final long claimed = input.next();
            // the claim wakes the idle thread: its cycles now find the slot claimed and unpublished
            Thread.sleep(100);
            assertThat(taken.get()).isEqualTo(first);
            input.publish(claimed);
            await("the command published after the cycle found its slot claimed")
                .atMost(Duration.ofSeconds(10)).until(() -> taken.get() == claimed);
        }
        finally
        {
            stage.halt(Duration.ofSeconds(5));
        }
    }

    private static void ignore(final OutputSlot slot, final long sequence, final boolean endOfBatch)
    {
    }
}
