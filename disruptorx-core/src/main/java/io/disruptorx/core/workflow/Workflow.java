package io.disruptorx.core.workflow;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

import com.lmax.disruptor.EventHandlerIdentity;
import com.lmax.disruptor.dsl.Disruptor;

import io.disruptorx.core.bus.HandlerGraph;
import io.disruptorx.core.metrics.Counter;
import io.disruptorx.core.metrics.LatencyRecorder;
import io.disruptorx.core.metrics.LatencySnapshot;
import io.disruptorx.core.metrics.MetricsRegistry;

/**
 * A graph of steps compiled into a Disruptor handler graph: every step is an event processor on the same ring;
 * steps without dependencies run in parallel on each event, and {@code dependsOn} becomes a barrier
 * ({@code disruptor.after(deps).handleEventsWith(step)}).
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
     * Wires the steps onto a Disruptor that has not started. Each call creates fresh processors, so one workflow can
     * be installed on every partition of a topic.
     *
     * @param disruptor the ring to wire onto.
     * @param partition partition index (unused by the wiring, part of the {@link HandlerGraph} contract).
     */
    @Override
    public void install(final Disruptor<E> disruptor, final int partition)
    {
        synchronized (installedPartitions)
        {
            if (!installedPartitions.add(partition))
            {
                throw new IllegalStateException("workflow " + name + " is already installed on partition " + partition
                    + ": build one workflow per topic");
            }
        }
        final int size = (int) disruptor.getBufferSize();
        final Map<String, StepProcessor<E>> processors = new HashMap<>();
        final Map<String, Set<String>> ancestors = new HashMap<>();
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
            registry.register(latency, "dx_workflow_step_latency_seconds", "Step time per event, retries included",
                "workflow", name, "step", step.name(), "partition", Integer.toString(partition));
            metrics.get(step.name()).latencies().add(latency);
            final StepProcessor<E> processor = new StepProcessor<>(name, step, marks, ancestorMarks,
                metrics.get(step.name()), latency, deadLetters, alertHook, nanoClock);
            processors.put(step.name(), processor);
            if (step.dependsOn().isEmpty())
            {
                disruptor.handleEventsWith(processor);
            }
            else
            {
                final EventHandlerIdentity[] barrier = new EventHandlerIdentity[step.dependsOn().size()];
                for (int d = 0; d < barrier.length; d++)
                {
                    barrier[d] = processors.get(step.dependsOn().get(d));
                }
                disruptor.after(barrier).handleEventsWith(processor);
            }
        }
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
                findCycle(byName).ifPresent(cycle -> problems.add("cycle: " + String.join(" -> ", cycle)));
            }
            if (!problems.isEmpty())
            {
                throw new WorkflowValidationException(name, problems);
            }
            final List<StepDefinition<E>> order = topologicalOrder(byName);
            final MetricsRegistry target = registry != null ? registry : new MetricsRegistry();
            final Map<String, StepMetrics> stepMetrics = new HashMap<>();
            for (final StepDefinition<E> step : order)
            {
                final String[] labels = {"workflow", name, "step", step.name()};
                stepMetrics.put(step.name(), new StepMetrics(
                    new CopyOnWriteArrayList<>(),
                    target.counter("dx_workflow_budget_breaches_total", "Events that took longer than the step budget",
                        labels),
                    target.counter("dx_workflow_retries_total", "Step retries", labels),
                    target.counter("dx_workflow_dead_letters_total", "Events a step gave up on", labels),
                    target.counter("dx_workflow_skipped_total", "Events skipped after an upstream step gave up",
                        labels),
                    target.counter("dx_workflow_dead_letter_failures_total", "Dead-letter handler exceptions",
                        labels)));
            }
            return new Workflow<>(name, order, Collections.unmodifiableMap(stepMetrics), deadLetters, alertHook,
                nanoClock, target);
        }

        private static <E> Optional<List<String>> findCycle(final Map<String, StepDefinition<E>> byName)
        {
            final Map<String, Integer> colour = new HashMap<>();
            for (final String start : byName.keySet())
            {
                final Deque<String> path = new ArrayDeque<>();
                final List<String> cycle = visit(start, byName, colour, path);
                if (cycle != null)
                {
                    return Optional.of(cycle);
                }
            }
            return Optional.empty();
        }

        private static <E> List<String> visit(final String node, final Map<String, StepDefinition<E>> byName,
            final Map<String, Integer> colour, final Deque<String> path)
        {
            final int state = colour.getOrDefault(node, 0);
            if (state == 2)
            {
                return null;
            }
            if (state == 1)
            {
                final List<String> cycle = new ArrayList<>();
                boolean inCycle = false;
                for (final Iterator<String> it = path.descendingIterator(); it.hasNext(); )
                {
                    final String step = it.next();
                    inCycle |= step.equals(node);
                    if (inCycle)
                    {
                        cycle.add(step);
                    }
                }
                cycle.add(node);
                return cycle;
            }
            colour.put(node, 1);
            path.push(node);
            for (final String dependency : byName.get(node).dependsOn())
            {
                final List<String> cycle = visit(dependency, byName, colour, path);
                if (cycle != null)
                {
                    return cycle;
                }
            }
            path.pop();
            colour.put(node, 2);
            return null;
        }

        private static <E> List<StepDefinition<E>> topologicalOrder(final Map<String, StepDefinition<E>> byName)
        {
            final List<StepDefinition<E>> order = new ArrayList<>();
            final Set<String> placed = new LinkedHashSet<>();
            while (order.size() < byName.size())
            {
                for (final StepDefinition<E> step : byName.values())
                {
                    if (!placed.contains(step.name()) && placed.containsAll(step.dependsOn()))
                    {
                        placed.add(step.name());
                        order.add(step);
                    }
                }
            }
            return List.copyOf(order);
        }
    }
}
