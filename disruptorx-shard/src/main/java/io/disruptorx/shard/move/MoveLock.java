package io.disruptorx.shard.move;

import java.util.Locale;

import io.disruptorx.protocol.sbe.event.BookReadDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongHashSet;

/**
 * One mover at a time over the shards (docs/scaling.md, "Two gateways moving at once"): a lock kept in the log of
 * shard {@link #SHARD}, read by every gateway from that shard's own events, with no command of its own. A claim and
 * a release are ReadBooks of a negative instrument (no engine has one: the shard answers a BookRead with -1 orders and
 * changes nothing): the request id carries the kind and the move id, the instrument is {@code -instrument} of the
 * move. Every gateway sees that shard's events in the same order, so every gateway decides each claim alike: granted
 * when no move holds the lock, else refused; a release by the holder frees it and says how its move ended (switched
 * to which shard, or rolled back). A granted mover first catches up with the move released before its claim (it
 * follows it to its switch or rollback), so every gateway derives the next table version from the same one.
 *
 * <p>The lock shard's engine keeps the lock too ({@code engine.ShardMoveLock}, by the same bits) and states it in
 * every answer: so a gateway that starts while another holds the lock learns it from the answer to its query
 * ({@link #query}; it moves nothing until then), and an operator's forced release ({@link #force}) of a holder that
 * never returns frees it for every gateway alike.
 */
final class MoveLock
{
    /** The shard whose log keeps the lock. */
    static final int SHARD = 0;
    /** Gateway ids are below this; move ids are {@code sequence * GATEWAYS + gatewayId}. */
    static final int GATEWAYS = 1024;
    /** No answer to the claim yet. */
    static final int PENDING = 0;
    /** The claim holds the lock. */
    static final int GRANTED = 1;
    /** Another move held the lock when the claim reached the shard. */
    static final int REFUSED = 2;
    /** The forced release took the lock from the move it named. */
    static final int RELEASED = 3;

    private static final long NONE = -1;
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    /** The lock shard's engine states the lock in its answer: {@code priceScale} of its BookRead. */
    static final int STATE_MARK = 1;
    /** The request id's kind starts at this bit (as {@code engine.ShardMoveLock}, which decides by the same bits). */
    static final int KIND_SHIFT = 56;
    static final long CLAIM = 1L << KIND_SHIFT;
    static final long ROLLED_BACK = 2L << KIND_SHIFT;
    static final long SWITCHED = 3L << KIND_SHIFT;
    static final long QUERY = 4L << KIND_SHIFT;
    static final long FORCE = 5L << KIND_SHIFT;
    /** A forced release of a move that switched to the shard in bits 40-55: shard 0 records the switch. */
    static final long FORCE_SWITCHED = 6L << KIND_SHIFT;
    static final long KIND = 7L << KIND_SHIFT;
    static final int TO_SHIFT = 40;
    static final long MOVE_ID = (1L << TO_SHIFT) - 1;

    private final long nonce;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BookReadDecoder bookRead = new BookReadDecoder();
    private final LongHashSet rolledBack = new LongHashSet();
    private long holder = NONE;
    private int holderInstrument;
    private long highestId;
    private long claim = NONE;
    private int answer = PENDING;
    private String refusal;
    private int switchedInstrument = -1;
    private int switchedTo = -1;
    private int gatewayId;
    private long journalled;
    private boolean sharedGatewayId;
    private String otherGateway;
    private boolean known;
    private long forced = NONE;
    private int forceAnswer = PENDING;

    /**
     * @param nonce a number drawn when the gateway started, below 2<sup>16</sup>, carried by its claims.
     */
    MoveLock(final int nonce)
    {
        if (nonce < 0 || nonce >= 1 << (KIND_SHIFT - TO_SHIFT))
        {
            throw new IllegalArgumentException("nonce " + nonce + " is not in [0, 65536)");
        }
        this.nonce = nonce;
    }

    /**
     * @param id this gateway's id: a claim of another gateway with the same id means the gateways share it.
     */
    void gatewayId(final int id)
    {
        gatewayId = id;
    }

    /**
     * @param lastMoveId the highest move id in this gateway's journal when it started: a claim with this gateway's
     *                   id up to it may be its own, sent before a restart (a claim is journalled before it is sent),
     *                   so it does not count as another gateway's.
     */
    void journalled(final long lastMoveId)
    {
        journalled = lastMoveId;
    }

    /**
     * @param seen       the highest move id known so far.
     * @param gatewayId  this gateway's id, below {@link #GATEWAYS}.
     * @return a move id above every one seen, this gateway's.
     */
    long nextMoveId(final long seen, final int gatewayId)
    {
        highestId = Math.max(highestId, seen);
        highestId = (highestId / GATEWAYS + 1) * GATEWAYS + gatewayId;
        return highestId;
    }

