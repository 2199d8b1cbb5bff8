package io.disruptorx.engine;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MatchingEngineVisitTest
{
    @Test
    void shouldVisitInstrumentsLevelsBestFirstAndBalancesInCreationOrder()
    {
        final List<String> seen = new ArrayList<>();
        final MatchingEngine engine = new MatchingEngine(EngineConfig.defaults(), new RecordingListener());
        engine.addInstrument(1, 7, 1, 0, 1, 1, 2, 0, 0, 0, 100, 0, 1000);
        engine.adjustBalance(2, 5, 0, 10_000);
        engine.adjustBalance(3, 4, 1, 50);
        engine.newOrder(4, 5, 1, 7, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 98, 2);
        engine.newOrder(5, 5, 2, 7, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 99, 3);
        engine.newOrder(6, 5, 3, 7, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 99, 1);
        engine.newOrder(7, 4, 4, 7, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 105, 5);

        engine.visit(new EngineStateVisitor()
        {
            @Override
            public void onInstrument(
                final int instrumentId, final InstrumentState state, final long referencePrice, final int priceScale,
                final int quantityScale)
            {
                seen.add("instrument " + instrumentId + " " + state + " ref " + referencePrice);
            }

            @Override
            public void onLevel(
                final int instrumentId, final Side side, final long price, final long quantity, final int orders)
            {
                seen.add(side + " " + price + " x " + quantity + " (" + orders + ")");
            }

            @Override
            public void onBalance(final long accountId, final int assetId, final long balance, final long held)
            {
                seen.add("account " + accountId + " asset " + assetId + " " + balance + "/" + held);
            }
        });

        assertThat(seen).containsExactly(
            "instrument 7 TRADING ref 100",
            "BUY 99 x 4 (2)",
            "BUY 98 x 2 (1)",
            "SELL 105 x 5 (1)",
            "account 5 asset 0 10000/592",
            "account 4 asset 1 50/5");
    }
}
