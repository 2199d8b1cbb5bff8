package io.disruptorx.gateway.fuzz;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.PostOnlyMode;
import io.disruptorx.gateway.core.GatewayCore;
import io.disruptorx.gateway.core.GatewayCounters;
import io.disruptorx.gateway.core.Session;
import io.disruptorx.gateway.dialect.NativeDialect;
import io.disruptorx.gateway.dialect.PoeDialect;
import io.disruptorx.gateway.soupbintcp.Dialect;
import io.disruptorx.gateway.support.EngineVenue;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.protocol.soupbintcp.LoginRequest;
import io.disruptorx.protocol.soupbintcp.SoupBinTcp;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What a fuzz input meets at the order-entry edge: the real session core in front of the real engine, with a
 * logged-in session per dialect, rebuilt every {@link #EXECUTIONS_PER_VENUE} inputs so that resting orders do not
 * pile up over a million executions. After each input the core runs a duty cycle (the engine's events come back
 * as reports) and must not have counted an internal error: bad input is the client's fault, counted by kind,
 * never ours.
 */
final class EdgeFuzzHarness
{
    private static final int EXECUTIONS_PER_VENUE = 10_000;
    private static final EngineConfig ENGINE = new EngineConfig(8, 4, 4_096, 64, 0, PostOnlyMode.REJECT);

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 16]);
    private final CachedNanoClock clock = new CachedNanoClock();
    private GatewayCore core;
    private NativeDialect nativeDialect;
    private PoeDialect poeDialect;
    private Session nativeSession;
    private Session poeSession;
    private int executions;

    /**
     * One message of the native SBE dialect, as a SoupBinTCP Unsequenced Data payload.
     */
    void nativeMessage(final byte[] input)
    {
        prepare();
        buffer.putBytes(0, input);
        nativeDialect.onMessage(core, nativeSession, buffer, 0, input.length);
        finish(input);
    }

    /**
     * One POE message, as a SoupBinTCP Unsequenced Data payload.
     */
    void poeMessage(final byte[] input)
    {
        prepare();
        buffer.putBytes(0, input);
        poeDialect.onMessage(core, poeSession, buffer, 0, input.length);
        finish(input);
    }

    /**
     * A byte stream from a client, framed as the SoupBinTCP connection frames it ({@link SoupBinTcp#packetLength},
     * {@link SoupBinTcp#packetType}, frames longer than the dialect's longest message refused): login requests are
     * read field by field ({@link LoginRequest}) and tried on the core, unsequenced data goes to the native dialect.
     */
    void stream(final byte[] input)
    {
        prepare();
        buffer.putBytes(0, input);
        final int maxPacket = 1 + Math.max(SoupBinTcp.LOGIN_REQUEST_LENGTH, nativeDialect.maxInboundLength());
        int position = 0;
        while (input.length - position >= SoupBinTcp.LENGTH_FIELD)
        {
            final int packetLength = SoupBinTcp.packetLength(buffer, position);
            if (packetLength == 0 || packetLength > maxPacket || input.length - position - SoupBinTcp.LENGTH_FIELD <
                packetLength)
            {
                break;
            }
            final int payload = position + SoupBinTcp.HEADER_LENGTH;
            final int payloadLength = packetLength - 1;
            final byte type = SoupBinTcp.packetType(buffer, position);
            if (type == SoupBinTcp.LOGIN_REQUEST && payloadLength == SoupBinTcp.LOGIN_REQUEST_LENGTH)
            {
                LoginRequest.session(buffer, payload);
                LoginRequest.sequence(buffer, payload);
                final Session session = core.login(LoginRequest.username(buffer, payload),
                    LoginRequest.password(buffer, payload), nativeDialect.protocolId(), nativeDialect.filter());
                if (session != null && session != nativeSession)
                {
                    core.detach(session);
                }
            }
            else if (type == SoupBinTcp.UNSEQUENCED_DATA)
            {
                nativeDialect.onMessage(core, nativeSession, buffer, payload, payloadLength);
            }
            position += SoupBinTcp.LENGTH_FIELD + packetLength;
        }
        finish(input);
    }

    private void prepare()
    {
        if (core == null || executions++ % EXECUTIONS_PER_VENUE == 0)
        {
            final EngineVenue venue = new EngineVenue(ENGINE);
            TestVenueSetup.list(venue.engine());
            core = new GatewayCore(TestVenueSetup.settings(1024), TestVenueSetup.instruments(),
                TestVenueSetup.authenticator(), venue, clock, () -> EngineVenue.START_NANOS);
            nativeDialect = new NativeDialect(TestVenueSetup.instruments());
            poeDialect = new PoeDialect(TestVenueSetup.instruments(), EngineVenue.START_NANOS);
            nativeSession = login(nativeDialect, "alice");
            poeSession = login(poeDialect, "bob");
        }
        clock.advance(1_000_000L);
    }

    private Session login(final Dialect dialect, final String user)
    {
        final Session session = core.login(user, TestVenueSetup.PASSWORD, dialect.protocolId(), dialect.filter());
        if (session == null)
        {
            throw new IllegalStateException("the fuzz harness's user " + user + " cannot log in");
        }
        core.attach(session);
        return session;
    }

    private void finish(final byte[] input)
    {
        core.doWork();
        final GatewayCounters counters = core.counters();
        if (counters.internalErrors() != 0 || core.liveOrders() < 0)
        {
            throw new IllegalStateException("the gateway counted an internal error (" + counters.internalErrors() +
                ") or lost count of its orders (" + core.liveOrders() + ") on input of " + input.length + " bytes");
        }
    }
}
