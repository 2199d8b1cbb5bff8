package io.disruptorx.node.embedded;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

import com.lmax.disruptor.EventHandler;
import io.disruptorx.core.metrics.LatencyRecorder;
import io.disruptorx.engine.sbe.EventInstrument;
import io.disruptorx.engine.sbe.SbeEventDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.event.TradeDecoder;

/**
 * Output ring consumer for execution events: records order-to-report latency (command published to its
 * accept or reject leaving the output ring) and the output stage's, counts trades, and routes each event to its
 * account's listener, and counts commands per instrument id (the load {@code dx shard plan} reads): a command is
 * counted once, on the instrument of its first event that names one; a command whose events name none (a cancel
 * of an unknown order, admin results, balances) is not counted. With tracing on, a sampled order's accept or reject
 * hands the order's timeline to the {@link CommandSpans} once the report has reached its listeners.
 */
final class ExecutionReportHandler implements EventHandler<OutputSlot>
{
    /** Every value an unsigned byte reject reason can hold. */
    private static final int REASON_CODES = 256;

    private final SbeEventDecoder decoder;
    private final LatencyRecorder orderToReport;
    private final StageLatency latency;
    private final boolean timed;
    private final LongSupplier nanoTime;
    private final CommandSpans spans;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final OrderRejectedDecoder rejected = new OrderRejectedDecoder();
    private final AtomicLongArray rejectsByReason = new AtomicLongArray(REASON_CODES);
    private final AtomicLongArray commandsByInstrument;
    private long countedCommand = Long.MIN_VALUE;
    private final SingleWriterLong orderReports = new SingleWriterLong(0);
    private final SingleWriterLong trades = new SingleWriterLong(0);

    ExecutionReportHandler(
        final ExecutionRouter router, final LatencyRecorder orderToReport, final LongSupplier nanoTime,
        final StageLatency latency,
        final CommandSpans spans,
        final int instrumentLimit)
    {
        this.commandsByInstrument = new AtomicLongArray(instrumentLimit);
        this.spans = spans;
        this.latency = latency;
        this.timed = latency.enabled();
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
        countCommand(slot);
        if (template == OrderAcceptedDecoder.TEMPLATE_ID || template == OrderRejectedDecoder.TEMPLATE_ID)
        {
            if (timed)
            {
                final long now = nanoTime.getAsLong();
                orderToReport.record(now - slot.commandPublishNanos);
                if (slot.commandEngineNanos != 0)
                {
                    latency.output().record(now - slot.commandEngineNanos);
                }
            }
            orderReports.increment();
            if (template == OrderRejectedDecoder.TEMPLATE_ID)
            {
                rejected.wrap(slot.buffer, header.encodedLength(), header.blockLength(), header.version());
                final int reason = rejected.reasonRaw() & 0xFF;
                rejectsByReason.lazySet(reason, rejectsByReason.get(reason) + 1);
            }
        }
        else if (template == TradeDecoder.TEMPLATE_ID)
        {
            trades.increment();
        }
        decoder.onMessage(slot.buffer, 0, slot.length);
        if (spans != null && slot.traced &&
            (template == OrderAcceptedDecoder.TEMPLATE_ID || template == OrderRejectedDecoder.TEMPLATE_ID))
        {
            spans.onOrder(slot.traceIdHigh, slot.traceIdLow, slot.parentSpanId, slot.receiveNanos,
                slot.commandPublishNanos, slot.durableNanos, slot.appliedNanos, nanoTime.getAsLong());
        }
    }

    private void countCommand(final OutputSlot slot)
    {
        if (slot.commandSequence == countedCommand)
        {
            return;
        }
        final int instrument = EventInstrument.of(slot.buffer, 0);
        if (instrument > 0 && instrument < commandsByInstrument.length())
        {
            countedCommand = slot.commandSequence;
            commandsByInstrument.lazySet(instrument, commandsByInstrument.get(instrument) + 1);
        }
    }

    /**
     * @return commands counted per instrument id (written by the output thread only, read when scraped).
     */
    AtomicLongArray commandsByInstrument()
    {
        return commandsByInstrument;
    }

    long orderReports()
    {
        return orderReports.get();
    }

    /**
     * @param reasonCode the reject reason's wire value.
     * @return new orders rejected for that reason.
     */
    long rejects(final int reasonCode)
    {
        return rejectsByReason.get(reasonCode & 0xFF);
    }

    long trades()
    {
        return trades.get();
    }
}
