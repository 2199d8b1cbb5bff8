package io.disruptorx.engine;

import io.disruptorx.engine.EngineEvent.Accepted;
import io.disruptorx.engine.EngineEvent.AdminResult;
import io.disruptorx.engine.EngineEvent.Fill;
import io.disruptorx.engine.EngineEvent.Rejected;
import io.disruptorx.engine.EngineEvent.Trade;
import io.disruptorx.engine.RecordingListener.Events;
import org.junit.jupiter.api.Test;

import static io.disruptorx.engine.EngineFixture.BASE;
import static io.disruptorx.engine.EngineFixture.FEE_ACCOUNT;
import static io.disruptorx.engine.EngineFixture.INSTRUMENT;
import static io.disruptorx.engine.EngineFixture.QUOTE;
import static io.disruptorx.engine.OrderType.LIMIT;
import static io.disruptorx.engine.RejectReason.INSUFFICIENT_BALANCE;
import static io.disruptorx.engine.RejectReason.NONE;
import static io.disruptorx.engine.Side.BUY;
import static io.disruptorx.engine.Side.SELL;
import static io.disruptorx.engine.TimeInForce.GTC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Balances, holds and fees. Available balances are measured from outside: withdrawing one unit more than the
 * expected available amount must be refused, withdrawing exactly it must succeed (and is deposited back).
 */
class MatchingEngineFundsTest
{
    @Test
    void shouldChargeMakerAndTakerFeesPerLotAndPayThemToFeeAccount()
    {
        final EngineFixture fx = EngineFixture.builder().fees(1, 2).build();
        fx.limit(1, 10, SELL, 100, 5);

        final Events events = fx.limit(2, 20, BUY, 100, 5);

        assertThat(events.executions()).containsExactly(
            new Accepted(2, 20, 2, INSTRUMENT, BUY, LIMIT, GTC, 100, 5),
            new Trade(1, INSTRUMENT, 100, 5, BUY, new Fill(1, 1, 0, 5), new Fill(2, 2, 0, 10)));
        assertAvailable(fx, 1, BASE, 1_000_000 - 5);
        assertAvailable(fx, 1, QUOTE, 1_000_000 + 500 - 5);
        assertAvailable(fx, 2, BASE, 1_000_000 + 5);
        assertAvailable(fx, 2, QUOTE, 1_000_000 - 500 - 10);
        assertAvailable(fx, FEE_ACCOUNT, QUOTE, 15);
    }

    @Test
    void shouldChargeBuyingMakerItsMakerFeeAndSellingTakerItsTakerFee()
    {
        final EngineFixture fx = EngineFixture.builder().fees(1, 3).build();
        fx.limit(1, 10, BUY, 100, 4);

        final Events events = fx.limit(2, 20, SELL, 99, 4);

        assertThat(events.executions()).containsExactly(
            new Accepted(2, 20, 2, INSTRUMENT, SELL, LIMIT, GTC, 99, 4),
            new Trade(1, INSTRUMENT, 100, 4, SELL, new Fill(1, 1, 0, 4), new Fill(2, 2, 0, 12)));
        assertAvailable(fx, 1, QUOTE, 1_000_000 - 400 - 4);
        assertAvailable(fx, 1, BASE, 1_000_000 + 4);
        assertAvailable(fx, 2, QUOTE, 1_000_000 + 400 - 12);
        assertAvailable(fx, 2, BASE, 1_000_000 - 4);
        assertAvailable(fx, FEE_ACCOUNT, QUOTE, 16);
    }

    @Test
    void shouldScaleNotionalByQuantityScaleAndChargeFeesPerLot()
    {
        // price is per 100 base units; tick 10 * lot 10 = 100 keeps notional exact
        final EngineFixture fx = EngineFixture.builder().sizes(10, 10, 2).fees(1, 3).referencePrice(5_000).build();
        fx.limit(1, 10, SELL, 5_000, 30);

        final Events events = fx.limit(2, 20, BUY, 5_000, 30);

        assertThat(events.executions()).containsExactly(
            new Accepted(2, 20, 2, INSTRUMENT, BUY, LIMIT, GTC, 5_000, 30),
            new Trade(1, INSTRUMENT, 5_000, 30, BUY, new Fill(1, 1, 0, 3), new Fill(2, 2, 0, 9)));
        assertAvailable(fx, 1, QUOTE, 1_000_000 + 1_500 - 3);
        assertAvailable(fx, 1, BASE, 1_000_000 - 30);
        assertAvailable(fx, 2, QUOTE, 1_000_000 - 1_500 - 9);
        assertAvailable(fx, 2, BASE, 1_000_000 + 30);
        assertAvailable(fx, FEE_ACCOUNT, QUOTE, 12);
    }

