package io.disruptorx.core.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.RingBuffer;
import io.disruptorx.core.metrics.MetricsRegistry;
import org.agrona.concurrent.Agent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A workflow compiled into agents and run by hand on the test's thread, one duty cycle at a time: the order in which
 * steps see events, where batches end, what a failed batch does downstream, and when producers may reuse slots.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkflowAgentsTest
{
    /** A ring slot. */
    static final class Slot
    {
        long value;
    }

    private final List<String> log = new ArrayList<>();

    private StepHandler<Slot> logging(final String step, final long failBatchEndingAt)
    {
        return new StepHandler<>()
        {
            @Override
            public void onEvent(final Slot slot, final long sequence)
            {
                log.add(step + " " + slot.value);
            }

            @Override
            public void onBatchEnd(final long sequence)
            {
                log.add(step + " end " + sequence);
                if (sequence == failBatchEndingAt)
                {
                    throw new IllegalStateException("force failed");
                }
            }
        };
    }

    private static void publish(final RingBuffer<Slot> ring, final long from, final int count)
    {
        for (long value = from; value < from + count; value++)
        {
            ring.publishEvent((slot, sequence, v) -> slot.value = v, value);
        }
    }

    private static int cycle(final List<Agent> agents) throws Exception
    {
        int work = 0;
        for (final Agent agent : agents)
        {
            work += agent.doWork();
        }
        return work;
    }

    @Test
    void shouldTakeEachBatchThroughEveryStepInDependencyOrderWithTheBatchEndFirst() throws Exception
    {
        final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 16);
        final Workflow<Slot> workflow = Workflow.<Slot>named("pipeline")
            .step("apply", logging("apply", -1)).dependsOn("journal", "replicate")
            .step("journal", logging("journal", -1))
            .step("replicate", logging("replicate", -1))
            .metrics(new MetricsRegistry())
            .build();
        final List<Agent> agents = workflow.agents(ring, 0, 64);
        assertThat(agents).extracting(Agent::roleName)
            .containsExactly("pipeline-journal-0", "pipeline-replicate-0", "pipeline-apply-0");

        publish(ring, 10, 3);
        assertThat(cycle(agents)).isEqualTo(9);
        assertThat(cycle(agents)).as("nothing left").isZero();

        assertThat(log).containsExactly(
            "journal 10", "journal 11", "journal 12", "journal end 2",
            "replicate 10", "replicate 11", "replicate 12", "replicate end 2",
            "apply 10", "apply 11", "apply 12", "apply end 2");
        assertThat(workflow.latency("apply").count()).isEqualTo(3);
    }

    @Test
    void shouldEndABatchAtTheLimitAndTakeTheRestInTheNextCycle() throws Exception
    {
        final RingBuffer<Slot> ring = RingBuffer.createSingleProducer(Slot::new, 16);
        final List<Agent> agents = Workflow.<Slot>named("capped")
            .step("journal", logging("journal", -1))
            .step("apply", logging("apply", -1)).dependsOn("journal")
            .build().agents(ring, 0, 2);

        publish(ring, 0, 3);
        assertThat(cycle(agents)).isEqualTo(4);
        assertThat(cycle(agents)).isEqualTo(2);

        assertThat(log).containsExactly(
            "journal 0", "journal 1", "journal end 1", "apply 0", "apply 1", "apply end 1",
            "journal 2", "journal end 2", "apply 2", "apply end 2");
    }

    @Test
    void shouldSkipInDependentStepsEveryEventOfABatchWhoseEndFailed() throws Exception
    {
        final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 16);
        final Workflow<Slot> workflow = Workflow.<Slot>named("failing")
            .step("journal", logging("journal", 2))
            .step("apply", logging("apply", -1)).dependsOn("journal")
            .build();
        final List<Agent> agents = workflow.agents(ring, 0, 64);

        publish(ring, 0, 3);
        cycle(agents);
        publish(ring, 3, 1);
        cycle(agents);

        assertThat(log).containsExactly("journal 0", "journal 1", "journal 2", "journal end 2", "apply end 2",
            "journal 3", "journal end 3", "apply 3", "apply end 3");
        assertThat(workflow.deadLetters("journal")).isEqualTo(3);
        assertThat(workflow.skipped("apply")).isEqualTo(3);
    }

    @Test
    void shouldKeepProducersOffSlotsUntilTheLastStepHasTakenThem() throws Exception
    {
        final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 4);
        final List<Agent> agents = Workflow.<Slot>named("gated")
            .step("journal", logging("journal", -1))
            .step("apply", logging("apply", -1)).dependsOn("journal")
            .build().agents(ring, 0, 64);

        publish(ring, 0, 4);
        assertThat(ring.hasAvailableCapacity(1)).isFalse();
        assertThat(agents.get(0).doWork()).isEqualTo(4);
        assertThat(ring.hasAvailableCapacity(1)).as("journalled but not applied").isFalse();
        assertThat(agents.get(1).doWork()).isEqualTo(4);
        assertThat(ring.remainingCapacity()).isEqualTo(4);
    }

    @Test
    void shouldRefuseASecondInstallOnThePartitionAndABatchLimitBelowOne()
    {
        final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 4);
        final Workflow<Slot> workflow = Workflow.<Slot>named("once").step("only", logging("only", -1)).build();
        assertThatThrownBy(() -> workflow.agents(ring, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        workflow.agents(ring, 0, 1);
        assertThatThrownBy(() -> workflow.agents(ring, 0, 1)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("already installed on partition 0");
    }
}
