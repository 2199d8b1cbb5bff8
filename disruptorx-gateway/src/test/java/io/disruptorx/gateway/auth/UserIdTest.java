package io.disruptorx.gateway.auth;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal's user id: derived from the name alone (an auditor recomputes it), positive, and distinct.
 */
class UserIdTest
{
    @Test
    void shouldDeriveTheIdFromTheFirstEightBytesOfTheNamesSha256()
    {
        // python3 -c "import hashlib; print(int.from_bytes(hashlib.sha256(b'alice').digest()[:8], 'big') & (2**63-1))"
        assertThat(User.idOf("alice")).isEqualTo(3159282601090220207L);
        assertThat(new User("alice", new long[] {1}, EnumSet.of(Role.TRADER), 10, 10, false).id())
            .isEqualTo(User.idOf("alice"));
    }

    @Test
    void shouldGiveDifferentNamesPositiveDistinctIds()
    {
        final Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++)
        {
            final long id = User.idOf("user" + i);
            assertThat(id).isPositive();
            assertThat(ids.add(id)).as("user%d", i).isTrue();
        }
    }
}
