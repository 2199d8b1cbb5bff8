package io.disruptorx.node.embedded;

import com.lmax.disruptor.EventHandler;
import io.disruptorx.protocol.sbe.marketdata.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.marketdata.OrderAddedDecoder;

/**
 * Output ring consumer: hands market data messages to the {@link MarketDataSink} and tells it when a batch ends.
 */
final class MarketDataHandler implements EventHandler<OutputSlot>
{
    private final MarketDataSink sink;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SingleWriterLong messages = new SingleWriterLong(0);

    MarketDataHandler(final MarketDataSink sink)
    {
        this.sink = sink;
    }

    @Override
    public void onEvent(final OutputSlot slot, final long sequence, final boolean endOfBatch)
    {
        header.wrap(slot.buffer, 0);
        if (header.schemaId() == OrderAddedDecoder.SCHEMA_ID)
        {
            sink.onMessage(slot.buffer, 0, slot.length);
            messages.increment();
        }
        if (endOfBatch)
        {
            sink.onEndOfBatch();
        }
    }

    long messages()
    {
        return messages.get();
    }
}
