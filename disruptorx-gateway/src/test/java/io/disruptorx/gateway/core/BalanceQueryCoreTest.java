package io.disruptorx.gateway.core;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.gateway.support.EngineVenue;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link GatewayCore#queryBalances} through a real engine: the answer is the engine's ledger, asset by asset, for
 * the entitled account that asked; refusals come back at once and never call the answer; a query the venue took
 * but never answered ends incomplete at its deadline.
 */
class BalanceQueryCoreTest
{
    private static final int BUY = 0;
    private static final long TIMEOUT = 1_000_000_000L;

    private final CachedNanoClock clock = new CachedNanoClock();

    @Test
    void shouldAnswerWithTheEnginesBalancesOfTheAccount()
    {
        final EngineVenue venue = EngineVenue.withDefaults();
        TestVenueSetup.list(venue.engine());
        final GatewayCore core = core(venue);
        final Session alice = login(core, "alice");
        core.newOrder(alice, 11, 0, 1, BUY, 0, 0, 0, 0, 10000, -2, 5, 0, null);
        core.doWork();
        final Recorder answer = new Recorder();

        assertThat(core.queryBalances(alice, 0, answer, TIMEOUT)).isZero();
        assertThat(answer.lines).isEmpty();
        core.doWork();

        final long usdHeld = venue.engine().held(1, 0);
        assertThat(usdHeld).isEqualTo(5 * 10_000 + 5 * 2);
        assertThat(answer.lines).containsExactly(
            "0 " + (1_000_000_000_000L - usdHeld) + "/" + usdHeld + "/0",
            "1 1000000000/0/0",
            "2 1000000000000/0/0",
            "end true");
    }

    @Test
    void shouldRefuseAtOnceWithoutCallingTheAnswer()
    {
        final EngineVenue venue = EngineVenue.withDefaults();
        TestVenueSetup.list(venue.engine());
        final GatewayCore core = core(venue);
        final Recorder answer = new Recorder();

        assertThat(core.queryBalances(login(core, "alice"), 3, answer, TIMEOUT))
            .isEqualTo(EntryRejectReason.NOT_ENTITLED.value());
        assertThat(core.queryBalances(login(core, "copy"), 1, answer, TIMEOUT))
            .isEqualTo(EntryRejectReason.ROLE_NOT_PERMITTED.value());
        final Session bob = login(core, "bob");
        venue.refuse(VenueClient.BACK_PRESSURED);
        assertThat(core.queryBalances(bob, 0, answer, TIMEOUT))
            .isEqualTo(EntryRejectReason.VENUE_BUSY.value());
        venue.refuse(VenueClient.NOT_CONNECTED);
        assertThat(core.queryBalances(bob, 0, answer, TIMEOUT))
            .isEqualTo(EntryRejectReason.VENUE_UNAVAILABLE.value());
        venue.refuse(0);
        core.doWork();

        assertThat(answer.lines).isEmpty();
        assertThat(venue.commandsTaken()).isZero();
    }

    @Test
    void shouldEndAQueryTheVenueNeverAnsweredAtItsDeadline()
    {
        final SilentVenue venue = new SilentVenue();
        final GatewayCore core = core(venue);
        final Session alice = login(core, "alice");
        final Recorder answer = new Recorder();
        clock.update(1_000);
        assertThat(core.queryBalances(alice, 2, answer, TIMEOUT)).isZero();
        assertThat(venue.offered).isEqualTo(1);

        clock.update(1_000 + TIMEOUT);
        core.doWork();
        assertThat(answer.lines).isEmpty();
        clock.update(1_001 + TIMEOUT);
        core.doWork();
        core.doWork();

        assertThat(answer.lines).containsExactly("end false");
    }

    private GatewayCore core(final VenueClient venue)
    {
        return new GatewayCore(TestVenueSetup.settings(1024), TestVenueSetup.instruments(),
            TestVenueSetup.authenticator(), venue, clock, () -> 77);
    }

    private static Session login(final GatewayCore core, final String user)
    {
        final Session session = core.login(user, TestVenueSetup.PASSWORD, 1, ReportFilter.ALL);
        core.attach(session);
        return session;
    }

    /**
     * Records an answer as text.
     */
    private static final class Recorder implements BalanceAnswer
    {
        final List<String> lines = new ArrayList<>();

        @Override
        public void onBalance(final int assetId, final long free, final long locked, final long inTransfer)
        {
            lines.add(assetId + " " + free + "/" + locked + "/" + inTransfer);
        }

        @Override
        public void onEnd(final boolean complete, final long timestamp)
        {
            lines.add("end " + complete);
        }
    }

    /**
     * A venue that takes every command and never answers (a lost connection the client has not noticed yet).
     */
    private static final class SilentVenue implements VenueClient
    {
        int offered;

        @Override
        public long offer(final DirectBuffer buffer, final int offset, final int length)
        {
            return ++offered;
        }

        @Override
        public int poll(final VenueEventHandler handler, final int limit)
        {
            return 0;
        }

        @Override
        public void close()
        {
        }
    }
}
