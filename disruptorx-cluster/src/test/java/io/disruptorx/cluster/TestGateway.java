package io.disruptorx.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import io.disruptorx.cluster.client.ClusterClientConfig;
import io.disruptorx.cluster.client.ClusterVenueClient;
import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.engine.sbe.SbeEventDecoder;
import io.disruptorx.protocol.venue.TraceContext;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway for tests: encodes commands, offers them through a {@link ClusterVenueClient} (polling until taken),
 * and records every event delivered as a line of text with the position of the command that caused it.
 */
final class TestGateway implements AutoCloseable
{
    private final ClusterVenueClient client;
    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[SbeCommandEncoder.MAX_LENGTH]);
    private final List<String> events = new ArrayList<>();
    private final List<Long> positions = new ArrayList<>();
    private final List<End> ends = new ArrayList<>();
    private final SbeEventDecoder decoder = new SbeEventDecoder(new Recorder());

    /**
     * A command's end as the client signalled it.
     *
     * @param position     the command's log position.
     * @param eventsBefore events delivered before the signal.
     */
    record End(long position, int eventsBefore)
    {
    }

    TestGateway(final ClusterClientConfig config)
    {
        this(ClusterVenueClient.create(config));
    }

    TestGateway(final ClusterVenueClient client)
    {
        this.client = client;
    }

    ClusterVenueClient client()
    {
        return client;
    }

    List<String> events()
    {
        return events;
    }

    List<Long> positions()
    {
        return positions;
    }

    List<End> ends()
    {
        return ends;
    }

    /**
     * Asserts that the client signalled the end of every command it delivered events of, once, right after the
     * command's last event.
     */
    void assertEachCommandEndedOnceAfterItsLastEvent()
    {
        assertThat(client.signalsCommandEnd()).isTrue();
        assertThat(ends).extracting(End::position).as("one end per command with events, in order")
            .isEqualTo(positions.stream().distinct().toList());
        for (final End end : ends)
        {
            assertThat(positions.get(end.eventsBefore() - 1)).as("the event before the end of %s", end)
                .isEqualTo(end.position());
            if (end.eventsBefore() < positions.size())
            {
                assertThat(positions.get(end.eventsBefore())).as("the event after the end of %s", end)
                    .isGreaterThan(end.position());
            }
        }
    }

    void addInstrument(final int instrumentId)
    {
        send(encoder.addInstrument(command, 0, 0, instrumentId, instrumentId, 0, 1, 1, 2, 0, 0, 1, 10_000, 5_000,
            1_000));
    }

    void deposit(final long accountId, final int assetId, final long amount)
    {
        send(encoder.adjustBalance(command, 0, 0, accountId, assetId, amount));
    }

    void limit(
        final long accountId, final long clientOrderId, final int instrumentId, final Side side, final long price,
        final long quantity)
    {
        send(encoder.newOrder(command, 0, 0, accountId, clientOrderId, instrumentId, side, OrderType.LIMIT,
            TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST, price, quantity));
    }

    void limit(
        final long accountId, final long clientOrderId, final int instrumentId, final Side side, final long price,
        final long quantity, final TraceContext trace)
    {
        send(encoder.newOrder(command, 0, 0, accountId, clientOrderId, instrumentId, side, OrderType.LIMIT,
            TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST, price, quantity), trace);
    }

    void cancel(final long accountId, final long requestId, final long orderId)
    {
        send(encoder.cancelOrder(command, 0, 0, accountId, requestId, orderId));
    }

    void send(final int length)
    {
        send(length, null);
    }

    void send(final int length, final TraceContext trace)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long result;
        while ((result = trace == null ? client.offer(command, 0, length) :
            client.offer(command, 0, length, trace)) < 0)
        {
            if (result == VenueClient.CLOSED || System.nanoTime() > deadline)
            {
                throw new AssertionError("command not taken: " + result);
            }
            poll();
        }
    }

    int poll()
    {
        return poll(64);
    }

    int poll(final int limit)
    {
        final int polled = client.poll(new VenueEventHandler()
        {
            @Override
            public void onEvent(final long position, final DirectBuffer buffer, final int offset, final int length)
            {
                positions.add(position);
                decoder.onMessage(buffer, offset, length);
            }

            @Override
            public void onCommandEnd(final long position)
            {
                ends.add(new End(position, positions.size()));
            }
        }, limit);
        if (polled == 0)
        {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
        }
        return polled;
    }

    /**
     * Polls until an event matches.
     *
     * @param match   the wanted event.
     * @param timeout longest wait.
     * @return the event.
     */
    String await(final Predicate<String> match, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline)
        {
            for (; seen < events.size(); seen++)
            {
                if (match.test(events.get(seen)))
                {
                    return events.get(seen);
                }
            }
            poll();
        }
        throw new AssertionError("no matching event within " + timeout + "; events: " + events);
    }

    void awaitCount(final int count, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (events.size() < count && System.nanoTime() < deadline)
        {
            poll();
        }
        if (events.size() < count)
        {
            throw new AssertionError(events.size() + " of " + count + " events within " + timeout + ": " + events);
        }
    }

    @Override
    public void close()
    {
        client.close();
    }

    private final class Recorder extends EngineListenerAdapter
    {
        @Override
        public void onOrderAccepted(
            final long timestamp, final long orderId, final long clientOrderId, final long accountId,
            final int instrumentId, final Side side, final OrderType type, final TimeInForce timeInForce,
            final long price, final long quantity)
        {
            events.add("accepted account=" + accountId + " coid=" + clientOrderId + " order=" + orderId);
        }

        @Override
        public void onOrderRejected(
            final long timestamp, final long clientOrderId, final long accountId, final int instrumentId,
            final RejectReason reason)
        {
            events.add("rejected account=" + accountId + " coid=" + clientOrderId + " reason=" + reason);
        }

        @Override
        public void onTrade(
            final long timestamp, final long tradeId, final int instrumentId, final long price, final long quantity,
            final Side takerSide, final long makerOrderId, final long makerAccountId, final long makerRemaining,
            final long makerFee, final long takerOrderId, final long takerAccountId, final long takerRemaining,
            final long takerFee)
        {
            events.add("trade id=" + tradeId + " price=" + price + " qty=" + quantity + " maker=" + makerOrderId +
                " taker=" + takerOrderId);
        }

        @Override
        public void onOrderCancelled(
            final long timestamp, final long orderId, final long clientOrderId, final long requestId,
            final long accountId, final int instrumentId, final long cancelledQuantity, final CancelReason reason)
        {
            events.add("cancelled account=" + accountId + " order=" + orderId + " qty=" + cancelledQuantity +
                " reason=" + reason);
        }

        @Override
        public void onAdminResult(
            final long timestamp, final AdminType type, final long subjectId, final RejectReason result)
        {
            events.add("admin " + type + " " + subjectId + " " + result);
        }

        @Override
        public void onInstrumentStatus(final long timestamp, final int instrumentId, final InstrumentState state)
        {
            events.add("status " + instrumentId + " " + state);
        }
    }
}
