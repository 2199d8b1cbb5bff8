package io.disruptorx.engine;

/**
 * The administrative commands: instruments (add, halt, resume, end of day), balances, risk limits and the kill
 * switch, and the snapshot marker. Each answers with one {@link EngineListener#onAdminResult}; the parameters are
 * those of {@link MatchingEngine}.
 */
final class EngineAdmin
{
    private final EngineState state;
    private final OrderLifecycle lifecycle;
    private final EngineListener listener;
    private final InstrumentRegistry instruments;
    private final AccountLedger accounts;

    EngineAdmin(final EngineState state, final OrderLifecycle lifecycle)
    {
        this.state = state;
        this.lifecycle = lifecycle;
        this.listener = state.listener;
        this.instruments = state.instruments;
        this.accounts = state.accounts;
    }

    void addInstrument(
        final long timestamp,
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
        final int marketProtectionBps,
        final InstrumentState initialState)
    {
        final RejectReason reason = initialState == null ? RejectReason.INVALID_INSTRUMENT : instruments.validate(
            instrumentId, baseAssetId, quoteAssetId, tickSize, lotSize, priceScale, quantityScale,
            makerFeePerLot, takerFeePerLot, referencePrice, priceBandBps, marketProtectionBps);
        if (reason != RejectReason.NONE)
        {
            listener.onAdminResult(timestamp, AdminType.ADD_INSTRUMENT, instrumentId, reason);
            return;
        }
        final Instrument instrument = new Instrument(
            instrumentId, baseAssetId, quoteAssetId, tickSize, lotSize, priceScale, quantityScale,
            makerFeePerLot, takerFeePerLot, referencePrice, priceBandBps, marketProtectionBps, state, lifecycle);
        instrument.state = initialState;
        instruments.register(instrument);
        listener.onAdminResult(timestamp, AdminType.ADD_INSTRUMENT, instrumentId, RejectReason.NONE);
        publishStatus(timestamp, instrument);
    }

    void adjustBalance(final long timestamp, final long accountId, final int assetId, final long amount)
    {
        final RejectReason reason = accounts.adjust(accountId, assetId, amount);
        listener.onAdminResult(timestamp, AdminType.ADJUST_BALANCE, accountId, reason);
    }

    void setRiskLimits(
        final long timestamp,
        final long accountId,
        final long maxOrderQuantity,
        final long maxOrderNotional,
        final boolean killSwitch)
    {
        if (!accounts.isTradingAccountId(accountId))
        {
            listener.onAdminResult(timestamp, AdminType.SET_RISK_LIMITS, accountId, RejectReason.UNKNOWN_ACCOUNT);
            return;
        }
        if (maxOrderQuantity <= 0 || maxOrderNotional <= 0)
        {
            listener.onAdminResult(timestamp, AdminType.SET_RISK_LIMITS, accountId, RejectReason.INVALID_LIMITS);
            return;
        }
        final Account account = accounts.getOrCreate(accountId);
        account.maxOrderQuantity = maxOrderQuantity;
        account.maxOrderNotional = maxOrderNotional;
        account.killSwitch = killSwitch;
        if (killSwitch)
        {
            state.commandTimestamp(timestamp);
            lifecycle.cancelEverywhere(account, false, CancelReason.KILL_SWITCH, 0);
        }
        listener.onAdminResult(timestamp, AdminType.SET_RISK_LIMITS, accountId, RejectReason.NONE);
    }

    void changeState(
        final long timestamp, final int instrumentId, final InstrumentState newState, final AdminType type)
    {
        final Instrument instrument = instruments.get(instrumentId);
        if (instrument == null)
        {
            listener.onAdminResult(timestamp, type, instrumentId, RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        instrument.state = newState;
        listener.onAdminResult(timestamp, type, instrumentId, RejectReason.NONE);
        publishStatus(timestamp, instrument);
    }

    void endOfDay(final long timestamp, final int instrumentId)
    {
        state.commandTimestamp(timestamp);
        if (instrumentId == 0)
        {
            lifecycle.cancelEverywhere(null, true, CancelReason.EXPIRED, 0);
        }
        else
        {
            final Instrument instrument = instruments.get(instrumentId);
            if (instrument == null)
            {
                listener.onAdminResult(
                    timestamp, AdminType.END_OF_DAY, instrumentId, RejectReason.UNKNOWN_INSTRUMENT);
                return;
            }
            lifecycle.cancelWhere(instrument, null, true, CancelReason.EXPIRED, 0);
        }
        listener.onAdminResult(timestamp, AdminType.END_OF_DAY, instrumentId, RejectReason.NONE);
    }

    void takeSnapshot(final long timestamp, final long snapshotId)
    {
        listener.onAdminResult(timestamp, AdminType.TAKE_SNAPSHOT, snapshotId, RejectReason.NONE);
        listener.onSnapshotRequested(timestamp, snapshotId);
    }

    private void publishStatus(final long timestamp, final Instrument instrument)
    {
        listener.onInstrumentStatus(timestamp, instrument.id, instrument.state);
        listener.onMarketStatus(state.takeFeedSequence(), timestamp, instrument.id, instrument.state);
    }
}
