package io.disruptorx.node.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.journal.JournalConfig;
import io.disruptorx.journal.JournalWriter;
import io.disruptorx.protocol.sbe.command.CancelOrderDecoder;
import io.disruptorx.protocol.sbe.command.MassCancelDecoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.NewOrderDecoder;
import io.disruptorx.protocol.sbe.command.NewOrderEncoder;
import io.disruptorx.protocol.sbe.command.ReplaceOrderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A journal written before commands carried their sender (schema version 1: shorter order commands, no
 * {@code userId}) replays to the same events, byte for byte, as the same commands written today with user ids; and
 * {@code dx replay --commands} shows who sent each order (nobody, for the old journal).
 */
@Timeout(60)
class ReplayJournalVersionsTest
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int ACCOUNTS = 4;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 20_261_205})
    void shouldReplayAVersionOneJournalToTheSameEventsAsTheSameCommandsWithUserIds(final long seed) throws Exception
    {
        final List<byte[]> commands = commands(seed);
        final Path old = write(dir.resolve("v1"), commands, true);
        final Path current = write(dir.resolve("v2"), commands, false);

        final String oldEvents = stdout("--journal", old.toString(), "--events");
        final String currentEvents = stdout("--journal", current.toString(), "--events");

        assertThat(oldEvents).as("seed %d", seed).contains("\"event\":\"Trade\"")
            .contains("\"event\":\"OrderReplaced\"").contains("\"event\":\"OrderCancelled\"");
        assertThat(currentEvents.getBytes(StandardCharsets.UTF_8)).as("seed %d: events of the v2 journal", seed)
            .isEqualTo(oldEvents.getBytes(StandardCharsets.UTF_8));

        final Path users = users();
        final List<String> oldCommands = stdout("--journal", old.toString(), "--commands", "--users",
            users.toString()).lines().filter(line -> line.contains("\"type\":")).toList();
        final List<String> currentCommands = stdout("--journal", current.toString(), "--commands", "--users",
            users.toString()).lines().filter(line -> line.contains("\"type\":")).toList();
        assertThat(oldCommands).hasSize(currentCommands.size()).hasSizeGreaterThan(100)
            .allMatch(line -> line.contains("\"version\":1,") && line.contains("\"userId\":0") &&
                !line.contains("\"user\":"));
        for (final String line : currentCommands)
        {
            final String account = line.replaceAll(".*\"accountId\":(\\d+).*", "$1");
            assertThat(line).as("seed %d: commands written today carry today's schema version", seed)
                .contains("\"version\":" + NewOrderEncoder.SCHEMA_VERSION + ",")
                .contains("\"userId\":" + User.idOf("user" + account) + ",\"user\":\"user" + account + "\"");
        }
    }

    private static List<byte[]> commands(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final SbeCommandEncoder encoder = new SbeCommandEncoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SbeCommandEncoder.MAX_LENGTH]);
        final List<byte[]> commands = new ArrayList<>();
        long time = 1;
        commands.add(bytes(buffer, encoder.addInstrument(buffer, 0, time++, 1, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0,
            1_000)));
        for (long account = 1; account <= ACCOUNTS; account++)
        {
            commands.add(bytes(buffer, encoder.adjustBalance(buffer, 0, time++, account, 0, 1_000_000_000_000L)));
            commands.add(bytes(buffer, encoder.adjustBalance(buffer, 0, time++, account, 1, 1_000_000_000L)));
        }
        final List<List<Long>> entered = new ArrayList<>();
        for (int account = 0; account <= ACCOUNTS; account++)
        {
            entered.add(new ArrayList<>());
        }
        for (int i = 1; i <= 400; i++)
        {
            final long account = 1 + random.nextInt(ACCOUNTS);
            final List<Long> own = entered.get((int)account);
            final int kind = own.isEmpty() ? 0 : random.nextInt(10);
            final int length;
            if (kind < 6)
            {
                own.add((long)i);
                length = encoder.newOrder(buffer, 0, time++, account, i, 1, random.nextBoolean() ? Side.BUY :
                    Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST,
                    9_980 + random.nextInt(41), 1 + random.nextInt(50));
            }
            else if (kind < 8)
            {
                length = encoder.cancelOrder(buffer, 0, time++, account, i, 0, own.get(random.nextInt(own.size())));
            }
            else if (kind < 9)
            {
                length = encoder.replaceOrder(buffer, 0, time++, account, i, 0, 9_980 + random.nextInt(41),
                    1 + random.nextInt(50), own.get(random.nextInt(own.size())));
            }
            else
            {
                length = encoder.massCancel(buffer, 0, time++, account, random.nextInt(2), i);
            }
            putUserId(buffer, User.idOf("user" + account));
            commands.add(bytes(buffer, length));
        }
        return commands;
    }

    /**
     * Writes the commands as they are (version 2) or as a version 1 build wrote them: order commands end before
     * {@code userId} and the header says version 1 (the other commands did not change).
     */
    private static Path write(final Path directory, final List<byte[]> commands, final boolean versionOne)
    {
        final JournalConfig config = JournalConfig.durable(directory).withSegmentSize(1 << 20);
        try (JournalWriter journal = JournalWriter.open(config, (s, b, o, l) ->
        {
        }))
        {
            long sequence = 0;
            for (final byte[] command : commands)
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(command.clone());
                int length = command.length;
                final int userIdOffset = userIdOffset(buffer.getShort(2) & 0xFFFF);
                if (versionOne)
                {
                    buffer.putShort(6, (short)1);
                    if (userIdOffset >= 0)
                    {
                        buffer.putShort(0, (short)userIdOffset);
                        length = HEADER + userIdOffset;
                    }
                }
                journal.append(++sequence, buffer, 0, length);
            }
            journal.endOfBatch();
        }
        return directory;
    }

    private static void putUserId(final UnsafeBuffer buffer, final long userId)
    {
        buffer.putLong(HEADER + userIdOffset(buffer.getShort(2) & 0xFFFF), userId);
    }

    private static int userIdOffset(final int templateId)
    {
        return switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID -> NewOrderDecoder.userIdEncodingOffset();
            case CancelOrderDecoder.TEMPLATE_ID -> CancelOrderDecoder.userIdEncodingOffset();
            case ReplaceOrderDecoder.TEMPLATE_ID -> ReplaceOrderDecoder.userIdEncodingOffset();
            case MassCancelDecoder.TEMPLATE_ID -> MassCancelDecoder.userIdEncodingOffset();
            default -> -1;
        };
    }

    private static byte[] bytes(final UnsafeBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private Path users() throws Exception
    {
        final String hash = PasswordHash.create("pw", 1_000, new SecureRandom()).toString();
        final StringBuilder file = new StringBuilder("users = [\n");
        for (int account = 1; account <= ACCOUNTS; account++)
        {
            file.append("  { name = user").append(account).append(", password-hash = \"").append(hash)
                .append("\", roles = [trader], accounts = [").append(account).append("] }\n");
        }
        final Path users = dir.resolve("users.conf");
        Files.writeString(users, file.append("]\n"));
        return users;
    }

    private static String stdout(final String... args)
    {
        final PrintStream original = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final StringWriter err = new StringWriter();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            final CommandLine commandLine = Dx.commandLine();
            commandLine.setErr(new PrintWriter(err, true));
            final String[] all = new String[args.length + 1];
            all[0] = "replay";
            System.arraycopy(args, 0, all, 1, args.length);
            assertThat(commandLine.execute(all)).as("dx replay: %s", err).isZero();
        }
        finally
        {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
