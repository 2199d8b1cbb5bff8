package io.disruptorx.node.venue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.disruptorx.audit.AuditRing;
import io.disruptorx.audit.AuditTrail;
import io.disruptorx.gateway.EdgeSecurity;
import io.disruptorx.gateway.audit.RingGatewayAudit;
import io.disruptorx.gateway.auth.LoginThrottle;
import io.disruptorx.gateway.auth.PasswordAuthenticator;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.auth.UserDirectory;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.config.GatewaySecurityConfig;
import io.disruptorx.gateway.core.GatewayAudit;
import org.agrona.concurrent.SystemEpochNanoClock;

/**
 * The security of a venue's gateway edge as {@code gateways.security} configures it: the hot-reloaded user file
 * (with the login throttle) or the configuration's own users, and the audit trail (its own writer thread) or
 * none. Owns the file watcher and the audit trail: close it after the gateway.
 */
final class GatewayEdge implements AutoCloseable
{
    private final GatewaySecurityConfig settings;
    private final UserDirectory users;
    private final AuditTrail trail;
    private final EdgeSecurity security;

    private GatewayEdge(
        final GatewaySecurityConfig settings, final UserDirectory users, final AuditTrail trail,
        final EdgeSecurity security)
    {
        this.settings = settings;
        this.users = users;
        this.trail = trail;
        this.security = security;
    }

    static GatewayEdge open(final GatewayConfig config, final GatewaySecurityConfig settings)
    {
        UserDirectory users = null;
        AuditTrail trail = null;
        try
        {
            final List<Long> accounts = new ArrayList<>();
            if (settings.usersFile() != null)
            {
                users = UserDirectory.watch(settings.usersFile(), message -> System.err.println("dx: " + message));
                for (final User user : users.store().users())
                {
                    for (int i = 0; i < user.accountCount(); i++)
                    {
                        accounts.add(user.account(i));
                    }
                }
            }
            trail = settings.auditDirectory() == null ? null : AuditTrail.start(settings.auditDirectory(),
                settings.auditCheckpoints());
            final GatewayAudit audit = trail == null ? GatewayAudit.NONE :
                new RingGatewayAudit(trail.ring(), new SystemEpochNanoClock());
            return new GatewayEdge(settings, users, trail, new EdgeSecurity(
                users != null ? users : new PasswordAuthenticator(config.users()),
                users != null ? new LoginThrottle(LoginThrottle.Settings.DEFAULTS) : null, audit, accounts));
        }
        catch (final IOException | RuntimeException ex)
        {
            if (users != null)
            {
                users.close();
            }
            if (trail != null)
            {
                trail.close();
            }
            if (ex instanceof IOException io)
            {
                throw new UncheckedIOException("gateways.security: " + io.getMessage(), io);
            }
            throw (RuntimeException)ex;
        }
    }

    EdgeSecurity security()
    {
        return security;
    }

    UserDirectory users()
    {
        return users;
    }

    AuditRing auditRing()
    {
        return trail == null ? null : trail.ring();
    }

    void describe(final String prefix, final PrintWriter out)
    {
        if (users != null)
        {
            out.printf(Locale.ROOT, "%susers and roles from %s (%d users; edits are picked up while running)%n",
                prefix, users.file(), users.store().users().size());
        }
        if (trail != null)
        {
            out.printf(Locale.ROOT, "%saudit log in %s (check it: ./dx audit verify %s)%n", prefix,
                settings.auditDirectory().toAbsolutePath(), settings.auditDirectory());
            if (settings.auditCheckpoints() != null)
            {
                out.printf(Locale.ROOT, "%saudit chain head checkpointed into %s (checked on every start)%n", prefix,
                    settings.auditCheckpoints().toAbsolutePath());
            }
        }
    }

    @Override
    public void close()
    {
        if (trail != null)
        {
            trail.close();
        }
        if (users != null)
        {
            users.close();
        }
    }
}
