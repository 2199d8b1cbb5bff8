package io.disruptorx.core.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

import com.lmax.disruptor.EventHandlerIdentity;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.dsl.Disruptor;

import io.disruptorx.core.bus.HandlerGraph;
import io.disruptorx.core.metrics.Counter;
import io.disruptorx.core.metrics.LatencyRecorder;
import io.disruptorx.core.metrics.LatencySnapshot;
import io.disruptorx.core.metrics.MetricsRegistry;
import org.agrona.concurrent.Agent;

/**
 * A graph of steps compiled into a Disruptor handler graph: every step is an event processor on the same ring;
 * steps without dependencies run in parallel on each event, and {@code dependsOn} becomes a barrier
 * ({@code disruptor.after(deps).handleEventsWith(step)}). The same graph also compiles into agents that poll the
 * ring ({@link #agents}), for a host that runs the steps one after another on one thread: same steps, same order
 * of every event through them, same batch ends.
 *
 * <pre>{@code
 * Workflow<Order> wf = Workflow.<Order>named("order-processing")
 *     .step("validate", validate)
 *     .step("enrich", enrich)
 *     .step("risk", risk).dependsOn("validate", "enrich").budget(Duration.ofMicros(50))
 *     .retry(RetryPolicy.exponential(3, Duration.ofMillis(1), Duration.ofMillis(20)))
 *     .deadLetter(deadLetters)
 *     .build();
 * topic.attach("orders-workflow", wf);   // or wf.install(disruptor, 0)
 * }</pre>
 *
 * @param <E> event type.
 */
public final class Workflow<E> implements HandlerGraph<E>
{
    /**
     * Shared per-step metrics (one set per step, across all partitions it is installed on).
     *
     * @param latencies          time per event, retries included: one single-writer recorder per partition.
     * @param breaches           budget breaches.
     * @param retries            retries performed.
     * @param deadLetters        events given up on.
     * @param skipped            events skipped because an upstream step gave up on them.
     * @param deadLetterFailures exceptions thrown by the dead-letter handler itself.
     */
    record StepMetrics(List<LatencyRecorder> latencies, Counter breaches, Counter retries, Counter deadLetters,
        Counter skipped, Counter deadLetterFailures)
    {
    }

    private final String name;
    private final List<StepDefinition<E>> order;
    private final Map<String, StepMetrics> metrics;
    private final DeadLetterHandler<E> deadLetters;
    private final BudgetAlertHook alertHook;
    private final LongSupplier nanoClock;
    private final MetricsRegistry registry;
    private final Set<Integer> installedPartitions = new HashSet<>();

    private Workflow(final String name, final List<StepDefinition<E>> order, final Map<String, StepMetrics> metrics,
        final DeadLetterHandler<E> deadLetters, final BudgetAlertHook alertHook, final LongSupplier nanoClock,
        final MetricsRegistry registry)
    {
        this.name = name;
        this.registry = registry;
        this.order = order;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.alertHook = alertHook;
        this.nanoClock = nanoClock;
    }

    /**
     * @param name workflow name (in metrics and alerts).
     * @param <E>  event type; give it explicitly: {@code Workflow.<Order>named("x")}.
     * @return a builder.
     */
    public static <E> Builder<E> named(final String name)
    {
        return new Builder<>(name);
    }

    /**
     * @return workflow name.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return steps in the order they are wired (dependencies before dependents).
     */
    public List<StepDefinition<E>> steps()
    {
        return order;
    }

    /**
     * @param step step name.
     * @return budget breaches of that step so far.
     */
    public long budgetBreaches(final String step)
    {
        return stepMetrics(step).breaches().get();
    }

    /**
     * @param step step name.
     * @return retries of that step so far.
     */
    public long retries(final String step)
    {
        return stepMetrics(step).retries().get();
    }

    /**
     * @param step step name.
     * @return events that step gave up on.
     */
    public long deadLetters(final String step)
    {
        return stepMetrics(step).deadLetters().get();
    }

    /**
     * @param step step name.
     * @return events that step skipped because an upstream step gave up on them.
     */
    public long skipped(final String step)
    {
        return stepMetrics(step).skipped().get();
    }

    /**
     * @param step step name.
     * @return the step's latency since start, merged over the partitions it is installed on.
     */
    public LatencySnapshot latency(final String step)
    {
        return LatencyRecorder.merged(stepMetrics(step).latencies());
    }

    private StepMetrics stepMetrics(final String step)
    {
        final StepMetrics m = metrics.get(step);
        if (m == null)
        {
            throw new IllegalArgumentException("workflow " + name + " has no step " + step);
        }
        return m;
    }

