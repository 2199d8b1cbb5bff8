package io.disruptorx.shard.transfer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.shard.support.RecordedEvent;
import io.disruptorx.shard.support.ShardedVenue;
import org.agrona.concurrent.UnsafeBuffer;

import static io.disruptorx.shard.support.ShardedVenue.BASE;
import static io.disruptorx.shard.support.ShardedVenue.QUOTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real engines per shard ({@link ShardedVenue}) behind a {@link TopUpVenueClient} with its own coordinator and a
 * clock the test sets; orders are sent through the top-up client and its events recorded.
 */
final class TopUpShards
{
    static final int INSTRUMENTS = 32;

    final ShardedVenue venue;
    final TransferCoordinator coordinator;
    final TopUpVenueClient client;
    final long[] clock = {1_000L};
    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

    TopUpShards(final int shards, final Path journal, final TopUpPolicy... policies)
    {
        venue = ShardedVenue.of(shards);
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            assertThat(venue.addInstrument(id)).isPositive();
        }
        venue.drain();
        venue.recorder().clear();
        coordinator = new TransferCoordinator(journal, venue.client());
        client = new TopUpVenueClient(venue.client(), venue.client(), shards, coordinator, policies(policies), 7,
            () -> clock[0]).feedingCoordinator();
    }

    static TopUpPolicies policies(final TopUpPolicy... policies)
    {
        final List<TopUpInstrument> instruments = new ArrayList<>();
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            instruments.add(new TopUpInstrument(id, BASE, QUOTE, 0, 1, 0));
        }
        return new TopUpPolicies(List.of(policies), instruments);
    }

    /**
     * @return an instrument the routing table gives the shard.
     */
    int instrumentOn(final int shard)
    {
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            if (venue.client().table().shardOf(id) == shard)
            {
                return id;
            }
        }
        throw new IllegalStateException("no instrument on shard " + shard);
    }

    void fund(final int shard, final long accountId, final int asset, final long amount)
    {
        venue.engine(shard).adjustBalance(venue.venue(shard).nextTimestamp(), accountId, asset, amount);
    }

    long buy(final long accountId, final long clientOrderId, final int instrumentId, final long price,
        final long quantity)
    {
        return order(accountId, clientOrderId, instrumentId, Side.BUY, OrderType.LIMIT, price, quantity);
    }

    long order(final long accountId, final long clientOrderId, final int instrumentId, final Side side,
        final OrderType type, final long price, final long quantity)
    {
        final int length = encoder.newOrder(buffer, 0, 0, accountId, clientOrderId, instrumentId, side, type,
            type == OrderType.MARKET ? TimeInForce.IOC : TimeInForce.GTC, false, SelfTradePrevention.NONE, price,
            quantity);
        return client.offer(buffer, 0, length);
    }

    /**
     * Polls until nothing is delivered and no order is tracked, for a bounded number of rounds.
     */
    void drain()
    {
        for (int round = 0; round < 200; round++)
        {
            final int delivered = client.poll(venue.recorder(), 100);
            if (delivered == 0 && client.tracked() == 0 && coordinator.pending() == 0)
            {
                return;
            }
        }
        throw new AssertionError("still tracked: " + client.tracked() + ", transfers pending: " +
            coordinator.pending());
    }

    /**
     * @return the first answers (accepted or rejected) the client saw for the account's order.
     */
    List<RecordedEvent> answers(final long accountId, final long clientOrderId)
    {
        return venue.recorder().matching(e -> (e.templateId() == OrderAcceptedDecoder.TEMPLATE_ID ||
            e.templateId() == OrderRejectedDecoder.TEMPLATE_ID) && e.accountId() == accountId &&
            e.requestId() == clientOrderId);
    }

    /**
     * @return the account's asset over the ledgers, with nothing in flight (checked).
     */
    long total(final long accountId, final int asset)
    {
        long total = 0;
        for (int shard = 0; shard < venue.shards(); shard++)
        {
            assertThat(venue.engine(shard).inFlight(accountId, asset)).as("in flight at rest").isZero();
            total += venue.engine(shard).balance(accountId, asset);
        }
        return total;
    }

    long free(final int shard, final long accountId, final int asset)
    {
        return venue.engine(shard).balance(accountId, asset) - venue.engine(shard).held(accountId, asset);
    }
}
