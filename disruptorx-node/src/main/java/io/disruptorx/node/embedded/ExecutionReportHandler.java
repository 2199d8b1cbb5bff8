package io.disruptorx.node.embedded;

import java.util.function.LongSupplier;

import com.lmax.disruptor.EventHandler;
import io.disruptorx.core.metrics.LatencyRecorder;
import io.disruptorx.engine.sbe.SbeEventDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.event.TradeDecoder;

/**
 * Output ring consumer for execution events: records order-to-report latency (command published to its
 * accept or reject leaving the output ring), counts trades, and routes each event to its account's listener.
 */
final class ExecutionReportHandler implements EventHandler<OutputSlot>
{
    private final SbeEventDecoder decoder;
    private final LatencyRecorder orderToReport;
    private final LongSupplier nanoTime;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private volatile long orderReports;
    private volatile long trades;

    ExecutionReportHandler(
        final ExecutionRouter router, final LatencyRecorder orderToReport, final LongSupplier nanoTime)
    {
        this.decoder = new SbeEventDecoder(router);
        this.orderToReport = orderToReport;
        this.nanoTime = nanoTime;
    }

    @Override
    public void onEvent(final OutputSlot slot, final long sequence, final boolean endOfBatch)
    {
        header.wrap(slot.buffer, 0);
        if (header.schemaId() != OrderAcceptedDecoder.SCHEMA_ID)
        {
            return;
        }
        final int template = header.templateId();
        if (template == OrderAcceptedDecoder.TEMPLATE_ID || template == OrderRejectedDecoder.TEMPLATE_ID)
        {
            orderToReport.record(Math.max(0, nanoTime.getAsLong() - slot.commandPublishNanos));
            orderReports++;
        }
        else if (template == TradeDecoder.TEMPLATE_ID)
        {
            trades++;
        }
        decoder.onMessage(slot.buffer, 0, slot.length);
    }

    long orderReports()
    {
        return orderReports;
    }

    long trades()
    {
        return trades;
    }
}
