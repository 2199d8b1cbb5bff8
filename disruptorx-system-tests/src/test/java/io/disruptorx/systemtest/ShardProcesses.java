package io.disruptorx.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.disruptorx.core.process.ChildJvm;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.node.cli.Dx;

/**
 * What the shard system tests share: {@code dx} commands in JVMs of their own (shard hosts and the shard gateway)
 * and the shard gateway's config with the two traders they trade as.
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
    /** How long a process may take to print the line a test waits for. */
    static final long LINE_WAIT_MS = 60_000;
    /** Instrument 1 alone, the gateway config's default. */
    static final String BTC_USD = instrument(1, "BTC-USD");
    /**
     * The gateway config's JSON edge (for {@code extra}) on an ephemeral loopback port: API keys ak for alice (secret
     * as) and bk for bob (secret bs), and the assets' names (USD 0 in cents, BTC 1 in whole units).
     */
    static final String JSON_EDGE = "  json {\n" +
        "    listen = \"127.0.0.1:0\"\n" +
        "    api-keys = [\n" +
        "      { key = ak, user = alice, algorithm = hmac-sha256, secret = as }\n" +
        "      { key = bk, user = bob, algorithm = hmac-sha256, secret = bs }\n" +
        "    ]\n" +
        "    assets = [ { id = 0, name = USD, scale = 2 }, { id = 1, name = BTC, scale = 0 } ]\n" +
        "  }\n";

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
     * {@code dx shard-host --data-dir DATA ARGS}, its standard error in {@code DIR/NAME.err}.
     */
    static ChildJvm startShardHost(final Path dir, final String name, final Path data, final String... args)
        throws IOException
    {
        final List<String> command = new ArrayList<>(List.of("shard-host", "--data-dir", data.toString()));
        command.addAll(List.of(args));
        return startDx(command, dir.resolve(name + ".err"));
    }

    /**
     * {@code dx shard-gateway --config CONFIG --shard LINK... --table DIR/routes.txt --admin-port 0 ARGS}, its move
     * admin on an ephemeral port, its standard error in {@code DIR/gateway.err}.
     */
    static ChildJvm startGateway(final Path dir, final Path config, final List<String> links, final String... args)
        throws IOException
    {
        final List<String> command = new ArrayList<>(List.of("shard-gateway", "--config", config.toString()));
        links.forEach(link -> command.addAll(List.of("--shard", link)));
        command.addAll(List.of("--table", dir.resolve("routes.txt").toString(), "--admin-port", "0"));
        command.addAll(List.of(args));
        return startDx(command, dir.resolve("gateway.err"));
    }

    /**
     * @return the host's link address, once it listens.
     */
    static String link(final ChildJvm host) throws InterruptedException
    {
        return "127.0.0.1:" + host.awaitMatch(LINK, LINE_WAIT_MS).group(1);
    }

    /**
     * @return the port in the first new line of the process that matches {@code pattern} ({@link #ADMIN}, ...).
     */
    static int awaitPort(final ChildJvm process, final Pattern pattern) throws InterruptedException
    {
        return Integer.parseInt(process.awaitMatch(pattern, LINE_WAIT_MS).group(1));
    }

    /**
     * Writes {@code DIR/gateway.conf} with the users file of {@link #writeUsers}: the two traders with
     * {@code password}, the operator ops the move admin needs, and an audit log.
     */
    static Path writeOperatedGatewayConfig(final Path dir, final String password) throws IOException
    {
        return writeGatewayConfig(dir, writeUsers(dir, password), password);
    }

    /**
     * @return an entry of the gateway config's {@code instruments = [ ]}: instrument ID as SYMBOL, priced in cents,
     * whole lots.
     */
    static String instrument(final int id, final String symbol)
    {
        return "    { id = " + id + ", symbol = " + symbol +
            ", price-scale = 2, quantity-scale = 0, tick-size = 1, lot-size = 1 }\n";
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
