package io.disruptorx.node.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.disruptorx.core.net.TextMessages;
import io.disruptorx.core.tls.Certificates;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.client.SnapshotSessionReader;
import io.disruptorx.node.TestCertificates;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code dx node --config} in a JVM of its own with a {@code market-data} section starts the feed's services and says
 * where each is, TLS listeners in front of the two TCP servers included. Market data clients of the SoupBinTCP feed,
 * one over plain TCP and one over TLS 1.3, read the recovered book from the snapshot session (the order resting
 * before the restart), follow the live session from the sequence it names and see the trade an order sent through
 * the binary gateway makes; a WebSocket client of the JSON edge's public streams ({@code /stream}) sees it too.
 */
@Timeout(180)
class NodeFeedCommandTest
{
    private static final long WAIT_MS = 30_000;
    private static final String PASSWORD = "s3cret";
    private static final String STORE_PASSWORD = TestCertificates.STORE_PASSWORD;
    private static final int SEGMENT_SIZE = 4 * 1024 * 1024;
    private static final Pattern TCP_FEED = Pattern.compile("SoupBinTCP tcp 127\\.0\\.0\\.1:(\\d+) \\(sessions DXTEST");
    private static final Pattern NATIVE = Pattern.compile("native SBE\\) on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern METRICS = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/metrics");
    private static final Pattern JSON = Pattern.compile("REST on http://127\\.0\\.0\\.1:(\\d+)/api/v3/");

    @TempDir
    Path dir;

