package io.disruptorx.node.embedded;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.lmax.disruptor.RingBuffer;
import io.disruptorx.core.workflow.Workflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared thread's wait between duty cycles: a command whose producer had claimed its slot, but not yet
 * published it, when a cycle began is still taken once it is published, with no later command to wake the thread
 * (the last order of a burst must be answered, not left waiting for the next one). And a close with such a command
 * still unpublished is reported as not drained, in both threading modes.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SharedStageTest
{
    @Test
    void shouldTakeACommandPublishedAfterACycleFoundItsSlotClaimed()
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
            await("cycles that find the slot claimed take nothing").during(Duration.ofMillis(100))
                .atMost(Duration.ofSeconds(5)).until(() -> taken.get() == first);
            input.publish(claimed);
            await("the command published after the cycle found its slot claimed")
                .atMost(Duration.ofSeconds(10)).until(() -> taken.get() == claimed);
        }
        finally
        {
            stage.halt(Duration.ofSeconds(5));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ThreadingMode.class, names = {"SHARED", "DEDICATED"})
    void shouldReportADrainThatLeftAClaimedCommandUnprocessed(final ThreadingMode mode)
    {
        final StageThreads stage = mode == ThreadingMode.SHARED ?
            new SharedStage(64, 64, NodeThreading.defaults()) : new DedicatedStages(64, 64, NodeThreading.defaults());
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
            input.next();

            assertThat(stage.drainInput(Duration.ofMillis(200))).as("drained with a command claimed, never published")
                .isFalse();
            assertThat(taken.get()).isEqualTo(first);
        }
        finally
        {
            stage.halt(Duration.ofSeconds(5));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ThreadingMode.class, names = {"SHARED", "DEDICATED"})
    void shouldReportADrainThatProcessedEveryCommand(final ThreadingMode mode)
    {
        final StageThreads stage = mode == ThreadingMode.SHARED ?
            new SharedStage(64, 64, NodeThreading.defaults()) : new DedicatedStages(64, 64, NodeThreading.defaults());
        final AtomicLong taken = new AtomicLong(-1);
        stage.wire(Workflow.<CommandSlot>named("input").step("journal", (slot, sequence) -> taken.set(sequence))
            .build(), SharedStageTest::ignore, SharedStageTest::ignore);
        stage.start();
        try
        {
            final RingBuffer<CommandSlot> input = stage.inputRing();
            final long first = input.next();
            input.publish(first);
            // a Disruptor processor not yet running counts no backlog: drain a started stage, as a node does
            await("the first command taken").atMost(Duration.ofSeconds(10)).until(() -> taken.get() == first);
            final long last = input.next(3);
            input.publish(last - 2, last);

            assertThat(stage.drainInput(Duration.ofSeconds(10))).isTrue();
            assertThat(taken.get()).isEqualTo(last);
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
