package io.disruptorx.gateway.core;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.gateway.support.EngineVenue;
import io.disruptorx.gateway.support.TestVenueSetup;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "ended through" watermark: on its own (moves only up, ignores sequence 0), and in the core in front of the
 * real engine delivering one event per poll: a sweeping order's command is known ended exactly when its
 * acceptance and all its fills are in the session's store, and every one of its reports carries its command's
 * sequence.
 */
class CommandEndsTest
{
    private static final int BUY = 0;
    private static final int SELL = 1;
    private static final int LIMIT = 0;
    private static final int GTC = 0;
    private static final int CANCEL_NEWEST = 0;
    private static final int PROTOCOL = 1;

    @Test
    void shouldMoveOnlyUpAndIgnoreSequenceZero()
    {
        final CommandEnds ends = new CommandEnds(true);
        assertThat(ends.signalled()).isTrue();
        assertThat(ends.endedThrough()).isZero();
        assertThat(ends.ended(1)).isFalse();

        ends.onCommandEnd(0);
        assertThat(ends.endedThrough()).isZero();
        assertThat(ends.ended(0)).as("sequence 0 is never a venue command").isFalse();

        ends.onCommandEnd(5);
        assertThat(ends.endedThrough()).isEqualTo(5);
        assertThat(ends.ended(1)).isTrue();
        assertThat(ends.ended(5)).isTrue();
        assertThat(ends.ended(6)).isFalse();

        ends.onCommandEnd(3);
        ends.onCommandEnd(5);
        ends.onCommandEnd(0);
        assertThat(ends.endedThrough()).as("never moves back").isEqualTo(5);
        assertThat(ends.ended(0)).isFalse();

        ends.onCommandEnd(9);
        assertThat(ends.endedThrough()).isEqualTo(9);
        assertThat(new CommandEnds(false).signalled()).isFalse();
    }

    @Test
    void shouldKnowASweepEndedOnlyOnceItsAcceptanceAndEveryFillAreStored()
    {
        final EngineVenue venue = EngineVenue.withDefaults().signalCommandEnds().deliverAtMost(1);
        TestVenueSetup.list(venue.engine());
        final GatewayCore core = new GatewayCore(TestVenueSetup.settings(1024), TestVenueSetup.instruments(),
            TestVenueSetup.authenticator(), venue, new CachedNanoClock(), () -> 77);
        final Session alice = login(core, "alice");
        final Session bob = login(core, "bob");
        drain(core);
        assertThat(core.commandEnds().signalled()).isTrue();
        assertThat(core.commandEnds().endedThrough()).as("the set-up's events carry sequence 0").isZero();

        final long[] asks = {9900, 9950, 10000};
        for (int i = 0; i < asks.length; i++)
        {
            core.newOrder(bob, 20 + i, 0, 1, SELL, LIMIT, GTC, 0, CANCEL_NEWEST, asks[i], -2, i + 1, 0, null);
            drain(core);
            assertThat(core.commandEnds().endedThrough()).isEqualTo(venue.commandsTaken());
        }
        core.newOrder(alice, 11, 0, 1, BUY, LIMIT, GTC, 0, CANCEL_NEWEST, 10000, -2, 10, 0, null);
        final long sweep = venue.commandsTaken();

        final List<String> seen = new ArrayList<>();
        while (core.doWork() > 0)
        {
            final long stored = alice.store().last();
            seen.add(stored + (core.commandEnds().ended(sweep) ? " ended" : " open"));
        }
        assertThat(seen).as("stored reports and the end after each event").contains("1 open", "2 open", "3 open")
            .endsWith("4 ended");
        assertThat(seen.stream().filter(step -> step.endsWith("ended"))).as("ended only after the last event")
            .containsExactly("4 ended");

        final Report report = new Report();
        for (long sequence = 1; sequence <= alice.store().last(); sequence++)
        {
            alice.store().read(sequence, report);
            assertThat(report.commandSequence()).as("report %d", sequence).isEqualTo(sweep);
        }
        for (long sequence = 1; sequence <= 3; sequence++)
        {
            bob.store().read(sequence, report);
            assertThat(report.kind()).isEqualTo(ReportKind.ACCEPTED);
            assertThat(report.commandSequence()).isEqualTo(sweep - 4 + sequence);
        }
    }

    @Test
    void shouldKnowNothingEndedWhenTheVenueDoesNotSignal()
    {
        final EngineVenue venue = EngineVenue.withDefaults();
        TestVenueSetup.list(venue.engine());
        final GatewayCore core = new GatewayCore(TestVenueSetup.settings(1024), TestVenueSetup.instruments(),
            TestVenueSetup.authenticator(), venue, new CachedNanoClock(), () -> 77);
        final Session alice = login(core, "alice");
        core.newOrder(alice, 11, 0, 1, BUY, LIMIT, GTC, 0, CANCEL_NEWEST, 10000, -2, 10, 0, null);
        drain(core);
        assertThat(alice.store().last()).isEqualTo(1);
        assertThat(core.commandEnds().signalled()).isFalse();
        assertThat(core.commandEnds().endedThrough()).isZero();
        assertThat(core.commandEnds().ended(venue.commandsTaken())).isFalse();
    }

    private static void drain(final GatewayCore core)
    {
        while (core.doWork() > 0)
        {
            Thread.onSpinWait();
        }
    }

    private static Session login(final GatewayCore core, final String user)
    {
        final Session session = core.login(user, TestVenueSetup.PASSWORD, PROTOCOL, ReportFilter.ALL);
        core.attach(session);
        return session;
    }
}
