package io.disruptorx.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;

import io.disruptorx.core.process.ChildJvm;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.node.cli.Dx;

/**
 * What the shard system tests share: {@code dx} commands in JVMs of their own and the shard gateway's config with
 * the two traders they trade as.
 */
final class ShardProcesses
{
    /** What {@code dx shard-host} prints once its shard link listens; group 1 the port. */
    static final Pattern LINK = Pattern.compile("shard link on 127\\.0\\.0\\.1:(\\d+)");
    /** What {@code dx shard-gateway} prints once its native SoupBinTCP listener listens; group 1 the port. */
    static final Pattern NATIVE =
        Pattern.compile("binary order entry \\(SoupBinTCP, native SBE\\) on 127\\.0\\.0\\.1:(\\d+)");
    /** What {@code dx shard-gateway} prints once its move admin listens; group 1 the port. */
    static final Pattern ADMIN = Pattern.compile("move admin on 127\\.0\\.0\\.1:(\\d+)");
    /** Instrument 1 alone, the gateway config's default. */
    static final String BTC_USD =
        "    { id = 1, symbol = BTC-USD, price-scale = 2, quantity-scale = 0, tick-size = 1, lot-size = 1 }\n";

    /** The operator ops's password in the users files {@link #writeUsers} writes. */
    static final String OPERATOR_PASSWORD = "operator";
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");

    private ShardProcesses()
    {
    }

    /**
     * {@code dx ARGS} ({@code dx shard-host}, {@code dx shard-gateway}) in a JVM of its own on the test class path;
     * SIGTERM stops it cleanly through the command's shutdown hook.
     */
    static ChildJvm startDx(final List<String> args, final Path stderr) throws IOException
    {
        return ChildJvm.start("dx " + args.get(0),
            ChildJvm.javaCommand(JVM_OPTIONS, ChildJvm.testClassPath(), Dx.class.getName(), args), null, stderr);
    }

    /**
     * Writes {@code DIR/gateway.conf}: a SoupBinTCP listener on an ephemeral loopback port, instrument 1 (BTC-USD),
     * and traders alice (account 1) and bob (account 3) with {@code password}.
     *
     * @param dir      where.
     * @param extra    config lines to add inside {@code gateways { }} ("" for none), each ending with a newline.
     * @param password the traders' password.
     * @return the file.
     * @throws IOException when it cannot be written.
     */
    static Path writeGatewayConfig(final Path dir, final String extra, final String password) throws IOException
    {
        return writeGatewayConfig(dir, extra, password, BTC_USD);
    }

    /**
     * Writes {@code DIR/gateway.conf} as {@link #writeGatewayConfig(Path, String, String)} does, with other
     * instruments.
     *
     * @param dir         where.
     * @param extra       config lines to add inside {@code gateways { }} ("" for none), each ending with a newline.
     * @param password    the traders' password.
     * @param instruments the entries of {@code instruments = [ ]}, one per line, each ending with a newline.
     * @return the file.
     * @throws IOException when it cannot be written.
     */
    static Path writeGatewayConfig(final Path dir, final String extra, final String password,
        final String instruments) throws IOException
    {
        final SecureRandom random = new SecureRandom();
        final Path config = dir.resolve("gateway.conf");
        Files.writeString(config, "gateways {\n" +
            extra +
            "  soupbintcp { native = \"127.0.0.1:0\" }\n" +
            "  instruments = [\n" + instruments + "  ]\n" +
            "  user-defaults { messages-per-second = 1000000, burst = 100000 }\n" +
            "  users = [\n" +
            "    { name = alice, accounts = [1], password-hash = \"" +
            PasswordHash.create(password, 1_000, random) + "\" }\n" +
            "    { name = bob, accounts = [3], password-hash = \"" +
            PasswordHash.create(password, 1_000, random) + "\" }\n" +
            "  ]\n" +
            "}\n");
        return config;
    }

    /**
     * Writes {@code DIR/users.conf} (hot reloaded by the gateway) with the traders alice (account 1) and bob (account
     * 3) with {@code password} and the operator ops (accounts 1 and 3) with {@link #OPERATOR_PASSWORD}, and
     * {@code DIR/ops.password} for {@code dx shard --password-file}.
     *
     * @param dir      where.
     * @param password the traders' password.
     * @return the {@code security} section of a gateway config that uses the file, with an audit log in
     * {@code DIR/audit}, ending with a newline.
     * @throws IOException when a file cannot be written.
     */
    static String writeUsers(final Path dir, final String password) throws IOException
    {
        final SecureRandom random = new SecureRandom();
        final Path users = dir.resolve("users.conf");
        Files.writeString(users, "users = [\n" +
            "  { name = alice, roles = [trader], accounts = [1], messages-per-second = 1000000, burst = 100000," +
            " password-hash = \"" + PasswordHash.create(password, 1_000, random) + "\" }\n" +
            "  { name = bob, roles = [trader], accounts = [3], messages-per-second = 1000000, burst = 100000," +
            " password-hash = \"" + PasswordHash.create(password, 1_000, random) + "\" }\n" +
            "  { name = ops, roles = [operator], accounts = [1, 3], password-hash = \"" +
            PasswordHash.create(OPERATOR_PASSWORD, 1_000, random) + "\" }\n" +
            "]\n");
        Files.writeString(dir.resolve("ops.password"), OPERATOR_PASSWORD + "\n");
        return "  security { users-file = \"" + users + "\", audit-directory = \"" + dir.resolve("audit") + "\" }\n";
    }
}
