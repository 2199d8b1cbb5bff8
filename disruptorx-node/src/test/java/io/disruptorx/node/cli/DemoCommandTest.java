package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest
{
    @TempDir
    Path dir;

    private String demo(final String... extra)
    {
        final StringWriter out = new StringWriter();
        final CommandLine commandLine = Dx.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        final String[] args = new String[extra.length + 9];
        args[0] = "demo";
        args[1] = "--duration";
        args[2] = "2";
        args[3] = "--data-dir";
        args[4] = dir.toString();
        args[5] = "--http-port";
        args[6] = "-1";
        args[7] = "--feed-port";
        args[8] = "0";
        System.arraycopy(extra, 0, args, 9, extra.length);
        assertThat(commandLine.execute(args)).isZero();
        return out.toString();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldTradePrintStatusAndSummaryAndRecoverOnTheNextRun()
    {
        final String first = demo("--instruments", "2", "--accounts", "10", "--rate", "5000");

        assertThat(first)
            .contains("recovered to journal sequence 0")
            .containsPattern("(shared|dedicated) threading \\([0-9]+ cores\\)")
            .contains("t=  1s orders/s=")
            .contains("order-to-report p50=")
            .contains("summary: ")
            .containsPattern("trades [1-9][0-9,]*")
            .contains("instrument 1  TRADING")
            .contains("instrument 2  TRADING");

        final String second = demo("--instruments", "2", "--accounts", "10", "--rate", "5000");

        assertThat(second).containsPattern("recovered to journal sequence [1-9][0-9]*, 0 commands replayed")
            .doesNotContain("PRICE_OUTSIDE_BAND").doesNotContain("INVALID_PRICE");
    }

    @Test
    void shouldRefuseTracingWithABadRatioOrWithoutTheTracingJar()
    {
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = Dx.commandLine();
        commandLine.setErr(new PrintWriter(err, true));

        assertThat(commandLine.execute("demo", "--data-dir", dir.toString(), "--trace-sample", "1.5")).isEqualTo(2);
        assertThat(err.toString()).contains("need --trace-sample 0..1");
        assertThat(commandLine.execute("demo", "--data-dir", dir.toString(), "--trace-sample", "0.01",
            "--trace-endpoint", "localhost:4318")).isEqualTo(2);
        assertThat(err.toString()).contains("node.tracing.otlp-endpoint is an http:// or https:// URL");
        // this module's tests run without disruptorx-tracing: asking for tracing stops the start, naming the jar
        assertThat(commandLine.execute("demo", "--data-dir", dir.toString(), "--trace-sample", "0.01"))
            .isEqualTo(StartupErrors.CANNOT_START);
        assertThat(err.toString()).contains("dx demo: node.tracing.sample-ratio is 0.01 but no tracing is installed")
            .contains("dx-tracing.jar");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void shouldRefuseBadArguments()
    {
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = Dx.commandLine();
        commandLine.setErr(new PrintWriter(err, true));

        assertThat(commandLine.execute("demo", "--duration", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("need --duration >= 1");
    }
}
