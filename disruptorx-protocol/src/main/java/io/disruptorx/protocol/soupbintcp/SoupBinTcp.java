package io.disruptorx.protocol.soupbintcp;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * SoupBinTCP 3.00 framing and packet types. Every packet is a big-endian unsigned 16-bit length (which counts
 * the type byte and the payload), a type byte, and the payload:
 *
 * <pre>
 *   0               2       3
 *   +---------------+-------+---------------------------+
 *   | packet length | type  | payload (length - 1)  ... |
 *   +---------------+-------+---------------------------+
 * </pre>
 *
 * <p>After Login Accepted the server sends its stream as Sequenced Data, each one message whose sequence number is
 * implicit (one more than the previous), a Server Heartbeat after each second of send silence and End of Session
 * when the session ends. The client sends a Client Heartbeat after each second of its own silence, Unsequenced
 * Data, and may log out. The login packets' fields are in {@link LoginRequest} and {@link LoginAccepted}; Login
 * Rejected carries one reason byte. The header helpers here write and read in place, allocation-free.
 */
public final class SoupBinTcp
{
    /** Bytes of the packet length field. */
    public static final int LENGTH_FIELD = 2;
    /** Bytes of the length field and the type byte. */
    public static final int HEADER_LENGTH = 3;
    /** Largest packet length (type byte and payload) a 16-bit length allows. */
    public static final int MAX_PACKET_LENGTH = 0xFFFF;

    /** Either direction: debug text, ignored. */
    public static final byte DEBUG = '+';
    /** Server: login accepted. */
    public static final byte LOGIN_ACCEPTED = 'A';
    /** Server: login rejected. */
    public static final byte LOGIN_REJECTED = 'J';
    /** Server: one sequenced message. */
    public static final byte SEQUENCED_DATA = 'S';
    /** Server: heartbeat. */
    public static final byte SERVER_HEARTBEAT = 'H';
    /** Server: the session has ended; no more messages will follow. */
    public static final byte END_OF_SESSION = 'Z';
    /** Client: login request. */
    public static final byte LOGIN_REQUEST = 'L';
    /** Client: one unsequenced message. */
    public static final byte UNSEQUENCED_DATA = 'U';
    /** Client: heartbeat. */
    public static final byte CLIENT_HEARTBEAT = 'R';
    /** Client: logout request. */
    public static final byte LOGOUT_REQUEST = 'O';

    /** Login Rejected reason: wrong user name or password. */
    public static final byte REJECT_NOT_AUTHORIZED = 'A';
    /** Login Rejected reason: the requested session (or the requested sequence in it) is not available. */
    public static final byte REJECT_SESSION_NOT_AVAILABLE = 'S';

    /** Login Request payload length. */
    public static final int LOGIN_REQUEST_LENGTH = 46;
    /** Login Accepted payload length. */
    public static final int LOGIN_ACCEPTED_LENGTH = 30;
    /** User name field length. */
    public static final int USERNAME_LENGTH = 6;
    /** Password field length. */
    public static final int PASSWORD_LENGTH = 10;
    /** Session field length. */
    public static final int SESSION_LENGTH = 10;
    /** Sequence number field length. */
    public static final int SEQUENCE_LENGTH = 20;

    private SoupBinTcp()
    {
    }

    /**
     * Writes a packet's header in front of a payload that is (or will be) written after it.
     *
     * @param buffer        destination.
     * @param offset        where the packet starts.
     * @param type          packet type.
     * @param payloadLength bytes of payload after the header.
     * @return where the payload starts.
     */
    public static int putHeader(
        final MutableDirectBuffer buffer, final int offset, final byte type, final int payloadLength)
    {
        buffer.putShort(offset, (short)(payloadLength + 1), ByteOrder.BIG_ENDIAN);
        buffer.putByte(offset + LENGTH_FIELD, type);
        return offset + HEADER_LENGTH;
    }

    /**
     * @param buffer holding a packet.
     * @param offset where the packet starts.
     * @return its length field: the type byte and the payload, 0 to {@link #MAX_PACKET_LENGTH}.
     */
    public static int packetLength(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * @param buffer holding a packet.
     * @param offset where the packet starts.
     * @return its type byte.
     */
    public static byte packetType(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + LENGTH_FIELD);
    }

    /**
     * @param payloadLength bytes of payload.
     * @return bytes of the whole packet, header included.
     */
    public static int frameLength(final int payloadLength)
    {
        return HEADER_LENGTH + payloadLength;
    }
}
