package io.disruptorx.engine;

import java.util.List;

import io.disruptorx.engine.EngineEvent.Accepted;
import io.disruptorx.engine.EngineEvent.AdminResult;
import io.disruptorx.engine.EngineEvent.BookAdd;
import io.disruptorx.engine.EngineEvent.BookDelete;
import io.disruptorx.engine.EngineEvent.CancelRejected;
import io.disruptorx.engine.EngineEvent.Cancelled;
import io.disruptorx.engine.EngineEvent.Fill;
import io.disruptorx.engine.EngineEvent.InstrumentStatus;
import io.disruptorx.engine.EngineEvent.MarketStatus;
import io.disruptorx.engine.EngineEvent.Rejected;
import io.disruptorx.engine.EngineEvent.Replaced;
import io.disruptorx.engine.EngineEvent.SnapshotRequested;
import io.disruptorx.engine.EngineEvent.Trade;
import io.disruptorx.engine.RecordingListener.Events;
import org.junit.jupiter.api.Test;

import static io.disruptorx.engine.CancelReason.EXPIRED;
import static io.disruptorx.engine.CancelReason.KILL_SWITCH;
import static io.disruptorx.engine.CancelReason.MASS_CANCEL;
import static io.disruptorx.engine.CancelReason.REQUESTED;
import static io.disruptorx.engine.EngineFixture.INSTRUMENT;
import static io.disruptorx.engine.EngineFixture.QUOTE;
import static io.disruptorx.engine.OrderType.LIMIT;
import static io.disruptorx.engine.RejectReason.NONE;
import static io.disruptorx.engine.Side.BUY;
import static io.disruptorx.engine.Side.SELL;
import static io.disruptorx.engine.TimeInForce.DAY;
import static io.disruptorx.engine.TimeInForce.GTC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instruments, halt and resume, end of day, kill switch, mass cancel and snapshot requests.
 */
class MatchingEngineAdminTest
{
    private static final int OTHER = 2;
    private static final int OTHER_BASE = 3;

    private final EngineFixture fx = EngineFixture.create();

    @Test
    void shouldAnnounceNewInstrumentAsTrading()
    {
        final EngineFixture fresh = EngineFixture.builder().accounts(0).build();
        final List<EngineEvent> setup = fresh.listener().events();

        assertThat(setup).containsExactly(
            new AdminResult(AdminType.ADD_INSTRUMENT, INSTRUMENT, NONE),
            new InstrumentStatus(INSTRUMENT, InstrumentState.TRADING),
            new MarketStatus(INSTRUMENT, InstrumentState.TRADING));
        assertThat(fresh.listener().feedSequences()).containsExactly(0L, 0L, 1L);
    }

    @Test
    void shouldHaltAndResumeInstrument()
    {
        final Events halt = fx.halt(INSTRUMENT);

        assertThat(halt.executions()).containsExactly(
            new AdminResult(AdminType.HALT_INSTRUMENT, INSTRUMENT, NONE),
            new InstrumentStatus(INSTRUMENT, InstrumentState.HALTED));
        assertThat(halt.marketData()).containsExactly(new MarketStatus(INSTRUMENT, InstrumentState.HALTED));
        assertThat(halt.marketDataSequences()).containsExactly(2L);

        final Events resume = fx.resume(INSTRUMENT);

        assertThat(resume.executions()).containsExactly(
            new AdminResult(AdminType.RESUME_INSTRUMENT, INSTRUMENT, NONE),
            new InstrumentStatus(INSTRUMENT, InstrumentState.TRADING));
        assertThat(resume.marketData()).containsExactly(new MarketStatus(INSTRUMENT, InstrumentState.TRADING));
        assertThat(resume.marketDataSequences()).containsExactly(3L);
    }

