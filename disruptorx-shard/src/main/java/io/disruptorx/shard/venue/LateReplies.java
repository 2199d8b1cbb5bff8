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
 *     the client's); the client gets one answer after the target's, carrying the first refusal of either
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
 * the client sends after its mass cancel reaches the target ahead of the re-send. No allocation but for the moved
 * orders' keys ({@link #movedOut}, a move path).
 */
final class LateReplies
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final long[] NO_ORDERS = new long[0];

    private final FanOutTable fanOuts;
    private final long[] lateMassCancel;
    private final long[] lateByClientOrderId;
    private final UnsafeBuffer[] parked;
    private final int[] parkedLength;
    private final int[] parkedResult;
    private int parkedCount;
    private int instrument = -1;
    private int source = -1;
    private long boundary;
    private boolean movedOut;
    private long[] accounts = NO_ORDERS;
    private long[] clientOrderIds = NO_ORDERS;
    private long resent;

    LateReplies(final FanOutTable fanOuts)
    {
        this.fanOuts = fanOuts;
        final int capacity = fanOuts.capacity();
        lateMassCancel = new long[capacity];
        lateByClientOrderId = new long[capacity];
        parked = new UnsafeBuffer[capacity];
        parkedLength = new int[capacity];
        parkedResult = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            parked[i] = new UnsafeBuffer(new byte[FanOutTable.MAX_COMMAND]);
        }
    }

    /**
     * A move of another gateway is announced and held from now on: the fan-outs opened before now may reach the
     * source after its MoveOut.
     */
    void watch(final int instrumentId, final int sourceShard)
    {
        instrument = instrumentId;
        source = sourceShard;
        boundary = fanOuts.nextSerial();
        movedOut = false;
        accounts = NO_ORDERS;
        clientOrderIds = NO_ORDERS;
    }

    /**
     * The source applied the watched move's MoveOut: its later replies missed the moved orders. Ignored for a move
     * other than the one watched.
     *
     * @param accounts       the moved orders' accounts.
     * @param clientOrderIds their client order ids, in the same order.
     */
    void movedOut(final int instrumentId, final int sourceShard, final long[] accounts, final long[] clientOrderIds)
    {
        if (instrument > 0 && instrumentId == instrument && sourceShard == source)
        {
            movedOut = true;
            this.accounts = accounts;
            this.clientOrderIds = clientOrderIds;
        }
    }

    /** Stops watching: a move of this gateway's own begins, or the watched one rolled back. */
    void forget()
    {
        instrument = -1;
        source = -1;
        movedOut = false;
        accounts = NO_ORDERS;
        clientOrderIds = NO_ORDERS;
    }

    /**
     * @return mass cancels sent again to a move's target.
     */
    long resent()
    {
        return resent;
    }

    /**
     * A shard's reply to an admin fan-out, before it is counted: marks a late mass cancel covering the instrument.
     */
    void adminReply(final int shard, final int slot)
    {
        if (isLate(shard, slot) && coversInstrument(slot))
        {
            lateMassCancel[slot] = fanOuts.serial(slot);
        }
    }

    /**
     * An admin fan-out completed (its slot just freed, its command and result still readable).
     *
     * @return whether its answer is kept back: the mass cancel waits to be sent again to the target.
     */
    boolean park(final int slot)
    {
        if (lateMassCancel[slot] != fanOuts.serial(slot) || parkedCount == parked.length)
        {
            return false;
        }
        final int length = fanOuts.commandLength(slot);
        parked[parkedCount].putBytes(0, fanOuts.command(slot), 0, length);
        parked[parkedCount].putInt(HEADER + MassCancelDecoder.instrumentIdEncodingOffset(), instrument, ORDER);
        parkedLength[parkedCount] = length;
        parkedResult[parkedCount] = fanOuts.result(slot);
        parkedCount++;
        return true;
    }

    /**
     * A shard's reply {@code UNKNOWN_ORDER} to a cancel or replace by client order id, before it is counted.
     */
    void notFound(final int shard, final int slot)
    {
        if (isLate(shard, slot))
        {
            lateByClientOrderId[slot] = fanOuts.serial(slot);
        }
    }

    /**
     * A cancel or replace by client order id completed with no shard having the order (its slot just freed).
     *
     * @return whether the source answered it after MoveOut and it names an order the move carried: to be answered
     * {@code INSTRUMENT_HALTED}.
     */
    boolean retryable(final int slot)
    {
        if (lateByClientOrderId[slot] != fanOuts.serial(slot))
        {
            return false;
        }
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
        for (int i = 0; i < accounts.length; i++)
        {
            if (accounts[i] == account && clientOrderIds[i] == clientOrderId)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return whether mass cancels wait to be sent again.
     */
    boolean hasParked()
    {
        return parkedCount > 0;
    }

    /**
     * @return whether the hold of the instrument must go on after the switch: a mass cancel covering it that was
     * sent before the hold still waits for the source's reply, or one waits to be sent again.
     */
    boolean mustKeepHolding()
    {
        if (parkedCount > 0)
        {
            return true;
        }
        if (instrument <= 0 || fanOuts.inUse() == 0)
        {
            return false;
        }
        for (int slot = 0; slot < fanOuts.capacity(); slot++)
        {
            if (fanOuts.kind(slot) == FanOutTable.ADMIN && fanOuts.serial(slot) < boundary &&
                fanOuts.isWaiting(slot, source) && coversInstrument(slot))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Sends the kept mass cancels again, by the switched table (to the target), in order, until one is pushed back;
     * each continues its kept answer.
     */
    void sendParked(final CommandRouter router, final RoutingTable table)
    {
        int sent = 0;
        while (sent < parkedCount)
        {
            final long result = router.route(table, parked[sent], 0, parkedLength[sent]);
            if (result <= 0)
            {
                break;
            }
            fanOuts.carry(fanOuts.lastOpened(), parkedResult[sent]);
            resent++;
            sent++;
        }
        if (sent > 0)
        {
            for (int i = sent; i < parkedCount; i++)
            {
                parked[i - sent].putBytes(0, parked[i], 0, parkedLength[i]);
                parkedLength[i - sent] = parkedLength[i];
                parkedResult[i - sent] = parkedResult[i];
            }
            parkedCount -= sent;
        }
    }

    private boolean isLate(final int shard, final int slot)
    {
        return movedOut && shard == source && fanOuts.serial(slot) < boundary;
    }

    private boolean coversInstrument(final int slot)
    {
        final UnsafeBuffer command = fanOuts.command(slot);
        if (fanOuts.commandLength(slot) < HEADER + MassCancelDecoder.instrumentIdEncodingOffset() + Integer.BYTES ||
            (command.getShort(MessageHeaderDecoder.templateIdEncodingOffset(), ORDER) & 0xFFFF) !=
            MassCancelDecoder.TEMPLATE_ID)
        {
            return false;
        }
        final int named = command.getInt(HEADER + MassCancelDecoder.instrumentIdEncodingOffset(), ORDER);
        return named == instrument || named == 0;
    }
}
