package io.disruptorx.gateway.auth;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which role permits which command class: the one table of the venue's role-based access control.
 *
 * <pre>
 *   TRADER    NEW_ORDER CANCEL REPLACE MASS_CANCEL CANCEL_AFTER ORDER_STATUS     (own accounts)
 *   RISK      RISK_LIMITS KILL_SWITCH MASS_CANCEL MASS_CANCEL_ANY_ACCOUNT ORDER_STATUS
 *   OPERATOR  INSTRUMENTS HALT_RESUME SNAPSHOT BALANCES ORDER_STATUS
 *   VIEWER    ORDER_STATUS
 *   DROP_COPY (nothing: reports only)
 * </pre>
 */
public final class RolePolicy
{
    private static final Map<Role, Set<CommandClass>> PERMITTED = new EnumMap<>(Role.class);

    static
    {
        PERMITTED.put(Role.TRADER, EnumSet.of(CommandClass.NEW_ORDER, CommandClass.CANCEL, CommandClass.REPLACE,
            CommandClass.MASS_CANCEL, CommandClass.CANCEL_AFTER, CommandClass.ORDER_STATUS));
        PERMITTED.put(Role.RISK, EnumSet.of(CommandClass.RISK_LIMITS, CommandClass.KILL_SWITCH,
            CommandClass.MASS_CANCEL, CommandClass.MASS_CANCEL_ANY_ACCOUNT, CommandClass.ORDER_STATUS));
        PERMITTED.put(Role.OPERATOR, EnumSet.of(CommandClass.INSTRUMENTS, CommandClass.HALT_RESUME,
            CommandClass.SNAPSHOT, CommandClass.BALANCES, CommandClass.ORDER_STATUS));
        PERMITTED.put(Role.VIEWER, EnumSet.of(CommandClass.ORDER_STATUS));
        PERMITTED.put(Role.DROP_COPY, EnumSet.noneOf(CommandClass.class));
    }

    private RolePolicy()
    {
    }

    /**
     * @param role    a role.
     * @param command a command class.
     * @return whether the role permits it.
     */
    public static boolean permits(final Role role, final CommandClass command)
    {
        return PERMITTED.get(role).contains(command);
    }

    /**
     * @param roles roles of a user.
     * @return a bit per {@link CommandClass} ordinal that any of the roles permits.
     */
    public static long mask(final Set<Role> roles)
    {
        long mask = 0;
        for (final Role role : roles)
        {
            for (final CommandClass command : PERMITTED.get(role))
            {
                mask |= 1L << command.ordinal();
            }
        }
        return mask;
    }
}
