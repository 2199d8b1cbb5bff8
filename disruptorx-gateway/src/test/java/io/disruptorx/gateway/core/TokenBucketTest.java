package io.disruptorx.gateway.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenBucketTest
{
    private static final long MILLI = 1_000_000L;

    @Test
    void shouldAllowTheBurstAtOnceThenTheRate()
    {
        final TokenBucket bucket = new TokenBucket(100, 5);
        final long start = 1_000 * MILLI;
        int allowed = 0;
        for (int i = 0; i < 10; i++)
        {
            allowed += bucket.tryTake(start) ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(5);
        assertThat(bucket.tryTake(start + 9 * MILLI)).isFalse();
        assertThat(bucket.tryTake(start + 10 * MILLI)).isTrue();
        assertThat(bucket.tryTake(start + 10 * MILLI)).isFalse();
    }

    @Test
    void shouldRefillToTheBurstOnlyAfterQuiet()
    {
        final TokenBucket bucket = new TokenBucket(1_000, 3);
        long now = 0;
        for (int i = 0; i < 3; i++)
        {
            assertThat(bucket.tryTake(now)).isTrue();
        }
        now += 1_000 * MILLI;
        int allowed = 0;
        for (int i = 0; i < 10; i++)
        {
            allowed += bucket.tryTake(now) ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(3);
    }

    @Test
    void shouldSustainTheRateOverASecond()
    {
        final TokenBucket bucket = new TokenBucket(1_000, 1);
        int allowed = 0;
        for (long now = 0; now < 1_000 * MILLI; now += 100_000)
        {
            allowed += bucket.tryTake(now) ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(1_000);
    }

    @Test
    void shouldRefuseNonsenseSettings()
    {
        assertThatThrownBy(() -> new TokenBucket(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
