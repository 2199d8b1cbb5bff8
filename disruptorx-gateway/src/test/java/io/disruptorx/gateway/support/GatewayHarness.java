package io.disruptorx.gateway.support;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.gateway.Gateway;
import io.disruptorx.gateway.config.GatewayConfig;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;

/**
 * A gateway on loopback in front of the real engine ({@link EngineVenue}), run by an {@link AgentRunner} as a
 * host would. Tests reach the engine only through {@link #onGatewayThread}, which runs on the gateway's thread
 * between duty cycles.
 */
public final class GatewayHarness implements AutoCloseable
{
    private final EngineVenue venue;
    private final Gateway gateway;
    private final AgentRunner runner;
    private final MutableNanoClock clock = new MutableNanoClock();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    /**
     * @param engineConfig  engine settings.
     * @param storeCapacity reports kept per session.
     * @param heartbeatNanos SoupBinTCP heartbeat interval.
     */
    public GatewayHarness(final EngineConfig engineConfig, final int storeCapacity, final long heartbeatNanos)
    {
        this(engineConfig, TestVenueSetup.gatewayConfig(0, storeCapacity, heartbeatNanos));
    }

    /**
     * @param engineConfig engine settings.
     * @param config       the gateway's settings (listeners, timers, limits, users).
     */
    public GatewayHarness(final EngineConfig engineConfig, final GatewayConfig config)
    {
        venue = new EngineVenue(engineConfig);
        TestVenueSetup.list(venue.engine());
        gateway = Gateway.launch(config, venue, clock, () -> EngineVenue.START_NANOS);
        final Agent agent = new Agent()
        {
            @Override
            public int doWork()
            {
                int work = 0;
                Runnable task;
                while ((task = tasks.poll()) != null)
                {
                    task.run();
                    work++;
                }
                return work + gateway.doWork();
            }

            @Override
            public void onClose()
            {
                gateway.onClose();
            }

            @Override
            public String roleName()
            {
                return "test-gateway";
            }
        };
        runner = new AgentRunner(
            new BackoffIdleStrategy(1, 1, 1_000, 200_000), Throwable::printStackTrace, null, agent);
        AgentRunner.startOnThread(runner);
    }

    /**
     * @return a harness with default engine settings, 1,024 reports per session and 1 s heartbeats.
     */
    public static GatewayHarness standard()
    {
        return new GatewayHarness(EngineConfig.defaults(), 1024, 1_000_000_000L);
    }

    /**
     * Runs an action on the gateway thread and waits for it.
     *
     * @param action gets the venue (engine admin, refusals).
     */
    public void onGatewayThread(final Consumer<EngineVenue> action)
    {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        tasks.add(() ->
        {
            try
            {
                action.accept(venue);
                done.complete(null);
            }
            catch (final RuntimeException ex)
            {
                done.completeExceptionally(ex);
            }
        });
        try
        {
            done.get(10, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("gateway thread task failed", ex);
        }
    }

    /**
     * @return the gateway (ports, counters).
     */
    public Gateway gateway()
    {
        return gateway;
    }

    /**
     * @return the gateway's clock, which tests move.
     */
    public MutableNanoClock clock()
    {
        return clock;
    }

    /**
     * @return the native listener.
     */
    public InetSocketAddress nativeAddress()
    {
        return new InetSocketAddress("127.0.0.1", gateway.nativePort());
    }

    /**
     * @return the POE listener.
     */
    public InetSocketAddress poeAddress()
    {
        return new InetSocketAddress("127.0.0.1", gateway.poePort());
    }

    @Override
    public void close()
    {
        runner.close();
    }
}