    @Test
    void shouldHoldNotionalPlusTakerFeeForBuy()
    {
        // 98 * 10 + 10 lots * 2 = 1000: exactly the balance
        final EngineFixture fx = EngineFixture.builder().fees(1, 2).funding(0, 1_000).build();

        assertThat(fx.limit(1, 10, BUY, 98, 10).executions())
            .containsExactly(new Accepted(1, 10, 1, INSTRUMENT, BUY, LIMIT, GTC, 98, 10));
        assertThat(fx.limit(1, 11, BUY, 1, 1).executions())
            .containsExactly(new Rejected(11, 1, INSTRUMENT, INSUFFICIENT_BALANCE));
        assertAvailable(fx, 1, QUOTE, 0);
    }

    @Test
    void shouldRejectBuyAboveAvailableQuote()
    {
        final EngineFixture fx = EngineFixture.builder().funding(0, 1_000).build();

        assertThat(fx.limit(1, 10, BUY, 101, 10).executions())
            .containsExactly(new Rejected(10, 1, INSTRUMENT, INSUFFICIENT_BALANCE));
        assertThat(fx.limit(1, 11, BUY, 100, 10).executions())
            .containsExactly(new Accepted(1, 11, 1, INSTRUMENT, BUY, LIMIT, GTC, 100, 10));
    }

    @Test
    void shouldHoldBaseForSellAndRejectSellAboveAvailableBase()
    {
        final EngineFixture fx = EngineFixture.builder().funding(10, 0).build();

        assertThat(fx.limit(1, 10, SELL, 100, 10).executions())
            .containsExactly(new Accepted(1, 10, 1, INSTRUMENT, SELL, LIMIT, GTC, 100, 10));
        assertThat(fx.limit(1, 11, SELL, 100, 1).executions())
            .containsExactly(new Rejected(11, 1, INSTRUMENT, INSUFFICIENT_BALANCE));
        assertAvailable(fx, 1, BASE, 0);
    }

    @Test
    void shouldReleaseHoldOnCancel()
    {
        final EngineFixture fx = EngineFixture.builder().funding(0, 1_000).build();
        fx.limit(1, 10, BUY, 100, 10);
        assertThat(fx.limit(1, 11, BUY, 100, 1).executions())
            .containsExactly(new Rejected(11, 1, INSTRUMENT, INSUFFICIENT_BALANCE));

        fx.cancel(1, 12, 1);

        assertAvailable(fx, 1, QUOTE, 1_000);
        assertThat(fx.limit(1, 13, BUY, 100, 10).executions())
            .containsExactly(new Accepted(2, 13, 1, INSTRUMENT, BUY, LIMIT, GTC, 100, 10));
    }

    @Test
    void shouldReleaseHoldOfImmediateRemainder()
    {
        final EngineFixture fx = EngineFixture.builder().funding(0, 1_000).build();

        fx.limit(1, 10, BUY, TimeInForce.IOC, 100, 10);

        assertAvailable(fx, 1, QUOTE, 1_000);
    }

    @Test
    void shouldReleaseHoldAtLimitAndChargeAtTradePrice()
    {
        final EngineFixture fx = EngineFixture.builder().funding(1_000, 1_000).build();
        fx.limit(2, 10, SELL, 90, 10);

        fx.limit(1, 20, BUY, 100, 10);

        assertAvailable(fx, 1, QUOTE, 100);
        assertAvailable(fx, 1, BASE, 1_010);
        assertAvailable(fx, 2, QUOTE, 1_900);
        assertAvailable(fx, 2, BASE, 990);
    }

    @Test
    void shouldReleaseHoldOfPartlyFilledRestingBuy()
    {
        final EngineFixture fx = EngineFixture.builder().fees(0, 1).funding(1_000, 2_000).build();
        fx.limit(1, 10, BUY, 100, 10);
        fx.limit(2, 20, SELL, 100, 4);

        // paid 400 (maker fee 0); 6 open still hold 600 + 6
        assertAvailable(fx, 1, QUOTE, 2_000 - 400 - 606);
        fx.cancel(1, 11, 1);
        assertAvailable(fx, 1, QUOTE, 2_000 - 400);
    }

