package io.disruptorx.shard.move;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import io.disruptorx.protocol.sbe.event.BookReadDecoder;
import io.disruptorx.protocol.sbe.event.BookReadOrderDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.shard.routing.ShardIds;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;

/**
 * Drops, after a gateway started on its move journal, the routes the journal gave it of moved orders that ended
 * (docs/scaling.md, "What a gateway keeps of past moves"): those that ended after the journal's last compaction,
 * while this gateway ran (it forgot them then, but the journal still routes them) or while it was down (it never saw
 * their end). For each shard and instrument the journal routes moved orders to, one after another (by shard, then
 * instrument), it asks that shard for the instrument's resting orders (the ROUTES request a catch-up sends for a
 * switch's places, {@link MoveCatchUp}, under its own number) and stops routing there each of those orders that does
 * not rest there ({@link ShardedVenueClient#forgetMovedOrder}: only while the client still routes it to that shard, so
 * a route a later move set stays). A shard answers in its log's order: an order not among the answer's ended before
 * the question reached it (its end, if this gateway sees it, comes before the answer), or moved on. An order may be
 * moving on as the answer arrives (its instrument held here: a move this gateway runs, resumes or follows, or a
 * catch-up, may have taken it out of the shard before the question reached it, and the route switches only later):
 * such an answer drops nothing, and that shard and instrument are asked again once the instrument is no longer held
 * (not while it is). Until a shard answered, its routes stay as the journal gave them
 * (a cancel of an ended order routed there is refused {@code UNKNOWN_ORDER} as by the shard its id names). Orders
 * whose instrument the journal does not name (a compaction written before compactions named them) stay routed; so do
 * those of a shard whose engine does not answer the request (no move lock's state in its answer). Once every shard
 * answered and routes were dropped, the journal is compacted to the routes left (unless a move is under way), so the
 * next start asks about those only. Runs in the client's thread; a start path, it allocates.
 */
final class MovedRoutesCheck
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    private final ShardedVenueClient client;
    private final MoveJournal journal;
    private final long requestId;
    private final MoveCommands commands;
    private final MoveOutbox outbox = new MoveOutbox();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BookReadDecoder bookRead = new BookReadDecoder();
    private final BookReadOrderDecoder order = new BookReadOrderDecoder();
    private final TreeMap<Long, LongArrayList> places = new TreeMap<>();
    private final LongHashSet resting = new LongHashSet();
    private LongArrayList asked;
    private int shard = -1;
    private int instrument;
    private int expected = -1;
    private long unnamed;
    private long checked;
    private long dropped;

    /**
     * @param recovery what the journal said when it was opened, or {@code null}: nothing to check.
     * @param nonce    bits 40-55 of the request id, other than the catch-up's.
     */
    MovedRoutesCheck(final ShardedVenueClient client, final ShardMover mover, final MoveRecovery recovery,
        final long nonce)
    {
        this.client = client;
        this.journal = mover.journal();
        this.commands = new MoveCommands(mover.clock());
        this.requestId = MoveLock.KIND | nonce | MoveLock.MOVE_ID;
        if (recovery == null)
        {
            return;
        }
        final Long2LongHashMap journalled = new Long2LongHashMap(-1);
        recovery.completedOrders((orderId, to, instrumentId) ->
            journalled.put(orderId, (long)to << Integer.SIZE | instrumentId));
        final int shards = client.table().shardCount();
        journalled.forEachLong((orderId, place) ->
        {
            if ((int)place > 0 && (place >>> Integer.SIZE) < shards)
            {
                places.computeIfAbsent(place, key -> new LongArrayList()).addLong(orderId);
            }
            else
            {
                unnamed++;
            }
        });
    }

    /**
     * @return whether every shard asked answered (or nothing was to be asked).
     */
    boolean done()
    {
        return shard < 0 && places.isEmpty();
    }

    /**
     * @return journalled routes whose shard said whether the order rests there.
     */
    long checked()
    {
        return checked;
    }

    /**
     * @return journalled routes dropped: the order no longer rests where it moved.
     */
    long dropped()
    {
        return dropped;
    }

    /**
     * @return journalled routes not asked about: the journal does not name the order's instrument (or names a shard
     * this client does not have).
     */
    long unnamed()
    {
        return unnamed;
    }

    /**
     * Asks the next shard and instrument once the last answered (skipping instruments held here: asked once they
     * are not); sends what is due.
     */
    void doWork()
    {
        if (shard < 0 && !places.isEmpty())
        {
            for (final Iterator<Map.Entry<Long, LongArrayList>> entries = places.entrySet().iterator();
                entries.hasNext(); )
            {
                final Map.Entry<Long, LongArrayList> next = entries.next();
                if (!client.holdsInstrument((int)next.getKey().longValue()))
                {
                    entries.remove();
                    ask(next.getKey(), next.getValue());
                    break;
                }
            }
        }
        outbox.send(client);
    }

    private void ask(final long place, final LongArrayList orders)
    {
        shard = (int)(place >>> Integer.SIZE);
        instrument = (int)place;
        asked = orders;
        expected = -1;
        resting.clear();
        outbox.add(shard, commands.buffer(), 0, commands.readBook(requestId, -instrument));
    }

    /**
     * Takes one event of any shard.
     *
     * @return whether it answered this check's question (nothing else needs it).
     */
    boolean onEvent(final int from, final DirectBuffer buffer, final int offset, final int length)
    {
        if (from != shard || length < HEADER)
        {
            return false;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != BookReadDecoder.SCHEMA_ID)
        {
            return false;
        }
        if (header.templateId() == BookReadDecoder.TEMPLATE_ID && expected < 0)
        {
            bookRead.wrap(buffer, offset + HEADER, header.blockLength(), header.version());
            if (bookRead.requestId() != requestId || bookRead.instrumentId() != -instrument)
            {
                return false;
            }
            expected = bookRead.priceScale() == MoveLock.STATE_MARK ? Math.max(0, bookRead.quoteAssetId()) : -1;
            if (expected <= 0)
            {
                answered(expected == 0);
            }
            return true;
        }
        if (header.templateId() == BookReadOrderDecoder.TEMPLATE_ID && expected > 0)
        {
            order.wrap(buffer, offset + HEADER, header.blockLength(), header.version());
            if (order.requestId() != requestId)
            {
                return false;
            }
            if ((order.orderId() & ShardIds.MOVED) != 0)
            {
                resting.add(order.orderId() & ~ShardIds.MOVED);
            }
            if (--expected == 0)
            {
                answered(true);
            }
            return true;
        }
        return false;
    }

    /**
     * @param known whether the shard said which orders rest there (else its engine does not answer the request).
     */
    private void answered(final boolean known)
    {
        if (known && client.holdsInstrument(instrument))
        {
            places.put((long)shard << Integer.SIZE | instrument, asked);
            shard = -1;
            expected = -1;
            asked = null;
            return;
        }
        for (int i = 0; known && i < asked.size(); i++)
        {
            final long orderId = asked.getLong(i);
            checked++;
            if (!resting.contains(orderId) && client.forgetMovedOrder(orderId, shard))
            {
                dropped++;
            }
        }
        shard = -1;
        expected = -1;
        asked = null;
        if (places.isEmpty() && dropped > 0)
        {
            journal.compactRoutes();
        }
    }
}
