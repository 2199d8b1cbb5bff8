package io.disruptorx.shard.venue;

import java.nio.ByteOrder;
import java.util.Arrays;

import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.event.OpenOrderDecoder;
import io.disruptorx.protocol.sbe.event.OpenOrderEncoder;
import io.disruptorx.protocol.sbe.event.Side;
import io.disruptorx.protocol.sbe.event.TimeInForce;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The shards' answers to an open-orders fan-out ({@link FanOutTable#OPEN_ORDERS}), kept per fan-out slot until the
 * last shard has answered and then handed on as one answer: the shards in shard order, each shard's orders in the
 * order it told them (its instruments in id order, each book in priority order), every event's {@code place}
 * renumbered over the whole answer and {@code orderCount} the total, each stamped with the latest shard's time; one
 * event with {@code orderCount} 0 when no shard has an open order of the account. A shard's answer is
 * {@code orderCount} events (one with count 0 when it has none), contiguous in its stream.
 *
 * <p>Each slot keeps the events' bytes (order ids already global) in a buffer of its own, preallocated for
 * {@link #INITIAL_ORDERS} orders; an answer with more orders than any before in its slot grows it (doubling), so a
 * steady state allocates nothing. One thread uses an instance, the sharded client's.
 */
final class OpenOrderAnswers
{
    /** Orders each slot holds before its buffer first grows. */
    static final int INITIAL_ORDERS = 16;

    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int RECORD_HEADER = 2 * Integer.BYTES;
    private static final int COUNT_AT = HEADER + OpenOrderDecoder.orderCountEncodingOffset();
    private static final int PLACE_AT = HEADER + OpenOrderDecoder.placeEncodingOffset();
    private static final int TIME_AT = HEADER + OpenOrderDecoder.timestampEncodingOffset();

    private final int shards;
    private final ExpandableArrayBuffer[] events;
    private final int[] end;
    private final int[] orders;
    private final int[][] received;
    private final long[] serial;
    private final long[] latest;
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[1024]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final OpenOrderEncoder empty = new OpenOrderEncoder();

    /**
     * @param shards   shards a fan-out goes to.
     * @param capacity slots of the fan-out table.
     */
    OpenOrderAnswers(final int shards, final int capacity)
    {
        this.shards = shards;
        events = new ExpandableArrayBuffer[capacity];
        end = new int[capacity];
        orders = new int[capacity];
        received = new int[capacity][shards];
        serial = new long[capacity];
        latest = new long[capacity];
        for (int slot = 0; slot < capacity; slot++)
        {
            events[slot] = new ExpandableArrayBuffer(
                INITIAL_ORDERS * (RECORD_HEADER + HEADER + OpenOrderEncoder.BLOCK_LENGTH));
        }
    }

    /**
     * Keeps one OpenOrder event of a shard's answer.
     *
     * @param slot       the fan-out's slot.
     * @param fanOut     the fan-out's serial ({@link FanOutTable#serial}): a slot's first event of a new fan-out
     *                   forgets what an earlier one left there.
     * @param shard      the answering shard.
     * @param event      the event (header included), its order id already global.
     * @param length     its length, at most 1,024 bytes.
     * @return true when this event was the shard's last of its answer.
     */
    boolean add(final int slot, final long fanOut, final int shard, final DirectBuffer event, final int length)
    {
        if (serial[slot] != fanOut)
        {
            serial[slot] = fanOut;
            end[slot] = 0;
            orders[slot] = 0;
            latest[slot] = 0;
            Arrays.fill(received[slot], 0);
        }
        final int count = event.getInt(COUNT_AT, ORDER);
        latest[slot] = Math.max(latest[slot], event.getLong(TIME_AT, ORDER));
        if (count > 0)
        {
            final ExpandableArrayBuffer into = events[slot];
            final int at = end[slot];
            into.putInt(at, shard, ORDER);
            into.putInt(at + Integer.BYTES, length, ORDER);
            into.putBytes(at + RECORD_HEADER, event, 0, length);
            end[slot] = at + RECORD_HEADER + length;
            orders[slot]++;
        }
        return ++received[slot][shard] >= Math.max(count, 1);
    }

    /**
     * Hands the merged answer of a complete fan-out on.
     *
     * @param sequence the command sequence every event of the answer carries (the last shard's).
     */
    void deliver(final int slot, final long requestId, final long accountId, final long sequence,
        final VenueEventHandler downstream)
    {
        final int total = orders[slot];
        if (total == 0)
        {
            out.setMemory(0, HEADER + OpenOrderEncoder.BLOCK_LENGTH, (byte)0);
            empty.wrapAndApplyHeader(out, 0, header).timestamp(latest[slot]).requestId(requestId).accountId(accountId)
                .side(Side.NULL_VAL).timeInForce(TimeInForce.NULL_VAL);
            downstream.onEvent(sequence, out, 0, HEADER + empty.encodedLength());
            return;
        }
        final ExpandableArrayBuffer from = events[slot];
        int place = 0;
        for (int shard = 0; shard < shards; shard++)
        {
            for (int at = 0; at < end[slot]; at += RECORD_HEADER + from.getInt(at + Integer.BYTES, ORDER))
            {
                if (from.getInt(at, ORDER) == shard)
                {
                    final int length = from.getInt(at + Integer.BYTES, ORDER);
                    out.putBytes(0, from, at + RECORD_HEADER, length);
                    out.putInt(COUNT_AT, total, ORDER);
                    out.putInt(PLACE_AT, place++, ORDER);
                    out.putLong(TIME_AT, latest[slot], ORDER);
                    downstream.onEvent(sequence, out, 0, length);
                }
            }
        }
    }
}
