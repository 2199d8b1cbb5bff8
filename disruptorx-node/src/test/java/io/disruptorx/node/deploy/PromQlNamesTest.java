package io.disruptorx.node.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlNamesTest
{
    @Test
    void shouldFindTheMetricsButNotFunctionsLabelsRangesNumbersOrVariables()
    {
        assertThat(PromQlNames.of("sum by (reason) (rate(dx_orders_rejected_total{instance=~\"$instance\"}[1m]))"))
            .containsExactly("dx_orders_rejected_total");
        assertThat(PromQlNames.of("max by (job) (dx_a_bytes) - on (job) group_right dx_b_bytes{member=~\"$m\"} " +
            "> 16777216")).containsExactly("dx_a_bytes", "dx_b_bytes");
        assertThat(PromQlNames.of("dx:x:p99_1m > 1e-3 and dx_y_total > 0.2 * dx:z:rate1m"))
            .containsExactly("dx:x:p99_1m", "dx:z:rate1m", "dx_y_total");
        assertThat(PromQlNames.of(
            "histogram_quantile(0.99, sum by (le) (rate(dx_l_seconds_bucket[$__rate_interval])))"))
            .containsExactly("dx_l_seconds_bucket");
        assertThat(PromQlNames.ofVariableQuery("label_values(dx_journal_failed, instance)"))
            .containsExactly("dx_journal_failed");
    }
}
