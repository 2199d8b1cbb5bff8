package io.disruptorx.shard.move;

import java.nio.ByteOrder;
import java.security.SecureRandom;

import io.disruptorx.protocol.sbe.event.BookReadDecoder;
import io.disruptorx.protocol.sbe.event.BookReadOrderDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import io.disruptorx.shard.routing.ShardIds;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.LongArrayList;

/**
 * Brings a gateway's routing table up to the switches shard 0 recorded (docs/scaling.md, "A gateway that missed
 * moves"): the lock shard's engine records every move that switched, in its log's order (instrument and target
 * shard), and states how many in every lock answer. The table file says how many it reflects
 * ({@link RoutingTableStore#switches}). When the gateway starts, and whenever a lock answer states more switches than
 * its table reflects (a move it did not follow: it was down, or started after the move's halt), it asks shard 0 for
 * the switches after its count and applies each it lacks: the instrument overridden to the target, the next version
 * (the one the mover's table got), until the count matches; then it stores the table with the count. A switch its
 * follower or mover already made only raises the count. Until this gateway first caught up, the commands the stored
 * table may send to a wrong shard wait ({@link ShardedVenueClient#routesCatchUp}, released by
 * {@link MovingVenueClient}).
 * Every cancel or replace is held (and new orders of the first instrument caught up are answered
 * {@code INSTRUMENT_HALTED}) after a switch applied here until each such instrument's shard said where its moved
 * orders rest (its resting orders whose
 * ids carry {@link ShardIds#MOVED}); those places are recorded in the move journal (PLACED), so a restart routes them
 * again. A table file without the count (written before it existed) is taken as current: it gets shard 0's count. A
 * shard 0 whose engine keeps no switches answers without the lock's state, and nothing is caught up. Runs in the
 * client's thread; a move path, it allocates.
 */
