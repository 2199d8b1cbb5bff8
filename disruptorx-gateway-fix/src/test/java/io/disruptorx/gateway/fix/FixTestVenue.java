package io.disruptorx.gateway.fix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.disruptorx.core.net.TestPorts;
import io.disruptorx.gateway.EdgeSecurity;
import io.disruptorx.gateway.Gateway;
import io.disruptorx.gateway.auth.PasswordAuthenticator;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.core.GatewayAudit;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.gateway.support.EngineVenue;
import io.disruptorx.gateway.support.MutableNanoClock;
import io.disruptorx.gateway.support.TestVenueSetup;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.CompositeAgent;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * The gateway's test venue (the real engine, TestVenueSetup's users and instruments) with the FIX acceptor beside
 * the binary gateway on one gateway thread, as a host runs them. Artio's state lives under the given directory.
 */
final class FixTestVenue implements AutoCloseable
{
    static final String COMP_ID = "DXEX";

    private final Gateway gateway;
    private final FixGateway fix;
    private final AgentRunner runner;
    private final int port;

    FixTestVenue(final Path directory)
    {
        this(directory, FixSettings.DEFAULT_LOGIN_TIMEOUT_MS);
    }

    /**
     * @param directory      where Artio keeps its state.
     * @param loginTimeoutMs the acceptor's login timeout.
     */
    FixTestVenue(final Path directory, final int loginTimeoutMs)
    {
        this(directory, freePort(), true, loginTimeoutMs, GatewayAudit.NONE);
    }

    /**
     * @param directory where Artio keeps its state.
     * @param audit     the gateway's audit trail.
     */
    FixTestVenue(final Path directory, final GatewayAudit audit)
    {
        this(directory, freePort(), true, FixSettings.DEFAULT_LOGIN_TIMEOUT_MS, audit);
    }

    /**
     * @param directory     where Artio keeps its state.
     * @param port          the acceptor's port.
     * @param deleteOnStart whether Artio starts with no state; {@code false} keeps the sequence numbers and the
     *                      archive a venue left in the directory, as a restarted venue does.
     */
    FixTestVenue(final Path directory, final int port, final boolean deleteOnStart)
    {
        this(directory, port, deleteOnStart, FixSettings.DEFAULT_LOGIN_TIMEOUT_MS, GatewayAudit.NONE);
    }

    private FixTestVenue(
        final Path directory, final int port, final boolean deleteOnStart, final int loginTimeoutMs,
        final GatewayAudit audit)
    {
        this.port = port;
        final EngineVenue venue = EngineVenue.withDefaults();
        TestVenueSetup.list(venue.engine());
        final GatewayConfig config = TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L);
        gateway = Gateway.launch(config, new EdgeSecurity(new PasswordAuthenticator(config.users()), null, audit,
            List.of()), venue, new MutableNanoClock(), () -> EngineVenue.START_NANOS);
        fix = FixGateway.launch(new FixSettings("127.0.0.1", port, COMP_ID, directory, deleteOnStart, 30)
            .withLoginTimeoutMs(loginTimeoutMs), gateway.core(), new InstrumentDirectory(config.instruments()));
        runner = new AgentRunner(new BackoffIdleStrategy(10, 20, 1_000, 200_000), Throwable::printStackTrace, null,
            new CompositeAgent(gateway, fix));
        AgentRunner.startOnThread(runner);
        try
        {
            await("the FIX library connected to Artio's engine").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(10)).until(fix::connected);
        }
        catch (final ConditionTimeoutException ex)
        {
            close();
            throw ex;
        }
    }

    int port()
    {
        return port;
    }

    Gateway gateway()
    {
        return gateway;
    }

    FixGateway fix()
    {
        return fix;
    }

    @Override
    public void close()
    {
        runner.close();
    }

    /**
     * @return a port for the acceptor, from {@link TestPorts}.
     */
    static int freePort()
    {
        return TestPorts.port();
    }
}
