package io.disruptorx.gateway.core;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.gateway.support.EngineVenue;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.protocol.sbe.command.QueryOpenOrdersDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.event.OpenOrderDecoder;
import io.disruptorx.protocol.sbe.event.OpenOrderEncoder;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link GatewayCore#queryOpenOrders} through a real engine: the answer is the engine's open orders of the entitled
 * account that asked, however they were entered, with post-only, notional and update time; one instrument can be
 * asked alone; refusals come back at once and never call the answer; a query the venue never answered ends
 * incomplete at its deadline; an OpenOrder of events schema version 1 is read with those three not known.
 */
class OpenOrdersQueryCoreTest
{
    private static final long TIMEOUT = 1_000_000_000L;

    private final CachedNanoClock clock = new CachedNanoClock();

    @Test
    void shouldAnswerWithTheEnginesOpenOrdersOfTheAccount()
    {
        final EngineVenue venue = EngineVenue.withDefaults();
        TestVenueSetup.list(venue.engine());
        final GatewayCore core = core(venue);
        final Session alice = login(core, "alice");
        final long t1 = venue.nextTimestamp();
        venue.engine().newOrder(t1, 1, 41, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.NONE, 9_950, 3);
        venue.engine().newOrder(venue.nextTimestamp(), 1, 42, 2, Side.SELL, OrderType.LIMIT, TimeInForce.DAY, true,
            SelfTradePrevention.NONE, 200_000, 2_000);
        final long t3 = venue.nextTimestamp();
        venue.engine().newOrder(t3, 3, 43, 1, Side.SELL, OrderType.LIMIT, TimeInForce.IOC, false,
            SelfTradePrevention.NONE, 9_900, 1);
        core.doWork();
        final Recorder all = new Recorder();
        final Recorder one = new Recorder();
        final Recorder none = new Recorder();

        assertThat(core.queryOpenOrders(alice, 0, 0, all, TIMEOUT)).isZero();
        assertThat(core.queryOpenOrders(alice, 1, 2, one, TIMEOUT)).isZero();
        assertThat(core.queryOpenOrders(alice, 2, 0, none, TIMEOUT)).isZero();
        assertThat(all.lines).isEmpty();
        core.doWork();

        final long t2 = t1 + 1;
        assertThat(all.lines).containsExactly(
            "o1 c41 i1 s0 f0 po0 9950 2/3 n9950 t" + t1 + " u" + t3,
            "o2 c42 i2 s1 f1 po1 200000 2000/2000 n0 t" + t2 + " u" + t2,
            "end true");
        assertThat(one.lines).containsExactly(
            "o2 c42 i2 s1 f1 po1 200000 2000/2000 n0 t" + t2 + " u" + t2,
            "end true");
        assertThat(none.lines).containsExactly("end true");
    }

    @Test
    void shouldRefuseAtOnceWithoutCallingTheAnswer()
    {
        final EngineVenue venue = EngineVenue.withDefaults();
        TestVenueSetup.list(venue.engine());
        final GatewayCore core = core(venue);
        final Recorder answer = new Recorder();

        assertThat(core.queryOpenOrders(login(core, "alice"), 3, 0, answer, TIMEOUT))
            .isEqualTo(EntryRejectReason.NOT_ENTITLED.value());
        assertThat(core.queryOpenOrders(login(core, "copy"), 1, 0, answer, TIMEOUT))
            .isEqualTo(EntryRejectReason.ROLE_NOT_PERMITTED.value());
        venue.refuse(VenueClient.BACK_PRESSURED);
        assertThat(core.queryOpenOrders(login(core, "bob"), 0, 0, answer, TIMEOUT))
            .isEqualTo(EntryRejectReason.VENUE_BUSY.value());
        venue.refuse(0);
        core.doWork();

        assertThat(answer.lines).isEmpty();
        assertThat(venue.commandsTaken()).isZero();
    }

