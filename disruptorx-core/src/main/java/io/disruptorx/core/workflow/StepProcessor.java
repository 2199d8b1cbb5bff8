package io.disruptorx.core.workflow;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import com.lmax.disruptor.EventHandler;
import io.disruptorx.core.metrics.LatencyRecorder;

/**
 * Runs one step on one partition: skip if an upstream step dead-lettered the event, else attempt with retries,
 * dead-letter on exhaustion, time it against the budget. Never lets a throwable reach the Disruptor: the
 * Disruptor's processor would hand it to its exception handler and move past the event with no failure mark, so
 * dependent steps would see an event (and the rest of its batch) this step never completed. An {@link Error} is
 * dead-lettered at once, without retries: it says the step's state can no longer be trusted.
 * <p>
 * Failure marks: {@code failed[sequence & mask] = sequence} when this step gives up on an event. Descendants read
 * the marks of all their ancestors after the Disruptor's barrier, which orders the write before the read; stale
 * marks from earlier laps hold a different sequence and are ignored, so nothing needs clearing.
 *
 * @param <E> event type.
 */
final class StepProcessor<E> implements EventHandler<E>
{
    private final String workflow;
    private final StepDefinition<E> step;
    private final StepHandler<E> handler;
    private final long[] failed;
    private final long[][] ancestorFailures;
    private final int mask;
    private final Workflow.StepMetrics metrics;
    private final DeadLetterHandler<E> deadLetters;
    private final BudgetAlertHook alertHook;
    private final LongSupplier nanoClock;
    private final LatencyRecorder latency;
    private long batchStart = -1;
    private long lastStamp;

    StepProcessor(final String workflow, final StepDefinition<E> step, final long[] failed,
        final long[][] ancestorFailures, final Workflow.StepMetrics metrics, final LatencyRecorder latency,
        final DeadLetterHandler<E> deadLetters, final BudgetAlertHook alertHook, final LongSupplier nanoClock)
    {
        this.latency = latency;
        this.workflow = workflow;
        this.step = step;
        this.handler = step.handler();
        this.failed = failed;
        this.ancestorFailures = ancestorFailures;
        this.mask = failed.length - 1;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.alertHook = alertHook;
        this.nanoClock = nanoClock;
    }

    long[] failureMarks()
    {
        return failed;
    }

    /**
     * Stamps the start of a batch. Within a batch an event's start is the previous event's end, so timing costs
     * one clock read per event instead of two.
     */
    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        lastStamp = nanoClock.getAsLong();
    }

    @Override
    public void onEvent(final E event, final long sequence, final boolean endOfBatch)
    {
        if (batchStart < 0)
        {
            batchStart = sequence;
        }
        if (skipIfAncestorFailed(sequence))
        {
            lastStamp = nanoClock.getAsLong();
        }
        else
        {
            attempt(event, sequence);
        }
        if (endOfBatch)
        {
            endBatch(sequence);
        }
    }

    private boolean skipIfAncestorFailed(final long sequence)
    {
        final int index = (int) (sequence & mask);
        for (final long[] marks : ancestorFailures)
        {
            if (marks[index] == sequence)
            {
                failed[index] = sequence;
                metrics.skipped().increment();
                return true;
            }
        }
        return false;
    }

    private void endBatch(final long last)
    {
        try
        {
            handler.onBatchEnd(last);
        }
        catch (final Throwable ex)
        {
            for (long sequence = batchStart; sequence <= last; sequence++)
            {
                failed[(int) (sequence & mask)] = sequence;
            }
            metrics.deadLetters().add(last - batchStart + 1);
        }
        finally
        {
            batchStart = -1;
        }
    }

    private void attempt(final E event, final long sequence)
    {
        final int index = (int) (sequence & mask);
        final long start = lastStamp;
        final RetryPolicy retry = step.retry();
        int attempt = 0;
        while (true)
        {
            try
            {
                handler.onEvent(event, sequence);
                break;
            }
            catch (final Throwable ex)
            {
                if (ex instanceof Error || attempt >= retry.maxRetries())
                {
                    failed[index] = sequence;
                    metrics.deadLetters().increment();
                    deliverDeadLetter(event, sequence, ex);
                    break;
                }
                metrics.retries().increment();
                final long backoff = retry.backoffNanos(attempt);
                if (backoff > 0)
                {
                    LockSupport.parkNanos(backoff);
                }
                attempt++;
            }
        }
        final long end = nanoClock.getAsLong();
        lastStamp = end;
        final long elapsed = end - start;
        latency.record(elapsed);
        final long budget = step.budgetNanos();
        if (budget > 0 && elapsed > budget)
        {
            metrics.breaches().increment();
            alertHook.onBudgetBreach(workflow, step.name(), sequence, elapsed, budget);
        }
    }

    private void deliverDeadLetter(final E event, final long sequence, final Throwable ex)
    {
        try
        {
            deadLetters.onDeadLetter(workflow, step.name(), event, sequence, ex);
        }
        catch (final Throwable deadLetterFailure)
        {
            metrics.deadLetterFailures().increment();
        }
    }
}
