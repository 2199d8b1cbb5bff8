package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
    void shouldReportMissingInputFile()
    {
        assertThat(dx("-i", dir.resolve("nope.txt").toString(), "-o", dir.resolve("o").toString())).isEqualTo(2);

        assertThat(err.toString()).contains("no such file");
    }
}
