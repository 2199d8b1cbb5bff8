package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest
{
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldTradeAndPrintStatusAndSummary()
    {
        final StringWriter out = new StringWriter();
        final CommandLine commandLine = new CommandLine(new DemoCommand());
        commandLine.setOut(new PrintWriter(out, true));

        final int exit = commandLine.execute("--duration", "2", "--instruments", "2", "--accounts", "10");

        assertThat(exit).isZero();
        assertThat(out.toString())
            .contains("t=  1s commands/s=")
            .contains("summary: ")
            .contains("instrument 1  bid ")
            .contains("instrument 2  bid ")
            .containsPattern("trades [1-9][0-9,]*");
    }

    @Test
    void shouldRefuseBadArguments()
    {
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = new CommandLine(new DemoCommand());
        commandLine.setErr(new PrintWriter(err, true));

        assertThat(commandLine.execute("--duration", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("need --duration >= 1");
    }
}
