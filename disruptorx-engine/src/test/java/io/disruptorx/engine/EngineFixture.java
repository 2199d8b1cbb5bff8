package io.disruptorx.engine;

import io.disruptorx.engine.RecordingListener.Events;

/**
 * An engine with one instrument and funded accounts, made in one line, and one method per command that returns
 * the events the command caused. Every command gets the next timestamp (1, 2, 3, ...).
 */
public final class EngineFixture
{
    /** The instrument every fixture has. */
    public static final int INSTRUMENT = 1;
    /** Its base asset. */
    public static final int BASE = 1;
    /** Its quote asset. */
    public static final int QUOTE = 2;
    /** The default fee account. */
    public static final long FEE_ACCOUNT = 0;

    private final MatchingEngine engine;
    private final RecordingListener listener;
    private long timestamp;

    private EngineFixture(final EngineConfig config)
    {
        this.listener = new RecordingListener();
        this.engine = new MatchingEngine(config, listener);
    }

    /**
     * @return a builder with defaults: instrument 1 (base 1, quote 2, tick 1, lot 1, scales 0, no fees, reference
     * 100, no price band, market protection 10%), accounts 1 to 4 each with 1,000,000 of base and quote.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * @return a fixture with the builder's defaults.
     */
    public static EngineFixture create()
    {
        return builder().build();
    }

    /**
     * @return the engine.
     */
    public MatchingEngine engine()
    {
        return engine;
    }

    /**
     * @return the recorder.
     */
    public RecordingListener listener()
    {
        return listener;
    }

    /**
     * @return the timestamp the last command carried.
     */
    public long timestamp()
    {
        return timestamp;
    }

    private Events done()
    {
        final Events events = listener.drain();
        if (!listener.sequenceErrors().isEmpty())
        {
            throw new AssertionError("feed sequence gaps: " + listener.sequenceErrors());
        }
        return events;
    }

    /** @return the events of AddInstrument. */
    public Events addInstrument(
        final int instrumentId,
        final int baseAssetId,
        final int quoteAssetId,
        final long tickSize,
        final long lotSize,
        final int priceScale,
        final int quantityScale,
        final long makerFeePerLot,
        final long takerFeePerLot,
        final long referencePrice,
        final int priceBandBps,
        final int marketProtectionBps)
    {
        engine.addInstrument(++timestamp, instrumentId, baseAssetId, quoteAssetId, tickSize, lotSize, priceScale,
            quantityScale, makerFeePerLot, takerFeePerLot, referencePrice, priceBandBps, marketProtectionBps);
        return done();
    }

    /** @return the events of AdjustBalance. */
    public Events adjust(final long accountId, final int assetId, final long amount)
    {
        engine.adjustBalance(++timestamp, accountId, assetId, amount);
        return done();
    }

    /** @return the events of TransferIn. */
    public Events transferIn(final long transferId, final long accountId, final int assetId, final long amount)
    {
        engine.transferIn(++timestamp, transferId, accountId, assetId, amount);
        return done();
    }

    /** @return the events of SetRiskLimits. */
    public Events riskLimits(
        final long accountId, final long maxOrderQuantity, final long maxOrderNotional, final boolean killSwitch)
    {
        engine.setRiskLimits(++timestamp, accountId, maxOrderQuantity, maxOrderNotional, killSwitch);
        return done();
    }

    /** @return the events of HaltInstrument. */
    public Events halt(final int instrumentId)
    {
        engine.haltInstrument(++timestamp, instrumentId);
        return done();
    }

    /** @return the events of ResumeInstrument. */
    public Events resume(final int instrumentId)
    {
        engine.resumeInstrument(++timestamp, instrumentId);
        return done();
    }

    /** @return the events of EndOfDay. */
    public Events endOfDay(final int instrumentId)
    {
        engine.endOfDay(++timestamp, instrumentId);
        return done();
    }

    /** @return the events of TakeSnapshot. */
    public Events takeSnapshot(final long snapshotId)
    {
        engine.takeSnapshot(++timestamp, snapshotId);
        return done();
    }

    /** @return the events of a NewOrder with every field given. */
    public Events newOrder(
        final long accountId,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention,
        final long price,
        final long quantity)
    {
        engine.newOrder(++timestamp, accountId, clientOrderId, instrumentId, side, type, timeInForce, postOnly,
            selfTradePrevention, price, quantity);
        return done();
    }

    /** @return the events of a LIMIT GTC order on the fixture's instrument, self-trade prevention NONE. */
    public Events limit(
        final long accountId, final long clientOrderId, final Side side, final long price, final long quantity)
    {
        return limit(accountId, clientOrderId, side, TimeInForce.GTC, price, quantity);
    }

    /** @return the events of a LIMIT order on the fixture's instrument, self-trade prevention NONE. */
    public Events limit(
        final long accountId,
        final long clientOrderId,
        final Side side,
        final TimeInForce timeInForce,
        final long price,
        final long quantity)
    {
        return newOrder(accountId, clientOrderId, INSTRUMENT, side, OrderType.LIMIT, timeInForce, false,
            SelfTradePrevention.NONE, price, quantity);
    }

    /** @return the events of a LIMIT GTC order with the given self-trade prevention. */
    public Events limit(
        final long accountId,
        final long clientOrderId,
        final Side side,
        final SelfTradePrevention selfTradePrevention,
        final long price,
        final long quantity)
    {
        return newOrder(accountId, clientOrderId, INSTRUMENT, side, OrderType.LIMIT, TimeInForce.GTC, false,
            selfTradePrevention, price, quantity);
    }

