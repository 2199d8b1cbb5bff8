package io.disruptorx.node.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Locale;

import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.config.GatewaySecurityConfig;

/**
 * The demo gateway's user file and audit log, in the demo's data directory: {@code users.conf} (written at each
 * start for the demo's accounts; edit it while the demo runs and the gateway picks it up) and {@code audit/}, its
 * chain head checkpointed into {@code audit-checkpoints/} beside the journal and checked at every start, as
 * {@code dx node} does.
 * Users: {@code mm}, {@code taker} and {@code demo} (traders, an account each), {@code copy} (drop copy of the
 * three), {@code risk} (risk: may mass-cancel any of them) and {@code view} (viewer); every password is
 * {@value DemoGateway#PASSWORD}.
 */
final class DemoSecurity
{
    private DemoSecurity()
    {
    }

    static GatewaySecurityConfig write(final Path dataDirectory, final long firstAccount)
    {
        final Path users = dataDirectory.resolve("users.conf");
        final String hash = PasswordHash.create(DemoGateway.PASSWORD, 10_000, new SecureRandom()).toString();
        final long a = firstAccount;
        final String text = String.format(Locale.ROOT, """
            # The demo gateway's users (docs/security.md); rewritten when the demo starts. Password of all: demo.
            users = [
              { name = mm, password-hash = "%1$s", roles = [trader], accounts = [%2$d],
                messages-per-second = 1000000, burst = 100000 }
              { name = taker, password-hash = "%1$s", roles = [trader], accounts = [%3$d],
                messages-per-second = 1000000, burst = 100000 }
              { name = demo, password-hash = "%1$s", roles = [trader], accounts = [%4$d],
                messages-per-second = 1000000, burst = 100000 }
              { name = copy, password-hash = "%1$s", roles = [drop-copy], accounts = [%2$d, %3$d, %4$d] }
              { name = risk, password-hash = "%1$s", roles = [risk], accounts = [%2$d, %3$d, %4$d] }
              { name = view, password-hash = "%1$s", roles = [viewer], accounts = [%2$d, %3$d, %4$d] }
              { name = ops, password-hash = "%1$s", roles = [operator], accounts = [%2$d, %3$d, %4$d] }
            ]
            """, hash, a, a + 1, a + 2);
        try
        {
            Files.createDirectories(dataDirectory);
            final Path temporary = dataDirectory.resolve("users.conf.tmp");
            Files.writeString(temporary, text);
            Files.move(temporary, users, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("dx demo: cannot write " + users, ex);
        }
        return new GatewaySecurityConfig(users, dataDirectory.resolve("audit")).withCheckpointsIn(dataDirectory);
    }
}