    /**
     * Wires the steps onto a Disruptor that has not started, one event processor (and so one thread) per step. Each
     * call creates fresh processors, so one workflow can be installed on every partition of a topic.
     *
     * @param disruptor the ring to wire onto.
     * @param partition partition index (unused by the wiring, part of the {@link HandlerGraph} contract).
     */
    @Override
    public void install(final Disruptor<E> disruptor, final int partition)
    {
        final List<StepProcessor<E>> processors = processorsFor((int) disruptor.getBufferSize(), partition);
        final Map<String, StepProcessor<E>> byName = new HashMap<>();
        for (int s = 0; s < order.size(); s++)
        {
            final StepDefinition<E> step = order.get(s);
            final StepProcessor<E> processor = processors.get(s);
            byName.put(step.name(), processor);
            if (step.dependsOn().isEmpty())
            {
                disruptor.handleEventsWith(processor);
            }
            else
            {
                final EventHandlerIdentity[] barrier = new EventHandlerIdentity[step.dependsOn().size()];
                for (int d = 0; d < barrier.length; d++)
                {
                    barrier[d] = byName.get(step.dependsOn().get(d));
                }
                disruptor.after(barrier).handleEventsWith(processor);
            }
        }
    }

    /**
     * Wires the steps onto a ring as agents that poll it, for a host that runs several stages on one thread (a
     * shared duty cycle). Each step polls after the steps it depends on, exactly as {@link #install} orders them,
     * and sees a batch only once they have finished it, batch end included; the ring's producers are gated on the
     * steps nothing depends on. Run the agents in the order returned (dependencies first), on one thread, and a
     * duty cycle takes each batch through every step.
     *
     * @param ring      the ring, before its producers publish (the agents see what is published from now on).
     * @param partition partition index, as for {@link #install}.
     * @param maxBatch  most events one {@code doWork()} of a step takes (its batch ends there).
     * @return one agent per step, in wiring order; none starts a thread.
     */
    public List<Agent> agents(final RingBuffer<E> ring, final int partition, final int maxBatch)
    {
        if (maxBatch < 1)
        {
            throw new IllegalArgumentException("maxBatch must be >= 1: " + maxBatch);
        }
        final List<StepProcessor<E>> processors = processorsFor(ring.getBufferSize(), partition);
        final long start = ring.getCursor();
        final Map<String, Sequence> sequences = new HashMap<>();
        final Set<String> dependedOn = new HashSet<>();
        final List<Agent> agents = new ArrayList<>();
        for (int s = 0; s < order.size(); s++)
        {
            final StepDefinition<E> step = order.get(s);
            final Sequence[] after = new Sequence[step.dependsOn().size()];
            for (int d = 0; d < after.length; d++)
            {
                after[d] = sequences.get(step.dependsOn().get(d));
            }
            dependedOn.addAll(step.dependsOn());
            final EventPoller<E> poller = ring.newPoller(after);
            poller.getSequence().set(start);
            sequences.put(step.name(), poller.getSequence());
            agents.add(new StepAgent<>(name + "-" + step.name() + "-" + partition, poller, processors.get(s),
                maxBatch));
        }
        for (final StepDefinition<E> step : order)
        {
            if (!dependedOn.contains(step.name()))
            {
                ring.addGatingSequences(sequences.get(step.name()));
            }
        }
        return List.copyOf(agents);
    }

    /**
     * Creates the processors of one partition, in wiring order: failure marks, ancestors' marks, a latency
     * recorder registered per step.
     */
    private List<StepProcessor<E>> processorsFor(final int size, final int partition)
    {
        synchronized (installedPartitions)
        {
            if (!installedPartitions.add(partition))
            {
                throw new IllegalStateException("workflow " + name + " is already installed on partition " + partition
                    + ": build one workflow per topic");
            }
        }
        final Map<String, StepProcessor<E>> processors = new HashMap<>();
        final Map<String, Set<String>> ancestors = new HashMap<>();
        final List<StepProcessor<E>> inOrder = new ArrayList<>();
        for (final StepDefinition<E> step : order)
        {
            final Set<String> stepAncestors = new LinkedHashSet<>();
            for (final String dependency : step.dependsOn())
            {
                stepAncestors.add(dependency);
                stepAncestors.addAll(ancestors.get(dependency));
            }
            ancestors.put(step.name(), stepAncestors);
            final long[][] ancestorMarks = new long[stepAncestors.size()][];
            int i = 0;
            for (final String ancestor : stepAncestors)
            {
                ancestorMarks[i++] = processors.get(ancestor).failureMarks();
            }
            final long[] marks = new long[size];
            Arrays.fill(marks, -1L);
            final LatencyRecorder latency = LatencyRecorder.singleWriter();
            registry.register(latency, "dx_workflow_step_latency_nanos", "Step time per event, retries included",
                "workflow", name, "step", step.name(), "partition", Integer.toString(partition));
            metrics.get(step.name()).latencies().add(latency);
            final StepProcessor<E> processor = new StepProcessor<>(name, step, marks, ancestorMarks,
                metrics.get(step.name()), latency, deadLetters, alertHook, nanoClock);
            processors.put(step.name(), processor);
            inOrder.add(processor);
        }
        return inOrder;
    }

