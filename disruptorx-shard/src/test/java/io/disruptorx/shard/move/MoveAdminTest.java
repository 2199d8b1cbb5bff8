package io.disruptorx.shard.move;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.audit.AuditQuery;
import io.disruptorx.audit.AuditTrail;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.gateway.auth.Authenticator;
import io.disruptorx.gateway.auth.PasswordAuthenticator;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.auth.Role;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.shard.cli.ShardCommand;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import io.disruptorx.shard.support.MovingShards;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dx shard move} and {@code dx shard apply} through the move admin of a {@link MovingVenueClient} whose duty
 * cycle runs on a thread of its own, as in a gateway, over two real engines, logged in as an operator of real
 * password users: a move answers with the orders it moved and leaves them on the target, a move to the shard that
 * owns the instrument is refused, an applied table moves what it routes elsewhere, and no admin listening is exit
 * code 2. A viewer, a wrong password and a request without a login are refused with their reason and move nothing,
 * and the audit trail (a real one, read back from its files) records the logins, the refusals and the moves, never
 * the password. A forced release of the move lock needs the operator too, and of a free lock is refused, saying so.
 * {@code dx shard status --admin} prints the gateway's table, its move lock and what it moves, for any login.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MoveAdminTest
{
    private static final String OPERATOR_PASSWORD = "operator secret";
    private static final String VIEWER_PASSWORD = "viewer-secret";

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final StringWriter out = new StringWriter();

    @TempDir
    Path directory;

    @Test
    void shouldMoveRefuseAndApplyThroughTheAdmin() throws Exception
    {
        Files.writeString(directory.resolve("ops.password"), OPERATOR_PASSWORD + "\n");
        Files.writeString(directory.resolve("view.password"), VIEWER_PASSWORD + "\n");
        Files.writeString(directory.resolve("wrong.password"), "not-" + OPERATOR_PASSWORD + "\n");
        final MovingShards shards = new MovingShards(2, directory);
        for (int shard = 0; shard < 2; shard++)
        {
            for (long account = 1; account <= 2; account++)
            {
                shards.client().offerTo(shard, buffer, 0, encoder.adjustBalance(buffer, 0, 0, account, 1, 1_000_000));
                shards.client().offerTo(shard, buffer, 0, encoder.adjustBalance(buffer, 0, 0, account, 2, 1_000_000));
            }
        }
        for (int instrument = 3; instrument <= 4; instrument++)
        {
            shards.client().offer(buffer, 0, encoder.addInstrument(buffer, 0, 0, instrument, 1, 2, 1, 1, 0, 0, 0, 1,
                1_000, 0, 10_000));
        }
        shards.client().offer(buffer, 0, encoder.newOrder(buffer, 0, 0, 1, 1, 3, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, false, SelfTradePrevention.NONE, 999, 2));
        shards.client().offer(buffer, 0, encoder.newOrder(buffer, 0, 0, 2, 2, 3, Side.SELL, OrderType.LIMIT,
            TimeInForce.GTC, false, SelfTradePrevention.NONE, 1_001, 3));
        shards.pump();
        assertThat(shards.recorder().of(OrderAcceptedDecoder.TEMPLATE_ID)).hasSize(2);
        final RoutingTable before = shards.client().table();
        final int target = 1 - before.shardOf(3);

        final MovingVenueClient moving = new MovingVenueClient(shards.client(), shards.mover());
        final Thread dutyCycle = new Thread(() ->
        {
            while (!Thread.currentThread().isInterrupted())
            {
                moving.poll(shards.recorder(), 100);
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
            }
        }, "gateway-duty-cycle");
        dutyCycle.start();
        final AuditTrail audit = AuditTrail.start(directory.resolve("audit"));
        try (MoveAdminServer admin = new MoveAdminServer(0, moving, new AdminAccess(users(), audit.ring(),
            () -> System.currentTimeMillis() * 1_000_000L), 30_000))
        {
            final String address = "127.0.0.1:" + admin.port();
            assertThat(run("move", "3", "--to", "shard-" + target, "--admin", address)).isEqualTo(1);
            assertThat(out.toString()).startsWith("refused: log in first");
            assertThat(run("move", "3", "--to", "shard-" + target, "--admin", address, "--user", "view",
                "--password-file", directory.resolve("view.password").toString())).isEqualTo(1);
            assertThat(out.toString()).startsWith("refused: ROLE_NOT_PERMITTED").contains("view", "operator");
            assertThat(run("move", "3", "--to", "shard-" + target, "--admin", address, "--user", "ops",
                "--password-file", directory.resolve("wrong.password").toString())).isEqualTo(1);
            assertThat(out.toString()).startsWith("refused: login failed for ops");
            assertThat(moving.table()).as("nothing moved").isEqualTo(before);

            assertThat(operator("move", "3", "--to", "shard-" + target, "--admin", address)).isZero();
            assertThat(out.toString()).contains("moved instrument 3 shard-" + (1 - target) + " -> shard-" + target +
                ": 2 orders").contains("routing table version " + (before.version() + 1));

            assertThat(operator("move", "3", "--to", String.valueOf(target), "--admin", address)).isEqualTo(1);
            assertThat(out.toString()).startsWith("refused");

            final int otherTarget = 1 - moving.table().shardOf(4);
            final Path proposed = directory.resolve("proposed.txt");
            new RoutingTableStore(proposed).save(moving.table().withOverride(4, otherTarget));
            assertThat(operator("apply", "--table", proposed.toString(), "--admin", address)).isZero();
            assertThat(out.toString()).contains("moved instrument 4").contains("applied 1 moves");
            assertThat(moving.table().shardOf(4)).isEqualTo(otherTarget);
            assertThat(moving.table().shardOf(3)).isEqualTo(target);

            assertThat(run("status", "--admin", address)).isEqualTo(1);
            assertThat(out.toString()).isEqualTo("gateway " + address + ":\nrefused: log in first ('user NAME' and " +
                "'password SECRET' lines before the request; dx shard move --user NAME with DX_ADMIN_PASSWORD or " +
                "--password-file)\n");
            assertThat(run("status", "--admin", address, "--user", "view", "--password-file",
                directory.resolve("view.password").toString())).as("a viewer may ask").isZero();
            assertThat(out.toString()).isEqualTo("gateway " + address + ":\n" +
                "routing table version " + moving.table().version() + ", shards [shard-0, shard-1], overrides " +
                moving.table().overrides() + "\n" +
                "move lock: free\n" +
                "moving: none (this gateway holds no instrument's commands for a move)\n");

            assertThat(run("unlock", "--force", "--admin", address, "--user", "view", "--password-file",
                directory.resolve("view.password").toString())).isEqualTo(1);
            assertThat(out.toString()).startsWith("refused: ROLE_NOT_PERMITTED").contains("operator");
            assertThat(operator("unlock", "--force", "--admin", address)).isEqualTo(1);
            assertThat(out.toString()).isEqualToIgnoringNewLines("refused: the move lock is free: nothing to release");
            assertThat(operator("unlock", "--force", "--holder", "3", "--admin", address)).isEqualTo(1);
            assertThat(out.toString()).isEqualToIgnoringNewLines("refused: the move lock is free: nothing to release");
        }
        finally
        {
            dutyCycle.interrupt();
            dutyCycle.join();
            audit.close();
        }
        final List<String> records = new ArrayList<>();
        new AuditQuery(null, 0, Long.MIN_VALUE, Long.MAX_VALUE).run(directory.resolve("audit"), records::add);
        assertThat(records).noneMatch(line -> line.contains(OPERATOR_PASSWORD) || line.contains(VIEWER_PASSWORD));
        assertThat(records).filteredOn(line -> line.contains("\"protocol\":\"shard-admin\""))
            .anySatisfy(line -> assertThat(line).contains("\"event\":\"DENIAL\"", "no login sent"))
            .anySatisfy(line -> assertThat(line).contains("\"event\":\"DENIAL\"", "\"user\":\"view\"",
                "ROLE_NOT_PERMITTED", "\"instrument\":3"))
            .anySatisfy(line -> assertThat(line).contains("\"event\":\"LOGIN_FAILED\"", "\"user\":\"ops\"",
                "wrong user or password"))
            .anySatisfy(line -> assertThat(line).contains("\"event\":\"LOGIN_OK\"", "\"user\":\"ops\""))
            .anySatisfy(line -> assertThat(line).contains("\"event\":\"COMMAND\"", "\"user\":\"ops\"",
                "answered: moved instrument 3"))
            .anySatisfy(line -> assertThat(line).contains("\"event\":\"DENIAL\"", "\"user\":\"view\"",
                "\"command\":\"unlock\"", "ROLE_NOT_PERMITTED"))
            .anySatisfy(line -> assertThat(line).contains("\"event\":\"COMMAND\"", "\"user\":\"ops\"",
                "answered: refused: the move lock is free"));
        assertThat(shards.book(target, 3)).hasSize(2);
        assertThat(shards.book(1 - target, 3)).isEmpty();
        assertThat(run("move", "3", "--to", "shard-0", "--admin", "127.0.0.1:1")).isEqualTo(2);
    }

    private int operator(final String... args)
    {
        final String[] login = Arrays.copyOf(args, args.length + 4);
        login[args.length] = "--user";
        login[args.length + 1] = "ops";
        login[args.length + 2] = "--password-file";
        login[args.length + 3] = directory.resolve("ops.password").toString();
        return run(login);
    }

    private static Authenticator users()
    {
        final SecureRandom random = new SecureRandom();
        return new PasswordAuthenticator(List.of(
            new PasswordAuthenticator.Entry(new User("ops", new long[]{1}, Set.of(Role.OPERATOR), 1_000, 100, false),
                PasswordHash.create(OPERATOR_PASSWORD, 1_000, random)),
            new PasswordAuthenticator.Entry(new User("view", new long[]{1}, Set.of(Role.VIEWER), 1_000, 100, false),
                PasswordHash.create(VIEWER_PASSWORD, 1_000, random))));
    }

    private int run(final String... args)
    {
        out.getBuffer().setLength(0);
        return new CommandLine(new ShardCommand()).setOut(new PrintWriter(out, true)).execute(args);
    }
}