    @Test
    void shouldServeTheBookAndTradesOverTcpTlsAndThePublicStreams() throws Exception
    {
        final Certificates authority = TestCertificates.shared().authority();
        final Path serverStore = TestCertificates.shared().server();
        final Path data = dir.resolve("data");
        listWithARestingSell(data);
        try (NodeProcess node = NodeProcess.start(writeConfig(data, serverStore), dir.resolve("node.err")))
        {
            final List<String> lines = node.awaitLine("dx node: running", WAIT_MS);
            final String all = String.join("\n", lines);
            assertThat(all).contains("dx node: market data session DXTEST, lines A/B unicast from 127.0.0.1")
                .contains("opening image of").contains("each TCP server holds 16 connections, 4 per address")
                .containsPattern("TLS md-recovery on port \\d+").containsPattern("public streams on ws://");
            final List<String> plainTrades = new ArrayList<>();
            final List<String> tlsTrades = new ArrayList<>();
            final int plainPort = port(TCP_FEED, all);
            final int tlsPort = port(Pattern.compile("TLS md-tcp-feed on port (\\d+)"), all);
            try (SoupFeedClient plain = new SoupFeedClient(() -> new Socket("127.0.0.1", plainPort),
                recorder(plainTrades));
                SoupFeedClient tls = new SoupFeedClient(() -> tlsSocket(authority, tlsPort), recorder(tlsTrades)))
            {
                final SnapshotSessionReader plainSnapshot = plain.readSnapshot("SNAPSHOT", WAIT_MS);
                final SnapshotSessionReader tlsSnapshot = tls.readSnapshot("SNAPSHOT", WAIT_MS);
                assertThat(plainSnapshot.complete()).isTrue();
                assertThat(tlsSnapshot.complete()).isTrue();
                assertThat(plain.book().orderCount()).as("the order resting before the restart").isEqualTo(1);
                assertThat(tls.book().orderCount()).isEqualTo(1);
                plain.follow("DXTEST", plainSnapshot.nextFeedSequence(), WAIT_MS);
                tls.follow("DXTEST", tlsSnapshot.nextFeedSequence(), WAIT_MS);
                final BlockingQueue<String> streamed = new LinkedBlockingQueue<>();
                final WebSocket socket = streams(port(JSON, all), streamed);
                socket.sendText("{\"method\":\"SUBSCRIBE\",\"params\":[\"dx1@trade\"],\"id\":3}", true)
                    .get(10, TimeUnit.SECONDS);
                final String subscribed = streamed.poll(WAIT_MS, TimeUnit.MILLISECONDS);
                assertThat(subscribed).as(() -> "the answer to SUBSCRIBE; the node's threads:\n" + node.threadDump() +
                    "\nits standard error:\n" + errors()).isEqualTo("{\"result\":null,\"id\":3}");

                assertThat(buy(port(NATIVE, all))).as("dx order new's exit code").isZero();

                plain.read(() -> !plainTrades.isEmpty(), WAIT_MS);
                tls.read(() -> !tlsTrades.isEmpty(), WAIT_MS);
                assertThat(plainTrades).containsExactly("instrument 1: 2 at 10000, buyer aggressor");
                assertThat(tlsTrades).containsExactly("instrument 1: 2 at 10000, buyer aggressor");
                assertThat(plain.book().orderCount()).as("the sell's remainder still rests").isEqualTo(1);
                assertThat(plain.faults() + tls.faults()).isZero();
                final String trade = streamed.poll(WAIT_MS, TimeUnit.MILLISECONDS);
                assertThat(trade).as("a trade on dx1@trade").isNotNull()
                    .startsWith("{\"stream\":\"dx1@trade\",\"data\":{\"e\":\"trade\"")
                    .contains("\"s\":\"DX1\"").contains("\"p\":\"100.00\",\"q\":\"2\"");
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
            }
            final String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port(METRICS, all) + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).containsPattern("dx_tls_handshakes_total\\{edge=\"md-tcp-feed\"} [1-9]")
                .containsPattern("dx_feed_snapshots_served_total\\{server=\"tcp\"} [1-9]");
        }
    }

    private static MarketDataListener recorder(final List<String> trades)
    {
        return new MarketDataListener()
        {
            @Override
            public void onTrade(final long sequence, final long timestamp, final int instrumentId, final long tradeId,
                final long price, final long quantity, final int aggressorSide)
            {
                trades.add("instrument " + instrumentId + ": " + quantity + " at " + price + ", " +
                    (aggressorSide == 0 ? "buyer" : "seller") + " aggressor");
            }
        };
    }

    private static int buy(final int nativePort)
    {
        final CommandLine commandLine = Dx.commandLine();
        final StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        return commandLine.execute("order", "new", "--port", Integer.toString(nativePort), "--user", "alice",
            "--password", PASSWORD, "--account", "1", "--instrument", "1", "--side", "BUY", "--price", "100.00",
            "--quantity", "2", "--follow", "200");
    }

    private static Socket tlsSocket(final Certificates authority, final int port) throws Exception
    {
        final KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(authority.trustStore()))
        {
            trust.load(in, STORE_PASSWORD.toCharArray());
        }
        final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        final SSLSocket socket = (SSLSocket)context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setEnabledProtocols(new String[]{"TLSv1.3"});
        socket.startHandshake();
        assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        return socket;
    }

    private String errors()
    {
        try
        {
            return Files.readString(dir.resolve("node.err"));
        }
        catch (final IOException ex)
        {
            return "(unreadable: " + ex + ")";
        }
    }

    private static WebSocket streams(final int port, final BlockingQueue<String> messages) throws Exception
    {
        return TextMessages.connect(URI.create("ws://127.0.0.1:" + port + "/stream"), messages);
    }

    private static int port(final Pattern pattern, final String output)
    {
        final Matcher matcher = pattern.matcher(output);
        assertThat(matcher.find()).as("%s in%n%s", pattern, output).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private Path writeConfig(final Path data, final Path serverStore) throws Exception
    {
        final Path passwordFile = dir.resolve("store-password");
        Files.writeString(passwordFile, STORE_PASSWORD + "\n");
        final String hash = PasswordHash.create(PASSWORD, 1_000, new SecureRandom()).toString();
        final Path config = dir.resolve("node.conf");
        Files.writeString(config, String.join("\n",
            "node { data-dir = \"" + data + "\", journal.segment-size = " + SEGMENT_SIZE + ", http.port = 0 }",
            "gateways {",
            "  soupbintcp.native = \"127.0.0.1:0\"",
            "  instruments = [{ id = 1, symbol = \"DX1\", price-scale = 2, quantity-scale = 0, tick-size = 1, " +
                "lot-size = 1 }]",
            "  users = [{ name = alice, password-hash = \"" + hash + "\", accounts = [1] }]",
            "  json.listen = \"127.0.0.1:0\"",
            "}",
            "market-data {",
            "  session = DXTEST",
            "  max-connections = 16, max-connections-per-address = 4",
            "  tls { recovery = \"127.0.0.1:0\", tcp-feed = \"127.0.0.1:0\", key-store = \"" + serverStore +
                "\", key-store-password-file = \"" + passwordFile + "\" }",
            "}"));
        return config;
    }

    private static void listWithARestingSell(final Path data)
    {
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(data).withSegmentSize(SEGMENT_SIZE),
            null, null))
        {
            final NodeClient client = node.newClient(true);
            client.addInstrument(1, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
            for (long account = 1; account <= 2; account++)
            {
                client.adjustBalance(account, 0, 1_000_000_000L);
                client.adjustBalance(account, 1, 1_000_000_000L);
            }
            final long sequence = client.newOrder(2, 1, 1, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.NONE, 10_000, 5);
            await("instrument listed, accounts funded, a sell resting").atMost(Duration.ofSeconds(10))
                .until(() -> node.appliedSequence() >= sequence);
        }
    }
}
