package io.disruptorx.shard.transfer;

import java.nio.ByteOrder;
import java.util.function.LongSupplier;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.NewOrderDecoder;
import io.disruptorx.protocol.sbe.command.QueryBalancesEncoder;
import io.disruptorx.protocol.sbe.event.AccountBalanceDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.event.RejectReason;
import io.disruptorx.protocol.venue.TraceContext;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.routing.ShardIds;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Automatic top-up: a sharded gateway's venue client that, when a new limit order of an account with an enabled
 * {@link TopUpPolicy} is rejected {@code INSUFFICIENT_BALANCE} by its shard (or {@code UNKNOWN_ACCOUNT}: the account
 * has never had funds there), moves the missing funds there from another shard of the same account and sends the
 * order again, so that the client sees one answer for it.
 *
 * <p>The rejection is kept back. Once no other top-up of the same account and asset is under way here (so that
 * concurrent orders never move funds for the same shortfall twice), it asks every shard for the account's balances
 * (QueryBalances to each shard alone; the answers are taken here, not delivered). The shortfall is what the order
 * holds ({@link TopUpInstrument#hold}) minus what its shard has free. The policy must allow the asset, the shortfall
 * must be at most its max-per-top-up, and with the day's earlier top-ups of the asset at most its max-per-day; the
 * source is the other shard with the most free (ties: the lowest index), and it must have the whole shortfall. The
 * funds then move through the {@link TransferCoordinator} (journal, exactly once; ids {@link #TOP_UP_TRANSFER} with
 * this gateway's id, the UTC day of the gateway's clock and a counter, so the day's total is read back from the
 * journal after a restart: {@link TopUpIds}). When the transfer completed (or nothing was missing any more) the
 * order is sent again and its answer goes to the client as it is; otherwise the kept rejection goes. Each refusal is
 * counted by its {@link TopUpRefusal}.
 *
 * <p>The coordinator's results must reach it: the gateway's transfer desk feeds them (the host's duty cycle), or
 * this client does ({@link #feedingCoordinator}). Commands of accounts without an enabled policy, other commands and
 * market orders pass straight through. Orders of accounts with a policy are copied into one of {@link #CAPACITY}
 * slots until their first answer (beyond that they pass untracked). One thread uses an instance; no allocation on the
 * order path, some when a top-up runs.
 */
public final class TopUpVenueClient implements VenueClient
{
    /** Set in the transfer ids of top-ups: {@code TOP_UP_TRANSFER | gateway << 50 | day << 32 | counter}. */
    public static final long TOP_UP_TRANSFER = 1L << 62;
    /** Orders tracked at once. */
    public static final int CAPACITY = 64;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final long QUERY_REQUEST = 1L << 62;
    private static final byte INSUFFICIENT = (byte)RejectReason.INSUFFICIENT_BALANCE.value();
    private static final byte UNKNOWN_ACCOUNT = (byte)RejectReason.UNKNOWN_ACCOUNT.value();

    private final VenueClient venue;
    private final TransferCoordinator.ShardLink link;
    private final TransferCoordinator coordinator;
    private final TopUpPolicies policies;
    private final LongSupplier clockMillis;
    private final TopUpIds ids;
    private final TopUpSlot[] slots = new TopUpSlot[CAPACITY];
    private final VenueEventHandler events = this::onEvent;
    private final UnsafeBuffer query = new UnsafeBuffer(new byte[64]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final QueryBalancesEncoder queryBalances = new QueryBalancesEncoder();
    private final long[] refused = new long[TopUpRefusal.values().length];
    private final boolean enabled;
    private boolean feedsCoordinator;
    private VenueEventHandler downstream;
    private int tracked;
    private long serial;
    private long querySerial;
    private long topUps;
    private long amountMoved;
    private boolean closed;

    /**
     * @param venue       the gateway's venue client (the sharded client, or the moving client around it).
     * @param link        sends a command to one shard (the sharded client); the top-ups' balance queries go there.
     * @param shards      how many shards the link reaches.
     * @param coordinator the gateway's transfer coordinator, over the same shards.
     * @param policies    the accounts' policies and the instruments.
     * @param gatewayId   this gateway's id, 0 to 1023, unique among the gateways in front of the same shards.
     * @param clockMillis the gateway's clock, epoch milliseconds: the policy's day is its UTC day.
     */
    public TopUpVenueClient(
        final VenueClient venue, final TransferCoordinator.ShardLink link, final int shards,
        final TransferCoordinator coordinator, final TopUpPolicies policies, final int gatewayId,
        final LongSupplier clockMillis)
    {
        if (gatewayId < 0 || gatewayId > 1023 || shards < 2)
        {
            throw new IllegalArgumentException("top-ups need two shards or more and a gateway id in [0, 1023]: " +
                shards + ", " + gatewayId);
        }
        this.venue = venue;
        this.link = link;
        this.coordinator = coordinator;
        this.policies = policies;
        this.clockMillis = clockMillis;
        this.ids = new TopUpIds(coordinator, gatewayId);
        this.enabled = policies.anyEnabled();
        for (int i = 0; i < CAPACITY; i++)
        {
            slots[i] = new TopUpSlot(shards);
        }
    }

    /**
     * Feeds the shards' events to the coordinator from this client, for a gateway without a transfer desk (the
     * desk feeds them otherwise). The coordinator's re-sends of pushed-back steps stay the host's.
     *
     * @return this.
     */
    public TopUpVenueClient feedingCoordinator()
    {
        feedsCoordinator = true;
        return this;
    }

    /**
     * @return top-ups whose funds arrived at the order's shard.
     */
    public long topUps()
    {
        return topUps;
    }

    /**
     * @return the amount those top-ups moved, summed over assets.
     */
    public long amountMoved()
    {
        return amountMoved;
    }

    /**
     * @param reason a reason.
     * @return top-ups refused for it.
     */
    public long refused(final TopUpRefusal reason)
    {
        return refused[reason.ordinal()];
    }

    /**
     * @return orders tracked now (sent, their first answer not delivered yet).
     */
    public int tracked()
    {
        return tracked;
    }

    /**
     * Registers {@code dx_shard_top_ups_total}, {@code dx_shard_top_up_amount_total} and
     * {@code dx_shard_top_ups_refused_total} (label {@code reason}); read at scrape time from this client's plain
     * fields, which a scrape may see a moment late, never torn.
     *
     * @param metrics where to register.
     */
    public void registerMetrics(final MetricsRegistry metrics)
    {
        metrics.counter("dx_shard_top_ups_total", "Automatic top-ups whose funds reached the order's shard",
            this::topUps);
        metrics.counter("dx_shard_top_up_amount_total", "Amount moved by automatic top-ups (all assets)",
            this::amountMoved);
        for (final TopUpRefusal reason : TopUpRefusal.values())
        {
            metrics.counter("dx_shard_top_ups_refused_total", "Automatic top-ups not done; the order got its reject",
                () -> refused(reason), "reason", reason.label());
        }
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        return offer(buffer, offset, length, null);
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length, final TraceContext trace)
    {
        final TopUpSlot slot = enabled ? slotFor(buffer, offset, length) : null;
        final long result = trace == null ? venue.offer(buffer, offset, length) :
            venue.offer(buffer, offset, length, trace);
        if (slot != null && result > 0)
        {
            slot.state = TopUpSlot.SENT;
            slot.serial = ++serial;
            slot.accountId = buffer.getLong(offset + HEADER + NewOrderDecoder.accountIdEncodingOffset(), ORDER);
            slot.clientOrderId = buffer.getLong(offset + HEADER + NewOrderDecoder.clientOrderIdEncodingOffset(),
                ORDER);
            slot.command.putBytes(0, buffer, offset, length);
            slot.commandLength = length;
            tracked++;
        }
        return result;
    }

    @Override
    public boolean signalsCommandEnd()
    {
        return venue.signalsCommandEnd();
    }

    @Override
    public int poll(final VenueEventHandler handler, final int limit)
    {
        downstream = handler;
        int delivered = venue.poll(events, limit);
        if (tracked > 0)
        {
            delivered += advance();
        }
        downstream = null;
        return delivered;
    }

    @Override
    public void close()
    {
        closed = true;
        venue.close();
    }

    /**
     * @return a free slot when the command is a limit NewOrder of an account with an enabled policy, else null.
     */
    private TopUpSlot slotFor(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER + NewOrderDecoder.BLOCK_LENGTH || length > TopUpSlot.MAX_MESSAGE ||
            (buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(), ORDER) & 0xFFFF) !=
            NewOrderDecoder.TEMPLATE_ID ||
            buffer.getByte(offset + HEADER + NewOrderDecoder.orderTypeEncodingOffset()) != 0 ||
            policies.enabledFor(buffer.getLong(offset + HEADER + NewOrderDecoder.accountIdEncodingOffset(), ORDER)) ==
            null)
        {
            return null;
        }
        for (final TopUpSlot slot : slots)
        {
            if (slot.state == TopUpSlot.FREE)
            {
                return slot;
            }
        }
        return null;
    }

    private void onEvent(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (feedsCoordinator)
        {
            coordinator.onEvent(sequence, buffer, offset, length);
        }
        if (tracked == 0 || length < HEADER)
        {
            downstream.onEvent(sequence, buffer, offset, length);
            return;
        }
        final int templateId = buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(), ORDER) &
            0xFFFF;
        final int body = offset + HEADER;
        if (templateId == OrderAcceptedDecoder.TEMPLATE_ID)
        {
            final TopUpSlot slot = answered(buffer.getLong(body + OrderAcceptedDecoder.accountIdEncodingOffset(),
                ORDER), buffer.getLong(body + OrderAcceptedDecoder.clientOrderIdEncodingOffset(), ORDER));
            if (slot != null)
            {
                release(slot);
            }
        }
        else if (templateId == OrderRejectedDecoder.TEMPLATE_ID)
        {
            final TopUpSlot slot = answered(buffer.getLong(body + OrderRejectedDecoder.accountIdEncodingOffset(),
                ORDER), buffer.getLong(body + OrderRejectedDecoder.clientOrderIdEncodingOffset(), ORDER));
            final byte reason = buffer.getByte(body + OrderRejectedDecoder.reasonEncodingOffset());
            if (slot != null && slot.state == TopUpSlot.SENT && length <= TopUpSlot.MAX_MESSAGE &&
                (reason == INSUFFICIENT || reason == UNKNOWN_ACCOUNT))
            {
                keepRejection(slot, sequence, buffer, offset, length);
                return;
            }
            if (slot != null)
            {
                release(slot);
            }
        }
        else if (templateId == AccountBalanceDecoder.TEMPLATE_ID && balance(sequence, buffer, body))
        {
            return;
        }
        downstream.onEvent(sequence, buffer, offset, length);
    }

    /**
     * @return the oldest slot sent or sent again for the order, or null.
     */
    private TopUpSlot answered(final long accountId, final long clientOrderId)
    {
        TopUpSlot found = null;
        for (final TopUpSlot slot : slots)
        {
            if ((slot.state == TopUpSlot.SENT || slot.state == TopUpSlot.RESENT) && slot.accountId == accountId &&
                slot.clientOrderId == clientOrderId && (found == null || slot.serial < found.serial))
            {
                found = slot;
            }
        }
        return found;
    }

    private void keepRejection(
        final TopUpSlot slot, final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        slot.reject.putBytes(0, buffer, offset, length);
        slot.rejectLength = length;
        slot.rejectSequence = sequence;
        slot.target = ShardIds.shardOf(sequence);
        slot.policy = policies.enabledFor(slot.accountId);
        slot.instrument = policies.instrument(
            slot.command.getInt(HEADER + NewOrderDecoder.instrumentIdEncodingOffset(), ORDER));
        final boolean buy = slot.command.getByte(HEADER + NewOrderDecoder.sideEncodingOffset()) == 0;
        slot.assetId = slot.instrument == null ? -1 : slot.instrument.heldAsset(buy);
        slot.hold = slot.instrument == null ? -1 : slot.instrument.hold(buy,
            slot.command.getLong(HEADER + NewOrderDecoder.priceEncodingOffset(), ORDER),
            slot.command.getLong(HEADER + NewOrderDecoder.quantityEncodingOffset(), ORDER));
        slot.state = TopUpSlot.WAITING;
    }

    /**
     * @return whether the AccountBalance answers a top-up's query (and is taken here).
     */
    private boolean balance(final long sequence, final DirectBuffer buffer, final int body)
    {
        final long requestId = buffer.getLong(body + AccountBalanceDecoder.requestIdEncodingOffset(), ORDER);
        if ((requestId & QUERY_REQUEST) == 0)
        {
            return false;
        }
        for (final TopUpSlot slot : slots)
        {
            if (slot.state == TopUpSlot.QUERYING && slot.queryId == requestId)
            {
                slot.onBalance(ShardIds.shardOf(sequence),
                    buffer.getInt(body + AccountBalanceDecoder.assetCountEncodingOffset(), ORDER),
                    buffer.getInt(body + AccountBalanceDecoder.assetIdEncodingOffset(), ORDER),
                    buffer.getLong(body + AccountBalanceDecoder.freeEncodingOffset(), ORDER));
                return true;
            }
        }
        return false;
    }

    /**
     * Moves every tracked order's top-up on by what it waits for.
     *
     * @return rejections delivered.
     */
    private int advance()
    {
        int delivered = 0;
        for (final TopUpSlot slot : slots)
        {
            switch (slot.state)
            {
                case TopUpSlot.WAITING -> delivered += begin(slot);
                case TopUpSlot.QUERYING -> delivered += collect(slot);
                case TopUpSlot.TRANSFERRING -> delivered += transferring(slot);
                case TopUpSlot.RESENDING -> delivered += resend(slot);
                default ->
                {
                }
            }
        }
        return delivered;
    }

    private int begin(final TopUpSlot slot)
    {
        if (slot.instrument == null)
        {
            return refuse(slot, TopUpRefusal.UNKNOWN_INSTRUMENT);
        }
        if (!slot.policy.allows(slot.assetId) || slot.hold < 0)
        {
            return refuse(slot, TopUpRefusal.ASSET_NOT_ALLOWED);
        }
        for (final TopUpSlot other : slots)
        {
            if (other != slot && other.busy() && other.accountId == slot.accountId && other.assetId == slot.assetId)
            {
                return 0;
            }
        }
        slot.startQuery(QUERY_REQUEST | ++querySerial);
        return collect(slot);
    }

    private int collect(final TopUpSlot slot)
    {
        for (int shard = 0; shard < slot.querySent.length; shard++)
        {
            if (!slot.querySent[shard])
            {
                queryBalances.wrapAndApplyHeader(query, 0, header).timestamp(0).accountId(slot.accountId)
                    .requestId(slot.queryId).userId(0);
                slot.querySent[shard] = link.offerTo(shard, query, 0, HEADER + queryBalances.encodedLength()) > 0;
            }
        }
        return slot.answered() ? decide(slot) : 0;
    }

    private int decide(final TopUpSlot slot)
    {
        final long shortfall = slot.hold - slot.free[slot.target];
        if (shortfall <= 0)
        {
            slot.state = TopUpSlot.RESENDING;
            return resend(slot);
        }
        if (shortfall > slot.policy.maxPerTopUp())
        {
            return refuse(slot, TopUpRefusal.OVER_MAX_PER_TOP_UP);
        }
        final long day = TopUpIds.dayOf(clockMillis.getAsLong());
        if (ids.usedOn(day, slot.accountId, slot.assetId) > slot.policy.maxPerDay() - shortfall)
        {
            return refuse(slot, TopUpRefusal.OVER_DAILY_LIMIT);
        }
        int source = -1;
        for (int shard = 0; shard < slot.free.length; shard++)
        {
            if (shard != slot.target && (source < 0 || slot.free[shard] > slot.free[source]))
            {
                source = shard;
            }
        }
        if (slot.free[source] < shortfall)
        {
            return refuse(slot, TopUpRefusal.NO_SOURCE);
        }
        slot.transferId = ids.next(day);
        slot.state = TopUpSlot.TRANSFERRING;
        coordinator.start(slot.transferId, slot.accountId, slot.assetId, shortfall, source, slot.target);
        return transferring(slot);
    }

    private int transferring(final TopUpSlot slot)
    {
        final TransferStep step = coordinator.step(slot.transferId);
        if (step == TransferStep.COMPLETED)
        {
            topUps++;
            amountMoved += coordinator.recorded(slot.transferId).amount();
            slot.state = TopUpSlot.RESENDING;
            return resend(slot);
        }
        return step == null || step.isFinal() ? refuse(slot, TopUpRefusal.TRANSFER_FAILED) : 0;
    }

    private int resend(final TopUpSlot slot)
    {
        final long result = closed ? CLOSED : venue.offer(slot.command, 0, slot.commandLength);
        if (result > 0)
        {
            slot.state = TopUpSlot.RESENT;
            return 0;
        }
        return result == CLOSED ? refuse(slot, TopUpRefusal.CLOSED) : 0;
    }

    private int refuse(final TopUpSlot slot, final TopUpRefusal reason)
    {
        refused[reason.ordinal()]++;
        final long sequence = slot.rejectSequence;
        final int length = slot.rejectLength;
        release(slot);
        downstream.onEvent(sequence, slot.reject, 0, length);
        return 1;
    }

    private void release(final TopUpSlot slot)
    {
        slot.release();
        tracked--;
    }
}
