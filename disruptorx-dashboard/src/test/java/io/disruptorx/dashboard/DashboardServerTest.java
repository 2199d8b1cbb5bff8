package io.disruptorx.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.http.HttpServer;
import io.disruptorx.http.HttpServerConfig;
import io.disruptorx.http.Routes;
import io.disruptorx.marketdata.book.MarketBook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard mounted on a real HTTP server on loopback: its files, and its WebSocket seen by the JDK's client.
 */
class DashboardServerTest
{
    private final MarketView market = new MarketView();
    private final MarketBook book = new MarketBook();
    private final HttpClient client = HttpClient.newHttpClient();
    private Dashboard dashboard;
    private HttpServer server;
    private long sequence;

    @BeforeEach
    void setUp()
    {
        final Routes routes = Routes.create();
        dashboard = Dashboard.mount(routes, new MetricsRegistry(), market);
        server = HttpServer.start(HttpServerConfig.defaults("127.0.0.1", 0), routes);
        dashboard.start();
        market.connected();
        market.onBookChanged(++sequence, book.add(1, 1, 0, 100, 5));
        market.onBookChanged(++sequence, book.add(2, 2, 1, 205, 7));
    }

    @AfterEach
    void tearDown()
    {
        dashboard.close();
        server.close();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldServeThePageItsScriptsAndTheVendoredChartLibraryWithItsLicence() throws Exception
    {
        assertThat(get("/dashboard/").body()).contains("<title>DisruptorX venue</title>").contains("dashboard.js");
        final HttpResponse<String> script = get("/dashboard/dashboard.js");
        assertThat(script.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get("/dashboard/uPlot.iife.min.js").body()).startsWith("/*! https://github.com/leeoniya/uPlot " +
            "(v1.6.32) */");
        assertThat(get("/dashboard/uPlot.LICENSE.txt").body()).contains("The MIT License");
        for (final String file : List.of("book.js", "charts.js", "panels.js", "dashboard.css", "uPlot.min.css"))
        {
            assertThat(get("/dashboard/" + file).statusCode()).as(file).isEqualTo(200);
        }
        final HttpResponse<String> bare = get("/dashboard");
        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("location")).hasValue("/dashboard/");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldStreamThrottledUpdatesAndSwitchInstrumentOnRequest() throws Exception
    {
        final List<String> received = new CopyOnWriteArrayList<>();
        final WebSocket socket = client.newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + Dashboard.WEBSOCKET_PATH), collect(received))
            .get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
        assertThat(received.get(0)).contains("\"instruments\":[1,2]").contains("\"bids\":[[100,5,1]]");

        socket.sendText("{\"instrument\":2}", true).get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10))
            .until(() -> received.stream().anyMatch(m -> m.contains("\"book\":{\"i\":2,")));
        assertThat(received.stream().filter(m -> m.contains("\"book\":{\"i\":2,")).findFirst().orElseThrow())
            .contains("\"asks\":[[205,7,1]]");

        final AtomicBoolean changing = new AtomicBoolean(true);
        final Thread writer = new Thread(() ->
        {
            long orderId = 100;
            while (changing.get())
            {
                market.onBookChanged(++sequence, book.add(2, ++orderId, 1, 205, 1));
                market.onBookChanged(++sequence, book.delete(orderId));
                Thread.yield();
            }
        });
        writer.start();
        final int before = received.size();
        Thread.sleep(2_000);
        final int during = received.size() - before;
        changing.set(false);
        writer.join(5_000);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);

        assertThat(during).as("updates in 2 s while the book changes all the time: ten per second at most")
            .isBetween(5, 22);
        await().atMost(Duration.ofSeconds(5)).until(() -> dashboard.views() == 0);
        assertThat(dashboard.errors()).isZero();
    }

    private HttpResponse<String> get(final String path) throws Exception
    {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static WebSocket.Listener collect(final List<String> received)
    {
        return new WebSocket.Listener()
        {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
            {
                partial.append(data);
                if (last)
                {
                    received.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
    }
}
