package io.disruptorx.gateway.soupbintcp;

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
 * Login Request payload: username (6, alphanumeric, left-justified, space-padded), password (10, same), requested
 * session (10, right-justified, space-padded; blank for the current one), requested sequence number (20 ASCII
 * digits, right-justified, space-padded; 0 for the next new message). Login Accepted: session (10) and the
 * sequence number of the next sequenced message (20). Login Rejected: one reason byte.
 */
public final class SoupBinTcp
{
    /** Bytes of the length field and the type byte. */
    public static final int HEADER_LENGTH = 3;
    /** Largest packet length a 16-bit length allows. */
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

    /** Login rejected: wrong user name or password. */
    public static final byte NOT_AUTHORIZED = 'A';
    /** Login rejected: the requested session or sequence is not available. */
    public static final byte SESSION_NOT_AVAILABLE = 'S';

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
}
