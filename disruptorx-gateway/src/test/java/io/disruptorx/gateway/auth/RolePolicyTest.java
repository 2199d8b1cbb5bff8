package io.disruptorx.gateway.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RolePolicyTest
{
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "TRADER    | NEW_ORDER CANCEL REPLACE MASS_CANCEL CANCEL_AFTER ORDER_STATUS",
        "RISK      | RISK_LIMITS KILL_SWITCH MASS_CANCEL MASS_CANCEL_ANY_ACCOUNT ORDER_STATUS",
        "OPERATOR  | INSTRUMENTS HALT_RESUME SNAPSHOT BALANCES ORDER_STATUS",
        "VIEWER    | ORDER_STATUS",
        "DROP_COPY | ''"})
    void shouldPermitEachRoleExactlyItsCommandClasses(final Role role, final String permitted)
    {
        final Set<CommandClass> expected = EnumSet.noneOf(CommandClass.class);
        for (final String name : permitted.trim().split("\\s+"))
        {
            if (!name.isEmpty())
            {
                expected.add(CommandClass.valueOf(name));
            }
        }
        for (final CommandClass command : CommandClass.values())
        {
            assertThat(RolePolicy.permits(role, command)).as(role + " " + command)
                .isEqualTo(expected.contains(command));
            final User user = new User(role.name().toLowerCase(Locale.ROOT), new long[]{1}, EnumSet.of(role), 1, 1,
                false);
            assertThat(user.permits(command)).as("user with " + role + " " + command)
                .isEqualTo(expected.contains(command));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "TRADER RISK        | NEW_ORDER MASS_CANCEL_ANY_ACCOUNT KILL_SWITCH | HALT_RESUME     | false",
        "OPERATOR VIEWER    | HALT_RESUME ORDER_STATUS                      | NEW_ORDER       | false",
        "VIEWER DROP_COPY   | ORDER_STATUS                                  | MASS_CANCEL     | true",
        "DROP_COPY          | ''                                            | ORDER_STATUS    | true"})
    void shouldPermitTheUnionOfAUsersRoles(
        final String roles, final String permitted, final String denied, final boolean readOnly)
    {
        final Set<Role> set = EnumSet.noneOf(Role.class);
        for (final String role : roles.trim().split("\\s+"))
        {
            set.add(Role.valueOf(role));
        }
        final User user = new User("u", new long[]{1}, set, 1, 1, false);
        for (final String name : permitted.trim().split("\\s+"))
        {
            if (!name.isEmpty())
            {
                assertThat(user.permits(CommandClass.valueOf(name))).as(name).isTrue();
            }
        }
        assertThat(user.permits(CommandClass.valueOf(denied.trim()))).as(denied).isFalse();
        assertThat(user.readOnly()).isEqualTo(readOnly);
        assertThat(user.kind()).isEqualTo(set.contains(Role.DROP_COPY) && !set.contains(Role.TRADER) ?
            SessionKind.DROP_COPY : SessionKind.TRADING);
    }
}
