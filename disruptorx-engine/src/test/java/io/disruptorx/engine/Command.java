package io.disruptorx.engine;

/**
 * One engine command as a value, so a generated flow can be replayed on several engines.
 */
public sealed interface Command
{
    /**
     * Sends the command.
     *
     * @param engine    engine.
     * @param timestamp host timestamp.
     */
    void apply(MatchingEngine engine, long timestamp);

    /**
     * AddInstrument.
     *
     * @param spec the instrument.
     */
    record AddInstrument(InstrumentSpec spec) implements Command
    {
        @Override
        public void apply(final MatchingEngine engine, final long timestamp)
        {
            engine.addInstrument(timestamp, spec.id(), spec.baseAsset(), spec.quoteAsset(), spec.tickSize(),
                spec.lotSize(), spec.priceScale(), spec.quantityScale(), spec.makerFeePerLot(), spec.takerFeePerLot(),
                spec.referencePrice(), spec.priceBandBps(), spec.marketProtectionBps());
        }
    }

    /**
     * NewOrder.
     *
     * @param accountId           account.
     * @param clientOrderId       client order id.
     * @param instrumentId        instrument.
     * @param side                side.
     * @param type                type.
     * @param timeInForce         time in force.
     * @param postOnly            post-only.
     * @param selfTradePrevention self-trade prevention.
     * @param price               price.
     * @param quantity            quantity.
     */
    record NewOrder(
        long accountId,
        long clientOrderId,
        int instrumentId,
        Side side,
        OrderType type,
        TimeInForce timeInForce,
        boolean postOnly,
        SelfTradePrevention selfTradePrevention,
        long price,
        long quantity) implements Command
    {
        @Override
        public void apply(final MatchingEngine engine, final long timestamp)
        {
            engine.newOrder(timestamp, accountId, clientOrderId, instrumentId, side, type, timeInForce, postOnly,
                selfTradePrevention, price, quantity);
        }
    }

    /**
     * CancelOrder.
     *
     * @param accountId     account.
     * @param requestId     request id.
     * @param orderId       order, or 0 to name it by its client order id.
     * @param clientOrderId the order's client order id when {@code orderId} is 0.
     */
    record Cancel(long accountId, long requestId, long orderId, long clientOrderId) implements Command
    {
        /**
         * A cancel of an order named by its order id.
         */
        Cancel(final long accountId, final long requestId, final long orderId)
        {
            this(accountId, requestId, orderId, 0);
        }

        @Override
        public void apply(final MatchingEngine engine, final long timestamp)
        {
            engine.cancelOrder(timestamp, accountId, requestId, orderId, clientOrderId);
        }
    }

    /**
     * ReplaceOrder.
     *
     * @param accountId     account.
     * @param requestId     request id.
     * @param orderId       order, or 0 to name it by its client order id.
     * @param price         new price.
     * @param quantity      new open quantity.
     * @param clientOrderId the order's client order id when {@code orderId} is 0.
     */
    record Replace(long accountId, long requestId, long orderId, long price, long quantity, long clientOrderId)
        implements Command
    {
        /**
         * A replace of an order named by its order id.
         */
        Replace(final long accountId, final long requestId, final long orderId, final long price, final long quantity)
        {
            this(accountId, requestId, orderId, price, quantity, 0);
        }

        @Override
        public void apply(final MatchingEngine engine, final long timestamp)
        {
            engine.replaceOrder(timestamp, accountId, requestId, orderId, price, quantity, clientOrderId);
        }
    }

    /**
     * MassCancel.
     *
     * @param accountId    account or 0.
     * @param instrumentId instrument or 0.
     * @param requestId    request id.
     */
    record MassCancel(long accountId, int instrumentId, long requestId) implements Command
    {
        @Override
        public void apply(final MatchingEngine engine, final long timestamp)
        {
            engine.massCancel(timestamp, accountId, instrumentId, requestId);
        }
    }

    /**
     * AdjustBalance.
     *
     * @param accountId account.
     * @param assetId   asset.
     * @param amount    signed amount.
     */
    record Adjust(long accountId, int assetId, long amount) implements Command
    {
        @Override
        public void apply(final MatchingEngine engine, final long timestamp)
        {
            engine.adjustBalance(timestamp, accountId, assetId, amount);
        }
    }

    /**
     * SetRiskLimits.
     *
     * @param accountId        account.
     * @param maxOrderQuantity max order quantity.
     * @param maxOrderNotional max order notional.
     * @param killSwitch       kill switch.
     */
    record Limits(long accountId, long maxOrderQuantity, long maxOrderNotional, boolean killSwitch) implements Command
    {
        @Override
        public void apply(final MatchingEngine engine, final long timestamp)
        {
            engine.setRiskLimits(timestamp, accountId, maxOrderQuantity, maxOrderNotional, killSwitch);
        }
    }

    /**
     * HaltInstrument.
     *
     * @param instrumentId instrument.
     */
    record Halt(int instrumentId) implements Command
    {
        @Override
        public void apply(final MatchingEngine engine, final long timestamp)
        {
            engine.haltInstrument(timestamp, instrumentId);
        }
    }

    /**
     * ResumeInstrument.
     *
     * @param instrumentId instrument.
     */
    record Resume(int instrumentId) implements Command
    {
        @Override
        public void apply(final MatchingEngine engine, final long timestamp)
        {
            engine.resumeInstrument(timestamp, instrumentId);
        }
    }

    /**
     * EndOfDay.
     *
     * @param instrumentId instrument or 0.
     */
    record EndOfDay(int instrumentId) implements Command
    {
        @Override
        public void apply(final MatchingEngine engine, final long timestamp)
        {
            engine.endOfDay(timestamp, instrumentId);
        }
    }

    /**
     * TakeSnapshot.
     *
     * @param snapshotId snapshot id.
     */
    record TakeSnapshot(long snapshotId) implements Command
    {
        @Override
        public void apply(final MatchingEngine engine, final long timestamp)
        {
            engine.takeSnapshot(timestamp, snapshotId);
        }
    }

    /**
     * An instrument definition.
     *
     * @param id                  instrument id.
     * @param baseAsset           base asset.
     * @param quoteAsset          quote asset.
     * @param tickSize            tick size.
     * @param lotSize             lot size.
     * @param priceScale          price scale.
     * @param quantityScale       quantity scale.
     * @param makerFeePerLot      maker fee per lot.
     * @param takerFeePerLot      taker fee per lot.
     * @param referencePrice      initial reference price.
     * @param priceBandBps        price band, 0 for none.
     * @param marketProtectionBps market protection.
     */
    record InstrumentSpec(
        int id,
        int baseAsset,
        int quoteAsset,
        long tickSize,
        long lotSize,
        int priceScale,
        int quantityScale,
        long makerFeePerLot,
        long takerFeePerLot,
        long referencePrice,
        int priceBandBps,
        int marketProtectionBps)
    {
        /**
         * @param price    price.
         * @param quantity quantity.
         * @return notional in quote units (the caller keeps values small enough not to overflow).
         */
        public long notional(final long price, final long quantity)
        {
            long scale = 1;
            for (int i = 0; i < quantityScale; i++)
            {
                scale *= 10;
            }
            return Math.multiplyExact(price, quantity) / scale;
        }

        /**
         * @param quantity quantity.
         * @return lots in it.
         */
        public long lots(final long quantity)
        {
            return quantity / lotSize;
        }
    }
}
