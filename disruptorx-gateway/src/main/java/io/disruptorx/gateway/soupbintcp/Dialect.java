package io.disruptorx.gateway.soupbintcp;

import io.disruptorx.gateway.core.GatewayCore;
import io.disruptorx.gateway.core.Report;
import io.disruptorx.gateway.core.ReportFilter;
import io.disruptorx.gateway.core.Session;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The messages carried in SoupBinTCP payloads: decodes a client's unsequenced messages into core requests and
 * encodes a session's reports as sequenced messages. One instance serves every connection of a server, on the
 * gateway thread; neither direction may allocate.
 */
public interface Dialect
{
    /**
     * @return a protocol id, unique per dialect: sessions are per user and protocol.
     */
    int protocolId();

    /**
     * @return the reports this dialect can express (one message for each, so sequence numbers match).
     */
    ReportFilter filter();

    /**
     * @return longest inbound message; a longer packet is refused and ends the connection.
     */
    int maxInboundLength();

    /**
     * @return longest message {@link #encode} writes.
     */
    int maxOutboundLength();

    /**
     * Decodes one inbound message and makes the matching core call; malformed input is counted
     * ({@code core.counters()}) and ignored.
     *
     * @param core    the core.
     * @param session the connection's session.
     * @param buffer  holding the message.
     * @param offset  of its first byte.
     * @param length  of the message.
     */
    void onMessage(GatewayCore core, Session session, DirectBuffer buffer, int offset, int length);

    /**
     * @param report a report the {@link #filter()} accepted.
     * @param buffer destination, with {@link #maxOutboundLength()} bytes of room.
     * @param offset where to write.
     * @return bytes written.
     */
    int encode(Report report, MutableDirectBuffer buffer, int offset);
}