    /**
     * Declares a workflow; nothing is checked until {@link #build()}, which reports every problem at once.
     *
     * @param <E> event type.
     */
    public static final class Builder<E>
    {
        private final String name;
        private final List<String> names = new ArrayList<>();
        private final List<StepHandler<E>> handlers = new ArrayList<>();
        private final List<List<String>> dependencies = new ArrayList<>();
        private final List<Long> budgets = new ArrayList<>();
        private final List<RetryPolicy> retries = new ArrayList<>();
        private DeadLetterHandler<E> deadLetters = (workflow, step, event, sequence, error) ->
        {
        };
        private BudgetAlertHook alertHook = BudgetAlertHook.NONE;
        private MetricsRegistry registry;
        private LongSupplier nanoClock = System::nanoTime;

        Builder(final String name)
        {
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * Adds a step; the following {@code dependsOn}, {@code budget} and {@code retry} apply to it.
         *
         * @param stepName unique step name.
         * @param handler  the work.
         * @return this.
         */
        public Builder<E> step(final String stepName, final StepHandler<E> handler)
        {
            names.add(Objects.requireNonNull(stepName, "stepName"));
            handlers.add(Objects.requireNonNull(handler, "handler"));
            dependencies.add(new ArrayList<>());
            budgets.add(0L);
            retries.add(RetryPolicy.NONE);
            return this;
        }

        /**
         * @param stepNames steps the last added step waits for.
         * @return this.
         */
        public Builder<E> dependsOn(final String... stepNames)
        {
            last();
            dependencies.get(dependencies.size() - 1).addAll(Arrays.asList(stepNames));
            return this;
        }

        /**
         * @param budget latency budget of the last added step; a slower event is counted and alerted.
         * @return this.
         */
        public Builder<E> budget(final Duration budget)
        {
            last();
            budgets.set(budgets.size() - 1, budget.toNanos());
            return this;
        }

        /**
         * @param policy retry policy of the last added step.
         * @return this.
         */
        public Builder<E> retry(final RetryPolicy policy)
        {
            last();
            retries.set(retries.size() - 1, Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * @param handler receives events a step gave up on.
         * @return this.
         */
        public Builder<E> deadLetter(final DeadLetterHandler<E> handler)
        {
            this.deadLetters = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * @param hook told about budget breaches.
         * @return this.
         */
        public Builder<E> alertHook(final BudgetAlertHook hook)
        {
            this.alertHook = Objects.requireNonNull(hook, "hook");
            return this;
        }

        /**
         * @param metricsRegistry where step latencies and counters are registered.
         * @return this.
         */
        public Builder<E> metrics(final MetricsRegistry metricsRegistry)
        {
            this.registry = metricsRegistry;
            return this;
        }

        /**
         * @param clock nanosecond clock used to time steps (tests inject a fake one).
         * @return this.
         */
        public Builder<E> nanoClock(final LongSupplier clock)
        {
            this.nanoClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        private void last()
        {
            if (names.isEmpty())
            {
                throw new IllegalStateException("workflow " + name + ": declare a step first");
            }
        }

        /**
         * Validates and compiles the definition.
         *
         * @return the workflow.
         * @throws WorkflowValidationException listing duplicates, unknown dependencies and cycles by name.
         */
        public Workflow<E> build()
        {
            final List<String> problems = new ArrayList<>();
            final Map<String, StepDefinition<E>> byName = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++)
            {
                final String stepName = names.get(i);
                final StepDefinition<E> step = new StepDefinition<>(stepName, handlers.get(i),
                    List.copyOf(new LinkedHashSet<>(dependencies.get(i))), budgets.get(i), retries.get(i));
                if (byName.putIfAbsent(stepName, step) != null)
                {
                    problems.add("duplicate step name '" + stepName + "'");
                }
            }
            if (byName.isEmpty())
            {
                problems.add("no steps");
            }
            for (final StepDefinition<E> step : byName.values())
            {
                for (final String dependency : step.dependsOn())
                {
                    if (!byName.containsKey(dependency))
                    {
                        problems.add("step '" + step.name() + "' depends on unknown step '" + dependency + "'");
                    }
                }
            }
            if (problems.isEmpty())
            {
                StepOrder.findCycle(byName).ifPresent(cycle -> problems.add("cycle: " + String.join(" -> ", cycle)));
            }
            if (!problems.isEmpty())
            {
                throw new WorkflowValidationException(name, problems);
            }
            final List<StepDefinition<E>> order = StepOrder.topological(byName);
            final MetricsRegistry target = registry != null ? registry : new MetricsRegistry();
            final Map<String, StepMetrics> stepMetrics = new HashMap<>();
            for (final StepDefinition<E> step : order)
            {
                final String[] labels = {"workflow", name, "step", step.name()};
                stepMetrics.put(step.name(), new StepMetrics(
                    new CopyOnWriteArrayList<>(),
                    target.counter("dx_workflow_budget_breaches", "Events that took longer than the step budget",
                        labels),
                    target.counter("dx_workflow_retries", "Step retries", labels),
                    target.counter("dx_workflow_dead_letters", "Events a step gave up on", labels),
                    target.counter("dx_workflow_skipped", "Events skipped after an upstream step gave up", labels),
                    target.counter("dx_workflow_dead_letter_failures", "Dead-letter handler exceptions", labels)));
            }
            return new Workflow<>(name, order, Collections.unmodifiableMap(stepMetrics), deadLetters, alertHook,
                nanoClock, target);
        }
    }
}
