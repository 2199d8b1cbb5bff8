package io.disruptorx.gateway.core;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.disruptorx.gateway.auth.CommandClass;
import io.disruptorx.gateway.auth.Role;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.support.EngineVenue;
import io.disruptorx.gateway.support.ReportText;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role against every command class the binary gateway can send, on the real engine: what a role permits
 * reaches the venue (or is answered by the gateway's own report), the rest is rejected with a reason before the
 * venue sees it, counted by command class and audited.
 */
class RoleEnforcementTest
{
    private static final int BUY = 0;
    private static final int LIMIT = 0;
    private static final int GTC = 0;
    private static final int PROTOCOL = 1;
    private static final Map<Role, Long> ACCOUNT_OF = Map.of(
        Role.TRADER, 1L, Role.RISK, 2L, Role.OPERATOR, 3L, Role.VIEWER, 4L, Role.DROP_COPY, 5L);

    private final EngineVenue venue = EngineVenue.withDefaults();
    private final List<String> audited = new ArrayList<>();
    private GatewayCore core;

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "TRADER,    NEW_ORDER,               ALLOWED",
        "TRADER,    CANCEL,                  ALLOWED",
        "TRADER,    REPLACE,                 ALLOWED",
        "TRADER,    MASS_CANCEL,             ALLOWED",
        "TRADER,    MASS_CANCEL_ANY_ACCOUNT, ROLE_NOT_PERMITTED",
        "TRADER,    CANCEL_AFTER,            ALLOWED",
        "TRADER,    ORDER_STATUS,            ALLOWED",
        "RISK,      NEW_ORDER,               ROLE_NOT_PERMITTED",
        "RISK,      CANCEL,                  ROLE_NOT_PERMITTED",
        "RISK,      REPLACE,                 ROLE_NOT_PERMITTED",
        "RISK,      MASS_CANCEL,             ALLOWED",
        "RISK,      MASS_CANCEL_ANY_ACCOUNT, ALLOWED",
        "RISK,      CANCEL_AFTER,            ROLE_NOT_PERMITTED",
        "RISK,      ORDER_STATUS,            ALLOWED",
        "OPERATOR,  NEW_ORDER,               ROLE_NOT_PERMITTED",
        "OPERATOR,  CANCEL,                  ROLE_NOT_PERMITTED",
        "OPERATOR,  REPLACE,                 ROLE_NOT_PERMITTED",
        "OPERATOR,  MASS_CANCEL,             ROLE_NOT_PERMITTED",
        "OPERATOR,  MASS_CANCEL_ANY_ACCOUNT, ROLE_NOT_PERMITTED",
        "OPERATOR,  CANCEL_AFTER,            ROLE_NOT_PERMITTED",
        "OPERATOR,  ORDER_STATUS,            ALLOWED",
        "VIEWER,    NEW_ORDER,               READ_ONLY_SESSION",
        "VIEWER,    CANCEL,                  READ_ONLY_SESSION",
        "VIEWER,    REPLACE,                 READ_ONLY_SESSION",
        "VIEWER,    MASS_CANCEL,             READ_ONLY_SESSION",
        "VIEWER,    MASS_CANCEL_ANY_ACCOUNT, READ_ONLY_SESSION",
        "VIEWER,    CANCEL_AFTER,            READ_ONLY_SESSION",
        "VIEWER,    ORDER_STATUS,            ALLOWED",
        "DROP_COPY, NEW_ORDER,               READ_ONLY_SESSION",
        "DROP_COPY, CANCEL,                  READ_ONLY_SESSION",
        "DROP_COPY, REPLACE,                 READ_ONLY_SESSION",
        "DROP_COPY, MASS_CANCEL,             READ_ONLY_SESSION",
        "DROP_COPY, MASS_CANCEL_ANY_ACCOUNT, READ_ONLY_SESSION",
        "DROP_COPY, CANCEL_AFTER,            READ_ONLY_SESSION",
        "DROP_COPY, ORDER_STATUS,            READ_ONLY_SESSION"})
    void shouldLetEachRoleSendExactlyWhatItPermits(final Role role, final CommandClass command, final String expected)
    {
        setUp();
        final Session session = login(role.name().toLowerCase(Locale.ROOT));
        final long own = ACCOUNT_OF.get(role);
        final long other = own % 5 + 1;
        final long takenBefore = venue.commandsTaken();
        final long reportsBefore = session.store().last();

        send(session, command, own, other);
        core.doWork();

        final List<String> reports = ReportText.of(session.store(), reportsBefore + 1);
        if ("ALLOWED".equals(expected))
        {
            assertThat(reports).noneMatch(r -> r.endsWith("ROLE_NOT_PERMITTED") || r.endsWith("READ_ONLY_SESSION"));
            if (command == CommandClass.CANCEL_AFTER)
            {
                assertThat(reports).containsExactly("CANCEL_AFTER req=7 timeout=60000");
            }
            else if (command == CommandClass.ORDER_STATUS)
            {
                assertThat(reports).hasSize(1).allMatch(r -> r.startsWith("STATUS req=7"));
            }
            else
            {
                assertThat(venue.commandsTaken()).as("commands the venue took").isEqualTo(takenBefore + 1);
            }
            if (command == CommandClass.CANCEL || command == CommandClass.MASS_CANCEL ||
                command == CommandClass.MASS_CANCEL_ANY_ACCOUNT)
            {
                core.doWork();
                assertThat(core.liveOrders()).as("the order is gone: " + reports).isEqualTo(4);
            }
            assertThat(core.counters().denials(command)).isZero();
            assertThat(audited).isEmpty();
        }
        else
        {
            assertThat(reports).hasSize(1);
            assertThat(reports.get(0)).endsWith(" " + expected);
            assertThat(venue.commandsTaken()).as("nothing reaches the venue").isEqualTo(takenBefore);
            assertThat(core.counters().denials(command)).isEqualTo(1);
            assertThat(core.counters().rejects(EntryRejectReason.valueOf(expected).value())).isEqualTo(1);
            assertThat(audited).containsExactly(
                "DENIED " + role.name().toLowerCase(Locale.ROOT) + " " + command + " " + expected);
        }
    }

    private void setUp()
    {
        TestVenueSetup.list(venue.engine());
        final List<User> users = new ArrayList<>();
        for (final Role role : Role.values())
        {
            users.add(new User(role.name().toLowerCase(Locale.ROOT), new long[]{ACCOUNT_OF.get(role)}, EnumSet.of(role),
                100_000, 1_000, false));
        }
        users.add(new User("seed", new long[]{1, 2, 3, 4, 5}, EnumSet.of(Role.TRADER), 100_000, 1_000, false));
        core = new GatewayCore(TestVenueSetup.settings(1024), TestVenueSetup.instruments(),
            (name, password) -> users.stream().filter(u -> u.name().equals(name)).findFirst().orElse(null),
            venue, new CachedNanoClock(), () -> 77, null, new RecordingAudit());
        final Session seed = login("seed");
        for (long account = 1; account <= 5; account++)
        {
            core.newOrder(seed, 100 + account, account, 1, BUY, LIMIT, GTC, 0, 0, 9900, -2, 2, 0, null);
        }
        core.doWork();
        assertThat(core.liveOrders()).isEqualTo(5);
    }

    private void send(final Session session, final CommandClass command, final long own, final long other)
    {
        switch (command)
        {
            case NEW_ORDER -> core.newOrder(session, 7, 0, 1, BUY, LIMIT, GTC, 0, 0, 9800, -2, 1, 0, null);
            case CANCEL -> core.cancel(session, 7, own, 0, 100 + own);
            case REPLACE -> core.replace(session, 7, own, 0, 100 + own, 9850, -2, 1, 0);
            case MASS_CANCEL -> core.massCancel(session, 7, own, 0);
            case MASS_CANCEL_ANY_ACCOUNT -> core.massCancel(session, 7, other, 0);
            case CANCEL_AFTER -> core.cancelAfter(session, 7, 60_000);
            case ORDER_STATUS -> core.orderStatus(session, 7, own, 0, 100 + own);
            default -> throw new IllegalArgumentException("the binary gateway cannot send " + command);
        }
    }

    private Session login(final String user)
    {
        final Session session = core.login(user, "any", PROTOCOL, ReportFilter.ALL, "127.0.0.1:4000");
        core.attach(session, "127.0.0.1:4000");
        return session;
    }

    private final class RecordingAudit implements GatewayAudit
    {
        @Override
        public void denied(final Session session, final CommandClass command, final long accountId, final int reason)
        {
            audited.add("DENIED " + session.user().name() + " " + command + " " +
                EntryRejectReason.get((short)reason).name());
        }
    }
}