    @Test
    void shouldRejectNewOrdersAndReplacesButAcceptCancelsWhileHalted()
    {
        fx.limit(1, 10, BUY, 100, 5);
        fx.limit(1, 11, BUY, 99, 5);
        fx.halt(INSTRUMENT);

        assertThat(fx.limit(2, 20, SELL, 100, 1).executions())
            .containsExactly(new Rejected(20, 2, INSTRUMENT, RejectReason.INSTRUMENT_HALTED));
        assertThat(fx.replace(1, 12, 1, 100, 4).all())
            .containsExactly(new CancelRejected(1, 12, 1, RejectReason.INSTRUMENT_HALTED));
        final Events cancel = fx.cancel(1, 13, 2);
        assertThat(cancel.executions()).containsExactly(new Cancelled(2, 11, 13, 1, INSTRUMENT, 5, REQUESTED));
        assertThat(cancel.marketData()).containsExactly(new BookDelete(INSTRUMENT, 2));

        fx.resume(INSTRUMENT);

        assertThat(fx.limit(2, 21, SELL, 100, 1).executions()).containsExactly(
            new Accepted(3, 21, 2, INSTRUMENT, SELL, LIMIT, GTC, 100, 1),
            new Trade(1, INSTRUMENT, 100, 1, SELL, new Fill(1, 1, 4, 0), new Fill(3, 2, 0, 0)));
        assertThat(fx.replace(1, 14, 1, 100, 3).executions())
            .containsExactly(new Replaced(1, 14, 1, INSTRUMENT, 100, 3, true));
    }

    @Test
    void shouldRefuseHaltOfUnknownInstrument()
    {
        final Events events = fx.halt(9);

        assertThat(events.all()).containsExactly(
            new AdminResult(AdminType.HALT_INSTRUMENT, 9, RejectReason.UNKNOWN_INSTRUMENT));
        assertThat(fx.resume(9).all()).containsExactly(
            new AdminResult(AdminType.RESUME_INSTRUMENT, 9, RejectReason.UNKNOWN_INSTRUMENT));
    }

    @Test
    void shouldExpireOnlyDayOrdersAtEndOfDay()
    {
        fx.limit(1, 10, BUY, DAY, 99, 5);
        fx.limit(2, 11, BUY, GTC, 98, 5);
        fx.limit(1, 12, BUY, DAY, 99, 4);
        fx.limit(3, 13, SELL, GTC, 101, 5);

        final Events events = fx.endOfDay(INSTRUMENT);

        assertThat(withoutRequestIds(events.executions())).containsExactly(
            new Cancelled(1, 10, -1, 1, INSTRUMENT, 5, EXPIRED),
            new Cancelled(3, 12, -1, 1, INSTRUMENT, 4, EXPIRED),
            new AdminResult(AdminType.END_OF_DAY, INSTRUMENT, NONE));
        assertThat(events.marketData()).containsExactly(
            new BookDelete(INSTRUMENT, 1),
            new BookDelete(INSTRUMENT, 3));
        assertThat(fx.cancel(2, 14, 2).executions())
            .containsExactly(new Cancelled(2, 11, 14, 2, INSTRUMENT, 5, REQUESTED));
        assertThat(fx.cancel(3, 15, 4).executions())
            .containsExactly(new Cancelled(4, 13, 15, 3, INSTRUMENT, 5, REQUESTED));
    }

    @Test
    void shouldExpireDayOrdersOfEveryInstrumentOnEndOfDayForAll()
    {
        addOtherInstrument();
        fx.limit(1, 10, BUY, DAY, 99, 5);
        fx.newOrder(1, 11, OTHER, SELL, LIMIT, DAY, false, SelfTradePrevention.NONE, 50, 5);
        fx.newOrder(1, 12, OTHER, SELL, LIMIT, GTC, false, SelfTradePrevention.NONE, 51, 5);

        final Events events = fx.endOfDay(0);

        assertThat(withoutRequestIds(events.executions())).containsExactlyInAnyOrder(
            new Cancelled(1, 10, -1, 1, INSTRUMENT, 5, EXPIRED),
            new Cancelled(2, 11, -1, 1, OTHER, 5, EXPIRED),
            new AdminResult(AdminType.END_OF_DAY, 0, NONE));
        assertThat(events.executions().get(2)).isInstanceOf(AdminResult.class);
        assertThat(events.marketData()).containsExactlyInAnyOrder(
            new BookDelete(INSTRUMENT, 1),
            new BookDelete(OTHER, 2));
    }