    /**
     * Writes the claim of a move and waits for its answer ({@link #answer}).
     *
     * @return the claim's length in the commands' buffer.
     */
    int claim(final MoveCommands commands, final long moveId, final int instrumentId)
    {
        claim = moveId;
        answer = PENDING;
        refusal = null;
        return commands.readBook(CLAIM | nonce << TO_SHIFT | moveId, -instrumentId);
    }

    /**
     * Writes the release of a move that held the lock.
     *
     * @param switchedTo the shard the instrument moved to, or -1 for a move rolled back.
     * @return the release's length in the commands' buffer.
     */
    int release(final MoveCommands commands, final long moveId, final int instrumentId, final int switchedTo)
    {
        return commands.readBook(switchedTo < 0 ? ROLLED_BACK | moveId :
            SWITCHED | (long)switchedTo << TO_SHIFT | moveId, -instrumentId);
    }

    /**
     * @return {@link #PENDING}, {@link #GRANTED} or {@link #REFUSED} for the last claim.
     */
    int answer()
    {
        return answer;
    }

    /**
     * @return why the last claim was refused, naming the move that held the lock.
     */
    String refusal()
    {
        return refusal;
    }

    /**
     * @return {@code null}, or what holds the lock when another gateway's move does (this gateway's last claim, until
     * its release is seen, is not another's).
     */
    String busy()
    {
        if (sharedGatewayId)
        {
            return "gateway id " + gatewayId + " is also another gateway's: give each gateway in front of these " +
                "shards its own --gateway-id and restart them; this gateway moves nothing until then";
        }
        return holder == NONE || holder == claim ? null : holderText();
    }

    /**
     * @return whether this gateway follows no move and routes the last switched move's instrument as it did.
     */
    boolean caughtUp(final ShardedVenueClient client, final MoveFollower follower)
    {
        return !follower.isFollowing() &&
            (switchedInstrument < 0 || client.table().shardOf(switchedInstrument) == switchedTo);
    }

    /**
     * @return whether the event is the announcement (BookRead) of a move already released as rolled back: a follower
     * that sees it that late does not follow it.
     */
    boolean stale(final DirectBuffer buffer, final int offset, final int length)
    {
        return !rolledBack.isEmpty() && bookRead(buffer, offset, length) && rolledBack.contains(bookRead.requestId());
    }

    /**
     * Writes a query of the lock's state: its answer tells this gateway who holds the lock ({@link #known}).
     *
     * @return the query's length in the commands' buffer.
     */
    int query(final MoveCommands commands)
    {
        return commands.readBook(QUERY | nonce << TO_SHIFT, -1);
    }

    /**
     * Writes an operator's forced release of the move holding the lock; {@link #forceAnswer} tells how it ended.
     *
     * @param moveId     the holder's move, as this gateway sees it ({@link #holderMoveId}).
     * @param switchedTo the shard that move switched to, as this gateway followed it, or -1 when it did not see it
     *                   switch: shard 0 records the switch (a gateway that missed it catches up from there).
     * @return the release's length in the commands' buffer.
     */
    int force(final MoveCommands commands, final long moveId, final int switchedTo)
    {
        forced = moveId;
        forceAnswer = PENDING;
        return commands.readBook(switchedTo < 0 ? FORCE | nonce << TO_SHIFT | moveId :
            FORCE_SWITCHED | (long)switchedTo << TO_SHIFT | moveId, -Math.max(1, holderInstrument));
    }

    /**
     * @return {@link #PENDING}, {@link #RELEASED} when the last forced release freed the lock, or {@link #REFUSED}
     * when the move it named no longer held it once it reached the shard.
     */
    int forceAnswer()
    {
        return forceAnswer;
    }

    /**
     * @return whether this gateway knows the lock's state: the lock shard stated it in an answer since it started
     * (to its query, or to any lock request).
     */
    boolean known()
    {
        return known;
    }

    /**
     * @return the move holding the lock, or -1 when it is free.
     */
    long holderMoveId()
    {
        return holder;
    }

    /**
     * @return the instrument of the move holding the lock.
     */
    int holderInstrument()
    {
        return holderInstrument;
    }

