package io.disruptorx.marketdata.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.CompositeAgent;

/**
 * Puts agents on threads: all on one thread ({@link Threading#SHARED}, for small machines) or one thread each
 * ({@link Threading#DEDICATED}), each thread an Agrona {@link AgentRunner} whose idle strategy spins briefly,
 * yields, then parks up to a millisecond, so an idle server costs next to no CPU.
 *
 * <p>An exception that escapes an agent's duty cycle is a bug of ours (bad input is counted by the agents and never
 * thrown): it is printed, counted in {@link #errors()}, and the duty cycle goes on.
 */
public final class AgentHost implements AutoCloseable
{
    private static final long MAX_PARK_NANOS = 1_000_000;

    private final List<AgentRunner> runners = new ArrayList<>();
    private final AtomicLong errors = new AtomicLong();

    /**
     * How agents share threads.
     */
    public enum Threading
    {
        /** Every agent on one thread. */
        SHARED,
        /** One thread per agent. */
        DEDICATED
    }

    private AgentHost()
    {
    }

    /**
     * @param threadName name of the thread (shared), or prefix of the threads (dedicated).
     * @param threading  how the agents share threads.
     * @param agents     the agents; the host closes them when it closes.
     * @return the host, its threads started.
     */
    public static AgentHost start(final String threadName, final Threading threading, final Agent... agents)
    {
        final AgentHost host = new AgentHost();
        if (threading == Threading.SHARED)
        {
            host.run(threadName, new CompositeAgent(agents));
        }
        else
        {
            for (final Agent agent : agents)
            {
                host.run(threadName + "-" + agent.roleName(), agent);
            }
        }
        return host;
    }

    /**
     * @return exceptions that escaped a duty cycle (bugs), since the start.
     */
    public long errors()
    {
        return errors.get();
    }

    /**
     * Stops the threads (each finishes its duty cycle) and closes the agents.
     */
    @Override
    public void close()
    {
        for (final AgentRunner runner : runners)
        {
            runner.close();
        }
    }

    private void run(final String threadName, final Agent agent)
    {
        final ErrorHandler onError = (throwable) ->
        {
            errors.incrementAndGet();
            System.err.println(threadName + ": bug in a duty cycle, continuing");
            throwable.printStackTrace();
        };
        final AgentRunner runner = new AgentRunner(
            new BackoffIdleStrategy(10, 20, 1_000, MAX_PARK_NANOS), onError, null, agent);
        runners.add(runner);
        AgentRunner.startOnThread(runner, (runnable) ->
        {
            final Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }
}
