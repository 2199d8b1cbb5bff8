package io.disruptorx.marketdata.server;

import java.nio.ByteOrder;

import io.disruptorx.protocol.marketdata.MarketDataEncoder;
import org.agrona.DirectBuffer;

/**
 * Every message of the market data schema carries its {@code feedSequence} then its {@code timestamp} at fixed
 * offsets after the header: read them without decoding the message.
 */
final class MessageTimestamps
{
    private static final int TIMESTAMP_OFFSET = MarketDataEncoder.FEED_SEQUENCE_OFFSET + Long.BYTES;

    private MessageTimestamps()
    {
    }

    /**
     * @return the message's timestamp, 0 when it is too short to hold one.
     */
    static long timestamp(final DirectBuffer buffer, final int offset, final int length)
    {
        return length < TIMESTAMP_OFFSET + Long.BYTES ? 0 : buffer.getLong(offset + TIMESTAMP_OFFSET,
            ByteOrder.LITTLE_ENDIAN);
    }
}