    /** @return the events of a post-only LIMIT GTC order. */
    public Events postOnly(
        final long accountId, final long clientOrderId, final Side side, final long price, final long quantity)
    {
        return newOrder(accountId, clientOrderId, INSTRUMENT, side, OrderType.LIMIT, TimeInForce.GTC, true,
            SelfTradePrevention.NONE, price, quantity);
    }

    /** @return the events of a MARKET order (price 0). */
    public Events market(
        final long accountId,
        final long clientOrderId,
        final Side side,
        final TimeInForce timeInForce,
        final long quantity)
    {
        return newOrder(accountId, clientOrderId, INSTRUMENT, side, OrderType.MARKET, timeInForce, false,
            SelfTradePrevention.NONE, 0, quantity);
    }

    /** @return the events of CancelOrder. */
    public Events cancel(final long accountId, final long requestId, final long orderId)
    {
        engine.cancelOrder(++timestamp, accountId, requestId, orderId);
        return done();
    }

    /** @return the events of ReplaceOrder. */
    public Events replace(
        final long accountId, final long requestId, final long orderId, final long newPrice, final long newQuantity)
    {
        engine.replaceOrder(++timestamp, accountId, requestId, orderId, newPrice, newQuantity);
        return done();
    }

    /** @return the events of CancelOrder naming the order by its client order id (order id 0). */
    public Events cancelByClientId(final long accountId, final long requestId, final long clientOrderId)
    {
        engine.cancelOrder(++timestamp, accountId, requestId, 0, clientOrderId);
        return done();
    }

    /** @return the events of ReplaceOrder naming the order by its client order id (order id 0). */
    public Events replaceByClientId(
        final long accountId, final long requestId, final long clientOrderId, final long newPrice,
        final long newQuantity)
    {
        engine.replaceOrder(++timestamp, accountId, requestId, 0, newPrice, newQuantity, clientOrderId);
        return done();
    }

    /** @return the events of MassCancel. */
    public Events massCancel(final long accountId, final int instrumentId, final long requestId)
    {
        engine.massCancel(++timestamp, accountId, instrumentId, requestId);
        return done();
    }

    /**
     * Builds a fixture.
     */
    public static final class Builder
    {
        private EngineConfig config = EngineConfig.defaults();
        private long tickSize = 1;
        private long lotSize = 1;
        private int priceScale;
        private int quantityScale;
        private long makerFeePerLot;
        private long takerFeePerLot;
        private long referencePrice = 100;
        private int priceBandBps;
        private int marketProtectionBps = 1_000;
        private int accounts = 4;
        private long baseFunding = 1_000_000;
        private long quoteFunding = 1_000_000;

        /** @return this, with the engine config. */
        public Builder config(final EngineConfig config)
        {
            this.config = config;
            return this;
        }

        /** @return this, with tick, lot and quantity scale. */
        public Builder sizes(final long tickSize, final long lotSize, final int quantityScale)
        {
            this.tickSize = tickSize;
            this.lotSize = lotSize;
            this.quantityScale = quantityScale;
            return this;
        }

        /** @return this, with fees per lot. */
        public Builder fees(final long makerFeePerLot, final long takerFeePerLot)
        {
            this.makerFeePerLot = makerFeePerLot;
            this.takerFeePerLot = takerFeePerLot;
            return this;
        }

        /** @return this, with the reference price. */
        public Builder referencePrice(final long referencePrice)
        {
            this.referencePrice = referencePrice;
            return this;
        }

        /** @return this, with the price band. */
        public Builder priceBandBps(final int priceBandBps)
        {
            this.priceBandBps = priceBandBps;
            return this;
        }

        /** @return this, with the market protection band. */
        public Builder marketProtectionBps(final int marketProtectionBps)
        {
            this.marketProtectionBps = marketProtectionBps;
            return this;
        }

        /** @return this, with accounts 1 to {@code accounts}. */
        public Builder accounts(final int accounts)
        {
            this.accounts = accounts;
            return this;
        }

        /** @return this, with each account's deposits. */
        public Builder funding(final long base, final long quote)
        {
            this.baseFunding = base;
            this.quoteFunding = quote;
            return this;
        }

        /**
         * @return the fixture, set up, with its recorder drained.
         */
        public EngineFixture build()
        {
            final EngineFixture fixture = new EngineFixture(config);
            check(fixture.addInstrument(INSTRUMENT, BASE, QUOTE, tickSize, lotSize, priceScale, quantityScale,
                makerFeePerLot, takerFeePerLot, referencePrice, priceBandBps, marketProtectionBps));
            for (long account = 1; account <= accounts; account++)
            {
                if (baseFunding != 0)
                {
                    check(fixture.adjust(account, BASE, baseFunding));
                }
                if (quoteFunding != 0)
                {
                    check(fixture.adjust(account, QUOTE, quoteFunding));
                }
            }
            return fixture;
        }

        private static void check(final Events events)
        {
            for (final EngineEvent event : events.all())
            {
                if (event instanceof EngineEvent.AdminResult result && result.result() != RejectReason.NONE)
                {
                    throw new AssertionError("fixture setup refused: " + events);
                }
            }
            if (events.all().isEmpty())
            {
                throw new AssertionError("fixture setup produced no events");
            }
        }
    }
}
