package io.disruptorx.gateway.core;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.gateway.auth.LoginThrottle;
import io.disruptorx.gateway.support.EngineVenue;
import io.disruptorx.gateway.support.TestVenueSetup;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottlingTest
{
    private static final long SECOND = 1_000_000_000L;

    private final CachedNanoClock clock = new CachedNanoClock();
    private final List<String> audited = new ArrayList<>();
    private final GatewayCore core = new GatewayCore(TestVenueSetup.settings(1024), TestVenueSetup.instruments(),
        TestVenueSetup.authenticator(), EngineVenue.withDefaults(), clock, () -> 77,
        new LoginThrottle(new LoginThrottle.Settings(1, SECOND, 4 * SECOND, 4, 60 * SECOND, 100)),
        new GatewayAudit()
        {
            @Override
            public void loginSucceeded(final Session session, final String source)
            {
                audited.add("LOGIN_OK " + session.user().name() + " " + source);
            }

            @Override
            public void loginFailed(final String username, final int protocol, final String source,
                final String reason)
            {
                audited.add("LOGIN_FAILED " + username + " " + source + " " + reason);
            }
        });

    @Test
    void shouldRefuseEvenTheRightPasswordWhileTheUserBacksOffAndCountAndAuditIt()
    {
        clock.update(10 * SECOND);
        assertThat(login("alice", "guess1")).isNull();
        assertThat(login("alice", "guess2")).isNull();
        assertThat(core.lastLoginFailure()).isEqualTo(GatewayCore.LoginFailure.NOT_AUTHORIZED);

        assertThat(login("alice", TestVenueSetup.PASSWORD)).as("within the backoff").isNull();
        assertThat(core.lastLoginFailure()).isEqualTo(GatewayCore.LoginFailure.THROTTLED);
        assertThat(core.counters().protocolErrors(ProtocolError.LOGIN_THROTTLED)).isEqualTo(1);
        assertThat(core.counters().protocolErrors(ProtocolError.LOGIN_REFUSED)).isEqualTo(2);

        clock.update(11 * SECOND);
        final Session session = login("alice", TestVenueSetup.PASSWORD);
        assertThat(session).isNotNull();
        core.attach(session, "10.1.1.1:5000");

        assertThat(audited).containsExactly(
            "LOGIN_FAILED alice 10.1.1.1:5000 NOT_AUTHORIZED",
            "LOGIN_FAILED alice 10.1.1.1:5000 NOT_AUTHORIZED",
            "LOGIN_FAILED alice 10.1.1.1:5000 THROTTLED",
            "LOGIN_OK alice 10.1.1.1:5000");
        assertThat(String.join("\n", audited)).doesNotContain("guess").doesNotContain(TestVenueSetup.PASSWORD);
    }

    @Test
    void shouldRefuseAnAddressThatGuessesManyUsersButNotOthers()
    {
        clock.update(10 * SECOND);
        assertThat(login("alice", "x")).isNull();
        assertThat(login("bob", "y")).isNull();
        assertThat(core.login("carol", TestVenueSetup.PASSWORD, 1, ReportFilter.ALL, "10.1.1.1:6000")).isNull();
        assertThat(core.lastLoginFailure()).isEqualTo(GatewayCore.LoginFailure.THROTTLED);
        assertThat(core.login("carol", TestVenueSetup.PASSWORD, 1, ReportFilter.ALL, "10.2.2.2:6000")).isNotNull();
    }

    private Session login(final String user, final String password)
    {
        return core.login(user, password, 1, ReportFilter.ALL, "10.1.1.1:5000");
    }
}
