package io.disruptorx.engine;

/**
 * The engine's instruments: by id for lookups, in creation order for everything that walks them (snapshots, mass
 * cancels, end of day, queries), and the rules a new definition must meet.
 */
final class InstrumentRegistry
{
    private static final int MAX_SCALE = 18;

    private final Instrument[] byId;
    private final int maxAssets;
    private final InsertionOrder<Instrument> inOrder = new InsertionOrder<>();

    /**
     * @param maxInstruments ids are 1 to {@code maxInstruments - 1}.
     * @param maxAssets      asset ids are 0 to {@code maxAssets - 1}.
     */
    InstrumentRegistry(final int maxInstruments, final int maxAssets)
    {
        this.byId = new Instrument[maxInstruments];
        this.maxAssets = maxAssets;
    }

    /**
     * @param instrumentId any id.
     * @return the instrument, or {@code null} when there is none with that id.
     */
    Instrument get(final int instrumentId)
    {
        return instrumentId > 0 && instrumentId < byId.length ? byId[instrumentId] : null;
    }

    /**
     * @return one more than the highest instrument id there can be.
     */
    int idLimit()
    {
        return byId.length;
    }

    /**
     * @return instruments added so far.
     */
    int count()
    {
        return inOrder.count();
    }

    /**
     * @param index 0 to {@link #count()} - 1.
     * @return the instrument added in that place.
     */
    Instrument inOrder(final int index)
    {
        return inOrder.get(index);
    }

    /**
     * @param instrument a validated instrument whose id is free.
     */
    void register(final Instrument instrument)
    {
        byId[instrument.id] = instrument;
        inOrder.add(instrument);
    }

    /**
     * @return {@link RejectReason#NONE} when an instrument with this definition may be added; see
     * {@link MatchingEngine#addInstrument} for the parameters.
     */
    RejectReason validate(
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
        if (instrumentId <= 0 || instrumentId >= byId.length)
        {
            return RejectReason.INVALID_INSTRUMENT;
        }
        if (byId[instrumentId] != null)
        {
            return RejectReason.DUPLICATE_INSTRUMENT;
        }
        if (!isAsset(baseAssetId) || !isAsset(quoteAssetId))
        {
            return RejectReason.INVALID_ASSET;
        }
        if (baseAssetId == quoteAssetId || tickSize <= 0 || lotSize <= 0 ||
            priceScale < 0 || priceScale > MAX_SCALE || quantityScale < 0 || quantityScale > MAX_SCALE ||
            makerFeePerLot < 0 || takerFeePerLot < makerFeePerLot ||
            priceBandBps < 0 || priceBandBps > Instrument.BPS ||
            marketProtectionBps < 1 || marketProtectionBps > Instrument.BPS ||
            referencePrice <= 0 || referencePrice % tickSize != 0)
        {
            return RejectReason.INVALID_INSTRUMENT;
        }
        final long tickLot = Arithmetic.multiply(tickSize, lotSize);
        if (tickLot < 0 || tickLot % Arithmetic.powerOfTen(quantityScale) != 0)
        {
            return RejectReason.INVALID_INSTRUMENT;
        }
        return RejectReason.NONE;
    }

    private boolean isAsset(final int assetId)
    {
        return assetId >= 0 && assetId < maxAssets;
    }
}
