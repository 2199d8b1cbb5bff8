package io.disruptorx.marketdata.server;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.disruptorx.marketdata.wire.MoldUdp64;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads a range of messages from the {@link MessageStore} into MoldUDP64 packets of at most {@code maxPayload}
 * bytes and hands each packet to a {@link PacketSink}: the shared line, or the requesters of a range.
 */
final class RetransmitPacketWriter
{
    private final byte[] session;
    private final MessageStore store;
    private final int maxPayload;
    private final RetransmitCounters counters;
    private final ByteBuffer packetBuffer;
    private final UnsafeBuffer packet;

    RetransmitPacketWriter(
        final byte[] session, final MessageStore store, final int maxPayload, final RetransmitCounters counters)
    {
        this.session = session.clone();
        this.store = store;
        this.maxPayload = maxPayload;
        this.counters = counters;
        this.packetBuffer = ByteBuffer.allocateDirect(maxPayload).order(ByteOrder.BIG_ENDIAN);
        this.packet = new UnsafeBuffer(packetBuffer);
    }

    /**
     * Sends [from, to] as packets; stops early at a message the store no longer holds.
     *
     * @return messages sent.
     */
    long write(final long from, final long to, final PacketSink sink)
    {
        counters.increment(RetransmitCounters.RANGES_SENT);
        final int maxMessage = store.maxMessageLength() + MoldUdp64.MESSAGE_LENGTH_FIELD;
        long first = from;
        int count = 0;
        int position = MoldUdp64.HEADER_LENGTH;
        long sent = 0;
        for (long s = from; s <= to; s++)
        {
            if (position + maxMessage > maxPayload || count == MoldUdp64.MAX_MESSAGE_COUNT)
            {
                emit(first, count, position, sink);
                first = s;
                count = 0;
                position = MoldUdp64.HEADER_LENGTH;
            }
            final int length = store.read(s, packet, position + MoldUdp64.MESSAGE_LENGTH_FIELD);
            if (length < 0)
            {
                break;
            }
            packet.putShort(position, (short)length, ByteOrder.BIG_ENDIAN);
            position += MoldUdp64.MESSAGE_LENGTH_FIELD + length;
            count++;
            sent++;
        }
        if (count > 0)
        {
            emit(first, count, position, sink);
        }
        counters.add(RetransmitCounters.MESSAGES_RETRANSMITTED, sent);
        return sent;
    }

    /**
     * Builds a refusal (our extension, for requesters that asked for them): reason and the oldest sequence held.
     *
     * @return its buffer, from index 0, {@link MoldUdp64#REFUSAL_LENGTH} bytes.
     */
    ByteBuffer refusal(final byte reason)
    {
        MoldUdp64.writeRefusal(packet, 0, reason, store.lowestSequence());
        packetBuffer.limit(MoldUdp64.REFUSAL_LENGTH).position(0);
        return packetBuffer;
    }

    private void emit(final long first, final int count, final int length, final PacketSink sink)
    {
        MoldUdp64.writeHeader(packet, 0, session, first, count);
        counters.increment(RetransmitCounters.PACKETS_BUILT);
        sink.send(packetBuffer, length);
        packetBuffer.clear();
    }
}
