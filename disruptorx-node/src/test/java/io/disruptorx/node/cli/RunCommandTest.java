package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class RunCommandTest
{
    private static final Path EXAMPLE = Path.of("..", "docs", "examples", "orders.txt");

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int dx(final String... args)
    {
        final CommandLine commandLine = new CommandLine(new RunCommand());
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void shouldWriteEveryEventOfTheExampleAsJsonLines() throws Exception
    {
        final Path out = dir.resolve("events.jsonl");

        assertThat(dx("--input", EXAMPLE.toString(), "--output", out.toString())).isZero();

        final List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(21).allSatisfy(line -> assertThat(line).startsWith("{\"event\":\"").endsWith("}"));
        assertThat(lines).contains(
            "{\"event\":\"Trade\",\"timestamp\":12,\"tradeId\":1,\"instrumentId\":1,\"price\":10010," +
                "\"quantity\":100,\"takerSide\":\"BUY\",\"makerOrderId\":1,\"makerAccountId\":2," +
                "\"makerRemaining\":0,\"makerFee\":100,\"takerOrderId\":3,\"takerAccountId\":1," +
                "\"takerRemaining\":20,\"takerFee\":200}",
            "{\"event\":\"OrderRejected\",\"timestamp\":15,\"clientOrderId\":2,\"accountId\":1," +
                "\"instrumentId\":1,\"reason\":\"PRICE_OUTSIDE_BAND\"}");
        assertThat(err.toString()).contains("applied 9 commands, wrote 21 events");
    }

    @Test
    void shouldProduceByteIdenticalOutputOnEveryRun() throws Exception
    {
        final Path first = dir.resolve("first.jsonl");
        final Path second = dir.resolve("second.jsonl");

        assertThat(dx("-i", EXAMPLE.toString(), "-o", first.toString())).isZero();
        assertThat(dx("-i", EXAMPLE.toString(), "-o", second.toString())).isZero();

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void shouldStopOnMalformedLineWithoutApplyingOrWritingAnything() throws Exception
    {
        final Path input = dir.resolve("bad.txt");
        Files.writeString(input, String.join("\n",
            "ADD_INSTRUMENT ts=1 instrument=1 base=1 quote=0 tick=1 lot=1 ref=100",
            "ADJUST_BALANCE ts=2 account=1 asset=0 amount=1000",
            "NEW ts=3 account=1 clientOrderId=1 instrument=1 side=BUY price=abc qty=1",
            ""));
        final Path out = dir.resolve("out.jsonl");
        Files.writeString(out, "previous contents\n");

        assertThat(dx("-i", input.toString(), "-o", out.toString())).isEqualTo(2);

        assertThat(err.toString())
            .contains("bad.txt:3: field 'price' of NEW must be a whole number, found 'abc'")
            .contains("nothing was applied");
        assertThat(Files.readString(out)).isEqualTo("previous contents\n");
        try (var files = Files.list(dir))
        {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("bad.txt", "out.jsonl");
        }
    }

    @Test
    void shouldEndWithTheRejectsCountedByReason()
    {
        assertThat(dx("-i", EXAMPLE.toString(), "-o", dir.resolve("out.jsonl").toString())).isZero();

        assertThat(err.toString()).endsWith(String.format(
            "dx run: rejected 1 new order (PRICE_OUTSIDE_BAND 1), 0 cancels or replaces, 0 admin commands%n"));
    }

    @Test
    void shouldNameOrdersByClientOrderIdSoARejectedNewShiftsNothing() throws Exception
    {
        final Path input = write("by-client-id.txt",
            "ADD_INSTRUMENT ts=1 instrument=1 base=1 quote=0 tick=1 lot=1 ref=100 band=1000",
            "ADJUST_BALANCE ts=2 account=1 asset=0 amount=1000000",
            "NEW ts=3 account=1 clientOrderId=7 instrument=1 side=BUY price=500 qty=1",
            "NEW ts=4 account=1 clientOrderId=8 instrument=1 side=BUY price=100 qty=1",
            "NEW ts=5 account=1 clientOrderId=9 instrument=1 side=BUY price=99 qty=1",
            "REPLACE ts=6 account=1 request=10 clientOrderId=9 price=98 qty=2",
            "CANCEL ts=7 account=1 request=11 clientOrderId=8");
        final Path out = dir.resolve("out.jsonl");

        assertThat(dx("-i", input.toString(), "-o", out.toString())).isZero();

        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).contains(
            "{\"event\":\"OrderRejected\",\"timestamp\":3,\"clientOrderId\":7,\"accountId\":1,\"instrumentId\":1," +
                "\"reason\":\"PRICE_OUTSIDE_BAND\"}",
            "{\"event\":\"OrderReplaced\",\"timestamp\":6,\"orderId\":2,\"requestId\":10,\"accountId\":1," +
                "\"instrumentId\":1,\"price\":98,\"quantity\":2,\"priorityKept\":false}",
            "{\"event\":\"OrderCancelled\",\"timestamp\":7,\"orderId\":1,\"clientOrderId\":8,\"requestId\":11," +
                "\"accountId\":1,\"instrumentId\":1,\"cancelledQuantity\":1,\"reason\":\"REQUESTED\"}");
    }

    @Test
    void shouldRejectANewOrderReusingTheClientOrderIdOfALiveOrder() throws Exception
    {
        final Path input = write("duplicate.txt",
            "ADD_INSTRUMENT ts=1 instrument=1 base=1 quote=0 tick=1 lot=1 ref=100",
            "ADJUST_BALANCE ts=2 account=1 asset=0 amount=1000000",
            "NEW ts=3 account=1 clientOrderId=7 instrument=1 side=BUY price=100 qty=1",
            "NEW ts=4 account=1 clientOrderId=7 instrument=1 side=BUY price=99 qty=1",
            "CANCEL ts=5 account=1 clientOrderId=8");
        final Path out = dir.resolve("out.jsonl");

        assertThat(dx("-i", input.toString(), "-o", out.toString())).isZero();

        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).contains(
            "{\"event\":\"OrderRejected\",\"timestamp\":4,\"clientOrderId\":7,\"accountId\":1,\"instrumentId\":1," +
                "\"reason\":\"DUPLICATE_CLIENT_ORDER_ID\"}",
            "{\"event\":\"CancelRejected\",\"timestamp\":5,\"orderId\":0,\"requestId\":0,\"accountId\":1," +
                "\"reason\":\"UNKNOWN_ORDER\"}");
        assertThat(err.toString()).contains("dx run: rejected 1 new order (DUPLICATE_CLIENT_ORDER_ID 1), " +
            "1 cancel or replace (UNKNOWN_ORDER 1), 0 admin commands");
    }

    @Test
    void shouldCreateTheOutputFileAsTheUmaskSays() throws Exception
    {
        final Path out = dir.resolve("events.jsonl");
        final Path reference = Files.createFile(dir.resolve("reference"));

        assertThat(dx("-i", EXAMPLE.toString(), "-o", out.toString())).isZero();

        final Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(expected);
        Files.writeString(out, "older run\n");
        assertThat(dx("-i", EXAMPLE.toString(), "-o", out.toString())).isZero();
        assertThat(Files.getPosixFilePermissions(out)).as("replacing a file").isEqualTo(expected);
    }

    @Test
    void shouldRefuseBinaryInputInOneLine() throws Exception
    {
        final Path input = dir.resolve("binary.bin");
        Files.write(input, new byte[] {'H', 'A', 'L', 'T', ' ', (byte)0xC3, (byte)0x28, (byte)0xFF, 0, 1, 2, '\n'});
        final Path out = dir.resolve("out.jsonl");

        assertThat(dx("-i", input.toString(), "-o", out.toString())).isEqualTo(2);

        assertThat(err.toString()).hasLineCount(1)
            .contains("binary.bin:1: bytes that are not UTF-8 text").contains("nothing was applied");
        assertThat(out).doesNotExist();
    }

    @Test
    void shouldRefuseControlCharactersInOneLine() throws Exception
    {
        final Path input = dir.resolve("zeros.txt");
        Files.write(input, "HALT ts=1 instrument=1\n\0\0\0\0\n".getBytes(StandardCharsets.UTF_8));

        assertThat(dx("-i", input.toString(), "-o", dir.resolve("out.jsonl").toString())).isEqualTo(2);

        assertThat(err.toString()).hasLineCount(1)
            .contains("zeros.txt:2: control character U+0000 at column 1 (is this a binary file?)");
    }

    @Test
    void shouldSkipAByteOrderMark() throws Exception
    {
        final Path input = dir.resolve("bom.txt");
        final byte[] example = Files.readAllBytes(EXAMPLE);
        final byte[] withMark = new byte[example.length + 3];
        withMark[0] = (byte)0xEF;
        withMark[1] = (byte)0xBB;
        withMark[2] = (byte)0xBF;
        System.arraycopy(example, 0, withMark, 3, example.length);
        Files.write(input, withMark);
        final Path plain = dir.resolve("plain.jsonl");
        final Path marked = dir.resolve("marked.jsonl");

        assertThat(dx("-i", EXAMPLE.toString(), "-o", plain.toString())).isZero();
        assertThat(dx("-i", input.toString(), "-o", marked.toString())).isZero();

        assertThat(Files.readAllBytes(marked)).isEqualTo(Files.readAllBytes(plain));
    }

    @Test
    void shouldRefuseAnOutputInAMissingDirectoryInOneLine()
    {
        final Path out = dir.resolve("missing").resolve("events.jsonl");

        assertThat(dx("-i", EXAMPLE.toString(), "-o", out.toString())).isEqualTo(2);

        assertThat(err.toString()).hasLineCount(1)
            .contains("--output " + out + ": no such directory: " + dir.resolve("missing"))
            .contains("nothing was applied");
    }

    @Test
    void shouldRefuseAnOutputOntoADirectoryInOneLine() throws Exception
    {
        final Path target = Files.createDirectory(dir.resolve("events"));

        assertThat(dx("-i", EXAMPLE.toString(), "-o", target.toString())).isEqualTo(2);

        assertThat(err.toString()).hasLineCount(1).contains("--output " + target + ": is a directory");
        assertThat(target).isEmptyDirectory();
    }

    private Path write(final String name, final String... lines) throws Exception
    {
        final Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void shouldReportMissingInputFile()
    {
        assertThat(dx("-i", dir.resolve("nope.txt").toString(), "-o", dir.resolve("o").toString())).isEqualTo(2);

        assertThat(err.toString()).contains("no such file");
    }
}
