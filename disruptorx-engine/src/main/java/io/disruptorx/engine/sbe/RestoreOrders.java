package io.disruptorx.engine.sbe;

import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.protocol.sbe.command.RestoreOrderDecoder;

/**
 * Applies a RestoreOrder of any commands schema version to {@code InstrumentMoves.restoreOrder}. Version 3 appended
 * what the moved order filled before it moved (quantity and notional), the time of the command that last changed it,
 * its post-only flag and its self-trade prevention; an older RestoreOrder (a journal or a move journal written
 * before) restores its order as it did then: nothing filled, not post-only, no self-trade prevention, updated at the
 * restore command's time. So a log replays unchanged whichever version wrote it. No allocation.
 */
final class RestoreOrders
{
    private static final short FALSE = 0;
    private static final short TRUE = 1;

    private RestoreOrders()
    {
    }

    /**
     * @param engine  the engine.
     * @param decoder a RestoreOrder, wrapped with its acting block length and version.
     * @return {@code false}, changing nothing, when its {@code postOnly} is neither 0 nor 1.
     */
    static boolean restore(final MatchingEngine engine, final RestoreOrderDecoder decoder)
    {
        final boolean carried = decoder.actingVersion() >= RestoreOrderDecoder.filledQuantitySinceVersion();
        final short postOnly = carried ? decoder.postOnlyRaw() : FALSE;
        if (postOnly != FALSE && postOnly != TRUE)
        {
            return false;
        }
        engine.moves().restoreOrder(decoder.timestamp(), decoder.transferId(), decoder.orderId(), decoder.accountId(),
            decoder.clientOrderId(), decoder.instrumentId(), Side.fromCode(decoder.sideRaw()),
            TimeInForce.fromCode(decoder.timeInForceRaw()), decoder.price(), decoder.quantity(), decoder.entryTime(),
            decoder.heldAssetId(), decoder.hold(),
            carried ? decoder.filledQuantity() : 0,
            carried ? decoder.filledNotional() : 0,
            carried ? decoder.updateTime() : decoder.timestamp(),
            postOnly == TRUE,
            carried ? SelfTradePrevention.fromCode(decoder.selfTradePreventionRaw()) : SelfTradePrevention.NONE);
        return true;
    }
}
