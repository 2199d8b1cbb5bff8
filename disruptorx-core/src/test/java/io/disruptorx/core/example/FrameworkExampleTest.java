package io.disruptorx.core.example;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

class FrameworkExampleTest
{
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRunTheDocumentedExampleEndToEnd() throws Exception
    {
        final FrameworkExample.Outcome outcome = FrameworkExample.run(2_000);
        assertThat(outcome.published()).isEqualTo(2_000);
        assertThat(outcome.accepted()).isEqualTo(2_000);
        assertThat(outcome.ringSize()).as("environment override of bus.ring-size").isEqualTo(2048);
        assertThat(outcome.shardOfFirst()).startsWith("shard-");
        assertThat(outcome.scrape())
            .contains("dx_workflow_step_latency_seconds_count{partition=\"0\",step=\"risk\",")
            .contains("dx_traded_volume_total{instrument=\"BTC-USD\"}")
            .contains("dx_bus_published_total{topic=\"orders\"} 2000.0");
    }
}
