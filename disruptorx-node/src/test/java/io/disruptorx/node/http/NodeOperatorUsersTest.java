package io.disruptorx.node.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import io.disruptorx.dashboard.OperatorAction;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.auth.UserDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's users over a real user file: each role's actions come from the venue's role policy, a wrong
 * password is refused, repeated failures throttle the user name, and a changed file applies to the next request.
 */
class NodeOperatorUsersTest
{
    private final List<String> errors = new ArrayList<>();
    @TempDir
    Path dir;

    @Test
    void shouldGiveEachRoleTheActionsTheRolePolicyPermits() throws Exception
    {
        final String hash = PasswordHash.create("pw", 1_000, new SecureRandom()).toString();
        final Path file = dir.resolve("users.conf");
        write(file, hash, "viewer");
        try (UserDirectory directory = UserDirectory.load(file, errors::add))
        {
            final NodeOperatorUsers users = new NodeOperatorUsers(directory);
            assertThat(users.signIn("ops", "pw", "")).containsExactlyInAnyOrder(
                OperatorAction.HALT, OperatorAction.RESUME, OperatorAction.SNAPSHOT);
            assertThat(users.signIn("risk", "pw", "")).containsExactlyInAnyOrder(OperatorAction.KILL_SWITCH,
                OperatorAction.RELEASE_KILL_SWITCH, OperatorAction.MASS_CANCEL);
            assertThat(users.signIn("both", "pw", "")).isEqualTo(EnumSet.allOf(OperatorAction.class));
            assertThat(users.signIn("trader", "pw", "")).isEmpty();
            assertThat(users.signIn("watch", "pw", "")).isEmpty();
            assertThat(users.signIn("ops", "wrong", "")).isNull();
            assertThat(users.signIn("nobody", "pw", "")).isNull();
            assertThat(users.permitted("nobody")).isEmpty();

            write(file, hash, "operator");
            assertThat(directory.reload()).isTrue();
            assertThat(users.permitted("watch")).containsExactlyInAnyOrder(
                OperatorAction.HALT, OperatorAction.RESUME, OperatorAction.SNAPSHOT);
        }
    }

    @Test
    void shouldThrottleAUserNameAfterRepeatedFailures() throws Exception
    {
        final String hash = PasswordHash.create("pw", 1_000, new SecureRandom()).toString();
        final Path file = dir.resolve("users.conf");
        write(file, hash, "viewer");
        try (UserDirectory directory = UserDirectory.load(file, errors::add))
        {
            final NodeOperatorUsers users = new NodeOperatorUsers(directory);
            for (int i = 0; i < 4; i++)
            {
                assertThat(users.signIn("ops", "guess" + i, "")).isNull();
            }
            assertThat(users.signIn("ops", "pw", "")).as("the right password while the name waits").isNull();
            assertThat(users.signIn("risk", "pw", "")).as("another user is not held up").isNotNull();
        }
    }

    private static void write(final Path file, final String hash, final String watchRole) throws Exception
    {
        Files.writeString(file, "users = [\n" +
            "  { name = ops, password-hash = \"" + hash + "\", roles = [operator], accounts = [1] }\n" +
            "  { name = risk, password-hash = \"" + hash + "\", roles = [risk], accounts = [1] }\n" +
            "  { name = both, password-hash = \"" + hash + "\", roles = [operator, risk], accounts = [1] }\n" +
            "  { name = trader, password-hash = \"" + hash + "\", roles = [trader], accounts = [1] }\n" +
            "  { name = watch, password-hash = \"" + hash + "\", roles = [" + watchRole + "], accounts = [1] }\n" +
            "]\n");
    }
}
