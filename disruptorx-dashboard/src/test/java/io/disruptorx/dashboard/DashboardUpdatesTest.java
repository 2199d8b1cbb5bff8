package io.disruptorx.dashboard;

import java.util.concurrent.atomic.AtomicLong;

import io.disruptorx.core.metrics.LatencyRecorder;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.metrics.RegistryReader;
import io.disruptorx.marketdata.FeedState;
import io.disruptorx.marketdata.book.MarketBook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardUpdatesTest
{
    private static final long MS = 1_000_000L;
    private static final long T0 = 5_000 * MS;

    private final MarketBook book = new MarketBook();
    private final MarketView market = new MarketView();
    private final MetricsRegistry metrics = new MetricsRegistry();
    private final AtomicLong trades = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private DashboardUpdates updates;
    private long feedSequence;

    @BeforeEach
    void setUp()
    {
        metrics.counter("dx_trades_total", "trades", trades::get);
        metrics.gauge("dx_engine_applied_sequence", "applied", applied::get);
        metrics.gauge("dx_input_ring_remaining", "free", () -> 1000);
        metrics.gauge("dx_input_ring_slots", "slots", () -> 1024);
        metrics.counter("dx_orders_rejected_total", "rejects", () -> 3, "reason", "price_band");
        metrics.counter("dx_orders_rejected_total", "rejects", () -> 4, "reason", "insufficient_funds");
        final LatencyRecorder journal = metrics.latency("dx_stage_latency_seconds", "stage", "stage", "journal");
        journal.record(20_000);
        final RegistryReader reader = new RegistryReader(metrics);
        updates = new DashboardUpdates(market, () -> MetricsReading.of(reader), () -> 1_700_000_000_123L);
        market.connected();
        market.onFeedState(FeedState.SYNCHRONIZED);
    }

    @Test
    void shouldPutTheBookTheTapeTheInstrumentsAndTheMetricsInTheFirstUpdate()
    {
        add(7, 1, 0, 100, 3);
        add(7, 2, 0, 100, 2);
        add(7, 3, 0, 99, 1);
        add(7, 4, 1, 101, 4);
        market.onTrade(++feedSequence, 42_000_000L, 7, 55, 101, 2, 0);
        final DashboardView view = new DashboardView();

        updates.tick(T0);
        final String update = updates.update(view, T0);

        assertThat(update).startsWith("{\"t\":\"u\",\"time\":1700000000123,")
            .contains("\"feed\":{\"connected\":true,\"state\":\"SYNCHRONIZED\",\"seq\":5}")
            .contains("\"instruments\":[7]")
            .contains("\"book\":{\"i\":7,\"halted\":false,\"last\":101,\"volume\":2,\"trades\":1," +
                "\"bids\":[[100,5,2],[99,1,1]],\"asks\":[[101,4,1]]}")
            .contains("\"tape\":{\"i\":7,\"reset\":true,\"trades\":[[55,42,101,2,\"B\"]]}")
            .contains("\"ring\":{\"in\":[1000,1024]")
            .contains("\"rejects\":{\"insufficient_funds\":4,\"price_band\":3}")
            .contains("\"journal\":[20")
            .contains("\"rate\":{\"commands\":null,\"reports\":null,\"trades\":null,\"md\":null}")
            .doesNotContain("\"cluster\"")
            .endsWith("}");
    }

    @Test
    void shouldShowTheClusterMemberWhenTheRegistryIsAMembers()
    {
        final AtomicLong term = new AtomicLong(3);
        for (final String role : new String[]{"follower", "candidate", "leader"})
        {
            metrics.gauge("dx_cluster_role", "role", () -> role.equals("leader") ? 1 : 0, "member", "2", "role", role);
        }
        metrics.gauge("dx_cluster_member_running", "running", () -> 1, "member", "2");
        metrics.gauge("dx_cluster_election_in_progress", "electing", () -> 0, "member", "2");
        metrics.gauge("dx_cluster_leadership_term_id", "term", term::get, "member", "2");
        metrics.gauge("dx_cluster_commit_position_bytes", "commit", () -> 4096, "member", "2");
        metrics.gauge("dx_cluster_last_snapshot_position_bytes", "snapshot", () -> -1, "member", "2");
        metrics.counter("dx_cluster_elections_total", "elections", () -> 2, "member", "2");
        final DashboardView view = new DashboardView();
        updates.tick(T0);
        assertThat(updates.update(view, T0)).contains("\"cluster\":{\"member\":\"2\",\"role\":\"leader\"," +
            "\"running\":1,\"electing\":0,\"term\":3,\"commit\":4096,\"snapshot\":-1,\"elections\":2," +
            "\"members\":[{\"id\":\"2\",\"role\":\"leader\",\"running\":1,\"reachable\":null,\"electing\":0," +
            "\"term\":3,\"commit\":4096,\"lag\":0,\"snapshot\":-1,\"elections\":2}]}");
        term.set(4);
        updates.tick(T0 + DashboardUpdates.METRICS_INTERVAL_NANOS);
        assertThat(updates.update(view, T0 + DashboardUpdates.METRICS_INTERVAL_NANOS)).contains("\"term\":4,");
    }

    @Test
    void shouldShowTheMembersSideBySideWithTheirLagBehindTheHighestCommitPosition()
    {
        member("0", "leader", 1, 5, 8192);
        member("1", "follower", 1, 5, 6144);
        member("2", "none", 0, 4, 1024);
        final DashboardView view = new DashboardView();
        updates.tick(T0);
        assertThat(updates.update(view, T0)).contains("\"cluster\":{\"member\":\"0,1,2\"," +
            "\"role\":\"leader,follower,none\",\"running\":2,\"electing\":0,\"term\":5,\"commit\":8192," +
            "\"snapshot\":-1,\"elections\":1,\"members\":[" +
            "{\"id\":\"0\",\"role\":\"leader\",\"running\":1,\"reachable\":null,\"electing\":0,\"term\":5," +
            "\"commit\":8192,\"lag\":0," +
            "\"snapshot\":-1,\"elections\":1}," +
            "{\"id\":\"1\",\"role\":\"follower\",\"running\":1,\"reachable\":null,\"electing\":0,\"term\":5," +
            "\"commit\":6144," +
            "\"lag\":2048,\"snapshot\":-1,\"elections\":1}," +
            "{\"id\":\"2\",\"role\":\"none\",\"running\":0,\"reachable\":null,\"electing\":0,\"term\":4," +
            "\"commit\":1024,\"lag\":null," +
            "\"snapshot\":-1,\"elections\":1}]}");
    }

    @Test
    void shouldShowWhetherEachMemberAskedOverTheNetworkAnswered()
    {
        member("0", "leader", 1, 5, 8192);
        member("1", "none", 0, 4, 1024);
        metrics.gauge("dx_cluster_member_reachable", "reachable", () -> 1, "member", "0");
        metrics.gauge("dx_cluster_member_reachable", "reachable", () -> 0, "member", "1");
        final DashboardView view = new DashboardView();
        updates.tick(T0);
        assertThat(updates.update(view, T0)).contains(
            "{\"id\":\"0\",\"role\":\"leader\",\"running\":1,\"reachable\":1,\"electing\":0,\"term\":5,",
            "{\"id\":\"1\",\"role\":\"none\",\"running\":0,\"reachable\":0,\"electing\":0,\"term\":4," +
                "\"commit\":1024,\"lag\":null,");
    }

    @Test
    void shouldShowEveryShardWithItsInstrumentsCommandsPerSecondAndLink()
    {
        final AtomicLong routed0 = new AtomicLong(1_000);
        final AtomicLong moving = new AtomicLong(-1);
        metrics.gauge("dx_shard_instruments", "instruments", () -> 3, "shard", "shard-0");
        metrics.counter("dx_shard_commands_routed_total", "routed", routed0::get, "shard", "shard-0");
        metrics.gauge("dx_shard_link_up", "up", () -> 1, "shard", "shard-0");
        metrics.gauge("dx_shard_instruments", "instruments", () -> 2, "shard", "shard-1");
        metrics.counter("dx_shard_commands_routed_total", "routed", () -> 50, "shard", "shard-1");
        metrics.gauge("dx_shard_link_up", "up", () -> 0, "shard", "shard-1");
        metrics.gauge("dx_shard_routing_version", "version", () -> 4);
        metrics.gauge("dx_shard_moving_instrument", "moving", moving::get);
        metrics.counter("dx_shard_commands_held_total", "held", () -> 7);
        metrics.counter("dx_shard_halted_during_moves_total", "halted", () -> 2);
        final DashboardView view = new DashboardView();
        updates.tick(T0);
        assertThat(updates.update(view, T0)).contains("\"shards\":{\"version\":4,\"moving\":-1,\"held\":7," +
            "\"halted\":2,\"list\":[{\"name\":\"shard-0\",\"instruments\":3,\"rate\":null,\"routed\":1000," +
            "\"link\":1},{\"name\":\"shard-1\",\"instruments\":2,\"rate\":null,\"routed\":50,\"link\":0}]}");
        routed0.set(3_500);
        moving.set(3);
        final long later = T0 + 2 * DashboardUpdates.METRICS_INTERVAL_NANOS;
        updates.tick(later);
        assertThat(updates.update(view, later)).contains("\"moving\":3,")
            .contains("{\"name\":\"shard-0\",\"instruments\":3,\"rate\":1250,\"routed\":3500,\"link\":1}")
            .contains("{\"name\":\"shard-1\",\"instruments\":2,\"rate\":0,\"routed\":50,\"link\":0}");
    }

    private void member(final String id, final String now, final int running, final long term, final long commit)
    {
        for (final String role : new String[]{"follower", "candidate", "leader"})
        {
            metrics.gauge("dx_cluster_role", "role", () -> role.equals(now) ? 1 : 0, "member", id, "role", role);
        }
        metrics.gauge("dx_cluster_member_running", "running", () -> running, "member", id);
        metrics.gauge("dx_cluster_election_in_progress", "electing", () -> 0, "member", id);
        metrics.gauge("dx_cluster_leadership_term_id", "term", () -> term, "member", id);
        metrics.gauge("dx_cluster_commit_position_bytes", "commit", () -> commit, "member", id);
        metrics.gauge("dx_cluster_last_snapshot_position_bytes", "snapshot", () -> -1, "member", id);
        metrics.counter("dx_cluster_elections_total", "elections", () -> 1, "member", id);
    }

    @Test
    void shouldSendOneSecondCandlesOfTheShownInstrumentFromTheNewestOneTheViewHas()
    {
        add(7, 1, 0, 100, 3);
        market.onTrade(++feedSequence, 10_000_000_001L, 7, 1, 100, 2, 0);
        market.onTrade(++feedSequence, 10_500_000_000L, 7, 2, 104, 1, 1);
        market.onTrade(++feedSequence, 10_900_000_000L, 7, 3, 98, 5, 0);
        market.onTrade(++feedSequence, 11_200_000_000L, 7, 4, 101, 3, 0);
        final DashboardView view = new DashboardView();
        updates.tick(T0);
        assertThat(updates.update(view, T0))
            .contains("\"candles\":{\"i\":7,\"reset\":true,\"c\":[[10,100,104,98,98,8],[11,101,101,101,101,3]]}");

        market.onTrade(++feedSequence, 11_700_000_000L, 7, 5, 103, 1, 0);
        market.onTrade(++feedSequence, 12_100_000_000L, 7, 6, 99, 2, 1);
        updates.tick(T0 + 200 * MS);
        assertThat(updates.update(view, T0 + 200 * MS))
            .contains("\"candles\":{\"i\":7,\"reset\":false,\"c\":[[11,101,103,101,103,4],[12,99,99,99,99,2]]}");
    }

    @Test
    void shouldSendOneViewAtMostOneUpdatePerHundredMillisecondsAndOnlyWhenSomethingChanged()
    {
        add(1, 1, 0, 100, 3);
        final DashboardView view = new DashboardView();
        updates.tick(T0);
        assertThat(updates.update(view, T0)).contains("\"bids\":[[100,3,1]]");

        add(1, 2, 0, 102, 1);
        updates.tick(T0 + 50 * MS);
        assertThat(updates.update(view, T0 + 50 * MS)).as("within 100 ms of the last").isNull();
        updates.tick(T0 + 99 * MS);
        assertThat(updates.update(view, T0 + 99 * MS)).as("within 100 ms of the last").isNull();

        updates.tick(T0 + 100 * MS);
        final String changed = updates.update(view, T0 + 100 * MS);
        assertThat(changed).contains("\"bids\":[[102,1,1],[100,3,1]]")
            .contains("\"feed\":{\"connected\":true,\"state\":\"SYNCHRONIZED\",\"seq\":2}")
            .doesNotContain("\"instruments\"").doesNotContain("\"m\":").doesNotContain("\"tape\"");

        updates.tick(T0 + 300 * MS);
        assertThat(updates.update(view, T0 + 300 * MS)).as("nothing changed").isNull();

        updates.tick(T0 + 1000 * MS);
        assertThat(updates.update(view, T0 + 1000 * MS)).as("metrics read again").contains("\"m\":")
            .doesNotContain("\"book\"");
    }

    @Test
    void shouldThrottleEachViewOnItsOwn()
    {
        add(1, 1, 0, 100, 3);
        final DashboardView early = new DashboardView();
        final DashboardView late = new DashboardView();
        updates.tick(T0);
        assertThat(updates.update(early, T0)).isNotNull();
        updates.tick(T0 + 60 * MS);
        assertThat(updates.update(late, T0 + 60 * MS)).as("a new view gets its first update at once").isNotNull();
        add(1, 2, 1, 105, 1);
        updates.tick(T0 + 100 * MS);
        assertThat(updates.update(early, T0 + 100 * MS)).contains("\"asks\":[[105,1,1]]");
        assertThat(updates.update(late, T0 + 100 * MS)).as("40 ms after its last").isNull();
        updates.tick(T0 + 160 * MS);
        assertThat(updates.update(late, T0 + 160 * MS)).contains("\"asks\":[[105,1,1]]");
    }

    @Test
    void shouldComputeRatesPerSecondFromTheCounters()
    {
        final DashboardView view = new DashboardView();
        applied.set(1_000);
        trades.set(10);
        updates.tick(T0);
        updates.update(view, T0);

        applied.set(4_000);
        trades.set(510);
        updates.tick(T0 + 2000 * MS);
        assertThat(updates.update(view, T0 + 2000 * MS)).contains("\"rate\":{\"commands\":1500,\"reports\":null," +
            "\"trades\":250,\"md\":null}");
    }

    @Test
    void shouldCarryOnlyTheNewTradesOfTheShownInstrumentAndResetTheTapeOnASwitch()
    {
        add(1, 1, 0, 100, 3);
        add(2, 2, 0, 200, 3);
        final DashboardView view = new DashboardView();
        view.select(1);
        market.onTrade(++feedSequence, 1_000_000L, 1, 11, 100, 1, 1);
        market.onTrade(++feedSequence, 2_000_000L, 2, 12, 200, 1, 0);
        updates.tick(T0);
        assertThat(updates.update(view, T0))
            .contains("\"tape\":{\"i\":1,\"reset\":true,\"trades\":[[11,1,100,1,\"S\"]]}");

        market.onTrade(++feedSequence, 3_000_000L, 1, 13, 100, 2, 0);
        market.onTrade(++feedSequence, 4_000_000L, 2, 14, 201, 2, 0);
        market.onTrade(++feedSequence, 5_000_000L, 1, 15, 99, 1, 1);
        updates.tick(T0 + 100 * MS);
        assertThat(updates.update(view, T0 + 100 * MS))
            .contains("\"tape\":{\"i\":1,\"reset\":false,\"trades\":[[13,3,100,2,\"B\"],[15,5,99,1,\"S\"]]}");

        view.select(2);
        updates.tick(T0 + 200 * MS);
        assertThat(updates.update(view, T0 + 200 * MS))
            .contains("\"book\":{\"i\":2,")
            .contains("\"tape\":{\"i\":2,\"reset\":true,\"trades\":[[12,2,200,1,\"B\"],[14,4,201,2,\"B\"]]}");
    }

    @Test
    void shouldSayWhenNoFeedFillsTheView()
    {
        final MarketView empty = new MarketView();
        final DashboardUpdates noFeed = new DashboardUpdates(empty,
            () -> MetricsReading.of(new RegistryReader(new MetricsRegistry())), () -> 1L);
        noFeed.tick(T0);
        assertThat(noFeed.update(new DashboardView(), T0)).contains("\"feed\":{\"connected\":false}")
            .contains("\"instruments\":[]").doesNotContain("\"book\"")
            .contains("\"lat\":{\"order_to_report\":[null,null,null]}");
    }

    @Test
    void shouldMarkAHaltedInstrument()
    {
        add(3, 1, 0, 100, 3);
        market.onInstrumentStatus(++feedSequence, book.state(3, 1));
        updates.tick(T0);
        assertThat(updates.update(new DashboardView(), T0)).contains("\"book\":{\"i\":3,\"halted\":true,");
    }

    private void add(final int instrument, final long orderId, final int side, final long price, final long quantity)
    {
        market.onBookChanged(++feedSequence, book.add(instrument, orderId, side, price, quantity));
    }
}
