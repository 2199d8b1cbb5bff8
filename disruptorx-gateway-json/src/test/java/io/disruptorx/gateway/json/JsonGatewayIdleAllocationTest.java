package io.disruptorx.gateway.json;

import java.util.List;

import io.disruptorx.core.AllocationMeter;
import io.disruptorx.gateway.Gateway;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.support.EngineVenue;
import io.disruptorx.gateway.support.MutableNanoClock;
import io.disruptorx.gateway.support.TestVenueSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON edge's duty cycle with nothing to do allocates nothing: the gateway thread runs it thousands of times a
 * second, once for every session the edge has opened (here three users, two with a user data stream). Measured
 * with the JVM's per-thread allocation counter over many cycles after enough for the JIT to settle, with room for an
 * incidental allocation (an iterator per session and cycle is 32 bytes each, 1.9 MB over the measured cycles).
 */
class JsonGatewayIdleAllocationTest
{
    private static final int WARM_UP_CYCLES = 200_000;
    private static final int CYCLES = 20_000;

    private final EngineVenue venue = EngineVenue.withDefaults();
    private Gateway gateway;

    @AfterEach
    void stop()
    {
        if (gateway != null)
        {
            gateway.onClose();
        }
    }

    @Test
    void shouldNotAllocateInAnIdleCycle()
    {
        TestVenueSetup.list(venue.engine());
        final GatewayConfig config = TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L);
        gateway = Gateway.launch(config, venue, new MutableNanoClock(), () -> EngineVenue.START_NANOS);
        final JsonGateway json = new JsonGateway(gateway.core(), config.instruments(), new MutableNanoClock(),
            JsonTestVenue.ANSWER_TIMEOUT_NANOS);
        final List<User> users = TestVenueSetup.users();
        for (int i = 0; i < 3; i++)
        {
            final JsonCommand subscribe = new JsonCommand(i < 2 ? JsonCommand.Kind.SUBSCRIBE :
                JsonCommand.Kind.MY_TRADES, users.get(i), new Ignored());
            subscribe.sink = new OpenSink();
            subscribe.instrument = json.instrumentList().get(0);
            subscribe.limit = 10;
            json.submit(subscribe);
        }
        json.doWork();

        for (int i = 0; i < WARM_UP_CYCLES; i++)
        {
            json.doWork();
        }
        final long before = AllocationMeter.allocatedBytes();
        for (int i = 0; i < CYCLES; i++)
        {
            json.doWork();
        }
        assertThat(AllocationMeter.allocatedBytes() - before).isLessThan(CYCLES);
    }

    /**
     * An answer nobody reads.
     */
    private static final class Ignored implements JsonAnswer
    {
        @Override
        public void result(final String json)
        {
        }

        @Override
        public void error(final ApiError error, final String message)
        {
        }
    }

    /**
     * A user data stream that stays open and takes nothing (no report comes).
     */
    private static final class OpenSink implements ReportSink
    {
        @Override
        public void send(final String json)
        {
        }

        @Override
        public boolean isOpen()
        {
            return true;
        }
    }
}
