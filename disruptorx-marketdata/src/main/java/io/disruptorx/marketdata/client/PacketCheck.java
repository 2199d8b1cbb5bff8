package io.disruptorx.marketdata.client;

import java.nio.ByteOrder;

import io.disruptorx.marketdata.wire.MoldUdp64;
import org.agrona.DirectBuffer;

/**
 * What the {@link FeedClient} accepts as a MoldUDP64 packet of its session: the session it was configured with,
 * or the first one it hears (then only that one); message lengths that stay inside the packet.
 */
final class PacketCheck
{
    private byte[] session;

    /**
     * @param session the session to accept, or null to adopt the first one heard.
     */
    PacketCheck(final String session)
    {
        this.session = session == null ? null : MoldUdp64.session(session);
    }

    boolean sessionAccepted(final DirectBuffer packet, final int offset)
    {
        if (session == null)
        {
            final byte[] adopted = new byte[MoldUdp64.SESSION_LENGTH];
            packet.getBytes(offset + MoldUdp64.SESSION_OFFSET, adopted);
            session = adopted;
            return true;
        }
        return MoldUdp64.sessionMatches(packet, offset, session);
    }

    static boolean wellFormed(final DirectBuffer packet, final int offset, final int length, final int count)
    {
        final int end = offset + length;
        int position = offset + MoldUdp64.HEADER_LENGTH;
        for (int i = 0; i < count; i++)
        {
            if (position + MoldUdp64.MESSAGE_LENGTH_FIELD > end)
            {
                return false;
            }
            position += MoldUdp64.MESSAGE_LENGTH_FIELD + (packet.getShort(position, ByteOrder.BIG_ENDIAN) & 0xFFFF);
            if (position > end)
            {
                return false;
            }
        }
        return true;
    }
}
