package io.disruptorx.node.http;

import java.util.EnumSet;
import java.util.Set;

import io.disruptorx.dashboard.OperatorAction;
import io.disruptorx.dashboard.OperatorUsers;
import io.disruptorx.gateway.auth.CommandClass;
import io.disruptorx.gateway.auth.LoginThrottle;
import io.disruptorx.gateway.auth.RolePolicy;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.auth.UserDirectory;

/**
 * The dashboard's users are the venue's: the user file's passwords (PBKDF2) with the login throttle, and what a
 * user may do from the page is what {@link RolePolicy} permits its roles, read from the file's current version on
 * every request. Halt and resume need HALT_RESUME (OPERATOR), a snapshot SNAPSHOT (OPERATOR), the kill switch
 * KILL_SWITCH (RISK), a mass cancel of any account MASS_CANCEL_ANY_ACCOUNT (RISK). The page gives no client
 * address, so the throttle counts failures per user name only.
 */
public final class NodeOperatorUsers implements OperatorUsers
{
    private static final String ADDRESS = "dashboard";

    private final UserDirectory directory;
    private final LoginThrottle throttle = new LoginThrottle(LoginThrottle.Settings.DEFAULTS);

    /**
     * @param directory the venue's users.
     */
    public NodeOperatorUsers(final UserDirectory directory)
    {
        this.directory = directory;
    }

    @Override
    public Set<OperatorAction> signIn(final String user, final String password, final String source)
    {
        final String address = ADDRESS + ":" + user;
        synchronized (throttle)
        {
            if (throttle.check(user, address, System.nanoTime()) != null)
            {
                return null;
            }
        }
        final User found = directory.authenticate(user, password);
        synchronized (throttle)
        {
            if (found == null)
            {
                throttle.failed(user, address, System.nanoTime());
                return null;
            }
            throttle.succeeded(user);
        }
        return permitted(found);
    }

    @Override
    public Set<OperatorAction> permitted(final String user)
    {
        final User found = directory.store().user(user);
        return found == null ? EnumSet.noneOf(OperatorAction.class) : permitted(found);
    }

    static CommandClass commandClass(final OperatorAction action)
    {
        return switch (action)
        {
            case HALT, RESUME -> CommandClass.HALT_RESUME;
            case SNAPSHOT -> CommandClass.SNAPSHOT;
            case KILL_SWITCH, RELEASE_KILL_SWITCH -> CommandClass.KILL_SWITCH;
            case MASS_CANCEL -> CommandClass.MASS_CANCEL_ANY_ACCOUNT;
        };
    }

    private static Set<OperatorAction> permitted(final User user)
    {
        final Set<OperatorAction> actions = EnumSet.noneOf(OperatorAction.class);
        for (final OperatorAction action : OperatorAction.values())
        {
            if (user.permits(commandClass(action)))
            {
                actions.add(action);
            }
        }
        return actions;
    }
}
