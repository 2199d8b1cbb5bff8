package io.disruptorx.gateway.core;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import io.disruptorx.gateway.auth.Role;
import io.disruptorx.gateway.auth.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccountStateTest
{
    private static final long ACCOUNT = 7;

    private Session first;
    private Session second;

    @BeforeEach
    void sessions()
    {
        final SessionRegistry registry = new SessionRegistry(Map.of(), 16, 16);
        first = registry.sessionFor(user("first"), 1, ReportFilter.ALL);
        second = registry.sessionFor(user("second"), 1, ReportFilter.ALL);
    }

    @Test
    void shouldSizeTheInFlightTableToTheOpenOrderLimitWithinBounds()
    {
        assertThat(AccountState.inFlightSlots(1)).isEqualTo(16);
        assertThat(AccountState.inFlightSlots(16)).isEqualTo(16);
        assertThat(AccountState.inFlightSlots(17)).isEqualTo(32);
        assertThat(AccountState.inFlightSlots(1_000)).isEqualTo(1_024);
        assertThat(AccountState.inFlightSlots(4_096)).isEqualTo(AccountState.MAX_IN_FLIGHT_SLOTS);
        assertThat(AccountState.inFlightSlots(Integer.MAX_VALUE)).isEqualTo(AccountState.MAX_IN_FLIGHT_SLOTS);
    }

    @Test
    void shouldAnswerEachOrderToItsSenderOnceInAnyOrder()
    {
        final AccountState account = new AccountState(ACCOUNT, 100);
        for (long id = 1; id <= 40; id++)
        {
            account.orderSent(id, id % 2 == 0 ? second : first);
        }
        assertThat(account.openOrders).isEqualTo(40);
        for (long id = 40; id >= 1; id -= 3)
        {
            assertThat(account.orderAnswered(id)).isEqualTo(id % 2 == 0 ? second.index() : first.index());
            assertThat(account.orderAnswered(id)).as("answered once").isEqualTo(-1);
        }
        for (long id = 1; id <= 40; id++)
        {
            if ((40 - id) % 3 != 0)
            {
                assertThat(account.orderAnswered(id)).isEqualTo(id % 2 == 0 ? second.index() : first.index());
            }
        }
        assertThat(account.orderAnswered(41)).as("never sent").isEqualTo(-1);
    }

    @Test
    void shouldKeepOrdersWhoseIdsShareASlot()
    {
        final AccountState account = new AccountState(ACCOUNT, 16);
        account.orderSent(5, first);
        account.orderSent(5 + 16, second);
        account.orderSent(5 + 32, first);
        assertThat(account.orderAnswered(5 + 16)).isEqualTo(second.index());
        assertThat(account.orderAnswered(5)).isEqualTo(first.index());
        account.orderSent(5 + 16, first);
        assertThat(account.orderAnswered(5 + 32)).isEqualTo(first.index());
        assertThat(account.orderAnswered(5 + 16)).isEqualTo(first.index());
        assertThat(account.orderAnswered(5 + 16)).isEqualTo(-1);
        assertThat(account.orderAnswered(5)).isEqualTo(-1);
    }

    @Test
    void shouldCountAnIdSentAgainWhileInFlightWhereverItLives()
    {
        final AccountState account = new AccountState(ACCOUNT, 16);
        account.orderSent(3, first);
        account.orderSent(3 + 16, first);
        account.orderSent(3, second);
        account.orderSent(3 + 16, second);
        assertThat(account.orderAnswered(3)).as("table: the latest sender owns it").isEqualTo(second.index());
        assertThat(account.orderAnswered(3)).isEqualTo(second.index());
        assertThat(account.orderAnswered(3)).isEqualTo(-1);
        account.orderSent(3 + 16, first);
        assertThat(account.orderAnswered(3 + 16)).as("map, though its slot is free again").isEqualTo(first.index());
        assertThat(account.orderAnswered(3 + 16)).isEqualTo(first.index());
        assertThat(account.orderAnswered(3 + 16)).isEqualTo(first.index());
        assertThat(account.orderAnswered(3 + 16)).isEqualTo(-1);
        assertThat(account.openOrders).isEqualTo(5);
    }

    @Test
    void shouldAnswerLikeOneMapUnderRandomSendsAndAnswers()
    {
        final Random random = new Random(42);
        final AccountState account = new AccountState(ACCOUNT, 16);
        final Map<Long, long[]> model = new HashMap<>();
        final Session[] owners = {first, second};
        for (int i = 0; i < 200_000; i++)
        {
            final long id = 1 + random.nextInt(200);
            if (random.nextInt(3) == 0)
            {
                final Session owner = owners[random.nextInt(2)];
                account.orderSent(id, owner);
                final long[] entry = model.computeIfAbsent(id, key -> new long[2]);
                entry[0]++;
                entry[1] = owner.index();
            }
            else
            {
                final long[] entry = model.get(id);
                final int expected = entry == null ? -1 : (int)entry[1];
                if (entry != null && --entry[0] == 0)
                {
                    model.remove(id);
                }
                assertThat(account.orderAnswered(id)).as("answer %d to id %d", i, id).isEqualTo(expected);
            }
        }
    }

    private static User user(final String name)
    {
        return new User(name, new long[]{ACCOUNT}, EnumSet.of(Role.TRADER), 1_000, 1_000, false);
    }
}
