package io.disruptorx.shard.venue;

import java.nio.ByteOrder;

import io.disruptorx.protocol.sbe.command.CancelOrderDecoder;
import io.disruptorx.protocol.sbe.command.MassCancelDecoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.ReplaceOrderDecoder;
import io.disruptorx.shard.routing.RoutingTable;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The source's replies to commands this gateway sent before it learned of a move another gateway carries out
 * (before it held the instrument), applied at the source after MoveOut, when the moved orders were no longer there:
 *
 * <ul>
 *     <li>a mass cancel covering the moving instrument (of it, or of all instruments) cancelled none of the moved
 *     orders at the source. Its merged answer is kept back and, once the route switched to the target, the same
 *     mass cancel of that instrument is sent to the target (same account and request id, so its cancels read as
 *     the client's), of the orders the move restored only ({@link KeptMassCancels}: orders placed on the target after
 *     the resume stay); the client gets one answer after the target's, carrying the first refusal of either
 *     ({@link FanOutTable#carry});</li>
 *     <li>a cancel or replace by client order id of an order the move carried found it on no shard when the target
 *     answered before the order was restored there: the merged {@code UNKNOWN_ORDER} is handed on as
 *     {@code INSTRUMENT_HALTED}, which a client retries (and the retry finds the order on the target).</li>
 * </ul>
 *
 * <p>A shard's replies come in that shard's log order, so a reply of the source after its MoveOut answer was applied
 * after MoveOut. The commands in question are the fan-outs opened before the hold began ({@link #watch}: a serial
 * below the boundary); later ones were held and routed by the switched table. The hold ends only once none of those
 * mass cancels still waits for the source's reply and every re-send is out ({@link #mustKeepHolding}), so no command
 * the client sends after its mass cancel reaches the target ahead of the re-send.
 *
 * <p>Several moves may be watched at once ({@link #WATCHES}): a gateway behind on a source may learn of the next move
 * (of the same source or another) while the last one's instrument is still held after its switch. Each watch keeps
 * its instrument, source, boundary and moved orders; a reply is late for every watch it is late for. A mass cancel
 * late for several moves is sent again once per instrument, one after the other, each once the instrument's route
 * switched (or its move rolled back) and the one before it was answered; the client gets one answer, after the last
 * ({@link #park}). A watch retires once its move ended, nothing sent before its boundary still waits for its source,
 * and no late reply of it waits for another shard. No allocation but for the moved orders' keys ({@link #movedOut}, a
 * move path).
 */
final class LateReplies
{
    /** Moves watched at once; beyond it the oldest watch is dropped (its late replies then reach the client as is). */
    static final int WATCHES = 4;

    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final long[] NO_ORDERS = new long[0];
    private static final int NONE = -1;

    private final FanOutTable fanOuts;
    private final int[] instrument = new int[WATCHES];
    private final int[] source = new int[WATCHES];
    private final long[] boundary = new long[WATCHES];
    private final long[] age = new long[WATCHES];
    private final boolean[] movedOut = new boolean[WATCHES];
    private final boolean[] following = new boolean[WATCHES];
    private final long[][] accounts = new long[WATCHES][];
    private final long[][] clientOrderIds = new long[WATCHES][];
    private final long[] lateSerial;
    private final int[] lateWatches;
    private final KeptMassCancels kept;
    private long watched;

    LateReplies(final FanOutTable fanOuts)
    {
        this.fanOuts = fanOuts;
        final int capacity = fanOuts.capacity();
        lateSerial = new long[capacity];
        lateWatches = new int[capacity];
        kept = new KeptMassCancels(fanOuts);
        for (int w = 0; w < WATCHES; w++)
        {
            clear(w);
        }
    }

    /**
     * A move of another gateway is announced and held from now on: the fan-outs opened before now may reach the
     * source after its MoveOut. Earlier watches stay.
     */
    void watch(final int instrumentId, final int sourceShard)
    {
        int w = free();
        if (w < 0)
        {
            w = oldest();
            drop(w);
        }
        instrument[w] = instrumentId;
        source[w] = sourceShard;
        boundary[w] = fanOuts.nextSerial();
        age[w] = ++watched;
        movedOut[w] = false;
        following[w] = true;
    }

    /**
     * The source applied a watched move's MoveOut: its later replies missed the moved orders. Taken by the latest
     * watch of the instrument and source that has not heard it; ignored when none has.
     *
     * @param accounts       the moved orders' accounts.
     * @param clientOrderIds their client order ids, in the same order.
     */
    void movedOut(final int instrumentId, final int sourceShard, final long[] accounts, final long[] clientOrderIds)
    {
        int latest = NONE;
        for (int w = 0; w < WATCHES; w++)
        {
            if (instrument[w] > 0 && instrument[w] == instrumentId && source[w] == sourceShard && !movedOut[w] &&
                (latest < 0 || age[w] > age[latest]))
            {
                latest = w;
            }
        }
        if (latest >= 0)
        {
            movedOut[latest] = true;
            this.accounts[latest] = accounts;
            this.clientOrderIds[latest] = clientOrderIds;
        }
    }

    /**
     * The instrument's move followed now switched: its watch stays until it retires.
     */
    void switched(final int instrumentId)
    {
        final int w = followed(instrumentId);
        if (w >= 0)
        {
            following[w] = false;
        }
    }

    /**
     * The instrument's move followed now rolled back: its watch goes (its late replies that were already kept are
     * sent by the table, to the source, where the undo put the orders back). Other watches stay.
     */
    void forget(final int instrumentId)
    {
        final int w = followed(instrumentId);
        if (w >= 0)
        {
            drop(w);
        }
    }

    /**
     * @return mass cancels sent again to a move's target.
     */
    long resent()
    {
        return kept.resent();
    }

    /**
     * A shard's reply to an admin fan-out, before it is counted: marks a late mass cancel covering an instrument
     * watched.
     */
    void adminReply(final int shard, final int slot)
    {
        for (int w = 0; w < WATCHES; w++)
        {
            if (isLate(w, shard, slot) && coversInstrument(slot, instrument[w]))
            {
                markLate(slot, w);
            }
        }
    }

    /**
     * An admin fan-out completed (its slot just freed, its command and result still readable): a mass cancel late
     * for moves is kept, once per move's instrument, to be sent again; a mass cancel sent again is answered only
     * when it is the last of its kept ones, its result carried on to the next otherwise.
     *
     * @return whether its answer is kept back.
     */
    boolean park(final int slot)
    {
        final long serial = fanOuts.serial(slot);
        final long group = kept.groupOf(slot);
        int mask = lateSerial[slot] == serial ? lateWatches[slot] : 0;
        lateSerial[slot] = 0;
        if (!kept.hasRoom(Integer.bitCount(mask)))
        {
            mask = 0;
        }
        while (mask != 0)
        {
            int w = Integer.numberOfTrailingZeros(mask);
            for (int bits = mask; bits != 0; bits &= bits - 1)
            {
                final int other = Integer.numberOfTrailingZeros(bits);
                if (age[other] < age[w])
                {
                    w = other;
                }
            }
            mask &= ~(1 << w);
            kept.keep(slot, instrument[w], group);
        }
        return kept.carryOn(group, fanOuts.result(slot));
    }

    /**
     * A shard's reply {@code UNKNOWN_ORDER} to a cancel or replace by client order id, before it is counted.
     */
    void notFound(final int shard, final int slot)
    {
        for (int w = 0; w < WATCHES; w++)
        {
            if (isLate(w, shard, slot))
            {
                markLate(slot, w);
            }
        }
    }

    /**
     * A cancel or replace by client order id completed with no shard having the order (its slot just freed).
     *
     * @return whether a move's source answered it after MoveOut and it names an order that move carried: to be
     * answered {@code INSTRUMENT_HALTED}.
     */
    boolean retryable(final int slot)
    {
        if (lateSerial[slot] != fanOuts.serial(slot))
        {
            return false;
        }
        final int mask = lateWatches[slot];
        lateSerial[slot] = 0;
        final UnsafeBuffer command = fanOuts.command(slot);
        final int length = fanOuts.commandLength(slot);
        final int templateId = command.getShort(MessageHeaderDecoder.templateIdEncodingOffset(), ORDER) & 0xFFFF;
        final int accountAt;
        final int clientOrderIdAt;
        if (templateId == CancelOrderDecoder.TEMPLATE_ID)
        {
            accountAt = HEADER + CancelOrderDecoder.accountIdEncodingOffset();
            clientOrderIdAt = HEADER + CancelOrderDecoder.clientOrderIdEncodingOffset();
        }
        else if (templateId == ReplaceOrderDecoder.TEMPLATE_ID)
        {
            accountAt = HEADER + ReplaceOrderDecoder.accountIdEncodingOffset();
            clientOrderIdAt = HEADER + ReplaceOrderDecoder.clientOrderIdEncodingOffset();
        }
        else
        {
            return false;
        }
        if (clientOrderIdAt + Long.BYTES > length)
        {
            return false;
        }
        final long account = command.getLong(accountAt, ORDER);
        final long clientOrderId = command.getLong(clientOrderIdAt, ORDER);
        for (int bits = mask; bits != 0; bits &= bits - 1)
        {
            final int w = Integer.numberOfTrailingZeros(bits);
            for (int i = 0; i < accounts[w].length; i++)
            {
                if (accounts[w][i] == account && clientOrderIds[w][i] == clientOrderId)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @return whether mass cancels wait to be sent again.
     */
    boolean hasParked()
    {
        return !kept.isEmpty();
    }

    /**
     * @return whether the hold of the instrument must go on after its switch: a mass cancel covering it that was
     * sent before a watched move's hold still waits for that move's source, or, answered late there, for another
     * shard, or one waits to be sent again for it.
     */
    boolean mustKeepHolding(final int instrumentId)
    {
        if (kept.holds(instrumentId))
        {
            return true;
        }
        if (fanOuts.inUse() == 0)
        {
            return false;
        }
        for (int w = 0; w < WATCHES; w++)
        {
            if (instrument[w] > 0 && instrument[w] == instrumentId && waitsFor(w, true))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Sends the kept mass cancels again ({@link KeptMassCancels#send}).
     */
    void sendParked(final CommandRouter router, final RoutingTable table, final HeldCommands moving)
    {
        kept.send(router, table, moving);
    }

    private boolean isLate(final int w, final int shard, final int slot)
    {
        return instrument[w] > 0 && movedOut[w] && shard == source[w] && fanOuts.serial(slot) < boundary[w];
    }

    private void markLate(final int slot, final int w)
    {
        final long serial = fanOuts.serial(slot);
        if (lateSerial[slot] != serial)
        {
            lateSerial[slot] = serial;
            lateWatches[slot] = 0;
        }
        lateWatches[slot] |= 1 << w;
    }

    /**
     * @param massCancelsOnly whether only mass cancels covering the instrument count (for the hold), or every reply
     *                        the watch may turn (for retiring it).
     * @return whether a fan-out sent before the watch's boundary still waits for its source, or, answered late there,
     * for another shard.
     */
    private boolean waitsFor(final int w, final boolean massCancelsOnly)
    {
        for (int slot = 0; slot < fanOuts.capacity(); slot++)
        {
            final int kind = fanOuts.kind(slot);
            if (kind == 0)
            {
                continue;
            }
            final long serial = fanOuts.serial(slot);
            final boolean counts = kind == FanOutTable.ADMIN ? coversInstrument(slot, instrument[w]) :
                !massCancelsOnly && kind == FanOutTable.BY_CLIENT_ORDER_ID;
            if (counts && ((serial < boundary[w] && fanOuts.isWaiting(slot, source[w])) ||
                (lateSerial[slot] == serial && (lateWatches[slot] & 1 << w) != 0)))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return a free watch, retiring those that are done first, or -1 when all are in use.
     */
    private int free()
    {
        for (int w = 0; w < WATCHES; w++)
        {
            if (instrument[w] > 0 && !following[w] && !waitsFor(w, false))
            {
                clear(w);
            }
        }
        for (int w = 0; w < WATCHES; w++)
        {
            if (instrument[w] <= 0)
            {
                return w;
            }
        }
        return NONE;
    }

    private int oldest()
    {
        int oldest = 0;
        for (int w = 1; w < WATCHES; w++)
        {
            if (age[w] < age[oldest])
            {
                oldest = w;
            }
        }
        return oldest;
    }

    private int followed(final int instrumentId)
    {
        for (int w = 0; w < WATCHES; w++)
        {
            if (instrument[w] > 0 && instrument[w] == instrumentId && following[w])
            {
                return w;
            }
        }
        return NONE;
    }

    /**
     * Stops watching: the watch's late replies not kept yet are answered as they are.
     */
    private void drop(final int w)
    {
        for (int slot = 0; slot < lateWatches.length; slot++)
        {
            lateWatches[slot] &= ~(1 << w);
        }
        clear(w);
    }

    private void clear(final int w)
    {
        instrument[w] = NONE;
        source[w] = NONE;
        boundary[w] = 0;
        movedOut[w] = false;
        following[w] = false;
        accounts[w] = NO_ORDERS;
        clientOrderIds[w] = NO_ORDERS;
    }

    private boolean coversInstrument(final int slot, final int instrumentId)
    {
        final UnsafeBuffer command = fanOuts.command(slot);
        if (fanOuts.commandLength(slot) < HEADER + MassCancelDecoder.instrumentIdEncodingOffset() + Integer.BYTES ||
            (command.getShort(MessageHeaderDecoder.templateIdEncodingOffset(), ORDER) & 0xFFFF) !=
            MassCancelDecoder.TEMPLATE_ID)
        {
            return false;
        }
        final int named = command.getInt(HEADER + MassCancelDecoder.instrumentIdEncodingOffset(), ORDER);
        return named == instrumentId || named == 0;
    }
}