    @Test
    void shouldEndAQueryTheVenueNeverAnsweredAtItsDeadlineAndReadVersionOneEvents()
    {
        final ScriptedVenue venue = new ScriptedVenue();
        final GatewayCore core = core(venue);
        final Session alice = login(core, "alice");
        final Recorder silent = new Recorder();
        clock.update(1_000);
        assertThat(core.queryOpenOrders(alice, 2, 0, silent, TIMEOUT)).isZero();
        clock.update(1_000 + TIMEOUT);
        core.doWork();
        assertThat(silent.lines).isEmpty();
        clock.update(1_001 + TIMEOUT);
        core.doWork();
        assertThat(silent.lines).containsExactly("end false");

        final Recorder old = new Recorder();
        venue.answerInVersionOne = true;
        assertThat(core.queryOpenOrders(alice, 1, 0, old, TIMEOUT)).isZero();
        core.doWork();
        assertThat(old.lines).containsExactly("o9 c7 i1 s1 f0 po-1 10100 1/2 n-1 t55 u0", "end true");
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
    private static final class Recorder implements OpenOrderAnswer
    {
        final List<String> lines = new ArrayList<>();

        @Override
        public void onOrder(final long orderId, final long clientOrderId, final int instrumentId, final int side,
            final int timeInForce, final int postOnly, final long price, final long quantity,
            final long originalQuantity, final long filledNotional, final long entryTime, final long updateTime)
        {
            lines.add("o" + orderId + " c" + clientOrderId + " i" + instrumentId + " s" + side + " f" + timeInForce +
                " po" + postOnly + " " + price + " " + quantity + "/" + originalQuantity + " n" + filledNotional +
                " t" + entryTime + " u" + updateTime);
        }

        @Override
        public void onEnd(final boolean complete, final long timestamp)
        {
            lines.add("end " + complete);
        }
    }

    /**
     * A venue that takes every command and answers none, or answers an open-orders query with one order in an
     * OpenOrder of events schema version 1 (an engine from before post-only, notional and update time were sent).
     */
    private static final class ScriptedVenue implements VenueClient
    {
        private static final int V1_BLOCK = OpenOrderDecoder.filledNotionalEncodingOffset();

        boolean answerInVersionOne;
        private final UnsafeBuffer event = new UnsafeBuffer(new byte[256]);
        private final QueryOpenOrdersDecoder query = new QueryOpenOrdersDecoder();
        private long offered;
        private int pending;

        @Override
        public long offer(final DirectBuffer buffer, final int offset, final int length)
        {
            if (answerInVersionOne)
            {
                query.wrap(buffer, offset + MessageHeaderEncoder.ENCODED_LENGTH, QueryOpenOrdersDecoder.BLOCK_LENGTH,
                    QueryOpenOrdersDecoder.SCHEMA_VERSION);
                final OpenOrderEncoder open = new OpenOrderEncoder().wrapAndApplyHeader(event, 0,
                    new MessageHeaderEncoder());
                open.timestamp(60).requestId(query.requestId()).accountId(query.accountId()).orderId(9)
                    .clientOrderId(7).instrumentId(1).orderCount(1).place(0)
                    .side(io.disruptorx.protocol.sbe.event.Side.SELL)
                    .timeInForce(io.disruptorx.protocol.sbe.event.TimeInForce.GTC).price(10_100).quantity(1)
                    .originalQuantity(2).entryTime(55);
                event.putShort(0, (short)V1_BLOCK, ByteOrder.LITTLE_ENDIAN);
                event.putShort(6, (short)1, ByteOrder.LITTLE_ENDIAN);
                pending = MessageHeaderEncoder.ENCODED_LENGTH + V1_BLOCK;
            }
            return ++offered;
        }

        @Override
        public int poll(final VenueEventHandler handler, final int limit)
        {
            if (pending == 0)
            {
                return 0;
            }
            final int length = pending;
            pending = 0;
            handler.onEvent(offered, event, 0, length);
            return 1;
        }

        @Override
        public void close()
        {
        }
    }
}
