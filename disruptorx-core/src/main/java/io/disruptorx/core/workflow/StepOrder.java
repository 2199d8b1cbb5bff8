package io.disruptorx.core.workflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order of a workflow's steps: the first dependency cycle, if any, and a topological order (dependencies
 * before dependents, otherwise in declaration order), which is also the order a shared thread runs them in.
 */
final class StepOrder
{
    private StepOrder()
    {
    }

    static <E> Optional<List<String>> findCycle(final Map<String, StepDefinition<E>> byName)
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

    static <E> List<StepDefinition<E>> topological(final Map<String, StepDefinition<E>> byName)
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