    @Test
    void shouldRefuseWithdrawalAboveAvailableBalance()
    {
        final EngineFixture fx = EngineFixture.builder().funding(0, 1_000).build();
        fx.limit(1, 10, BUY, 100, 6);

        assertThat(fx.adjust(1, QUOTE, -401).all())
            .containsExactly(new AdminResult(AdminType.ADJUST_BALANCE, 1, INSUFFICIENT_BALANCE));
        assertThat(fx.adjust(1, QUOTE, -400).all())
            .containsExactly(new AdminResult(AdminType.ADJUST_BALANCE, 1, NONE));
        assertThat(fx.adjust(1, QUOTE, -1).all())
            .containsExactly(new AdminResult(AdminType.ADJUST_BALANCE, 1, INSUFFICIENT_BALANCE));
    }

    @Test
    void shouldCreateAccountOnFirstDeposit()
    {
        final EngineFixture fx = EngineFixture.create();
        assertThat(fx.limit(9, 10, BUY, 100, 1).executions())
            .containsExactly(new Rejected(10, 9, INSTRUMENT, RejectReason.UNKNOWN_ACCOUNT));

        assertThat(fx.adjust(9, QUOTE, 100).all())
            .containsExactly(new AdminResult(AdminType.ADJUST_BALANCE, 9, NONE));

        assertThat(fx.limit(9, 11, BUY, 100, 1).executions())
            .containsExactly(new Accepted(1, 11, 9, INSTRUMENT, BUY, LIMIT, GTC, 100, 1));
    }

    @Test
    void shouldCreateAccountOnRiskLimits()
    {
        final EngineFixture fx = EngineFixture.create();

        assertThat(fx.riskLimits(9, 100, 100_000, false).all())
            .containsExactly(new AdminResult(AdminType.SET_RISK_LIMITS, 9, NONE));

        // it exists now, but has no funds
        assertThat(fx.limit(9, 11, BUY, 100, 1).executions())
            .containsExactly(new Rejected(11, 9, INSTRUMENT, INSUFFICIENT_BALANCE));
    }

    @Test
    void shouldRejectOrderFromFeeAccount()
    {
        final EngineFixture fx = EngineFixture.create();

        assertThat(fx.limit(FEE_ACCOUNT, 10, BUY, 100, 1).executions())
            .containsExactly(new Rejected(10, FEE_ACCOUNT, INSTRUMENT, RejectReason.UNKNOWN_ACCOUNT));
    }

    @Test
    void shouldRefuseBalanceOverflow()
    {
        final EngineFixture fx = EngineFixture.create();

        assertThat(fx.adjust(1, BASE, Long.MAX_VALUE).all())
            .containsExactly(new AdminResult(AdminType.ADJUST_BALANCE, 1, RejectReason.BALANCE_OVERFLOW));
        assertAvailable(fx, 1, BASE, 1_000_000);
    }

    /**
     * BALANCE_OVERFLOW caps an asset's total over all accounts, not one balance: accounts 1 to 4 hold 4,000,000 of
     * base, so a deposit of 1 into an empty account is refused once the rest has been deposited elsewhere.
     */
    @Test
    void shouldCapAnAssetsTotalOverAllAccountsNotOneBalance()
    {
        final EngineFixture fx = EngineFixture.create();

        assertThat(fx.adjust(5, BASE, Long.MAX_VALUE - 4_000_000).all())
            .containsExactly(new AdminResult(AdminType.ADJUST_BALANCE, 5, NONE));
        assertThat(fx.adjust(6, BASE, 1).all())
            .containsExactly(new AdminResult(AdminType.ADJUST_BALANCE, 6, RejectReason.BALANCE_OVERFLOW));
        assertThat(fx.adjust(6, QUOTE, 1).all()).as("another asset has its own total")
            .containsExactly(new AdminResult(AdminType.ADJUST_BALANCE, 6, NONE));
        assertAvailable(fx, 1, BASE, 1_000_000);
    }

    /**
     * Checks an available balance exactly, from outside: one more than it cannot be withdrawn, it can.
     */
    static void assertAvailable(final EngineFixture fx, final long account, final int asset, final long expected)
    {
        assertThat(fx.adjust(account, asset, -(expected + 1)).all())
            .as("withdrawing %d of asset %d from account %d (expected available %d)",
                expected + 1, asset, account, expected)
            .containsExactly(new AdminResult(AdminType.ADJUST_BALANCE, account, INSUFFICIENT_BALANCE));
        if (expected > 0)
        {
            assertThat(fx.adjust(account, asset, -expected).all())
                .as("withdrawing %d of asset %d from account %d", expected, asset, account)
                .containsExactly(new AdminResult(AdminType.ADJUST_BALANCE, account, NONE));
            assertThat(fx.adjust(account, asset, expected).all())
                .containsExactly(new AdminResult(AdminType.ADJUST_BALANCE, account, NONE));
        }
    }
}
