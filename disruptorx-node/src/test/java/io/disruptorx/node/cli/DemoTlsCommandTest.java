package io.disruptorx.node.cli;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code dx demo} makes throwaway certificates on its first run (and says where), serves TLS listeners beside the
 * plain binary gateway and market data TCP servers, and reuses the certificates on the next run: a JDK
 * {@code SSLSocket} trusting the demo's authority logs in to the gateway and to the TCP feed over TLS 1.3. The
 * gateway's TLS listeners run on the gateway thread itself, as {@code dx node}'s do (not through a terminator); the
 * feed's are terminators relaying to the plain servers.
 */
class DemoTlsCommandTest
{
    private static final Pattern EDGE = Pattern.compile("TLS (\\S+) on port (\\d+) \\(([^;]+);");

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void shouldServeTlsBesideThePlainEdgesWithThrowawayCertificates() throws Exception
    {
        final StringWriter out = new StringWriter();
        final CompletableFuture<Integer> demo = CompletableFuture.supplyAsync(() -> run(out, "6"));
        await().atMost(Duration.ofSeconds(60)).until(() -> out.toString().contains("TLS md-tcp-feed on port"));
        final Path certs = dir.resolve("certs");
        assertThat(out.toString()).contains("TLS certificates (throwaway, made on the first run) in " +
            certs.toAbsolutePath());
        final SSLContext context = trusting(certs);

        assertThat(loginOverTls(context, port(out.toString(), "binary-native"), "demo", "demo"))
            .as("the gateway's answer to demo's login over TLS").isEqualTo('A');
        assertThat(loginOverTls(context, port(out.toString(), "md-tcp-feed"), "", ""))
            .as("the TCP feed's answer over TLS").isEqualTo('A');
        assertThat(port(out.toString(), "binary-poe")).isPositive();
        assertThat(port(out.toString(), "md-recovery")).isPositive();
        assertThat(path(out.toString(), "binary-native")).isEqualTo("on the gateway thread");
        assertThat(path(out.toString(), "binary-poe")).isEqualTo("on the gateway thread");
        assertThat(path(out.toString(), "md-tcp-feed")).startsWith("relayed to plain port ");
        assertThat(demo.get(60, TimeUnit.SECONDS)).isZero();

        final FileTime made = Files.getLastModifiedTime(certs.resolve("server.p12"));
        final StringWriter again = new StringWriter();
        assertThat(run(again, "1")).isZero();
        assertThat(again.toString()).contains("TLS binary-native on port");
        assertThat(Files.getLastModifiedTime(certs.resolve("server.p12"))).as("reused on the next run")
            .isEqualTo(made);
    }

    private int run(final StringWriter out, final String seconds)
    {
        final CommandLine commandLine = Dx.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        return commandLine.execute("demo", "--duration", seconds, "--data-dir", dir.toString(), "--http-port", "-1",
            "--feed-port", "0", "--feed-subscribers", "0", "--gateway-port", "0", "--instruments", "2", "--accounts",
            "10", "--rate", "2000");
    }

    private static int port(final String out, final String edge)
    {
        return Integer.parseInt(edge(out, edge).group(2));
    }

    private static String path(final String out, final String edge)
    {
        return edge(out, edge).group(3);
    }

    private static Matcher edge(final String out, final String edge)
    {
        final Matcher matcher = EDGE.matcher(out);
        while (matcher.find())
        {
            if (matcher.group(1).equals(edge))
            {
                return matcher;
            }
        }
        throw new AssertionError("no TLS " + edge + " in " + out);
    }

    private static SSLContext trusting(final Path certs) throws Exception
    {
        final char[] password = Files.readAllLines(certs.resolve("password")).get(0).toCharArray();
        final KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certs.resolve("trust.p12")))
        {
            trust.load(in, password);
        }
        final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static char loginOverTls(final SSLContext context, final int port, final String user,
        final String password) throws Exception
    {
        try (SSLSocket socket = (SSLSocket)context.getSocketFactory().createSocket("127.0.0.1", port))
        {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[]{"TLSv1.3"});
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            final byte[] login = String.format("%-6s%-10s%10s%20d", user, password, "", 0)
                .getBytes(StandardCharsets.US_ASCII);
            final OutputStream output = socket.getOutputStream();
            output.write(new byte[]{0, (byte)(login.length + 1), 'L'});
            output.write(login);
            output.flush();
            final DataInputStream input = new DataInputStream(socket.getInputStream());
            input.readUnsignedShort();
            return (char)input.readByte();
        }
    }
}
