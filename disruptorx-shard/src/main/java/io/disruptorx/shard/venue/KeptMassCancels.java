package io.disruptorx.shard.venue;

import io.disruptorx.protocol.sbe.command.BooleanType;
import io.disruptorx.protocol.sbe.command.MassCancelDecoder;
import io.disruptorx.protocol.sbe.command.MassCancelEncoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.shard.routing.RoutingTable;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Mass cancels kept to be sent again to a move's target ({@link LateReplies}), in the order they were kept, each
 * naming one moved instrument and cancelling only the orders a move restored ({@code restoredOnly}, commands version
 * 5): the orders the move carried, whose ids on the target carry the moved mark, and not those placed there after the
 * move's resume by another gateway (this one still holds the instrument then). The copies kept of one client mass
 * cancel (one per move it was late for) form a group, named by the serial of the client's fan-out: they go one after
 * the other, each once the one before it was answered (a link), and only the last link's answer reaches the client,
 * carrying the first refusal of the whole chain ({@link FanOutTable#carry}). No allocation: a fixed number of command
 * buffers ({@link FanOutTable#capacity}).
 */
final class KeptMassCancels
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int NONE = -1;

    private final FanOutTable fanOuts;
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MassCancelDecoder decoder = new MassCancelDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MassCancelEncoder encoder = new MassCancelEncoder();
    private final long[] linkSerial;
    private final long[] linkGroup;
    private final UnsafeBuffer[] kept;
    private final int[] length;
    private final int[] result;
    private final int[] instrument;
    private final long[] group;
    private int count;
    private long resent;

    KeptMassCancels(final FanOutTable fanOuts)
    {
        this.fanOuts = fanOuts;
        final int capacity = fanOuts.capacity();
        linkSerial = new long[capacity];
        linkGroup = new long[capacity];
        kept = new UnsafeBuffer[capacity];
        length = new int[capacity];
        result = new int[capacity];
        instrument = new int[capacity];
        group = new long[capacity];
        for (int i = 0; i < capacity; i++)
        {
            kept[i] = new UnsafeBuffer(new byte[FanOutTable.MAX_COMMAND]);
        }
    }

    /**
     * @return mass cancels sent again.
     */
    long resent()
    {
        return resent;
    }

    /**
     * @return whether none is kept.
     */
    boolean isEmpty()
    {
        return count == 0;
    }

    /**
     * @return whether room is left for that many more.
     */
    boolean hasRoom(final int more)
    {
        return count + more <= kept.length;
    }

    /**
     * @param slot an admin fan-out that just completed.
     * @return its group: the group it is a link of, or, for a client's own fan-out, its serial.
     */
    long groupOf(final int slot)
    {
        final long serial = fanOuts.serial(slot);
        if (linkSerial[slot] == serial)
        {
            linkSerial[slot] = 0;
            return linkGroup[slot];
        }
        return serial;
    }

    /**
     * Keeps a copy of the completed fan-out's mass cancel naming the instrument and the restored orders only, at the
     * back: the same timestamp, account, request id and user, written in this build's version whatever the version
     * of the client's.
     */
    void keep(final int slot, final int instrumentId, final long groupId)
    {
        final UnsafeBuffer command = fanOuts.command(slot);
        final int version = headerDecoder.wrap(command, 0).version();
        decoder.wrap(command, HEADER, headerDecoder.blockLength(), version);
        final int commandLength = HEADER + MassCancelEncoder.BLOCK_LENGTH;
        kept[count].setMemory(0, commandLength, (byte)0);
        encoder.wrapAndApplyHeader(kept[count], 0, headerEncoder).timestamp(decoder.timestamp())
            .accountId(decoder.accountId()).instrumentId(instrumentId).requestId(decoder.requestId())
            .userId(version < MassCancelDecoder.userIdSinceVersion() ? 0 : decoder.userId())
            .restoredOnly(BooleanType.TRUE);
        length[count] = commandLength;
        result[count] = fanOuts.result(slot);
        instrument[count] = instrumentId;
        group[count] = groupId;
        count++;
    }

    /**
     * A fan-out of the group completed with the result.
     *
     * @return whether a copy of the group is still kept: its answer is held back and its result carried on to that
     * copy; otherwise it is the group's answer.
     */
    boolean carryOn(final long groupId, final int code)
    {
        for (int i = 0; i < count; i++)
        {
            if (group[i] == groupId)
            {
                if (result[i] == 0)
                {
                    result[i] = code;
                }
                return true;
            }
        }
        return false;
    }

    /**
     * @return whether a copy naming the instrument is kept.
     */
    boolean holds(final int instrumentId)
    {
        for (int i = 0; i < count; i++)
        {
            if (instrument[i] == instrumentId)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Sends the kept mass cancels again by the table, in order, until one is pushed back or waits: for its
     * instrument's move to switch or roll back ({@code moving}), or for the link before it in its group to be
     * answered. Each continues its group's answer.
     */
    void send(final CommandRouter router, final RoutingTable table, final HeldCommands moving)
    {
        int sent = 0;
        while (sent < count)
        {
            if (moving.isMoving(instrument[sent]) || linkInFlight(group[sent]))
            {
                break;
            }
            final long routed = router.route(table, kept[sent], 0, length[sent]);
            if (routed <= 0)
            {
                break;
            }
            final int opened = fanOuts.lastOpened();
            fanOuts.carry(opened, result[sent]);
            linkSerial[opened] = fanOuts.serial(opened);
            linkGroup[opened] = group[sent];
            resent++;
            sent++;
        }
        if (sent > 0)
        {
            for (int i = sent; i < count; i++)
            {
                kept[i - sent].putBytes(0, kept[i], 0, length[i]);
                length[i - sent] = length[i];
                result[i - sent] = result[i];
                instrument[i - sent] = instrument[i];
                group[i - sent] = group[i];
            }
            count -= sent;
        }
    }

    private boolean linkInFlight(final long groupId)
    {
        for (int slot = 0; slot < linkSerial.length; slot++)
        {
            if (fanOuts.kind(slot) != 0 && linkSerial[slot] == fanOuts.serial(slot) && linkGroup[slot] == groupId)
            {
                return true;
            }
        }
        return false;
    }
}
