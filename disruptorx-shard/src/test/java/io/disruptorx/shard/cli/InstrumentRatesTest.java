package io.disruptorx.shard.cli;

import java.net.http.HttpClient;

import io.disruptorx.shard.plan.InstrumentRates;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link InstrumentRates} reads real {@code /metrics} pages over HTTP on loopback, written by the framework's
 * collector, and computes commands per second per instrument from two readings of each.
 */
class InstrumentRatesTest
{
    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldReadTwoPagesTwiceAndComputeRatesPerInstrument() throws Exception
    {
        final HttpClient http = HttpClient.newHttpClient();
        try (MetricsPage zero = MetricsPage.start(true, counts -> { });
            MetricsPage one = MetricsPage.start(true, counts -> { }))
        {
            zero.counts.set(3, 1_000);
            zero.counts.set(5, 40);
            one.counts.set(9, 12_345_678);
            final InstrumentRates.Reading first0 = InstrumentRates.read(http, zero.url(), "shard-0");
            final InstrumentRates.Reading first1 = InstrumentRates.read(http, one.url(), "shard-1");
            assertThat(first0.counts()).containsOnlyKeys("shard-0");
            assertThat(first0.counts().get("shard-0")).containsEntry(3, 1_000L).containsEntry(5, 40L).hasSize(2);
            assertThat(first1.counts().get("shard-1")).as("a count the page writes as 1.2345678E7")
                .containsEntry(9, 12_345_678L);

            zero.counts.set(3, 5_000);
            zero.counts.set(7, 10);
            one.counts.set(9, 12_345_678 + 600);
            final InstrumentRates.Reading second0 = InstrumentRates.read(http, zero.url(), "shard-0");
            final InstrumentRates.Reading second1 = InstrumentRates.read(http, one.url(), "shard-1");
            assertThat(second0.nanos()).isGreaterThan(first0.nanos());

            final InstrumentRates.Rates rates = InstrumentRates.rates(
                new InstrumentRates.Reading[]{at(first0, 0), at(first1, 0)},
                new InstrumentRates.Reading[]{at(second0, 2 * SECOND), at(second1, 3 * SECOND)});
            assertThat(rates.rates()).containsEntry(3, 2_000L).containsEntry(5, 0L).containsEntry(7, 5L)
                .containsEntry(9, 200L).hasSize(4);
            assertThat(rates.shardOf()).containsEntry(3, "shard-0").containsEntry(7, "shard-0")
                .containsEntry(9, "shard-1").doesNotContainKey(5);
            assertThat(rates.seconds()).isEqualTo(2.0);

            final InstrumentRates.Rates measured = InstrumentRates.rates(
                new InstrumentRates.Reading[]{first0}, new InstrumentRates.Reading[]{second0});
            assertThat(measured.rates().get(3)).as("4,000 commands over the real time between the readings")
                .isEqualTo(Math.round(4_000 / ((second0.nanos() - first0.nanos()) / 1e9)));
        }
    }

    @Test
    void shouldTellTheShardsOfOnePageApartByTheirLabel() throws Exception
    {
        final HttpClient http = HttpClient.newHttpClient();
        try (MetricsPage a = MetricsPage.start(true, counts -> { }, "shard", "shard-1"))
        {
            a.counts.set(4, 8);
            final InstrumentRates.Reading reading = InstrumentRates.read(http, a.url(), "shard-0");
            assertThat(reading.counts()).containsOnlyKeys("shard-1");
            assertThat(reading.counts().get("shard-1")).containsEntry(4, 8L);
        }
    }

    @Test
    void shouldRefuseAPageWithoutTheCountersAndAnInstrumentCountedOnTwoShards() throws Exception
    {
        final HttpClient http = HttpClient.newHttpClient();
        try (MetricsPage other = MetricsPage.start(false, counts -> { });
            MetricsPage zero = MetricsPage.start(true, counts -> counts.addAndGet(6, 10));
            MetricsPage one = MetricsPage.start(true, counts -> counts.addAndGet(6, 10)))
        {
            assertThatThrownBy(() -> InstrumentRates.read(http, other.url(), "shard-0"))
                .isInstanceOf(InstrumentRates.MetricsException.class)
                .hasMessageContaining(other.url() + " carries neither dx_instrument_commands_total nor " +
                    "dx_instrument_commands_limit");
            final InstrumentRates.Reading[] first = {
                InstrumentRates.read(http, zero.url(), "shard-0"), InstrumentRates.read(http, one.url(), "shard-1")};
            final InstrumentRates.Reading[] second = {
                InstrumentRates.read(http, zero.url(), "shard-0"), InstrumentRates.read(http, one.url(), "shard-1")};
            assertThatThrownBy(() -> InstrumentRates.rates(first, second))
                .isInstanceOf(InstrumentRates.MetricsException.class)
                .hasMessageContaining("instrument 6 was counted on shard-0 and on shard-1 in the same window");
        }
    }

    private static InstrumentRates.Reading at(final InstrumentRates.Reading reading, final long nanos)
    {
        return new InstrumentRates.Reading(reading.counts(), nanos);
    }
}
