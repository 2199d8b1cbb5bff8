package io.disruptorx.core.workflow;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.lmax.disruptor.EventTranslatorOneArg;
import io.disruptorx.core.bus.EventBus;
import io.disruptorx.core.bus.Topic;
import io.disruptorx.core.bus.TopicConfig;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.metrics.PrometheusCollector;
import io.disruptorx.core.wait.WaitStrategies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkflowTest
{
    /** A ring slot with one field per step, so steps never write the same field. */
    static final class Job
    {
        long value;
        long validated;
        long enriched;
        long risked;
        long booked;
        String violation;
        String validateThread;
        String enrichThread;
    }

    private static final EventTranslatorOneArg<Job, long[]> SET = (job, sequence, value) ->
    {
        job.value = value[0];
        job.validated = 0;
        job.enriched = 0;
        job.risked = 0;
        job.booked = 0;
        job.violation = null;
    };

    private static Topic<Job> topic(final EventBus bus, final String name, final int partitions)
    {
        return bus.createTopic(TopicConfig.builder(name, Job::new).partitions(partitions).ringSize(256)
            .waitStrategy(WaitStrategies.BLOCKING).build());
    }

    private static void publish(final Topic<Job> topic, final int count)
    {
        final long[] value = new long[1];
        for (int i = 0; i < count; i++)
        {
            value[0] = i;
            topic.publish(i % topic.partitionCount(), SET, value);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldRunIndependentStepsInParallelAndDependentStepsAfterTheirBarrier() throws Exception
    {
        final AtomicLong ticks = new AtomicLong();
        final CountDownLatch enrichSawFirstEvent = new CountDownLatch(1);
        final List<String> violations = new CopyOnWriteArrayList<>();
        final AtomicLong booked = new AtomicLong();
        final Workflow<Job> workflow = Workflow.<Job>named("order-processing")
            .step("validate", (job, sequence) ->
            {
                if (sequence == 0 && !enrichSawFirstEvent.await(5, TimeUnit.SECONDS))
                {
                    violations.add("validate and enrich did not run in parallel on event 0");
                }
                job.validateThread = Thread.currentThread().getName();
                job.validated = ticks.incrementAndGet();
            })
            .step("enrich", (job, sequence) ->
            {
                enrichSawFirstEvent.countDown();
                job.enrichThread = Thread.currentThread().getName();
                job.enriched = ticks.incrementAndGet();
            })
            .step("risk", (job, sequence) ->
            {
                if (job.validated == 0 || job.enriched == 0)
                {
                    violations.add("risk ran before validate/enrich on " + sequence);
                }
                if (job.validateThread.equals(job.enrichThread))
                {
                    violations.add("validate and enrich shared a thread");
                }
                job.risked = ticks.incrementAndGet();
            }).dependsOn("validate", "enrich")
            .step("book", (job, sequence) ->
            {
                if (job.risked == 0 || job.risked < job.validated || job.risked < job.enriched)
                {
                    violations.add("book ran before risk on " + sequence);
                }
                booked.incrementAndGet();
            }).dependsOn("risk")
            .build();
        assertThat(workflow.steps()).extracting(StepDefinition::name)
            .containsExactly("validate", "enrich", "risk", "book");

        final EventBus bus = new EventBus();
        final Topic<Job> topic = topic(bus, "jobs", 1);
        topic.attach("workflow", workflow);
        bus.start();
        publish(topic, 5_000);
        assertThat(bus.close(Duration.ofSeconds(20))).isTrue();

        assertThat(violations).isEmpty();
        assertThat(booked.get()).isEqualTo(5_000);
        assertThat(workflow.latency("risk").count()).isEqualTo(5_000);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldRetryWithBackoffThenDeadLetterAndSkipDependents() throws Exception
    {
        final AtomicLong attempts = new AtomicLong();
        final AtomicLong downstream = new AtomicLong();
        final AtomicLong independent = new AtomicLong();
        final List<String> deadLetters = new CopyOnWriteArrayList<>();
        final long[] flakyFailures = new long[1];
        final Workflow<Job> workflow = Workflow.<Job>named("retrying")
            .step("charge", (job, sequence) ->
            {
                attempts.incrementAndGet();
                if (job.value == 3)
                {
                    throw new IllegalStateException("card declined " + job.value);
                }
                if (job.value == 5 && flakyFailures[0]++ < 2)
                {
                    throw new IllegalStateException("timeout");
                }
            }).retry(RetryPolicy.exponential(3, Duration.ofMillis(1), Duration.ofMillis(4)))
            .step("notify", (job, sequence) -> independent.incrementAndGet())
            .step("ship", (job, sequence) -> downstream.incrementAndGet()).dependsOn("charge")
            .step("invoice", (job, sequence) -> downstream.incrementAndGet()).dependsOn("ship")
            .deadLetter((name, step, job, sequence, error) ->
                deadLetters.add(name + "/" + step + "/" + job.value + "/" + error.getMessage()))
            .build();

        final EventBus bus = new EventBus();
        final Topic<Job> topic = topic(bus, "retry", 1);
        topic.attach("workflow", workflow);
        bus.start();
        final long start = System.nanoTime();
        publish(topic, 10);
        assertThat(bus.close(Duration.ofSeconds(20))).isTrue();
        final long elapsedNanos = System.nanoTime() - start;

        assertThat(deadLetters).containsExactly("retrying/charge/3/card declined 3");
        assertThat(attempts.get()).as("8 clean + 4 for the declined + 3 for the flaky").isEqualTo(15);
        assertThat(workflow.retries("charge")).isEqualTo(5);
        assertThat(workflow.deadLetters("charge")).isEqualTo(1);
        assertThat(workflow.skipped("ship")).isEqualTo(1);
        assertThat(workflow.skipped("invoice")).isEqualTo(1);
        assertThat(downstream.get()).as("ship and invoice skip event 3").isEqualTo(18);
        assertThat(independent.get()).as("notify does not depend on charge").isEqualTo(10);
        assertThat(elapsedNanos).as("backoff 1+2+4 ms, then 1+2 ms").isGreaterThanOrEqualTo(10_000_000L);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldCountAndAlertLatencyBudgetBreaches() throws Exception
    {
        final AtomicLong fakeNanos = new AtomicLong();
        final List<String> alerts = new CopyOnWriteArrayList<>();
        final MetricsRegistry metrics = new MetricsRegistry();
        final Workflow<Job> workflow = Workflow.<Job>named("timed")
            .step("price", (job, sequence) -> fakeNanos.addAndGet(job.value % 4 == 0 ? 2_000_000 : 10_000))
            .budget(Duration.ofMillis(1))
            .alertHook((name, step, sequence, elapsed, budget) ->
                alerts.add(step + "@" + sequence + ":" + elapsed + ">" + budget))
            .metrics(metrics)
            .nanoClock(fakeNanos::get)
            .build();
        final EventBus bus = new EventBus();
        final Topic<Job> topic = topic(bus, "timed", 1);
        topic.attach("workflow", workflow);
        bus.start();
        publish(topic, 20);
        assertThat(bus.close(Duration.ofSeconds(10))).isTrue();

        assertThat(workflow.budgetBreaches("price")).isEqualTo(5);
        assertThat(alerts).hasSize(5).contains("price@0:2000000>1000000", "price@16:2000000>1000000");
        assertThat(new PrometheusCollector(metrics).scrapeText())
            .contains("dx_workflow_budget_breaches_total{step=\"price\",workflow=\"timed\"} 5.0")
            .contains("dx_workflow_step_latency_seconds_count{partition=\"0\",step=\"price\",workflow=\"timed\"} 20");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldRunOnEveryPartitionOfATopic() throws Exception
    {
        final AtomicLong done = new AtomicLong();
        final Workflow<Job> workflow = Workflow.<Job>named("partitioned")
            .step("a", (job, sequence) -> job.validated = 1)
            .step("b", (job, sequence) ->
            {
                if (job.validated == 1)
                {
                    done.incrementAndGet();
                }
            }).dependsOn("a")
            .build();
        final EventBus bus = new EventBus();
        final Topic<Job> topic = topic(bus, "parts", 3);
        topic.attach("workflow", workflow);
        bus.start();
        publish(topic, 3_000);
        assertThat(bus.close(Duration.ofSeconds(10))).isTrue();
        assertThat(done.get()).isEqualTo(3_000);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldEndEachBatchOnceAndSkipDependentsOfAFailedBatch() throws Exception
    {
        final List<Long> batchEnds = new CopyOnWriteArrayList<>();
        final AtomicLong handled = new AtomicLong();
        final AtomicLong applied = new AtomicLong();
        final CountDownLatch firstBatchHeld = new CountDownLatch(1);
        final CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        final StepHandler<Job> journal = new StepHandler<>()
        {
            @Override
            public void onEvent(final Job job, final long sequence) throws InterruptedException
            {
                handled.incrementAndGet();
                if (sequence == 0)
                {
                    firstBatchHeld.countDown();
                    releaseFirstBatch.await(5, TimeUnit.SECONDS);
                }
            }

            @Override
            public void onBatchEnd(final long sequence)
            {
                batchEnds.add(sequence);
                if (sequence == 9)
                {
                    throw new IllegalStateException("fsync failed");
                }
            }
        };
        final Workflow<Job> workflow = Workflow.<Job>named("group-commit")
            .step("journal", journal)
            .step("apply", (job, sequence) -> applied.incrementAndGet()).dependsOn("journal")
            .build();
        final EventBus bus = new EventBus();
        final Topic<Job> topic = topic(bus, "commit", 1);
        topic.attach("workflow", workflow);
        bus.start();
        publish(topic, 1);
        firstBatchHeld.await(5, TimeUnit.SECONDS);
        publish(topic, 9);
        releaseFirstBatch.countDown();
        assertThat(bus.close(Duration.ofSeconds(10))).isTrue();

        assertThat(handled.get()).isEqualTo(10);
        assertThat(batchEnds).as("one call per batch: [0] then [1..9]").containsExactly(0L, 9L);
        assertThat(workflow.deadLetters("journal")).isEqualTo(9);
        assertThat(workflow.skipped("apply")).isEqualTo(9);
        assertThat(applied.get()).as("only the committed first batch is applied").isEqualTo(1);
    }

    /**
     * The journal step of a two-step workflow throws an {@link InternalError} on one event in the middle of a batch.
     * The Disruptor catches every throwable a handler lets out, gives it to the topic's exception handler and moves
     * past the event, so a step that let the error out would expose the event to the next step as if completed.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldDeadLetterAnErrorAtOnceAndSkipItInDependentSteps() throws Exception
    {
        final AtomicLong attempts = new AtomicLong();
        final Set<Long> applied = ConcurrentHashMap.newKeySet();
        final List<Throwable> deadLetters = new CopyOnWriteArrayList<>();
        final CountDownLatch firstBatchHeld = new CountDownLatch(1);
        final CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        final Workflow<Job> workflow = Workflow.<Job>named("journalled")
            .step("journal", (job, sequence) ->
            {
                if (sequence == 0)
                {
                    firstBatchHeld.countDown();
                    releaseFirstBatch.await(5, TimeUnit.SECONDS);
                }
                if (sequence == 5)
                {
                    attempts.incrementAndGet();
                    throw new InternalError("a fault occurred in an unsafe memory access");
                }
            }).retry(RetryPolicy.exponential(3, Duration.ofMillis(1), Duration.ofMillis(4)))
            .step("apply", (job, sequence) -> applied.add(sequence)).dependsOn("journal")
            .deadLetter((name, step, job, sequence, error) -> deadLetters.add(error))
            .build();
        final EventBus bus = new EventBus();
        final Topic<Job> topic = topic(bus, "errors", 1);
        topic.attach("workflow", workflow);
        bus.start();
        publish(topic, 1);
        firstBatchHeld.await(5, TimeUnit.SECONDS);
        publish(topic, 9);
        releaseFirstBatch.countDown();
        assertThat(bus.close(Duration.ofSeconds(10))).isTrue();

        assertThat(applied).as("every event but the one whose journal step failed")
            .containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 6L, 7L, 8L, 9L);
        assertThat(attempts.get()).as("an Error is not retried").isEqualTo(1);
        assertThat(deadLetters).singleElement().isInstanceOf(InternalError.class);
        assertThat(workflow.deadLetters("journal")).isEqualTo(1);
        assertThat(workflow.skipped("apply")).isEqualTo(1);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFailTheWholeBatchWhenItsEndThrowsAnError() throws Exception
    {
        final AtomicLong applied = new AtomicLong();
        final CountDownLatch firstBatchHeld = new CountDownLatch(1);
        final CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        final StepHandler<Job> journal = new StepHandler<>()
        {
            @Override
            public void onEvent(final Job job, final long sequence) throws InterruptedException
            {
                if (sequence == 0)
                {
                    firstBatchHeld.countDown();
                    releaseFirstBatch.await(5, TimeUnit.SECONDS);
                }
            }

            @Override
            public void onBatchEnd(final long sequence)
            {
                if (sequence == 9)
                {
                    throw new InternalError("msync failed");
                }
            }
        };
        final Workflow<Job> workflow = Workflow.<Job>named("group-commit-error")
            .step("journal", journal)
            .step("apply", (job, sequence) -> applied.incrementAndGet()).dependsOn("journal")
            .build();
        final EventBus bus = new EventBus();
        final Topic<Job> topic = topic(bus, "commit-error", 1);
        topic.attach("workflow", workflow);
        bus.start();
        publish(topic, 1);
        firstBatchHeld.await(5, TimeUnit.SECONDS);
        publish(topic, 9);
        releaseFirstBatch.countDown();
        assertThat(bus.close(Duration.ofSeconds(10))).isTrue();

        assertThat(workflow.deadLetters("journal")).isEqualTo(9);
        assertThat(workflow.skipped("apply")).isEqualTo(9);
        assertThat(applied.get()).as("only the committed first batch is applied").isEqualTo(1);
    }

    @Test
    void shouldRefuseCyclesNamingTheSteps()
    {
        assertThatThrownBy(() -> Workflow.<Job>named("loop")
            .step("a", (job, sequence) ->
            {
            }).dependsOn("c")
            .step("b", (job, sequence) ->
            {
            }).dependsOn("a")
            .step("c", (job, sequence) ->
            {
            }).dependsOn("b")
            .build())
            .isInstanceOf(WorkflowValidationException.class)
            .hasMessageContaining("workflow 'loop'")
            .hasMessageContaining("cycle: a -> c -> b -> a");
    }

    @Test
    void shouldRefuseSelfDependency()
    {
        assertThatThrownBy(() -> Workflow.<Job>named("self")
            .step("a", (job, sequence) ->
            {
            }).dependsOn("a")
            .build())
            .hasMessageContaining("cycle: a -> a");
    }

    @Test
    void shouldRefuseDuplicateNamesAndUnknownDependenciesTogether()
    {
        assertThatThrownBy(() -> Workflow.<Job>named("bad")
            .step("validate", (job, sequence) ->
            {
            })
            .step("validate", (job, sequence) ->
            {
            })
            .step("risk", (job, sequence) ->
            {
            }).dependsOn("ghost")
            .build())
            .isInstanceOfSatisfying(WorkflowValidationException.class, ex -> assertThat(ex.problems())
                .containsExactly("duplicate step name 'validate'", "step 'risk' depends on unknown step 'ghost'"));
    }

    @Test
    void shouldRefuseDependsOnBeforeAnyStep()
    {
        assertThatThrownBy(() -> Workflow.<Job>named("empty").dependsOn("x"))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("declare a step first");
        assertThatThrownBy(() -> Workflow.<Job>named("empty").build()).hasMessageContaining("no steps");
    }

    @Test
    void shouldDoubleBackoffUpToTheCap()
    {
        final RetryPolicy policy = RetryPolicy.exponential(10, Duration.ofMillis(1), Duration.ofMillis(5));
        assertThat(policy.backoffNanos(0)).isEqualTo(1_000_000);
        assertThat(policy.backoffNanos(1)).isEqualTo(2_000_000);
        assertThat(policy.backoffNanos(2)).isEqualTo(4_000_000);
        assertThat(policy.backoffNanos(3)).isEqualTo(5_000_000);
        assertThat(policy.backoffNanos(70)).isEqualTo(5_000_000);
        assertThatThrownBy(() -> new RetryPolicy(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
