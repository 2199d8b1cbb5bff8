package io.disruptorx.core.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TestPortsTest
{
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void shouldHandOutNoPortTwiceAndAllBelowTheEphemeralRange() throws IOException
    {
        final Set<Integer> seen = new HashSet<>();
        int handedOut = 0;
        for (int i = 0; i < 100; i++)
        {
            seen.add(TestPorts.port());
            handedOut++;
            final int base = TestPorts.block(20);
            for (int port = base; port < base + 20; port++)
            {
                seen.add(port);
                handedOut++;
            }
        }
        assertThat(seen).as("distinct ports").hasSize(handedOut);
        assertThat(seen).allSatisfy(port -> assertThat(port).isBetween(TestPorts.lowest(), TestPorts.end() - 1));
        final Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (Files.isReadable(range))
        {
            final String line;
            try (BufferedReader reader = Files.newBufferedReader(range))
            {
                line = reader.readLine();
            }
            final int ephemeralLow = Integer.parseInt(line.trim().split("\\s+")[0]);
            assertThat(TestPorts.end()).as("not above the ephemeral range's low end %s", ephemeralLow)
                .isLessThanOrEqualTo(ephemeralLow);
        }
    }

    @Test
    void shouldHandOutBlocksOfConsecutivePortsFreeForTcpAndUdp() throws IOException
    {
        final int base = TestPorts.block(16);
        final List<AutoCloseable> bound = new ArrayList<>();
        try
        {
            for (int port = base; port < base + 16; port++)
            {
                final ServerSocket tcp = new ServerSocket();
                bound.add(tcp);
                tcp.setReuseAddress(false);
                tcp.bind(new InetSocketAddress(LOOPBACK, port));
                final DatagramChannel udp = DatagramChannel.open(StandardProtocolFamily.INET);
                bound.add(udp);
                udp.bind(new InetSocketAddress(LOOPBACK, port));
            }
        }
        finally
        {
            closeAll(bound);
        }
        assertThat(bound).hasSize(32);
    }

    @Test
    void shouldSeeAPortHeldByAListenerADatagramSocketOrAConnectionInTimeWaitAsBusy() throws IOException
    {
        final int port = TestPorts.port();
        assertThat(TestPorts.isFree(port)).isTrue();
        try (ServerSocket listener = new ServerSocket(port, 1, LOOPBACK))
        {
            assertThat(TestPorts.isFree(port)).as("a TCP listener on loopback").isFalse();
        }
        try (DatagramChannel udp = DatagramChannel.open(StandardProtocolFamily.INET))
        {
            udp.bind(new InetSocketAddress(LOOPBACK, port));
            assertThat(TestPorts.isFree(port)).as("a UDP socket on loopback").isFalse();
        }
        try (ServerSocket wildcard = new ServerSocket(port))
        {
            assertThat(TestPorts.isFree(port)).as("a TCP listener on the wildcard address").isFalse();
        }
        try (ServerSocket listener = new ServerSocket(port, 1, LOOPBACK);
            Socket client = new Socket(LOOPBACK, port))
        {
            try (Socket accepted = listener.accept())
            {
                assertThat(accepted.getLocalPort()).isEqualTo(port);
            }
            final InputStream in = client.getInputStream();
            assertThat(in.read()).as("the server closed first").isEqualTo(-1);
        }
        assertThat(TestPorts.isFree(port))
            .as("the listener is closed but the server's end of the connection lingers in TIME_WAIT").isFalse();
    }

    @Test
    void shouldTakeTheRangeBelowTheEphemeralRangeAndFallBackWhereItCannot()
    {
        assertThat(TestPorts.range("32768\t60999\n")).containsExactly(10_000, 32_768);
        assertThat(TestPorts.range("49152 65535")).containsExactly(10_000, 49_152);
        assertThat(TestPorts.range("1024 40000")).containsExactly(40_001, 65_536);
        assertThat(TestPorts.range("1024 65000")).as("no room on either side").containsExactly(10_000, 32_768);
        assertThat(TestPorts.range(null)).as("unreadable").containsExactly(10_000, 32_768);
        assertThat(TestPorts.range("garbage")).containsExactly(10_000, 32_768);
    }

    @Test
    void shouldStartJvmsOfConsecutivePidsFarApart()
    {
        final int size = 22_768;
        final List<Integer> starts = new ArrayList<>();
        for (long pid = 4_000; pid < 4_010; pid++)
        {
            final int start = TestPorts.startOffset(pid, size);
            assertThat(start).isBetween(0, size - 1);
            assertThat(start % 16).isZero();
            starts.add(start);
        }
        starts.sort(Integer::compare);
        for (int i = 0; i < starts.size(); i++)
        {
            final int gap = Math.floorMod(starts.get((i + 1) % starts.size()) - starts.get(i), size);
            assertThat(gap).as("ten consecutive pids' starts %s at least 1,000 ports apart", starts)
                .isGreaterThanOrEqualTo(1_000);
        }
    }

    @Test
    void shouldRefuseAnEmptyOrOversizedBlock()
    {
        assertThatThrownBy(() -> TestPorts.block(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestPorts.block(TestPorts.end() - TestPorts.lowest()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private static void closeAll(final List<AutoCloseable> closeables) throws IOException
    {
        for (final AutoCloseable closeable : closeables)
        {
            try
            {
                closeable.close();
            }
            catch (final Exception ex)
            {
                throw new IOException(ex);
            }
        }
    }
}
