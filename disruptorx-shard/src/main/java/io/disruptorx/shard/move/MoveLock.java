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
 * <p>Move ids are {@code sequence * GATEWAYS + gatewayId}, each sequence above every id a gateway has seen: two
 * gateways' ids never collide, and a move's transfer ids with them, as long as each gateway has its own id. A claim
 * also carries a number this gateway drew at random when it started, so that two gateways given the same id (a
 * configuration error) cannot both take one claim for their own: the first of two claims with the same move id
 * holds the lock, and once a gateway sees a claim with its own gateway id that it did not send, it refuses every
 * later move, saying why. Runs in the client's thread; a move path.
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

    private static final long NONE = -1;
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int KIND_SHIFT = 56;
    private static final long CLAIM = 1L << KIND_SHIFT;
    private static final long ROLLED_BACK = 2L << KIND_SHIFT;
    private static final long SWITCHED = 3L << KIND_SHIFT;
    private static final long KIND = 7L << KIND_SHIFT;
    private static final int TO_SHIFT = 40;
    private static final long MOVE_ID = (1L << TO_SHIFT) - 1;

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
     * Takes one event of any shard.
     *
     * @return whether it was a claim or a release (nothing else needs it).
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
        final long moveId = requestId & MOVE_ID;
        final int instrument = -bookRead.instrumentId();
        if (kind == CLAIM)
        {
            highestId = Math.max(highestId, moveId);
            final boolean mine = moveId == claim && (requestId & ~KIND) >>> TO_SHIFT == nonce;
            if (!mine && moveId % GATEWAYS == gatewayId && moveId > journalled)
            {
                sharedGatewayId = true;
            }
            if (holder == NONE)
            {
                holder = moveId;
                holderInstrument = instrument;
                if (mine)
                {
                    answer = GRANTED;
                }
            }
            else if (mine && answer == PENDING)
            {
                answer = REFUSED;
                refusal = holderText();
            }
        }
        else if ((kind == SWITCHED || kind == ROLLED_BACK) && moveId == holder)
        {
            holder = NONE;
            if (kind == SWITCHED)
            {
                switchedInstrument = instrument;
                switchedTo = (int)((requestId & ~KIND) >>> TO_SHIFT);
            }
            else
            {
                rolledBack.add(moveId);
            }
        }
        return kind != 0;
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
