package io.disruptorx.node.cluster;

import com.typesafe.config.ConfigFactory;
import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.node.embedded.TracingConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code cluster-gateway} section of {@code dx cluster-gateway}'s file, its tracing included: off by default,
 * a sample ratio, endpoint and service name as the file says, and a ratio outside [0, 1] refused with its key.
 */
class ClusterGatewaySettingsTest
{
    @Test
    void shouldReadTheGatewaysTracing()
    {
        final ClusterGatewayCommand.Settings plain = ClusterGatewayCommand.Settings.bind(ConfigFactory.parseString(
            "cluster-gateway { gateway-id = 7, ingress = \"0=localhost:21000\" }"), "plain.conf");
        assertThat(plain.gatewayId()).isEqualTo(7);
        assertThat(plain.tracing())
            .isEqualTo(new TracingConfig(0, "http://localhost:4318/v1/traces", "dx-cluster-gateway"));

        final ClusterGatewayCommand.Settings traced = ClusterGatewayCommand.Settings.bind(ConfigFactory.parseString(
            "cluster-gateway { ingress = \"0=localhost:21000\", tracing { sample-ratio = 0.01, " +
            "otlp-endpoint = \"http://collector:4318/v1/traces\", service-name = gw-7 } }"), "traced.conf");
        assertThat(traced.tracing())
            .isEqualTo(new TracingConfig(0.01, "http://collector:4318/v1/traces", "gw-7"));
        assertThat(traced.tracing().enabled()).isTrue();
    }

    @Test
    void shouldRefuseARatioOutsideZeroToOneAndUnknownTracingKeys()
    {
        assertThatThrownBy(() -> ClusterGatewayCommand.Settings.bind(ConfigFactory.parseString(
            "cluster-gateway { ingress = \"0=localhost:21000\", tracing.sample-ratio = 2 }"), "bad.conf"))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("cluster-gateway.tracing.sample-ratio is in [0, 1], was 2.0");
        assertThatThrownBy(() -> ClusterGatewayCommand.Settings.bind(ConfigFactory.parseString(
            "cluster-gateway { ingress = \"0=localhost:21000\", tracing.sample = 0.5 }"), "bad.conf"))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("cluster-gateway.tracing.sample");
    }
}
