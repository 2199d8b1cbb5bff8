package io.disruptorx.engine.sbe;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.protocol.sbe.command.AddInstrumentDecoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AddInstrument's initial state (commands version 4): an instrument listed HALTED tells HALTED (execution events and
 * feed) and nothing else, refuses new orders {@code INSTRUMENT_HALTED} until a ResumeInstrument, then trades; it
 * stays halted through a snapshot and its restore. An AddInstrument written before version 4 (no state: an 80-byte
 * block) lists its instrument TRADING and replays to the same event bytes and snapshot as today's default; an unknown
 * state code is refused {@code INVALID_INSTRUMENT} and lists nothing; a version 4 AddInstrument without the field is
 * not applied.
 */
class AddInstrumentStateTest
{
    private static final int USD = 0;
    private static final int BTC = 1;
    private static final int INSTRUMENT = 3;
    private static final long ALICE = 5;
    private static final long BOB = 6;
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[SbeCommandEncoder.MAX_LENGTH]);

    @Test
    void shouldListAnInstrumentHaltedAndTradeItOnlyAfterItsResume()
    {
        final Venue venue = new Venue();
        venue.dispatch(funding());
        venue.log.clear();

        venue.dispatch(listing(InstrumentState.HALTED));
        assertThat(venue.log.events()).containsExactly(
            "onAdminResult(10, ADD_INSTRUMENT, 3, NONE)",
            "onInstrumentStatus(10, 3, HALTED)",
            "onMarketStatus(1, 10, 3, HALTED)");
        venue.log.clear();

        venue.dispatch(List.of(order(11, ALICE, 1, Side.BUY), order(12, BOB, 2, Side.SELL)));
        assertThat(venue.log.events()).containsExactly(
            "onOrderRejected(11, 1, 5, 3, INSTRUMENT_HALTED)",
            "onOrderRejected(12, 2, 6, 3, INSTRUMENT_HALTED)");
        assertThat(venue.engine.restingOrderCount()).isZero();
        venue.log.clear();

        venue.dispatch(List.of(bytes(encoder.resumeInstrument(command, 0, 13, INSTRUMENT)),
            order(14, ALICE, 3, Side.BUY), order(15, BOB, 4, Side.SELL)));
        assertThat(venue.log.events().subList(0, 3)).containsExactly(
            "onAdminResult(13, RESUME_INSTRUMENT, 3, NONE)",
            "onInstrumentStatus(13, 3, TRADING)",
            "onMarketStatus(2, 13, 3, TRADING)");
        assertThat(venue.log.events()).anyMatch(event -> event.startsWith("onOrderAccepted(14, "))
            .anyMatch(event -> event.startsWith("onTrade(15, ")).noneMatch(event -> event.contains("Rejected"));
    }

    @Test
    void shouldReplayAnAddInstrumentOfVersionThreeAsTodaysTradingListingByteForByte()
    {
        final List<byte[]> today = new ArrayList<>(funding());
        today.add(bytes(encoder.addInstrument(command, 0, 10, INSTRUMENT, BTC, USD, 1, 1, 0, 0, 1, 2, 100, 0,
            10_000)));
        assertThat(today.get(today.size() - 1)).as("the default lists TRADING: the state byte is 0")
            .isEqualTo(listing(InstrumentState.TRADING).get(0));
        today.add(order(11, ALICE, 1, Side.BUY));
        today.add(order(12, BOB, 2, Side.SELL));
        today.add(bytes(encoder.takeSnapshot(command, 0, 13, 1)));
        final List<byte[]> versionThree = new ArrayList<>();
        for (final byte[] written : today)
        {
            versionThree.add(asVersionThree(written));
        }
        final byte[] oldListing = versionThree.get(today.size() - 4);
        assertThat(oldListing).hasSize(HEADER + 80);

        final Venue old = new Venue();
        final Venue current = new Venue();
        old.dispatch(versionThree);
        current.dispatch(today);

        assertThat(old.rejects).isEmpty();
        assertThat(old.log.events()).contains("onInstrumentStatus(10, 3, TRADING)")
            .anyMatch(event -> event.startsWith("onTrade(12, "));
        assertThat(old.events).as("event bytes").hasSameSizeAs(current.events);
        for (int i = 0; i < old.events.size(); i++)
        {
            assertThat(old.events.get(i)).as("event %d", i).isEqualTo(current.events.get(i));
        }
        assertThat(old.snapshot()).as("snapshot").isEqualTo(current.snapshot());
    }

    @Test
    void shouldRefuseAnUnknownStateAndAVersionFourBlockWithoutIt()
    {
        final Venue venue = new Venue();
        final byte[] unknown = listing(InstrumentState.TRADING).get(0);
        unknown[HEADER + AddInstrumentDecoder.initialStateEncodingOffset()] = 7;
        final byte[] noState = listing(InstrumentState.HALTED).get(0);
        final UnsafeBuffer shortened = new UnsafeBuffer(noState);
        shortened.putShort(MessageHeaderDecoder.blockLengthEncodingOffset(),
            (short)AddInstrumentDecoder.initialStateEncodingOffset());

        venue.dispatch(funding());
        venue.log.clear();
        venue.dispatch(List.of(unknown));
        assertThat(venue.dispatcher.dispatch(shortened, 0, noState.length - 1)).isFalse();
        venue.dispatch(List.of(order(11, ALICE, 1, Side.BUY)));

        assertThat(venue.rejects).containsExactly(DispatchReject.BLOCK_TOO_SHORT);
        assertThat(venue.log.events()).containsExactly(
            "onAdminResult(10, ADD_INSTRUMENT, 3, INVALID_INSTRUMENT)",
            "onOrderRejected(11, 1, 5, 3, UNKNOWN_INSTRUMENT)");
    }

    @Test
    void shouldKeepAnInstrumentListedHaltedHaltedThroughASnapshot()
    {
        final Venue listed = new Venue();
        listed.dispatch(funding());
        listed.dispatch(listing(InstrumentState.HALTED));
        final byte[] snapshot = listed.snapshot();

        final Venue restored = new Venue();
        restored.engine.restore(new UnsafeBuffer(snapshot), 0, snapshot.length);
        assertThat(restored.snapshot()).as("written back the same").isEqualTo(snapshot);
        restored.dispatch(List.of(order(11, ALICE, 1, Side.BUY)));
        assertThat(restored.log.events()).containsExactly("onOrderRejected(11, 1, 5, 3, INSTRUMENT_HALTED)");
        restored.log.clear();

        restored.dispatch(List.of(bytes(encoder.resumeInstrument(command, 0, 12, INSTRUMENT)),
            order(13, ALICE, 2, Side.BUY), order(14, BOB, 3, Side.SELL)));
        assertThat(restored.log.events()).contains("onInstrumentStatus(12, 3, TRADING)")
            .anyMatch(event -> event.startsWith("onTrade(14, ")).noneMatch(event -> event.contains("Rejected"));
    }

    private List<byte[]> funding()
    {
        return List.of(bytes(encoder.adjustBalance(command, 0, 1, ALICE, USD, 1_000_000)),
            bytes(encoder.adjustBalance(command, 0, 2, BOB, BTC, 1_000)),
            bytes(encoder.adjustBalance(command, 0, 3, BOB, USD, 1_000)));
    }

    private List<byte[]> listing(final InstrumentState state)
    {
        return List.of(bytes(encoder.addInstrument(command, 0, 10, INSTRUMENT, BTC, USD, 1, 1, 0, 0, 1, 2, 100, 0,
            10_000, state)));
    }

    private byte[] order(final long timestamp, final long account, final long clientOrderId, final Side side)
    {
        return bytes(encoder.newOrder(command, 0, timestamp, account, clientOrderId, INSTRUMENT, side,
            OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.NONE, 100, 5));
    }

    private byte[] bytes(final int length)
    {
        final byte[] bytes = new byte[length];
        command.getBytes(0, bytes);
        return bytes;
    }

    /**
     * The command as a version 3 build wrote it: that version in the header, and an AddInstrument's block ending
     * where {@code initialState} starts (the other commands did not change).
     */
    private static byte[] asVersionThree(final byte[] written)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(written.clone());
        buffer.putShort(MessageHeaderDecoder.versionEncodingOffset(), (short)3);
        if (buffer.getShort(MessageHeaderDecoder.templateIdEncodingOffset()) != AddInstrumentDecoder.TEMPLATE_ID)
        {
            return buffer.byteArray();
        }
        final int block = AddInstrumentDecoder.initialStateEncodingOffset();
        buffer.putShort(MessageHeaderDecoder.blockLengthEncodingOffset(), (short)block);
        final byte[] old = new byte[HEADER + block];
        buffer.getBytes(0, old);
        return old;
    }

    /** An engine behind the wire codecs: every event's bytes, the events as text, commands not applied. */
    private static final class Venue
    {
        final List<byte[]> events = new ArrayList<>();
        final EventLog log = new EventLog();
        final List<DispatchReject> rejects = new ArrayList<>();
        final SbeEventDecoder decoder = new SbeEventDecoder(log);
        final MatchingEngine engine = new MatchingEngine(EngineConfig.defaults(), new SbeEventEncoder(
            new CallbackEventSink((buffer, offset, length) ->
            {
                final byte[] event = new byte[length];
                buffer.getBytes(offset, event);
                events.add(event);
                decoder.onMessage(buffer, offset, length);
            })));
        final SbeCommandDispatcher dispatcher = new SbeCommandDispatcher(engine,
            (reason, buffer, offset, length) -> rejects.add(reason));

        void dispatch(final List<byte[]> commands)
        {
            for (final byte[] message : commands)
            {
                assertThat(dispatcher.dispatch(new UnsafeBuffer(message), 0, message.length)).isTrue();
            }
        }

        byte[] snapshot()
        {
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
            final int length = engine.snapshot(buffer, 0);
            final byte[] bytes = new byte[length];
            buffer.getBytes(0, bytes);
            return bytes;
        }
    }
}
