package io.disruptorx.bench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class DxBenchTest
{
    @Test
    void shouldListEveryBenchInItsHelp()
    {
        final StringWriter out = new StringWriter();
        final CommandLine commandLine = DxBench.commandLine();
        commandLine.setOut(new PrintWriter(out, true));

        assertThat(commandLine.execute("--help")).isZero();
        assertThat(out.toString()).contains("engine", "bus", "node", "host", "md", "gateway", "cluster", "shard");
    }

    @Test
    void shouldRefuseAnUnknownBenchWithItsName()
    {
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = DxBench.commandLine();
        commandLine.setErr(new PrintWriter(err, true));

        assertThat(commandLine.execute("warp")).isEqualTo(2);
        assertThat(err.toString()).contains("warp");
    }

    @Test
    void shouldShowUsageAndFailWithoutABench()
    {
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = DxBench.commandLine();
        commandLine.setErr(new PrintWriter(err, true));

        assertThat(commandLine.execute()).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: dx bench");
    }
}
