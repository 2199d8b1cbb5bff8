package io.disruptorx.gateway;

import java.util.List;

import io.disruptorx.gateway.auth.Authenticator;
import io.disruptorx.gateway.auth.LoginThrottle;
import io.disruptorx.gateway.core.GatewayAudit;

/**
 * How a gateway's edge decides who gets in and what it records: the authenticator (e.g. a hot-reloaded
 * {@code UserDirectory}), the login throttle and the audit trail.
 *
 * @param authenticator   who may log in; the user's roles decide what its sessions may send.
 * @param loginThrottle   backoff and lockout of failed logins, or {@code null} for none.
 * @param audit           the audit trail ({@link GatewayAudit#NONE} for none).
 * @param trackedAccounts accounts whose events the gateway follows from the start (the users' accounts).
 */
public record EdgeSecurity(
    Authenticator authenticator, LoginThrottle loginThrottle, GatewayAudit audit, List<Long> trackedAccounts)
{
    /**
     * Validates.
     */
    public EdgeSecurity
    {
        if (authenticator == null || audit == null || trackedAccounts == null)
        {
            throw new IllegalArgumentException("edge security needs an authenticator, an audit and tracked accounts");
        }
        trackedAccounts = List.copyOf(trackedAccounts);
    }
}