    @Test
    void shouldCancelOpenOrdersAndRejectNewOnesWhenKillSwitchIsOn()
    {
        fx.limit(1, 10, BUY, 99, 5);
        fx.limit(2, 11, BUY, 98, 5);
        fx.limit(1, 12, SELL, 101, 5);

        final Events kill = fx.riskLimits(1, Long.MAX_VALUE, Long.MAX_VALUE, true);

        assertThat(withoutRequestIds(kill.executions())).containsExactlyInAnyOrder(
            new Cancelled(1, 10, -1, 1, INSTRUMENT, 5, KILL_SWITCH),
            new Cancelled(3, 12, -1, 1, INSTRUMENT, 5, KILL_SWITCH),
            new AdminResult(AdminType.SET_RISK_LIMITS, 1, NONE));
        assertThat(kill.marketData()).containsExactlyInAnyOrder(
            new BookDelete(INSTRUMENT, 1),
            new BookDelete(INSTRUMENT, 3));
        assertThat(fx.limit(1, 13, BUY, 97, 1).executions())
            .containsExactly(new Rejected(13, 1, INSTRUMENT, RejectReason.KILL_SWITCH_ACTIVE));
        assertThat(fx.cancel(2, 14, 2).executions())
            .containsExactly(new Cancelled(2, 11, 14, 2, INSTRUMENT, 5, REQUESTED));

        final Events release = fx.riskLimits(1, Long.MAX_VALUE, Long.MAX_VALUE, false);

        assertThat(release.all()).containsExactly(new AdminResult(AdminType.SET_RISK_LIMITS, 1, NONE));
        assertThat(fx.limit(1, 15, BUY, 97, 1).executions())
            .containsExactly(new Accepted(4, 15, 1, INSTRUMENT, BUY, LIMIT, GTC, 97, 1));
    }

    @Test
    void shouldMassCancelOneAccountOnEveryInstrument()
    {
        addOtherInstrument();
        fx.limit(1, 10, BUY, 99, 5);
        fx.limit(2, 11, BUY, 98, 5);
        fx.newOrder(1, 12, OTHER, SELL, LIMIT, GTC, false, SelfTradePrevention.NONE, 50, 5);

        final Events events = fx.massCancel(1, 0, 40);

        assertThat(events.executions()).hasSize(3);
        assertThat(events.executions().subList(0, 2)).containsExactlyInAnyOrder(
            new Cancelled(1, 10, 40, 1, INSTRUMENT, 5, MASS_CANCEL),
            new Cancelled(3, 12, 40, 1, OTHER, 5, MASS_CANCEL));
        assertAdminResult(events.executions().get(2), AdminType.MASS_CANCEL, NONE);
        assertThat(events.marketData()).containsExactlyInAnyOrder(
            new BookDelete(INSTRUMENT, 1),
            new BookDelete(OTHER, 3));
        assertThat(fx.cancel(2, 13, 2).executions())
            .containsExactly(new Cancelled(2, 11, 13, 2, INSTRUMENT, 5, REQUESTED));
    }

    @Test
    void shouldMassCancelEveryAccountOnOneInstrument()
    {
        addOtherInstrument();
        fx.limit(1, 10, BUY, 99, 5);
        fx.limit(2, 11, SELL, 101, 5);
        fx.newOrder(1, 12, OTHER, SELL, LIMIT, GTC, false, SelfTradePrevention.NONE, 50, 5);

        final Events events = fx.massCancel(0, INSTRUMENT, 40);

        assertThat(events.executions()).hasSize(3);
        assertThat(events.executions().subList(0, 2)).containsExactlyInAnyOrder(
            new Cancelled(1, 10, 40, 1, INSTRUMENT, 5, MASS_CANCEL),
            new Cancelled(2, 11, 40, 2, INSTRUMENT, 5, MASS_CANCEL));
        assertAdminResult(events.executions().get(2), AdminType.MASS_CANCEL, NONE);
        assertThat(events.marketData()).containsExactlyInAnyOrder(
            new BookDelete(INSTRUMENT, 1),
            new BookDelete(INSTRUMENT, 2));
        assertThat(fx.cancel(1, 13, 3).executions())
            .containsExactly(new Cancelled(3, 12, 13, 1, OTHER, 5, REQUESTED));
    }

