package io.disruptorx.bench.node.exchangecore;

import java.util.concurrent.TimeUnit;

import exchange.core2.core.ExchangeApi;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.OrderCommandType;
import io.disruptorx.bench.engine.OrderFlowGenerator;
import io.disruptorx.bench.engine.exchangecore.ExchangeCoreFlowRunner;
import io.disruptorx.bench.node.OfferedFlow;
import io.disruptorx.bench.node.PacedVenue;
import org.HdrHistogram.Histogram;

/**
 * exchange-core 0.5.3 as a {@link PacedVenue}: the engine benchmark's {@link ExchangeCoreFlowRunner} sets it up (one
 * spot symbol, funded users, the same pipeline and wait strategy); commands go in through the non-allocating
 * {@link ExchangeApi#placeNewOrder} and {@link ExchangeApi#cancelOrder} with the intended send time as the command
 * timestamp, which comes back on the result, so latency is {@code now - cmd.timestamp} on the results thread.
 *
 * <p>Loaded by {@code ExchangeCoreLoader.newInstance} in the exchange-core class loader.
 */
public final class ExchangeCoreLatencyRunner implements PacedVenue
{
    private static final int SYMBOL = 1;

    private final ExchangeCoreFlowRunner runner;
    private final ExchangeApi api;
    private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private volatile long measureFrom = Long.MAX_VALUE;
    private volatile long reports;
    private long lastReportNanos;
    private long refused;

    /**
     * @param waitStrategy exchange-core wait strategy name.
     */
    public ExchangeCoreLatencyRunner(final String waitStrategy)
    {
        runner = new ExchangeCoreFlowRunner(
            OrderFlowGenerator.generate(42, 1, 100, 2 * OfferedFlow.ACCOUNTS_PER_SIDE, 10_000), waitStrategy);
        api = runner.api();
        runner.tapResults(this::onResult);
    }

    private void onResult(final OrderCommand cmd)
    {
        final OrderCommandType command = cmd.command;
        if (command != OrderCommandType.PLACE_ORDER && command != OrderCommandType.CANCEL_ORDER)
        {
            return;
        }
        final long now = System.nanoTime();
        if (cmd.timestamp >= measureFrom)
        {
            histogram.recordValue(Math.min(now - cmd.timestamp, histogram.getHighestTrackableValue()));
        }
        if (cmd.resultCode != CommandResultCode.SUCCESS)
        {
            refused++;
        }
        lastReportNanos = now;
        reports = reports + 1;
    }

    @Override
    public void send(final long index, final long intendedNanos)
    {
        if (OfferedFlow.isCancel(index))
        {
            final long target = OfferedFlow.cancelTarget(index);
            api.cancelOrder(0, 0, intendedNanos, target + 1, SYMBOL, OfferedFlow.account(target));
            return;
        }
        final boolean buy = OfferedFlow.isBuy(index);
        final long price = OfferedFlow.price(index);
        api.placeNewOrder(0, 0, intendedNanos, index + 1, 0, price, buy ? price : 0, OfferedFlow.quantity(index),
            buy ? OrderAction.BID : OrderAction.ASK, OfferedFlow.isIoc(index) ? OrderType.IOC : OrderType.GTC,
            SYMBOL, OfferedFlow.account(index));
    }

    @Override
    public void measureFrom(final long intendedNanos)
    {
        measureFrom = intendedNanos;
    }

    @Override
    public long reports()
    {
        return reports;
    }

    @Override
    public long lastReportNanos()
    {
        return lastReportNanos;
    }

    @Override
    public long refused()
    {
        return refused;
    }

    @Override
    public Histogram histogram()
    {
        return histogram;
    }

    @Override
    public void close()
    {
        runner.close();
    }
}
