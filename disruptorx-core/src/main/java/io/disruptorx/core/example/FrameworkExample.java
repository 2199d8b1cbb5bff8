package io.disruptorx.core.example;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.lmax.disruptor.EventHandler;
import io.disruptorx.core.bus.EventBus;
import io.disruptorx.core.bus.KeyedTranslator;
import io.disruptorx.core.bus.Topic;
import io.disruptorx.core.bus.TopicConfig;
import io.disruptorx.core.config.ConfigLoader;
import io.disruptorx.core.config.CoreConfig;
import io.disruptorx.core.hash.ConsistentHashRing;
import io.disruptorx.core.id.SnowflakeIdGenerator;
import io.disruptorx.core.metrics.BusinessMetrics;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.metrics.PrometheusCollector;
import io.disruptorx.core.workflow.RetryPolicy;
import io.disruptorx.core.workflow.Workflow;

/**
 * The framework on its own, end to end: configuration, a partitioned topic, a workflow with parallel steps and a
 * barrier, snowflake ids, shard routing on a consistent-hash ring, business metrics and a Prometheus scrape.
 * Run with {@code java -cp ... io.disruptorx.core.example.FrameworkExample}; {@code docs/framework.md} walks
 * through it.
 */
public final class FrameworkExample
{
    /** A preallocated ring slot: an order request. */
    public static final class Order
    {
        long id;
        long instrumentId;
        long quantity;
        long price;
        boolean valid;
        long notional;

        void clear()
        {
            id = 0;
            instrumentId = 0;
            quantity = 0;
            price = 0;
            valid = false;
            notional = 0;
        }
    }

    /** What the publisher hands to the translator: reused, never allocated per order. */
    static final class OrderRequest
    {
        long id;
        long quantity;
        long price;
    }

    /** Stateless translator: a static singleton, no capturing lambda on the hot path. */
    private static final KeyedTranslator<Order, OrderRequest> FROM_REQUEST =
        (order, sequence, instrumentId, request) ->
        {
            order.clear();
            order.id = request.id;
            order.instrumentId = instrumentId;
            order.quantity = request.quantity;
            order.price = request.price;
        };

    /**
     * What the example did.
     *
     * @param published     orders published.
     * @param accepted      orders that passed risk.
     * @param shardOfFirst  shard owning instrument 1.
     * @param scrape        Prometheus text exposition.
     * @param ringSize      ring size read from the configuration.
     */
    public record Outcome(long published, long accepted, String shardOfFirst, String scrape, int ringSize)
    {
    }

    private FrameworkExample()
    {
    }

    /**
     * Runs the example.
     *
     * @param orders how many orders to publish.
     * @return what happened.
     * @throws Exception on I/O or interruption.
     */
    public static Outcome run(final int orders) throws Exception
    {
        final CoreConfig config = loadConfig();

        final MetricsRegistry metrics = new MetricsRegistry();
        final BusinessMetrics business = new BusinessMetrics(metrics, 16);
        business.registerInstrument(1, "BTC-USD");
        business.registerInstrument(2, "ETH-USD");

        final AtomicLong accepted = new AtomicLong();
        final Workflow<Order> workflow = Workflow.<Order>named("order-processing")
            .step("validate", (order, sequence) -> order.valid = order.quantity > 0 && order.price > 0)
            .step("enrich", (order, sequence) -> order.notional = order.quantity * order.price)
            .step("risk", (order, sequence) ->
            {
                if (order.valid && order.notional < 1_000_000_000L)
                {
                    accepted.incrementAndGet();
                    business.onTrade(order.instrumentId, order.quantity, order.price);
                }
            })
            .dependsOn("validate", "enrich")
            .budget(config.stepBudget())
            .retry(RetryPolicy.exponential(2, Duration.ofMillis(1), Duration.ofMillis(10)))
            .metrics(metrics)
            .build();

        final EventBus bus = new EventBus(metrics, (topic, partition, subscriber, sequence, error) ->
            System.err.println("handler failed on " + topic + "/" + partition + " " + subscriber + ": " + error));
        final Topic<Order> topic = bus.createTopic(TopicConfig.builder("orders", Order::new)
            .partitions(config.bus().partitions())
            .ringSize(config.bus().ringSize())
            .waitStrategy(config.bus().waitStrategy())
            .voidMarker(Order::clear)
            .build());
        topic.attach("order-processing", workflow);
        final AtomicLong audited = new AtomicLong();
        topic.subscribe("audit", partition -> (EventHandler<Order>) (order, sequence, endOfBatch) ->
            audited.incrementAndGet());
        bus.start();

        final SnowflakeIdGenerator ids = SnowflakeIdGenerator.forNode(config.nodeId());
        final OrderRequest request = new OrderRequest();
        for (int i = 0; i < orders; i++)
        {
            request.id = ids.nextId();
            request.quantity = 1 + (i % 10);
            request.price = 100 + i;
            topic.publishByKey(1 + (i % 2), FROM_REQUEST, request);
        }
        if (!bus.close(Duration.ofSeconds(10)))
        {
            throw new IllegalStateException("bus did not drain");
        }

        final ConsistentHashRing shards = new ConsistentHashRing();
        shards.add("shard-a");
        shards.add("shard-b");
        shards.add("shard-c");

        final String scrape = new PrometheusCollector(metrics).scrapeText();
        return new Outcome(audited.get(), accepted.get(), shards.nodeFor(1L), scrape, config.bus().ringSize());
    }

    private static CoreConfig loadConfig() throws IOException
    {
        final Path file = Files.createTempFile("dx-example", ".conf");
        try
        {
            Files.writeString(file, String.join("\n",
                "bus { ring-size = 1024, partitions = 2, wait-strategy = blocking }",
                "workflow.step-budget = 5ms",
                "ids.node-id = 1",
                ""));
            return new ConfigLoader(Map.of("DX_BUS_RING__SIZE", "2048"), ConfigLoader.DEFAULT_ENV_PREFIX)
                .load(file, CoreConfig.BINDER);
        }
        finally
        {
            Files.deleteIfExists(file);
        }
    }

    /**
     * @param args ignored.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Outcome outcome = run(10_000);
        System.out.println(outcome.scrape());
        System.out.println("published=" + outcome.published() + " accepted=" + outcome.accepted()
            + " ringSize=" + outcome.ringSize() + " instrument 1 -> " + outcome.shardOfFirst());
    }
}