final class MoveCatchUp
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final long ROUTES = MoveLock.KIND;
    private static final long PLACES = MoveLock.MOVE_ID;

    private final ShardedVenueClient client;
    private final ShardMover mover;
    private final RoutingTableStore store;
    private final long nonce = (long)new SecureRandom().nextInt(1 << 16) << MoveLock.TO_SHIFT;
    private final MoveCommands commands;
    private final MoveOutbox outbox = new MoveOutbox();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BookReadDecoder bookRead = new BookReadDecoder();
    private final BookReadOrderDecoder order = new BookReadOrderDecoder();
    private final LongArrayList numbers = new LongArrayList();
    private final IntArrayList instruments = new IntArrayList();
    private final IntArrayList targets = new IntArrayList();
    private final IntArrayList placesAsked = new IntArrayList();
    private final LongArrayList moved = new LongArrayList();
    private final ExpandableArrayBuffer payload = new ExpandableArrayBuffer(64);
    private long switches;
    private long stated = -1;
    private long asked = -1;
    private int expected = -1;
    private boolean holding;
    private boolean disabled;
    private int placesShard = -1;
    private int placesInstrument;
    private int placesExpected = -1;

    MoveCatchUp(final ShardedVenueClient client, final ShardMover mover)
    {
        this.client = client;
        this.mover = mover;
        this.commands = new MoveCommands(mover.clock());
        this.store = mover.follower().store();
        this.switches = store == null ? -1 : store.switches();
        ask();
    }

    /**
     * @return bits 40-55 of its requests' ids, drawn when the gateway started.
     */
    long nonce()
    {
        return nonce;
    }

    /**
     * @return how many of shard 0's recorded switches the table reflects, or -1 while not known.
     */
    long switches()
    {
        return switches;
    }

    /**
     * @return whether shard 0's engine records switches (it answered this gateway's question stating the lock).
     */
    boolean recordsSwitches()
    {
        return stated >= 0 && !disabled;
    }

    /**
     * @return whether nothing is to be caught up now: shard 0 answered, every switch it stated is applied and every
     * moved order's place is known.
     */
    boolean caughtUp()
    {
        return disabled ? !holding : !holding && asked < 0 && numbers.isEmpty() && placesAsked.isEmpty() &&
            placesShard < 0 && stated >= 0 && switches >= stated;
    }

    /**
     * Takes one event of any shard: the lock answers' count, the answers to its own questions.
     *
     * @return whether the event answered a question of this gateway's catch-up (nothing else needs it).
     */
    boolean onEvent(final int shard, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER)
        {
            return false;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != BookReadDecoder.SCHEMA_ID)
        {
            return false;
        }
        if (header.templateId() == BookReadDecoder.TEMPLATE_ID)
        {
            bookRead.wrap(buffer, offset + HEADER, header.blockLength(), header.version());
            return onBookRead(shard);
        }
        if (header.templateId() == BookReadOrderDecoder.TEMPLATE_ID)
        {
            order.wrap(buffer, offset + HEADER, header.blockLength(), header.version());
            return onOrder(shard);
        }
        return false;
    }

    /**
     * Sends what is due; applies the switches shard 0 answered once no move is under way here.
     */
    void doWork()
    {
        outbox.send(client);
        if (asked < 0 && expected < 0 && !numbers.isEmpty() && mover.isIdle() && !mover.follower().isFollowing() &&
            (client.movingInstrument() < 0 || holding))
        {
            apply();
        }
        if (asked < 0 && numbers.isEmpty() && !disabled && stated > switches && switches >= 0 && !holdingPlaces() &&
            mover.isIdle() && !mover.follower().isFollowing())
        {
            ask();
        }
        if (placesShard < 0 && !placesAsked.isEmpty())
        {
            askPlaces();
        }
        if (holding && asked < 0 && numbers.isEmpty() && placesShard < 0 && placesAsked.isEmpty())
        {
            holding = false;
            client.endMove(null);
        }
        outbox.send(client);
    }

    private boolean holdingPlaces()
    {
        return placesShard >= 0 || !placesAsked.isEmpty();
    }

    private void ask()
    {
        asked = switches < 0 ? PLACES - 1 : switches;
        expected = -1;
        outbox.add(MoveLock.SHARD, commands.buffer(), 0, commands.readBook(ROUTES | nonce | asked, -1));
    }

    private boolean onBookRead(final int shard)
    {
        final long requestId = bookRead.requestId();
        if (shard == MoveLock.SHARD && bookRead.instrumentId() < 0 && bookRead.orderCount() < 0 &&
            bookRead.priceScale() == MoveLock.STATE_MARK && (requestId & MoveLock.KIND) != 0)
        {
            stated = Math.max(stated, bookRead.makerFeePerLot());
        }
        if (asked >= 0 && shard == MoveLock.SHARD && requestId == (ROUTES | nonce | asked) && expected < 0)
        {
            if (bookRead.priceScale() != MoveLock.STATE_MARK)
            {
                disabled = true;
                asked = -1;
                return true;
            }
            if (switches < 0)
            {
                switches = bookRead.makerFeePerLot();
                save();
                asked = -1;
                return true;
            }
            expected = bookRead.quoteAssetId();
            answered();
            return true;
        }
        if (shard == placesShard && requestId == (ROUTES | nonce | PLACES) && bookRead.instrumentId() ==
            -placesInstrument && placesExpected < 0)
        {
            placesExpected = bookRead.quoteAssetId();
            placed();
            return true;
        }
        return false;
    }

    private boolean onOrder(final int shard)
    {
        final long requestId = order.requestId();
        if (asked >= 0 && expected > 0 && shard == MoveLock.SHARD && requestId == (ROUTES | nonce | asked))
        {
            numbers.addLong(order.orderId());
            instruments.addInt(order.instrumentId());
            targets.addInt(order.place());
            answered();
            return true;
        }
        if (shard == placesShard && placesExpected > 0 && requestId == (ROUTES | nonce | PLACES))
        {
            final long local = order.orderId();
            if ((local & ShardIds.MOVED) != 0)
            {
                moved.addLong(local & ~ShardIds.MOVED);
            }
            placesExpected--;
            placed();
            return true;
        }
        return false;
    }

    private void answered()
    {
        if (numbers.size() >= expected)
        {
            asked = -1;
            expected = -1;
        }
    }

    private void apply()
    {
        RoutingTable table = client.table();
        final long before = switches;
        for (int i = 0; i < numbers.size(); i++)
        {
            final long number = numbers.getLong(i);
            if (number != switches + 1)
            {
                continue;
            }
            final int instrument = instruments.getInt(i);
            final int target = targets.getInt(i);
            if (target < table.shardCount() && table.shardOf(instrument) != target)
            {
                table = table.withOverride(instrument, target);
                placesAsked.addInt(instrument);
            }
            switches = number;
        }
        numbers.clear();
        instruments.clear();
        targets.clear();
        if (table != client.table())
        {
            if (!holding)
            {
                client.beginMove(placesAsked.getInt(0));
                holding = true;
            }
            client.follow(table);
        }
        if (switches != before)
        {
            save();
        }
    }

    private void askPlaces()
    {
        placesInstrument = placesAsked.removeAt(0);
        placesShard = client.table().shardOf(placesInstrument);
        placesExpected = -1;
        moved.clear();
        outbox.add(placesShard, commands.buffer(), 0,
            commands.readBook(ROUTES | nonce | PLACES, -placesInstrument));
    }

    private void placed()
    {
        if (placesExpected != 0)
        {
            return;
        }
        for (int i = 0; i < moved.size(); i++)
        {
            client.orderMoved(moved.getLong(i), placesShard);
            payload.putLong(i * Long.BYTES, moved.getLong(i), ByteOrder.LITTLE_ENDIAN);
        }
        mover.journal().append(MoveStep.PLACED, 0, placesInstrument, -1, placesShard, payload,
            moved.size() * Long.BYTES);
        placesShard = -1;
        placesExpected = -1;
    }

    private void save()
    {
        if (store != null)
        {
            store.save(client.table(), switches);
        }
    }
}
