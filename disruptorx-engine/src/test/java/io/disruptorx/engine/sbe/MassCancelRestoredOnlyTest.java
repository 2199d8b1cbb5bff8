package io.disruptorx.engine.sbe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.EngineListenerTee;
import io.disruptorx.engine.InstrumentMoves;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.PostOnlyMode;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.protocol.sbe.command.MassCancelDecoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A MassCancel of restored orders only ({@code restoredOnly}, commands version 5) cancels the account's orders a
 * move restored (their ids carry {@link InstrumentMoves#MOVED_MARK}) and leaves those entered here; without the flag
 * (FALSE, or a MassCancel of version 4 or older, which has no such field) a mass cancel cancels what it always did,
 * with the same events and the same snapshot bytes. A flag neither 0 nor 1, or a version 5 block without it, is
 * refused and changes nothing.
 */
class MassCancelRestoredOnlyTest
{
    private static final int USD = 0;
    private static final int BTC = 1;
    private static final int X = 2;
    private static final int Y = 3;
    private static final long ALICE = 5;
    private static final long BOB = 6;
    private static final long MOVED = InstrumentMoves.MOVED_MARK;
    private static final EngineConfig CONFIG = new EngineConfig(16, 4, 1024, 64, 0, PostOnlyMode.REJECT);
    private static final int BLOCK_LENGTH_AT = MessageHeaderEncoder.blockLengthEncodingOffset();
    private static final int VERSION_AT = MessageHeaderEncoder.versionEncodingOffset();
    private static final int FLAG_AT =
        MessageHeaderEncoder.ENCODED_LENGTH + MassCancelDecoder.restoredOnlyEncodingOffset();

    private final UnsafeBuffer command = new UnsafeBuffer(new byte[SbeCommandEncoder.MAX_LENGTH]);
    private final SbeCommandEncoder encoder = new SbeCommandEncoder();

    @Test
    void shouldCancelOnlyTheAccountsRestoredOrdersOfTheInstrument()
    {
        final Venue venue = new Venue();
        venue.book();

        assertThat(venue.dispatch(encoder.massCancel(command, 0, 40, ALICE, X, 90, true))).isTrue();
        assertThat(venue.reports).as("ALICE's restored orders of X, in priority order; her order entered here stays")
            .containsExactly("cancelled moved 7 a5 i2 r90 MASS_CANCEL", "cancelled moved 9 a5 i2 r90 MASS_CANCEL",
                "admin MASS_CANCEL 5 NONE");
        assertThat(venue.engine.openQuantity(1)).as("entered after the restores").isEqualTo(1);
        assertThat(venue.engine.openQuantity(MOVED | 8)).as("another account's").isEqualTo(6);
        assertThat(venue.engine.openQuantity(MOVED | 11)).as("another instrument's").isEqualTo(6);
        assertThat(venue.engine.held(ALICE, USD)).as("the cancelled holds released: the order here and on Y hold")
            .isEqualTo(101 + 606);

        venue.reports.clear();
        assertThat(venue.dispatch(encoder.massCancel(command, 0, 41, ALICE, 0, 91, true))).isTrue();
        assertThat(venue.reports).as("of every instrument: the restored one of Y")
            .containsExactly("cancelled moved 11 a5 i3 r91 MASS_CANCEL", "admin MASS_CANCEL 5 NONE");

        venue.reports.clear();
        assertThat(venue.dispatch(encoder.massCancel(command, 0, 42, ALICE, X, 92, false))).isTrue();
        assertThat(venue.reports).as("without the flag: every order of the account left")
            .containsExactly("cancelled 1 a5 i2 r92 MASS_CANCEL", "admin MASS_CANCEL 5 NONE");

        venue.reports.clear();
        assertThat(venue.dispatch(encoder.massCancel(command, 0, 43, 0, 0, 93, true))).isTrue();
        assertThat(venue.reports).as("of every account: BOB's restored order, not his order entered here")
            .containsExactly("cancelled moved 8 a6 i2 r93 MASS_CANCEL", "admin MASS_CANCEL 0 NONE");
        assertThat(venue.engine.restingOrderCount()).isEqualTo(1);
    }

    @Test
    void shouldRefuseTheFlagsOfUnknownAccountsAndInstrumentsAsEveryMassCancel()
    {
        final Venue venue = new Venue();
        venue.book();
        assertThat(venue.dispatch(encoder.massCancel(command, 0, 40, 77, X, 90, true))).isTrue();
        assertThat(venue.dispatch(encoder.massCancel(command, 0, 40, ALICE, 9, 90, true))).isTrue();
        assertThat(venue.reports).containsExactly("admin MASS_CANCEL 77 UNKNOWN_ACCOUNT",
            "admin MASS_CANCEL 5 UNKNOWN_INSTRUMENT");
        assertThat(venue.engine.restingOrderCount()).isEqualTo(6);
    }

    @Test
    void shouldCancelAsBeforeWithoutTheFlagOrInAnOlderVersionWithTheSameEventsAndSnapshot()
    {
        final Venue versionFour = new Venue();
        final Venue unset = new Venue();
        final Venue direct = new Venue();
        for (final Venue venue : List.of(versionFour, unset, direct))
        {
            venue.book();
            venue.log.clear();
        }
        for (int i = 0; i < 2; i++)
        {
            final int instrument = i == 0 ? X : 0;
            final long account = i == 0 ? ALICE : 0;
            final int length = encoder.massCancel(command, 0, 40 + i, account, instrument, 90 + i);
            assertThat(command.getByte(FLAG_AT)).as("written FALSE").isZero();
            assertThat(unset.dispatch(length)).isTrue();
            command.putShort(BLOCK_LENGTH_AT, (short)MassCancelDecoder.restoredOnlyEncodingOffset());
            command.putShort(VERSION_AT, (short)4);
            assertThat(versionFour.dispatch(length - 1)).as("a version 4 MassCancel, 40-byte block").isTrue();
            direct.engine.massCancel(40 + i, account, instrument, 90 + i);
        }
        assertThat(unset.log.events()).as("every order of the account, then every order")
            .containsExactlyElementsOf(versionFour.log.events())
            .containsExactlyElementsOf(direct.log.events());
        assertThat(unset.engine.restingOrderCount()).isZero();
        assertThat(unset.snapshot()).isEqualTo(versionFour.snapshot()).isEqualTo(direct.snapshot());
    }

    @Test
    void shouldRefuseAFlagNeitherZeroNorOneAndAVersionFiveBlockWithoutIt()
    {
        final Venue venue = new Venue();
        venue.book();
        final byte[] before = venue.snapshot();
        venue.reports.clear();
        final int length = encoder.massCancel(command, 0, 40, ALICE, X, 90, true);
        command.putByte(FLAG_AT, (byte)2);
        assertThat(venue.dispatch(length)).isFalse();
        encoder.massCancel(command, 0, 40, ALICE, X, 90, true);
        command.putShort(BLOCK_LENGTH_AT, (short)MassCancelDecoder.restoredOnlyEncodingOffset());
        assertThat(venue.dispatch(length - 1)).isFalse();
        assertThat(venue.reports).containsExactly("reject INVALID_BOOLEAN", "reject BLOCK_TOO_SHORT");
        assertThat(venue.snapshot()).isEqualTo(before);
    }

    /**
     * An engine fed through the dispatcher: cancels and admin results as text (a moved order's id without the mark),
     * every event in full ({@link EventLog}), refusals of the dispatcher.
     */
    private final class Venue extends EngineListenerAdapter
    {
        final List<String> reports = new ArrayList<>();
        final EventLog log = new EventLog();
        final MatchingEngine engine = new MatchingEngine(CONFIG, new EngineListenerTee(this, log));
        final SbeCommandDispatcher dispatcher = new SbeCommandDispatcher(engine,
            (reason, buffer, offset, length) -> reports.add("reject " + reason));

        /**
         * X and Y; ALICE's restored bids 7 and 9 on X (a move's, in that priority) and 11 on Y, BOB's restored 8 on
         * X, then an order of each entered here on X.
         */
        void book()
        {
            for (final int instrument : new int[]{X, Y})
            {
                engine.addInstrument(1, instrument, BTC, USD, 1, 1, 0, 0, 1, 1, 100, 0, 10_000);
            }
            for (final long account : new long[]{ALICE, BOB})
            {
                engine.adjustBalance(2, account, USD, 1_000_000);
                engine.adjustBalance(2, account, BTC, 1_000);
            }
            restore(1, 7, ALICE, X);
            restore(2, 9, ALICE, X);
            restore(3, 8, BOB, X);
            restore(4, 11, ALICE, Y);
            engine.newOrder(5, ALICE, 21, X, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.NONE, 100, 1);
            engine.newOrder(6, BOB, 22, X, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.NONE, 99, 1);
            assertThat(engine.restingOrderCount()).isEqualTo(6);
            reports.clear();
        }

        boolean dispatch(final int length)
        {
            return dispatcher.dispatch(command, 0, length);
        }

        byte[] snapshot()
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 16]);
            return Arrays.copyOf(buffer.byteArray(), engine.snapshot(buffer, 0));
        }

        private void restore(final long transfer, final long orderId, final long account, final int instrument)
        {
            assertThat(dispatch(encoder.restoreOrder(command, 0, 3, 1_000 + transfer, MOVED | orderId, account,
                orderId, instrument, Side.BUY, TimeInForce.GTC, 100, 6, 3, USD, 606, 0, 0, 3, false,
                SelfTradePrevention.NONE))).isTrue();
        }

        @Override
        public void onOrderCancelled(final long timestamp, final long orderId, final long clientOrderId,
            final long requestId, final long accountId, final int instrumentId, final long cancelledQuantity,
            final CancelReason reason)
        {
            reports.add("cancelled " + ((orderId & MOVED) != 0 ? "moved " + (orderId & ~MOVED) : orderId) + " a" +
                accountId + " i" + instrumentId + " r" + requestId + " " + reason);
        }

        @Override
        public void onAdminResult(
            final long timestamp, final AdminType type, final long subjectId, final RejectReason result)
        {
            reports.add("admin " + type + " " + subjectId + " " + result);
        }
    }
}
