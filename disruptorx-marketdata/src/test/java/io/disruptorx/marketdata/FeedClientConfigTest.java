package io.disruptorx.marketdata;

import io.disruptorx.marketdata.client.FeedClientConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedClientConfigTest
{
    @Test
    void shouldBuildTheDocumentedDefaults()
    {
        final FeedClientConfig config = FeedClientConfig.builder().seed(7).build();

        assertThat(config.session()).isEqualTo("DXFEED");
        assertThat(config.startSequence()).isEqualTo(1);
        assertThat(config.lineWaitNanos()).isEqualTo(1_000_000);
        assertThat(config.initialBackoffNanos()).isEqualTo(5_000_000);
        assertThat(config.maxBackoffNanos()).isEqualTo(200_000_000);
        assertThat(config.maxRequestAttempts()).isEqualTo(6);
        assertThat(config.maxRequestCount()).isEqualTo(4096);
        assertThat(config.seed()).isEqualTo(7);
    }

    @Test
    void shouldNameTheSettingThatIsOutOfRange()
    {
        assertThatThrownBy(() -> FeedClientConfig.builder().maxRequestCount(70_000).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxRequestCount:");
        assertThatThrownBy(() -> FeedClientConfig.builder().backoff(10, 5).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxBackoffNanos:");
        assertThatThrownBy(() -> FeedClientConfig.builder().startSequence(0).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("startSequence:");
        assertThatThrownBy(() -> FeedClientConfig.builder().lineWait(-1, 0).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("lineWaitNanos:");
    }
}
