package io.disruptorx.core.metrics;

/**
 * Trading metrics: traded volume and notional per instrument, PnL per strategy. All recording is allocation-free
 * once the instrument or strategy is registered.
 */
public final class BusinessMetrics
{
    private final KeyedLongMetric tradedVolume;
    private final KeyedLongMetric tradedNotional;
    private final KeyedLongMetric strategyPnl;

    /**
     * @param registry   registry the three families are exposed through.
     * @param capacity   maximum instruments and strategies each.
     */
    public BusinessMetrics(final MetricsRegistry registry, final int capacity)
    {
        tradedVolume = registry.keyedCounter("dx_traded_volume_total", "Traded quantity per instrument",
            "instrument", capacity);
        tradedNotional = registry.keyedCounter("dx_traded_notional_total",
            "Traded notional (price x quantity, fixed point) per instrument", "instrument", capacity);
        strategyPnl = registry.keyed("dx_strategy_pnl", "Profit and loss per strategy (fixed point)", "strategy",
            capacity);
    }

    /**
     * @param instrumentId numeric id.
     * @param symbol       label text.
     */
    public void registerInstrument(final long instrumentId, final String symbol)
    {
        tradedVolume.register(instrumentId, symbol);
        tradedNotional.register(instrumentId, symbol);
    }

    /**
     * @param strategyId numeric id.
     * @param name       label text.
     */
    public void registerStrategy(final long strategyId, final String name)
    {
        strategyPnl.register(strategyId, name);
    }

    /**
     * Records one trade.
     *
     * @param instrumentId registered instrument.
     * @param quantity     traded quantity.
     * @param price        trade price, fixed point.
     */
    public void onTrade(final long instrumentId, final long quantity, final long price)
    {
        tradedVolume.add(instrumentId, quantity);
        tradedNotional.add(instrumentId, quantity * price);
    }

    /**
     * @param strategyId registered strategy.
     * @param delta      change in PnL.
     */
    public void addPnl(final long strategyId, final long delta)
    {
        strategyPnl.add(strategyId, delta);
    }

    /**
     * @param instrumentId registered instrument.
     * @return total traded quantity.
     */
    public long tradedVolume(final long instrumentId)
    {
        return tradedVolume.get(instrumentId);
    }

    /**
     * @param strategyId registered strategy.
     * @return current PnL.
     */
    public long pnl(final long strategyId)
    {
        return strategyPnl.get(strategyId);
    }
}
