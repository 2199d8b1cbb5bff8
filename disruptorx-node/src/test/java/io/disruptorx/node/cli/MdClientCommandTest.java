package io.disruptorx.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dx md-client} on first contact: a second client on the same ports, and a client with nothing to connect
 * to, each end with one clear line and exit code 1 instead of a stack trace or RECOVERING forever.
 */
class MdClientCommandTest
{
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldSayWhichLineIsInUseWhenASecondClientStartsOnTheSamePorts() throws IOException
    {
        try (DatagramChannel first = DatagramChannel.open(StandardProtocolFamily.INET))
        {
            first.bind(new InetSocketAddress(LOOPBACK, 0));
            final int port = ((InetSocketAddress)first.getLocalAddress()).getPort();
            final Run run = mdClient("--line-a", "127.0.0.1:" + port, "--line-b", "none",
                "--request", "127.0.0.1:" + freeUdpPort(), "--recovery", "127.0.0.1:" + closedTcpPort());

            assertThat(run.exit).isEqualTo(1);
            assertThat(run.out).contains("md-client: line A 127.0.0.1:" + port + " is in use")
                .contains("a second md-client?");
            assertThat(run.out + run.err).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldSayWhatItCannotReachAndExitNonZeroAfterTheTimeout() throws IOException
    {
        final int lineA = freeUdpPort();
        final int lineB = freeUdpPort();
        final int recovery = closedTcpPort();
        final long start = System.nanoTime();
        final Run run = mdClient("--line-a", "127.0.0.1:" + lineA, "--line-b", "127.0.0.1:" + lineB,
            "--request", "127.0.0.1:" + freeUdpPort(), "--recovery", "127.0.0.1:" + recovery, "--timeout", "1");
        final long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.out).contains("md-client: no feed for 1 s: nothing arrived on line A 127.0.0.1:" + lineA +
            " or line B 127.0.0.1:" + lineB).contains("snapshot server 127.0.0.1:" + recovery + ": Connection refused");
        assertThat(elapsedMillis).as("gave up after the timeout, not forever").isLessThan(15_000);
        assertThat(run.out + run.err).doesNotContain("Exception");
    }

    private static Run mdClient(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = Dx.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final String[] all = new String[args.length + 1];
        all[0] = "md-client";
        System.arraycopy(args, 0, all, 1, args.length);
        final int exit = commandLine.execute(all);
        System.out.println(out);
        return new Run(exit, out.toString(), err.toString());
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET))
        {
            channel.bind(new InetSocketAddress(LOOPBACK, 0));
            return ((InetSocketAddress)channel.getLocalAddress()).getPort();
        }
    }

    private static int closedTcpPort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK))
        {
            return socket.getLocalPort();
        }
    }

    private record Run(int exit, String out, String err)
    {
    }
}