    @Test
    void shouldMassCancelOneAccountOnOneInstrument()
    {
        addOtherInstrument();
        fx.limit(1, 10, BUY, 99, 5);
        fx.limit(1, 11, BUY, 98, 4);
        fx.limit(2, 12, SELL, 101, 5);
        fx.newOrder(1, 13, OTHER, SELL, LIMIT, GTC, false, SelfTradePrevention.NONE, 50, 5);

        final Events events = fx.massCancel(1, INSTRUMENT, 40);

        assertThat(events.executions()).hasSize(3);
        assertThat(events.executions().subList(0, 2)).containsExactly(
            new Cancelled(1, 10, 40, 1, INSTRUMENT, 5, MASS_CANCEL),
            new Cancelled(2, 11, 40, 1, INSTRUMENT, 4, MASS_CANCEL));
        assertAdminResult(events.executions().get(2), AdminType.MASS_CANCEL, NONE);
        assertThat(events.marketData()).containsExactly(
            new BookDelete(INSTRUMENT, 1),
            new BookDelete(INSTRUMENT, 2));
        assertThat(fx.cancel(2, 14, 3).executions())
            .containsExactly(new Cancelled(3, 12, 14, 2, INSTRUMENT, 5, REQUESTED));
        assertThat(fx.cancel(1, 15, 4).executions())
            .containsExactly(new Cancelled(4, 13, 15, 1, OTHER, 5, REQUESTED));
    }

    @Test
    void shouldReportEmptyMassCancel()
    {
        final Events events = fx.massCancel(1, 0, 40);

        assertThat(events.executions()).hasSize(1);
        assertAdminResult(events.executions().get(0), AdminType.MASS_CANCEL, NONE);
        assertThat(events.marketData()).isEmpty();
    }

    @Test
    void shouldRequestSnapshot()
    {
        final Events events = fx.takeSnapshot(77);

        assertThat(events.all()).containsExactly(
            new AdminResult(AdminType.TAKE_SNAPSHOT, 77, NONE),
            new SnapshotRequested(77));
    }

    @Test
    void shouldRefuseDuplicateInstrument()
    {
        final Events events = fx.addInstrument(INSTRUMENT, 5, 6, 1, 1, 0, 0, 0, 0, 100, 0, 1_000);

        assertThat(events.all()).containsExactly(
            new AdminResult(AdminType.ADD_INSTRUMENT, INSTRUMENT, RejectReason.DUPLICATE_INSTRUMENT));
    }

    @Test
    void shouldAddSecondInstrumentWithOwnBook()
    {
        final Events add = addOtherInstrument();

        assertThat(add.all()).containsExactly(
            new AdminResult(AdminType.ADD_INSTRUMENT, OTHER, NONE),
            new InstrumentStatus(OTHER, InstrumentState.TRADING),
            new MarketStatus(OTHER, InstrumentState.TRADING));
        fx.limit(1, 10, SELL, 60, 5);
        final Events buy = fx.newOrder(2, 11, OTHER, BUY, LIMIT, GTC, false, SelfTradePrevention.NONE, 60, 5);
        assertThat(buy.executions()).containsExactly(new Accepted(2, 11, 2, OTHER, BUY, LIMIT, GTC, 60, 5));
        assertThat(buy.marketData()).containsExactly(new BookAdd(OTHER, 2, BUY, 60, 5));
    }

    private Events addOtherInstrument()
    {
        final Events events = fx.addInstrument(OTHER, OTHER_BASE, QUOTE, 1, 1, 0, 0, 0, 0, 50, 0, 1_000);
        for (long account = 1; account <= 4; account++)
        {
            fx.adjust(account, OTHER_BASE, 1_000_000);
        }
        return events;
    }

    /**
     * End of day and the kill switch have no request of their own; the spec does not say what requestId they
     * carry, so it is blanked out before comparing.
     */
    static List<EngineEvent> withoutRequestIds(final List<EngineEvent> events)
    {
        return events.stream()
            .map(event -> event instanceof Cancelled c && (c.reason() == EXPIRED || c.reason() == KILL_SWITCH) ?
                new Cancelled(c.orderId(), c.clientOrderId(), -1, c.accountId(), c.instrumentId(),
                c.cancelledQuantity(), c.reason()) : event)
            .toList();
    }

    static void assertAdminResult(final EngineEvent event, final AdminType type, final RejectReason result)
    {
        assertThat(event).isInstanceOfSatisfying(AdminResult.class, admin ->
        {
            assertThat(admin.type()).isEqualTo(type);
            assertThat(admin.result()).isEqualTo(result);
        });
    }
}
