package io.disruptorx.gateway.json;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.disruptorx.gateway.Gateway;
import io.disruptorx.gateway.auth.ApiKeyCredential;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.support.EngineVenue;
import io.disruptorx.gateway.support.MutableNanoClock;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.http.HttpServer;
import io.disruptorx.http.HttpServerConfig;
import io.disruptorx.http.Routes;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;

/**
 * The gateway's test venue (the real engine, TestVenueSetup's users and instruments) with the JSON edge on a real
 * HTTP server on loopback, its gateway part on the gateway thread beside the binary gateway. API keys: alice and
 * slow and copy sign with HMAC-SHA256 (secret {@code <user>-secret}), bob with Ed25519 ({@link #bobKeys()}).
 */
final class JsonTestVenue implements AutoCloseable
{
    static final long ANSWER_TIMEOUT_NANOS = 5_000_000_000L;

    private final EngineVenue venue;
    private final KeyPair bobKeys;
    private final Gateway gateway;
    private final JsonGateway json;
    private final HttpServer server;
    private final AgentRunner runner;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    JsonTestVenue()
    {
        this(EngineVenue.withDefaults());
    }

    /**
     * @param venue the engine venue, set up as the test needs (command ends, events per poll) and not yet used.
     */
    JsonTestVenue(final EngineVenue venue)
    {
        this.venue = venue;
        TestVenueSetup.list(venue.engine());
        final GatewayConfig config = TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L);
        gateway = Gateway.launch(config, venue, new MutableNanoClock(), () -> EngineVenue.START_NANOS);
        json = new JsonGateway(gateway.core(), config.instruments(), new MutableNanoClock(), ANSWER_TIMEOUT_NANOS);
        try
        {
            bobKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
        final List<ApiKeyCredential> keys = new ArrayList<>();
        for (final User user : TestVenueSetup.users())
        {
            if (user.name().equals("bob"))
            {
                keys.add(new ApiKeyCredential("bob-key", user, ApiKeyCredential.SignatureAlgorithm.ED25519,
                    bobKeys.getPublic().getEncoded()));
            }
            else
            {
                keys.add(new ApiKeyCredential(user.name() + "-key", user,
                    ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256,
                    (user.name() + "-secret").getBytes(StandardCharsets.UTF_8)));
            }
        }
        final Routes routes = Routes.create();
        JsonEdge.mount(routes, json, new ApiKeyTable(keys), System::currentTimeMillis,
            JsonEdge.DEFAULT_MAX_PAYLOAD_BYTES);
        server = HttpServer.start(HttpServerConfig.defaults("127.0.0.1", 0).withMaxBodyBytes(64 * 1024), routes);
        runner = new AgentRunner(new BackoffIdleStrategy(1, 1, 1_000, 200_000), Throwable::printStackTrace, null,
            new Agent()
            {
                @Override
                public int doWork()
                {
                    int work = 0;
                    Runnable task;
                    while ((task = tasks.poll()) != null)
                    {
                        task.run();
                        work++;
                    }
                    return work + gateway.doWork() + json.doWork();
                }

                @Override
                public void onClose()
                {
                    gateway.onClose();
                }

                @Override
                public String roleName()
                {
                    return "test-json-gateway";
                }
            });
        AgentRunner.startOnThread(runner);
    }

    String baseUrl()
    {
        return "http://127.0.0.1:" + server.port();
    }

    String webSocketUrl()
    {
        return "ws://127.0.0.1:" + server.port() + JsonEdge.WEBSOCKET_PATH;
    }

    KeyPair bobKeys()
    {
        return bobKeys;
    }

    JsonGateway json()
    {
        return json;
    }

    /**
     * @return commands the engine has taken (read on the gateway thread).
     */
    long commandsTaken()
    {
        return onGatewayThread(EngineVenue::commandsTaken);
    }

    <T> T onGatewayThread(final Function<EngineVenue, T> action)
    {
        final CompletableFuture<T> done = new CompletableFuture<>();
        tasks.add(() -> done.complete(action.apply(venue)));
        try
        {
            return done.get(10, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("gateway thread task failed", ex);
        }
    }

    @Override
    public void close()
    {
        server.close();
        runner.close();
    }
}
