package io.disruptorx.node.embedded;

import org.agrona.DirectBuffer;

/**
 * Where the node hands its market data incrementals (SBE, market data schema, in feed sequence order): the
 * feed publisher plugs in here.
 */
public interface MarketDataSink
{
    /** Discards everything. */
    MarketDataSink NONE = new MarketDataSink()
    {
        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length)
        {
        }

        @Override
        public void onEndOfBatch()
        {
        }
    };

    /**
     * @param buffer holding one message; valid only during the call.
     * @param offset of the message header.
     * @param length of the message.
     */
    void onMessage(DirectBuffer buffer, int offset, int length);

    /**
     * No more messages are waiting right now: a good moment to flush a packet.
     */
    void onEndOfBatch();
}
