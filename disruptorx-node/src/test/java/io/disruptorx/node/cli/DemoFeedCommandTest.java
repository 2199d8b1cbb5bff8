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

/**
 * {@code dx demo} runs the market data feed with in-process subscribers and checks their books at the end.
 */
class DemoFeedCommandTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldShowMarketDataInTheStatusAndMatchingBooksInTheSummary()
    {
        final StringWriter out = new StringWriter();
        final CommandLine commandLine = Dx.commandLine();
        commandLine.setOut(new PrintWriter(out, true));

        final int exit = commandLine.execute("demo", "--duration", "2", "--feed-subscribers", "2",
            "--feed-loss", "2", "--data-dir", dir.resolve("demo").toString(), "--http-port", "-1", "--feed-port", "0",
            "--instruments", "2", "--accounts", "10", "--rate", "5000");
        System.out.println(out);

        assertThat(exit).isZero();
        assertThat(out.toString())
            .containsPattern("t=  1s .*\\| md msgs/s=[1-9][0-9,]* subscribers=2 synchronized=[0-2]/2 " +
                "gaps recovered=[0-9,]+ resent=[0-9,]+")
            .containsPattern("market data: [1-9][0-9,]* messages")
            .containsPattern("subscriber 1: ENDED .*book equals the engine's")
            .containsPattern("subscriber 2: ENDED .*book equals the engine's")
            .contains("books: MATCH (2 of 2 subscribers equal the engine's final book");
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldTellTheOtherLinesCopiesFromTrueDuplicatesInTheSubscriberLines()
    {
        final StringWriter out = new StringWriter();
        final CommandLine commandLine = Dx.commandLine();
        commandLine.setOut(new PrintWriter(out, true));

        final int exit = commandLine.execute("demo", "--duration", "1", "--feed-subscribers", "1",
            "--data-dir", dir.resolve("copies").toString(), "--http-port", "-1", "--feed-port", "0",
            "--instruments", "2", "--accounts", "10", "--rate", "2000");
        System.out.println(out);

        assertThat(exit).isZero();
        assertThat(out.toString())
            .containsPattern("subscriber 1: ENDED delivered=([1-9][0-9]*) .* otherLineCopies=[1-9][0-9]* " +
                "duplicates=0 resentAlreadyHeld=[0-9]+ ")
            .contains("otherLineCopies: the second copy of each message, from the other line, dropped by A/B " +
                "arbitration")
            .contains("duplicates: a line repeating a message it already carried, 0 expected");
    }

    @Test
    void shouldRefuseABadMulticastGroup()
    {
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = Dx.commandLine();
        commandLine.setErr(new PrintWriter(err, true));

        assertThat(commandLine.execute("demo", "--feed-multicast", "127.0.0.1:1,239.1.1.2:2")).isEqualTo(2);
        assertThat(err.toString()).contains("is not a multicast address");
    }
}
