package io.disruptorx.bench.node;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OfferedFlowTest
{
    @Test
    void shouldCancelAnEarlierNewOrderOfTheSameFlowSoTheBookStaysBounded()
    {
        final Set<Long> resting = new HashSet<>();
        int maxResting = 0;
        for (long i = 0; i < 200_000; i++)
        {
            if (OfferedFlow.isCancel(i))
            {
                final long target = OfferedFlow.cancelTarget(i);
                assertThat(OfferedFlow.isCancel(target)).as("target of %d", i).isFalse();
                resting.remove(target);
            }
            else if (!OfferedFlow.isIoc(i))
            {
                resting.add(i);
            }
            maxResting = Math.max(maxResting, resting.size());
        }
        assertThat(maxResting).isBetween(OfferedFlow.CANCEL_LAG / 2, OfferedFlow.CANCEL_LAG);
    }

    @Test
    void shouldKeepRestingOrdersOffTheSpreadAndLetOnlyIocsCross()
    {
        long lowestAsk = Long.MAX_VALUE;
        long highestBid = Long.MIN_VALUE;
        int iocs = 0;
        for (long i = 0; i < 102_400; i += 2)
        {
            final long price = OfferedFlow.price(i);
            assertThat(OfferedFlow.quantity(i)).isBetween(1L, 5L);
            if (OfferedFlow.isIoc(i))
            {
                iocs++;
                continue;
            }
            if (OfferedFlow.isBuy(i))
            {
                highestBid = Math.max(highestBid, price);
            }
            else
            {
                lowestAsk = Math.min(lowestAsk, price);
            }
        }
        assertThat(highestBid).isLessThan(lowestAsk);
        assertThat(OfferedFlow.isIoc(60) && OfferedFlow.isBuy(60)).isTrue();
        assertThat(OfferedFlow.price(60)).isGreaterThan(lowestAsk);
        assertThat(OfferedFlow.isIoc(62) && !OfferedFlow.isBuy(62)).isTrue();
        assertThat(OfferedFlow.price(62)).isLessThan(highestBid);
        assertThat(iocs).isEqualTo(102_400 / 2 / 16);
    }

    @Test
    void shouldNeverLetABuyerAndASellerShareAnAccount()
    {
        for (long i = 0; i < 10_000; i++)
        {
            final long account = OfferedFlow.account(i);
            if (OfferedFlow.isBuy(i))
            {
                assertThat(account).isBetween(1L, (long)OfferedFlow.ACCOUNTS_PER_SIDE);
            }
            else
            {
                assertThat(account).isBetween(OfferedFlow.ACCOUNTS_PER_SIDE + 1L, 2L * OfferedFlow.ACCOUNTS_PER_SIDE);
            }
        }
    }
}