    /**
     * Takes one event of any shard. An answer of the lock shard's engine states the lock as it is after the request
     * ({@code engine.ShardMoveLock}), and this view takes it; an answer without it (an engine that keeps no lock) is
     * decided by the same rule from the requests this gateway saw.
     *
     * @return whether it was a lock request's answer (nothing else needs it).
     */
    boolean onEvent(final int shard, final DirectBuffer buffer, final int offset, final int length)
    {
        if (shard != SHARD || !bookRead(buffer, offset, length) || bookRead.instrumentId() >= 0 ||
            bookRead.orderCount() >= 0)
        {
            return false;
        }
        final long requestId = bookRead.requestId();
        final long kind = requestId & KIND;
        if (kind < CLAIM)
        {
            return false;
        }
        final long moveId = requestId & MOVE_ID;
        final int instrument = -bookRead.instrumentId();
        final long number = (requestId & ~KIND) >>> TO_SHIFT;
        if (otherGateway == null)
        {
            otherGateway = other(kind, moveId, number);
        }
        final boolean changed;
        if (bookRead.priceScale() == STATE_MARK)
        {
            changed = bookRead.quantityScale() == 1;
            final long claimed = bookRead.tickSize();
            holder = claimed == 0 ? NONE : claimed & MOVE_ID;
            holderInstrument = bookRead.baseAssetId();
            highestId = Math.max(highestId, bookRead.lotSize());
            known = true;
        }
        else
        {
            changed = derive(kind, moveId, instrument);
        }
        if (kind == CLAIM)
        {
            highestId = Math.max(highestId, moveId);
            final boolean mine = moveId == claim && number == nonce;
            if (!mine && moveId % GATEWAYS == gatewayId && moveId > journalled)
            {
                sharedGatewayId = true;
            }
            if (mine && answer == PENDING)
            {
                answer = changed ? GRANTED : REFUSED;
                refusal = changed ? null : holderText();
            }
        }
        else if ((kind == SWITCHED || kind == FORCE_SWITCHED) && changed)
        {
            switchedInstrument = instrument;
            switchedTo = (int)number;
        }
        else if (kind == ROLLED_BACK && changed)
        {
            rolledBack.add(moveId);
        }
        if ((kind == FORCE && number == nonce || kind == FORCE_SWITCHED) && moveId == forced &&
            forceAnswer == PENDING)
        {
            forceAnswer = changed ? RELEASED : REFUSED;
        }
        return true;
    }

    /**
     * @return {@code null}, or the first sign this gateway saw in shard 0's log, since it started, that another
     * gateway runs in front of these shards: a lock request of another gateway id, or a query or forced release of
     * another process ({@link MovingVenueClient#singleGateway} then keeps the restores after MoveOut). A query or a
     * forced release of a move this gateway did not see switch ({@link #FORCE}) carries the nonce of the process that
     * sent it: another process drawing the same one (1 in 65,536) is missed. A forced release of a move that switched
     * ({@link #FORCE_SWITCHED}) carries the shard instead, so it counts unless it names the move this gateway forced.
     */
    String otherGateway()
    {
        return otherGateway;
    }

    private String other(final long kind, final long moveId, final long number)
    {
        if ((kind == QUERY || kind == FORCE) && number != nonce || (kind == FORCE_SWITCHED && moveId != forced))
        {
            return "another gateway's " + (kind == QUERY ? "query of the move lock (a gateway started)" :
                "forced release of the move lock");
        }
        if ((kind == CLAIM || kind == SWITCHED || kind == ROLLED_BACK) && moveId % GATEWAYS != gatewayId)
        {
            return "gateway " + moveId % GATEWAYS + "'s move " + moveId + " in the move lock";
        }
        if (kind == CLAIM && number != nonce && moveId > journalled)
        {
            return "another gateway's claim of the move lock with this gateway's id";
        }
        return null;
    }

    /**
     * The lock shard's rule, for an answer that does not state the lock.
     *
     * @return whether the request took or freed the lock.
     */
    private boolean derive(final long kind, final long moveId, final int instrument)
    {
        if (kind == CLAIM && holder == NONE)
        {
            holder = moveId;
            holderInstrument = instrument;
            return true;
        }
        if ((kind == SWITCHED || kind == ROLLED_BACK || kind == FORCE || kind == FORCE_SWITCHED) && moveId == holder)
        {
            holder = NONE;
            return true;
        }
        return false;
    }

    private boolean bookRead(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER)
        {
            return false;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != BookReadDecoder.SCHEMA_ID || header.templateId() != BookReadDecoder.TEMPLATE_ID)
        {
            return false;
        }
        bookRead.wrap(buffer, offset + HEADER, header.blockLength(), header.version());
        return true;
    }

    private String holderText()
    {
        return String.format(Locale.ROOT, "another move is in progress: instrument %d by gateway %d",
            holderInstrument, holder % GATEWAYS);
    }
}
