package io.disruptorx.gateway.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final LoginThrottle.Settings SETTINGS = new LoginThrottle.Settings(2, SECOND, 8 * SECOND, 6,
        60 * SECOND, 3);

    private final LoginThrottle throttle = new LoginThrottle(SETTINGS);

    @Test
    void shouldBackOffDoublingAfterTheFreeFailuresAndLockOutThen()
    {
        long now = 0;
        throttle.failed("alice", "10.0.0.1", now);
        throttle.failed("alice", "10.0.0.2", now);
        assertThat(throttle.check("alice", "10.0.0.3", now)).isNull();

        throttle.failed("alice", "10.0.0.3", now);
        assertThat(throttle.check("alice", "10.0.0.4", now + SECOND - 1))
            .isEqualTo(LoginThrottle.Refusal.USER_BACKOFF);
        assertThat(throttle.check("alice", "10.0.0.4", now + SECOND)).isNull();

        now += SECOND;
        throttle.failed("alice", "10.0.0.4", now);
        assertThat(throttle.check("alice", "10.0.0.5", now + 2 * SECOND - 1))
            .isEqualTo(LoginThrottle.Refusal.USER_BACKOFF);
        now += 2 * SECOND;
        throttle.failed("alice", "10.0.0.5", now);
        assertThat(throttle.check("alice", "10.0.0.6", now + 4 * SECOND - 1))
            .isEqualTo(LoginThrottle.Refusal.USER_BACKOFF);
        now += 4 * SECOND;
        throttle.failed("alice", "10.0.0.6", now);

        assertThat(throttle.check("alice", "10.0.0.7", now + 59 * SECOND))
            .isEqualTo(LoginThrottle.Refusal.USER_LOCKED);
        assertThat(throttle.check("alice", "10.0.0.7", now + 60 * SECOND)).isNull();
        assertThat(throttle.lockouts()).isEqualTo(1);
        assertThat(throttle.failures()).isEqualTo(6);
        assertThat(throttle.throttledByUser()).isEqualTo(4);
    }

    @Test
    void shouldThrottleASourceAddressThatGuessesManyNames()
    {
        for (int i = 0; i < 3; i++)
        {
            throttle.failed("user" + i, "10.0.0.9", 0);
        }
        assertThat(throttle.check("someone", "10.0.0.9", 1)).isEqualTo(LoginThrottle.Refusal.ADDRESS_BACKOFF);
        assertThat(throttle.check("someone", "10.0.0.10", 1)).isNull();
        assertThat(throttle.throttledByAddress()).isEqualTo(1);
    }

    @Test
    void shouldClearAUsersFailuresOnSuccessButNotItsAddresses()
    {
        for (int i = 0; i < 3; i++)
        {
            throttle.failed("bob", "10.0.0.1", 0);
        }
        throttle.succeeded("bob");
        assertThat(throttle.check("bob", "10.0.0.2", 1)).isNull();
        assertThat(throttle.check("bob", "10.0.0.1", 1)).isEqualTo(LoginThrottle.Refusal.ADDRESS_BACKOFF);
    }

    @Test
    void shouldRememberAtMostMaxKeysAndForgetQuietOnesFirst()
    {
        throttle.failed("a", "h1", 0);
        throttle.failed("b", "h2", 0);
        throttle.failed("c", "h3", 0);
        throttle.failed("d", "h4", 1);
        assertThat(throttle.unremembered()).isEqualTo(2);

        throttle.failed("e", "h5", 61 * SECOND);
        assertThat(throttle.unremembered()).isEqualTo(2);
    }
}
